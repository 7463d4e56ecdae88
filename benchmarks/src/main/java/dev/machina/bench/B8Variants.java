package dev.machina.bench;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * B8's profiling harness: javac in process on {@link B8CompileTime}'s source set, several
 * variants compiled in turn within each round (interleaved, one JVM), reporting the main
 * thread's CPU time per variant (median and best round) and its ratio to the first variant.
 * A variant is {@code plain} ({@code -proc:none}), {@code proc=<processor path>}, or
 * {@code gen=<dir>}: the sources plus the {@code .java} files under dir with {@code -proc:none}
 * (to measure what generated code, as written or edited by hand, costs javac).
 * {@code java -cp benchmarks.jar dev.machina.bench.B8Variants rounds warmup variant...}
 */
public final class B8Variants {
  private B8Variants() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    List<String> variants = List.of(args).subList(2, args.length);
    String classPath = B8CompileTime.runtimeClassPath();
    Path work = Files.createTempDirectory("machina-b8v");
    try {
      List<File> sources = B8CompileTime.writeSources(work.resolve("src"));
      run(rounds, warmup, variants, sources, classPath, work);
    } finally {
      B8CompileTime.deleteRecursively(work);
    }
  }

  private static void run(
      int rounds, int warmup, List<String> variants, List<File> sources, String classPath, Path work)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cpu = new long[variants.size()][rounds];
    for (int r = -warmup; r < rounds; r++) {
      for (int v = 0; v < variants.size(); v++) {
        Path out = Files.createDirectories(work.resolve("out" + v + "_" + (r + warmup)));
        long before = threads.getCurrentThreadCpuTime();
        compile(javac, variants.get(v), sources, classPath, out);
        long spent = threads.getCurrentThreadCpuTime() - before;
        if (r >= 0) {
          cpu[v][r] = spent;
        }
      }
    }
    long[] base = sorted(cpu[0]);
    for (int v = 0; v < variants.size(); v++) {
      long[] s = sorted(cpu[v]);
      System.out.printf(
          "B8 %s: CPU median %.1f ms, best %.1f ms; ratio to %s median %.2f, best %.2f%n",
          variants.get(v), s[rounds / 2] / 1e6, s[0] / 1e6, variants.get(0),
          (double) s[rounds / 2] / base[rounds / 2], (double) s[0] / base[0]);
    }
  }

  private static void compile(
      JavaCompiler javac, String variant, List<File> sources, String classPath, Path out)
      throws IOException {
    List<String> options =
        new ArrayList<>(
            List.of("--release", "17", "-classpath", classPath, "-d", out.toString(),
                "-s", out.toString(), "-implicit:class", "-Xlint:none", "-nowarn"));
    List<File> files = new ArrayList<>(sources);
    if (variant.equals("plain")) {
      options.add("-proc:none");
    } else if (variant.startsWith("proc=")) {
      options.addAll(List.of("-processorpath", variant.substring("proc=".length())));
    } else if (variant.startsWith("gen=")) {
      options.add("-proc:none");
      try (Stream<Path> generated = Files.walk(Path.of(variant.substring("gen=".length())))) {
        generated.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toFile()));
      }
    } else {
      throw new IllegalArgumentException("unknown variant " + variant);
    }
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      if (!javac.getTask(diagnostics, fm, null, options, null, fm.getJavaFileObjectsFromFiles(files)).call()) {
        throw new IllegalStateException("javac failed for " + variant + ":\n" + diagnostics);
      }
    }
  }

  private static long[] sorted(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s;
  }
}
