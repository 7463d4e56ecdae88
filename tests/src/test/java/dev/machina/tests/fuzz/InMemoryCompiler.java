package dev.machina.tests.fuzz;

import dev.machina.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles sources held in memory with the system javac, optionally with the Machina processor
 * (found on the test class path), into a temporary directory, and loads the result with a fresh
 * class loader.
 */
final class InMemoryCompiler {
  /** What one javac run produced. */
  static final class Result implements AutoCloseable {
    final boolean success;
    final List<Diagnostic<? extends JavaFileObject>> diagnostics;
    /** The exception javac let escape (an annotation processor crash), or null. */
    final Throwable crash;
    final Path dir;
    private URLClassLoader loader;

    Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Throwable crash, Path dir) {
      this.success = success;
      this.diagnostics = diagnostics;
      this.crash = crash;
      this.dir = dir;
    }

    /** The errors, one per line, with the file, line and message. */
    String errors() {
      StringBuilder sb = new StringBuilder();
      if (crash != null) {
        java.io.StringWriter w = new java.io.StringWriter();
        crash.printStackTrace(new java.io.PrintWriter(w));
        sb.append("javac threw: ").append(w).append('\n');
      }
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        if (d.getKind() == Diagnostic.Kind.ERROR || !success) {
          sb.append(d.getSource() == null ? "?" : d.getSource().getName()).append(':')
              .append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
        }
      }
      return sb.toString();
    }

    Class<?> load(String name) throws ClassNotFoundException {
      if (loader == null) {
        try {
          loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
              InMemoryCompiler.class.getClassLoader());
          // Surefire enables assertions on its own class loader, not through -ea, so a fresh
          // loader would run the programs' asserts (and the machines' ASSERTIONS flags) disabled.
          loader.setDefaultAssertionStatus(true);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return loader.loadClass(name);
    }

    @Override
    public void close() throws IOException {
      if (loader != null) {
        loader.close();
      }
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private InMemoryCompiler() {}

  /** The Machina processor, newly made, or null when it is not on the class path. */
  static Processor machinaProcessor() {
    for (Processor p : ServiceLoader.load(Processor.class, InMemoryCompiler.class.getClassLoader())) {
      if (p.getClass().getName().startsWith("dev.machina.")) {
        return p;
      }
    }
    return null;
  }

  /** Compiles {@code sources} (path to text) with the processor if {@code withProcessor}. */
  static Result compile(Map<String, String> sources, boolean withProcessor) throws IOException {
    return compile(sources, withProcessor, 17);
  }

  /** Compiles {@code sources} with {@code --release release} (21 needs a javac of 21+). */
  static Result compile(Map<String, String> sources, boolean withProcessor, int release)
      throws IOException {
    Path dir = Files.createTempDirectory("machina-fuzz");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
      fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      fm.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      fm.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(where(Future.class), where(Env.class)));
      List<JavaFileObject> units = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        units.add(new Source(e.getKey(), e.getValue()));
      }
      List<String> options = new ArrayList<>(List.of("--release", String.valueOf(release), "-nowarn", "-Xlint:none", "-Xmaxerrs", "10000"));
      if (!withProcessor) {
        options.add("-proc:none");
      }
      JavaCompiler.CompilationTask task = javac.getTask(null, fm, diags, options, null, units);
      if (withProcessor) {
        Processor p = machinaProcessor();
        if (p == null) {
          throw new IllegalStateException("the Machina processor is not on the test class path");
        }
        task.setProcessors(List.of(p));
      }
      boolean ok;
      Throwable crash = null;
      try {
        ok = task.call();
      } catch (RuntimeException | Error e) {
        ok = false;
        crash = e;
      }
      return new Result(ok, diags.getDiagnostics(), crash, dir);
    }
  }

  private static Path where(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
