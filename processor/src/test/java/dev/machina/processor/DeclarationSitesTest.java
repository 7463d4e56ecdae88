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

  /** JDK-8387215: without the check, javac failed on the record's constructor itself. */
  @Test
  void aRecordCanonicalConstructorBesideAsyncMethodsIsAnErrorOnItNamingTheFix() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Money",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            record Money(long cents) {
              Money {
                if (cents < 0) throw new IllegalArgumentException();
              }
              Money(int whole, int cents) { this(whole * 100L + cents); }
              @Async Future<Money> plus(Future<Long> more) { return Future.ready(new Money(cents + await(more))); }
            }
            """);
    JavaFileObject nested =
        JavaFileObjects.forSourceString(
            "p.Shop",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Shop {
              record Item(String name) {
                Item(String name) { this.name = name.trim(); }
              }
              @Async static Future<Item> item(Future<String> name) { return Future.ready(new Item(await(name))); }
            }
            """);
    JavaFileObject fine =
        JavaFileObjects.forSourceString(
            "p.Fine",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Fine {
              record Plain(int x) {
                Plain(String s) { this(s.length()); }
              }
              @Async static Future<Plain> plain(Future<Integer> x) { return Future.ready(new Plain(await(x))); }
            }
            record Apart(int x) {
              Apart { if (x < 0) throw new IllegalArgumentException(); }
            }
            """);
    Compilation c =
        javac().withProcessors(new AsyncProcessor()).compile(src, nested, fine, user("FineAsync.plain(Future.ready(1))"));
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("this canonical constructor of record Money cannot be compiled together"
            + " with the @Async methods of Money")
        .inFile(src)
        .onLineContaining("Money {");
    assertThat(c).hadErrorContaining("Move the @Async methods out of Money");
    assertThat(c)
        .hadErrorContaining("Move record Item out of Shop into a top-level class of its own")
        .inFile(nested)
        .onLineContaining("this.name = name.trim()");
  }

  @Test
  void aRecordCanonicalConstructorInAClassCallingAMethodNamedLikeAnAsyncOneCompiles() {
    // F172: the last round's scan resolved Qv's call p.sum(), named like A.sum, which attributed
    // Qv; javac's compile after the rounds then failed on Qv's compact constructor (JDK-8387215)
    JavaFileObject records =
        JavaFileObjects.forSourceString(
            "p.R",
            """
            package p;
            public class R {
              public record Qv(int x, String s) {
                public Qv {
                  if (s == null) throw new IllegalArgumentException();
                }
                public int sum() { return x + s.length(); }
                public static int mix(int d, Qv p) { return d - p.sum(); }
              }
              static int total(Qv q) { return q.sum(); }
            }
            """);
    JavaFileObject async =
        JavaFileObjects.forSourceString(
            "p.A",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class A {
              @Async Future<Integer> sum(Future<Integer> f) { return Future.ready(await(f)); }
              int direct() { return sum(Future.ready(1)).hashCode(); }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(records, async);
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining("is @Async: calling it directly runs the original body")
        .inFile(async)
        .onLineContaining("int direct()");
  }

  @Test
  void anAsyncMethodOverridingAPlainOneIsAWarningOnIt() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Nodes",
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            class Nodes {
              interface Source { Future<Integer> next(); }
              static abstract class Base {
                abstract Future<String> compute();
                @Async Future<String> twice() { return Future.ready(await(compute()) + await(compute())); }
              }
              static final class Leaf extends Base implements Source {
                @Async Future<String> compute() { return Future.ready("leaf" + await(Future.ready(1))); }
                @Async public Future<Integer> next() { return Future.ready(await(Future.ready(2))); }
                @Async @Override Future<String> twice() { return Future.ready(await(Future.ready("t"))); }
              }
              static final class Quiet extends Base {
                @SuppressWarnings("machina")
                @Async Future<String> compute() { return Future.ready(await(Future.ready("q"))); }
              }
            }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(2);
    assertThat(c)
        .hadWarningContaining("Leaf.compute() is @Async but overrides Base.compute(), which is not")
        .inFile(src)
        .onLineContaining("@Async Future<String> compute() { return Future.ready(\"leaf\"");
    assertThat(c).hadWarningContaining("{ throw new UnsupportedOperationException(); }");
    assertThat(c)
        .hadWarningContaining("Leaf.next() is @Async but overrides Source.next(), which is not")
        .inFile(src)
        .onLineContaining("public Future<Integer> next()");
  }

  @Test
  void twoClassesGivingOneGeneratedNameAreAnErrorNamingTheFix() {
    JavaFileObject nested =
        JavaFileObjects.forSourceString(
            "p.Outer",
            """
            package p;
            import dev.machina.*;
            class Outer {
              static class Inner { @Async static Future<Integer> a() { return Future.ready(1); } }
            }
            """);
    JavaFileObject flat =
        JavaFileObjects.forSourceString(
            "p.Outer_Inner",
            """
            package p;
            import dev.machina.*;
            class Outer_Inner { @Async static Future<Integer> b() { return Future.ready(2); } }
            """);
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(nested, flat);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("another class of the package with @Async methods gives the same name");
  }

  /** A class using the factories that must have been generated. */
  private static JavaFileObject user(String call) {
    return JavaFileObjects.forSourceString(
        "p.User", "package p;\nimport dev.machina.*;\nclass User {\n  Object use() { return " + call + "; }\n}\n");
  }
}
