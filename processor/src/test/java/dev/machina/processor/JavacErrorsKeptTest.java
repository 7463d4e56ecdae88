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

  /**
   * A method that did not compile gets a factory that throws, so code calling the factories adds
   * no "cannot find symbol" of its own; a typo no later round can supply no longer holds back the
   * whole class until the last round, where nothing can be generated.
   */
  @Test
  void methodsThatDidNotCompileKeepTheirFactoriesSoCallersAddNoErrors() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Broken",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Base { int x() { return 1; } }
            class Broken extends Base {
              private static class Hidden { int v() { return 1; } }
              @Async Future<Integer> sup(Future<Integer> f) { return Future.ready(await(f) + new Hidden() {}.v()); }
              @Async static Future<Integer> typo(Future<Integer> f) { return Future.ready(await(f) + typoVar); }
              @Async static Future<Integer> fine(Future<Integer> f) { return Future.ready(await(f) + await(typo(f))); }
            }
            """);
    JavaFileObject caller =
        JavaFileObjects.forSourceString(
            "p.Caller",
            """
            package p;
            class Caller {
              Object a() { return BrokenAsync.sup(new Broken(), null); }
              Object b() { return BrokenAsync.typo(null); }
              Object c() { return BrokenAsync.fine(null); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src, caller);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("the generated class cannot subclass the private class Hidden: make it package-private").inFile(src).onLineContaining("new Hidden()");
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("typoVar");
  }

  /** The body named its own generated class: deferred for it, the class was never generated. */
  @Test
  void aBodyNamingItsOwnGeneratedClassIsAnErrorOnTheName() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Self",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Self {
              @Async Future<Integer> one(Future<Integer> f) { return Future.ready(await(f) + 1); }
              @Async static Future<Integer> all(Future<Integer> f) {
                return Future.ready(await(SelfAsync.one(new Self(), f)) * 2);
              }
              static Object use() { return SelfAsync.all(Future.ready(1)); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("the @Async body names SelfAsync, which Machina generates from this very class")
        .inFile(src)
        .onLineContaining("await(SelfAsync.one(");
  }

  /** Each class waited a round for the other's generated class: neither was generated. */
  @Test
  void asyncBodiesNamingEachOthersGeneratedClassesAreErrorsNamingTheFix() {
    JavaFileObject a =
        JavaFileObjects.forSourceString(
            "p.A",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class A {
              @Async static Future<Integer> a(Future<Integer> f) { return Future.ready(await(f) + 1); }
              @Async static Future<Integer> useB(Future<Integer> f) { return Future.ready(await(BAsync.b(f)) * 2); }
            }
            """);
    JavaFileObject b =
        JavaFileObjects.forSourceString(
            "p.B",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class B {
              @Async static Future<Integer> b(Future<Integer> f) { return Future.ready(await(f) + 10); }
              @Async static Future<Integer> useA(Future<Integer> f) { return Future.ready(await(AAsync.a(f)) * 3); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(a, b);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("BAsync is generated from the @Async methods of B, whose class waits")
        .inFile(a)
        .onLineContaining("await(BAsync.b(f))");
    assertThat(c)
        .hadErrorContaining("call the @Async method of A directly")
        .inFile(b)
        .onLineContaining("await(AAsync.a(f))");
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
              private static class Hidden { int v() { return 1; } }
              @Async Future<Integer> f(int x) { return Future.ready(await(Future.ready(x)) + new Hidden() {}.v()); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src, OTHER);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("the generated class cannot subclass the private class Hidden: make it package-private").inFile(src).onLineContaining("new Hidden()");
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(OTHER).onLineContaining("undefinedMethod");
    assertThat(c).hadErrorContaining("incompatible types").inFile(OTHER).onLineContaining("int typed()");
  }
}
