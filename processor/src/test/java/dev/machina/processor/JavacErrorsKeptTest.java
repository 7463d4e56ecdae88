package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * javac's own errors all survive the processor: an error raised while it attributes a class with
 * {@code @Async} methods (or one of its own) must not hide the unresolved names of the compilation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavacErrorsKeptTest {
  private static final JavaFileObject OTHER =
      JavaFileObjects.forSourceString(
          "p.Other",
          """
          package p;
          class Other {
            void broken() { undefinedMethod(); }
            int typed() { return "s"; }
          }
          """);

  @Test
  void aTypeErrorInAnAsyncClassHidesNoOtherError() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.A",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class A {
              @Async static Future<Integer> f(int x) { return Future.ready(await(Future.ready(x))); }
              void alsoBroken() { undefinedToo(); }
              int bad() { return "s"; }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src, OTHER);
    assertThat(c).hadErrorCount(4);
    assertThat(c).hadErrorContaining("incompatible types").inFile(src).onLineContaining("int bad()");
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("undefinedToo");
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(OTHER).onLineContaining("undefinedMethod");
    assertThat(c).hadErrorContaining("incompatible types").inFile(OTHER).onLineContaining("int typed()");
  }

  /**
   * A class deferred for an unresolved name: in the last round its body was read unattributed,
   * looked complete, and a broken state machine was written there (with javac's warning that a
   * file created in the last round is not processed).
   */
  @Test
  void aBodyWithAnUnresolvedAwaitIsNotGenerated() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.NoImport",
            """
            package p;
            import dev.machina.*;
            class NoImport {
              @Async static Future<Integer> f(Future<Integer> x) {
                int y = await(x);
                return Future.ready(y);
              }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("await(x)");
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void aMachinaErrorHidesNoJavacError() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.B",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Base { int x() { return 1; } }
            class B extends Base {
              @Async Future<Integer> f(int x) { return Future.ready(await(Future.ready(x)) + super.x()); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src, OTHER);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("super.x(...) cannot be used").inFile(src).onLineContaining("super.x()");
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(OTHER).onLineContaining("undefinedMethod");
    assertThat(c).hadErrorContaining("incompatible types").inFile(OTHER).onLineContaining("int typed()");
  }
}
