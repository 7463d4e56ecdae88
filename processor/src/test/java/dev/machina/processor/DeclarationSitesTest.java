package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Declarations whose generated factories cannot stand as written get an error on the user's line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeclarationSitesTest {
  @Test
  void aMethodTypeVariableHidingTheClassOnesIsAnErrorOnIt() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Box",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Box<T> {
              @Async <T> Future<T> hides(Future<T> f) { return Future.ready(await(f)); }
              @Async <R> Future<R> fine(Future<R> f) { return Future.ready(await(f)); }
              class Inner<T> {
                @Async Future<T> alsoHides(Future<T> f) { return Future.ready(await(f)); }
              }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src, user("BoxAsync.fine(new Box<String>(), Future.ready(1))"));
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("type variable T of method hides hides type variable T of class Box")
        .inFile(src)
        .onLineContaining("hides(Future<T> f)");
    assertThat(c).hadErrorContaining("rename one of them (say T2)");
    assertThat(c)
        .hadErrorContaining("type variable T of class Inner hides type variable T of class Box")
        .inFile(src)
        .onLineContaining("alsoHides");
  }

  @Test
  void anInstanceAndAStaticMethodWithTheSameFactoryAreAnErrorOnTheSecond() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Clash",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Clash {
              @Async Future<Integer> g(int x) { return Future.ready(await(Future.ready(x))); }
              @Async static Future<Integer> g(Clash c, int x) { return Future.ready(x); }
              @Async static Future<Integer> g(String s) { return Future.ready(await(Future.ready(s)).length()); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src, user("ClashAsync.g(new Clash(), 1)"));
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("ClashAsync.g(p.Clash, int), has the same signature as the factory of"
            + " Clash.g(..) declared above")
        .inFile(src)
        .onLineContaining("static Future<Integer> g(Clash c, int x)");
  }

  @Test
  void anAsyncMethodInAnEnumConstantBodyIsAnErrorNamingTheConstant() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Op",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            enum Op {
              PLUS {
                @Async @Override Future<Integer> apply(int a) { return Future.ready(await(Future.ready(a)) + 1); }
              },
              SAME;
              @Async Future<Integer> apply(int a) { return Future.ready(await(Future.ready(a))); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("method of the body of enum constant PLUS (apply)")
        .inFile(src)
        .onLineContaining("@Async @Override");
  }

  /** A class using the factories that must have been generated. */
  private static JavaFileObject user(String call) {
    return JavaFileObjects.forSourceString(
        "p.User", "package p;\nimport dev.machina.*;\nclass User {\n  Object use() { return " + call + "; }\n}\n");
  }
}
