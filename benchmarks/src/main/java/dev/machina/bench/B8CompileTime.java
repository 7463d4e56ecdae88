package dev.machina.bench;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * B8 compile time: javac (in process, as Maven runs it) on a generated source set with
 * {@value #CLASSES} x {@value #METHODS_PER_CLASS} {@code @Async} methods, with the Machina
 * processor on, against a plain compile of the same sources with {@code -proc:none}; alternating
 * rounds after a warm-up, medians reported. Besides wall time it reports the main thread's CPU
 * time (median and best round): javac runs on the calling thread, and its CPU time does not count
 * the waits that other processes' load adds to wall time.
 * {@code java -cp benchmarks.jar dev.machina.bench.B8CompileTime benchmarks/target/b8-processor [rounds]}
 */
public final class B8CompileTime {
  static final int CLASSES = 20;
  static final int METHODS_PER_CLASS = 10;
  private static final int WARMUP_ROUNDS = 2;

  private B8CompileTime() {}

  public static void main(String[] args) throws Exception {
    Path processorDir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/b8-processor");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String processorPath = jarsIn(processorDir);
    String classPath = runtimeClassPath();
    Path work = Files.createTempDirectory("machina-b8");
    try {
      List<File> sources = writeSources(work.resolve("src"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] on = new long[rounds];
      long[] off = new long[rounds];
      long[] cpuOn = new long[rounds];
      long[] cpuOff = new long[rounds];
      int generated = 0;
      for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
        Path outOn = Files.createDirectories(work.resolve("on" + r));
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        compile(javac, sources, classPath, outOn, List.of("-processorpath", processorPath));
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        Path outOff = Files.createDirectories(work.resolve("off" + r));
        compile(javac, sources, classPath, outOff, List.of("-proc:none"));
        long t2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        if (r >= 0) {
          on[r] = t1 - t0;
          off[r] = t2 - t1;
          cpuOn[r] = c1 - c0;
          cpuOff[r] = c2 - c1;
        }
        generated = countGenerated(outOn);
      }
      double medianOn = median(on) / 1e6;
      double medianOff = median(off) / 1e6;
      System.out.printf(
          "B8 compile-time asyncMethods=%d generatedSources=%d processorOn=%.0fms plain=%.0fms"
              + " ratio=%.2f rounds=%d jdk=%s%n",
          CLASSES * METHODS_PER_CLASS,
          generated,
          medianOn,
          medianOff,
          medianOn / medianOff,
          rounds,
          System.getProperty("java.version"));
      System.out.printf(
          "B8 main-thread CPU: processorOn median=%.0fms best=%.0fms, plain median=%.0fms best=%.0fms,"
              + " ratio median=%.2f best=%.2f%n",
          median(cpuOn) / 1e6,
          min(cpuOn) / 1e6,
          median(cpuOff) / 1e6,
          min(cpuOff) / 1e6,
          median(cpuOn) / median(cpuOff),
          (double) min(cpuOn) / min(cpuOff));
      if (generated == 0) {
        System.out.println("B8 WARNING: the processor generated nothing; the ratio is meaningless");
      }
    } finally {
      deleteRecursively(work);
    }
  }

  static void compile(
      JavaCompiler javac, List<File> sources, String classPath, Path out, List<String> extra)
      throws IOException {
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "--release", "17", "-classpath", classPath, "-d", out.toString(),
            "-s", out.toString(), "-implicit:class", "-Xlint:none", "-nowarn"));
    options.addAll(extra);
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(sources);
      if (!javac.getTask(diagnostics, files, null, options, null, units).call()) {
        throw new IllegalStateException("javac failed " + extra + ":\n" + diagnostics);
      }
    }
  }

  /** Writes the source set: classes whose @Async methods await each other in loops and try blocks. */
  static List<File> writeSources(Path dir) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("gen"));
    List<File> files = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      StringBuilder s = new StringBuilder();
      s.append("package gen;\n\n")
          .append("import dev.machina.Async;\n")
          .append("import dev.machina.Future;\n")
          .append("import static dev.machina.Await.await;\n\n")
          .append("public class Service").append(c).append(" {\n")
          .append("  private int calls;\n\n");
      for (int m = 0; m < METHODS_PER_CLASS; m++) {
        String inner = m == 0 ? "Future.ready(i * 2)" : "step" + (m - 1) + "(i, label)";
        s.append("  @Async\n")
            .append("  Future<Integer> step").append(m).append("(int n, String label) {\n")
            .append("    int total = 0;\n")
            .append("    for (int i = 0; i < n; i++) {\n")
            .append("      int v = await(").append(inner).append(");\n")
            .append("      if (v % 3 == 0) {\n")
            .append("        total += v;\n")
            .append("        continue;\n")
            .append("      }\n")
            .append("      try {\n")
            .append("        total -= await(Future.ready(v + calls));\n")
            .append("      } finally {\n")
            .append("        calls++;\n")
            .append("      }\n")
            .append("    }\n")
            .append("    String text = label + total;\n")
            .append("    return Future.ready(text.length() + total);\n")
            .append("  }\n\n");
      }
      s.append("}\n");
      Path file = pkg.resolve("Service" + c + ".java");
      Files.writeString(file, s);
      files.add(file.toFile());
    }
    return files;
  }

  /** The class path the B8 sources compile against: the jar or directory holding the runtime. */
  static String runtimeClassPath() throws URISyntaxException {
    return Path.of(dev.machina.Future.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  static String jarsIn(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      String path =
          entries
              .filter(p -> p.toString().endsWith(".jar"))
              .map(Path::toString)
              .sorted()
              .collect(Collectors.joining(File.pathSeparator));
      if (path.isEmpty()) {
        throw new IllegalArgumentException("no processor jars in " + dir);
      }
      return path;
    }
  }

  static int countGenerated(Path out) throws IOException {
    try (Stream<Path> entries = Files.walk(out)) {
      return (int) entries.filter(p -> p.toString().endsWith("Async.java")).count();
    }
  }

  static long min(long[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> entries = Files.walk(dir)) {
      entries.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
