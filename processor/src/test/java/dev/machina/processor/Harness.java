package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.machina.Context;
import dev.machina.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.tools.JavaFileObject;

/** Compiles @Async sources in memory with the processor, loads them and drives their futures. */
final class Harness {
  private final Compilation compilation;
  private final ClassLoader loader;

  private Harness(Compilation compilation, Compilation... later) {
    this.compilation = compilation;
    Map<String, byte[]> classes = new HashMap<>();
    java.util.List<JavaFileObject> files = new java.util.ArrayList<>(compilation.generatedFiles());
    for (Compilation c : later) {
      files.addAll(c.generatedFiles());
    }
    for (JavaFileObject f : files) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String name = f.toUri().getPath();
        name = name.substring(name.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
        name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    this.loader =
        new ClassLoader(Harness.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
          }
        };
  }

  /** Compiles {@code sources} (each a full compilation unit) and asserts success. */
  static Harness compile(String... sources) {
    Compilation c = compileRaw(sources);
    assertThat(c).succeeded();
    return new Harness(c);
  }

  /** Compiles {@code sources} with javac {@code options} added, and asserts success. */
  static Harness compileWith(java.util.List<String> options, String... sources) {
    Compilation c = compileRaw(options, sources);
    assertThat(c).succeeded();
    return new Harness(c);
  }

  /**
   * The classes of {@code first}, with those {@code recompiled} compiled again replaced: separate
   * compilation, as when a library changes after the code using it was compiled.
   */
  static Harness recompiled(Compilation first, Compilation recompiled) {
    assertThat(first).succeeded();
    assertThat(recompiled).succeeded();
    return new Harness(first, recompiled);
  }

  static Compilation compileRaw(String... sources) {
    return compileRaw(java.util.List.of(), sources);
  }

  static Compilation compileRaw(java.util.List<String> options, String... sources) {
    JavaFileObject[] files = new JavaFileObject[sources.length];
    for (int i = 0; i < sources.length; i++) {
      files[i] = JavaFileObjects.forSourceString(className(sources[i]), sources[i]);
    }
    java.util.List<String> all = new java.util.ArrayList<>(options);
    all.addAll(java.util.List.of("-Xlint:all,-processing", "-Werror"));
    return javac().withProcessors(new AsyncProcessor()).withOptions(all).compile(files);
  }

  static String className(String source) {
    java.util.regex.Matcher pkg = java.util.regex.Pattern.compile("package\\s+([\\w.]+);").matcher(source);
    java.util.regex.Matcher cls =
        java.util.regex.Pattern.compile("(?:class|interface|record|enum)\\s+(\\w+)").matcher(source);
    cls.find();
    return (pkg.find() ? pkg.group(1) + "." : "") + cls.group(1);
  }

  Compilation compilation() {
    return compilation;
  }

  /** The generated source of {@code className}. */
  String source(String className) {
    try {
      return compilation
          .generatedSourceFile(className)
          .orElseThrow(() -> new AssertionError("no generated " + className))
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Class<?> load(String name) {
    try {
      return loader.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls the static method {@code name} of {@code className} (first one with that name). */
  Object call(String className, String name, Object... args) throws Throwable {
    for (Method m : load(className).getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  /** Creates an instance through the no-argument constructor. */
  Object instance(String className) throws Exception {
    var c = load(className).getDeclaredConstructor();
    c.setAccessible(true);
    return c.newInstance();
  }

  /** Calls the factory and drives the future to completion on this thread. */
  Object run(String className, String name, Object... args) throws Throwable {
    return block((Future<?>) call(className, name, args));
  }

  /** Polls {@code f} until it completes, parking between wakes. */
  static Object block(Future<?> f) throws Throwable {
    Semaphore woken = new Semaphore(0);
    Context cx = Context.of(woken::release);
    for (;;) {
      cx.resetBudget();
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        return r;
      }
      woken.acquire();
    }
  }
}
