package dev.machina.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * B8 as a build sees it: each compile of {@link B8CompileTime}'s source set runs in a fresh JVM
 * that calls javac in process once (what Maven's compiler plugin does for a module), processor on
 * and plain ({@code -proc:none}) alternated. Reports, as medians over the rounds, the wall time of
 * the javac call and the whole process's CPU time (JIT and GC threads included), and their
 * ratios. Unlike {@link B8CompileTime}, whose warm rounds run javac compiled by the JIT while
 * every compile loads and interprets the processor afresh, here javac and the processor start
 * equally cold.
 * {@code java -cp benchmarks.jar dev.machina.bench.B8ColdCompile benchmarks/target/b8-processor [rounds]}
 */
public final class B8ColdCompile {
  private static final String RESULT = "B8COLD ";

  private B8ColdCompile() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    Path processorDir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/b8-processor");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String processorPath = B8CompileTime.jarsIn(processorDir);
    Path work = Files.createTempDirectory("machina-b8cold");
    try {
      Path sources = work.resolve("src");
      B8CompileTime.writeSources(sources);
      long[] wallOn = new long[rounds];
      long[] wallOff = new long[rounds];
      long[] cpuOn = new long[rounds];
      long[] cpuOff = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        long[] on = compileInFreshJvm(sources, work.resolve("on" + r), processorPath);
        long[] off = compileInFreshJvm(sources, work.resolve("off" + r), null);
        wallOn[r] = on[0];
        cpuOn[r] = on[1];
        wallOff[r] = off[0];
        cpuOff[r] = off[1];
      }
      System.out.printf(
          "B8 cold (fresh JVM per compile, %d rounds): javac wall processorOn=%.0fms plain=%.0fms"
              + " ratio=%.2f; process CPU processorOn=%.0fms plain=%.0fms ratio=%.2f jdk=%s%n",
          rounds,
          B8CompileTime.median(wallOn) / 1e6,
          B8CompileTime.median(wallOff) / 1e6,
          B8CompileTime.median(wallOn) / B8CompileTime.median(wallOff),
          B8CompileTime.median(cpuOn) / 1e6,
          B8CompileTime.median(cpuOff) / 1e6,
          B8CompileTime.median(cpuOn) / B8CompileTime.median(cpuOff),
          System.getProperty("java.version"));
    } finally {
      B8CompileTime.deleteRecursively(work);
    }
  }

  /**
   * Compiles in a new JVM (this one's launcher and class path); returns the wall time of its javac
   * call and its process CPU time, both in ns. A null {@code processorPath} compiles plain.
   */
  private static long[] compileInFreshJvm(Path sources, Path out, String processorPath)
      throws IOException, InterruptedException {
    Files.createDirectories(out);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java, "-cp", System.getProperty("java.class.path"), B8ColdCompile.class.getName(),
                "child", sources.toString(), out.toString(),
                processorPath == null ? "-" : processorPath));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith(RESULT)) {
          result = line.substring(RESULT.length());
        } else {
          output.append(line).append('\n');
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException("the compile JVM failed (exit " + exit + "):\n" + output);
    }
    String[] parts = result.trim().split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  /** In the fresh JVM: one javac call, then the result line. */
  private static void child(String[] args) throws Exception {
    Path sources = Path.of(args[1]);
    Path out = Path.of(args[2]);
    List<String> extra =
        args[3].equals("-") ? List.of("-proc:none") : List.of("-processorpath", args[3]);
    List<File> files;
    try (Stream<Path> entries = Files.walk(sources)) {
      files =
          entries
              .filter(f -> f.toString().endsWith(".java"))
              .map(Path::toFile)
              .collect(Collectors.toList());
    }
    String classPath = B8CompileTime.runtimeClassPath();
    long start = System.nanoTime();
    B8CompileTime.compile(ToolProvider.getSystemJavaCompiler(), files, classPath, out, extra);
    long wall = System.nanoTime() - start;
    long cpu =
        ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.println(RESULT + wall + " " + cpu);
  }
}
