package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Problems become errors on the method (never a crash), and the other methods still compile. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorReportingTest {
  private static final JavaFileObject SOURCE =
      JavaFileObjects.forSourceString(
          "p.Two",
          "package p;\n"
              + "import dev.machina.*;\n"
              + "import static dev.machina.Await.await;\n"
              + "class Two {\n"
              + "  @Async static Future<Integer> broken(Future<Integer> f) {\n"
              + "    return Future.ready(await(f) + 1);\n"
              + "  }\n"
              + "  @Async static Future<Integer> fine(Future<Integer> f) {\n"
              + "    return Future.ready(await(f) * 2);\n"
              + "  }\n"
              + "}\n");

  @Test
  void internalFailureIsAnErrorOnThatMethodAndTheOthersStillCompile() {
    Compilation c =
        javac()
            .withProcessors(
                new AsyncProcessor(
                    m -> {
                      if (m.getSimpleName().contentEquals("broken")) {
                        throw new IllegalStateException("simulated lowering bug");
                      }
                    }))
            .compile(
                SOURCE,
                JavaFileObjects.forSourceString(
                    "p.User",
                    "package p;\n"
                        + "class User {\n"
                        + "  Object use() { return TwoAsync.fine(dev.machina.Future.ready(1)); }\n"
                        + "}\n"));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("internal error of the processor").inFile(SOURCE).onLine(5);
    assertThat(c).hadErrorContaining("simulated lowering bug");
    // User compiles against TwoAsync.fine: the healthy method was generated (else a second error).
  }

  @Test
  void unsupportedCodeIsAnErrorOnItsLine() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Sup",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Base { int x() { return 1; } }\n"
                + "class Sup extends Base { private static class Hidden { int v() { return 1; } }\n"
                + "  @Async Future<Integer> m(Future<Integer> f) {\n"
                + "    int a = await(f);\n"
                + "    return Future.ready(a + new Hidden() {}.v());\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("the generated class cannot subclass the private class Hidden: make it package-private").inFile(src).onLine(8);
  }

  @Test
  void anonymousClassMembersThroughAFieldAreAnErrorOnTheirLine() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Anon",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Anon {\n"
                + "  @Async static Future<String> m(Future<Integer> f) {\n"
                + "    var o = new Object() { int n = 1; public String toString() { return \"o\"; } };\n"
                + "    int a = await(f);\n"
                + "    String s = o.toString();\n"
                + "    return Future.ready(s + (o.n + a));\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    // javac itself cannot compile a var of an anonymous class type in a class an annotation
    // processor attributed (ReattributionRule): that is the error, on the declaration.
    assertThat(c)
        .hadErrorContaining("the type javac infers for 'o' is an anonymous class")
        .inFile(src)
        .onLine(6);
  }

  @Test
  void variablesOfAnonymousClassTypesAreAnErrorOnTheirLine() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.AnonVar",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import java.util.stream.Stream;\n"
                + "import static dev.machina.Await.await;\n"
                + "class AnonVar {\n"
                + "  static void plain() {\n"
                + "    Stream.of(new Object() { int n; }).forEach(x -> System.out.println(x.n));\n"
                + "  }\n"
                + "  static class Nested {\n"
                + "    void g() { for (var o : java.util.List.of(new Object() {})) {} }\n"
                + "  }\n"
                + "  @Async static Future<Integer> m(Future<Integer> f) {\n"
                + "    return Future.ready(await(f));\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("the type javac infers for 'x' is an anonymous class")
        .inFile(src)
        .onLine(7);
    assertThat(c)
        .hadErrorContaining("the type javac infers for 'o' is an anonymous class")
        .inFile(src)
        .onLine(10);
  }

  @Test
  void anonymousInstancesKeptBeforeAnAwaitWhereTheirTypeMattersAreAnErrorOnTheirLine() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.AnonTemp",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class AnonTemp {\n"
                + "  static <T> T first(T a, int b) { return a; }\n"
                + "  static <T> String name(T a, int b) { return \"\" + b; }\n"
                + "  @Async static Future<String> m(Future<Integer> f) {\n"
                + "    int n = first(new Object() { int n = 4; }, await(f)).n;\n"
                + "    int g = new Object() { int g(int x) { return x; } }.g(await(f));\n"
                + "    String s = name(new Object() { int n = 4; }, await(f));\n"
                + "    return Future.ready(s + n + g);\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    // Line 9 is the next error of the same method; line 10 (a String result) would compile.
    assertThat(c)
        .hadErrorContaining("this anonymous class instance is evaluated before an await")
        .inFile(src)
        .onLine(8);
  }

  @Test
  void lambdaParametersTypedByCapturesAreAnErrorOnTheirLine() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Wild",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import java.util.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Wild {\n"
                + "  static int sum(List<? extends Number> l) {\n"
                + "    int[] s = {0};\n"
                + "    l.forEach(n -> s[0] += n.intValue());\n"
                + "    l.forEach((Number n) -> s[0] += n.intValue());\n"
                + "    for (var n : l) { s[0] += n.intValue(); }\n"
                + "    List.of(1, 2.5).forEach(n -> s[0] += n.intValue());\n"
                + "    return s[0];\n"
                + "  }\n"
                + "  @Async static Future<Integer> m(Map<String, ? super Integer> m, Future<Integer> f) {\n"
                + "    int a = await(f);\n"
                + "    m.forEach((k, v) -> System.out.println(k + v));\n"
                + "    return Future.ready(a);\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    // Without the rule: javac's "cannot find symbol: class <captured wildcard>", on no line.
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining(
            "the type javac infers for the lambda parameter 'n' is a capture of a wildcard"
                + " (? extends java.lang.Number)")
        .inFile(src)
        .onLine(8);
    assertThat(c)
        .hadErrorContaining("as in '(java.lang.Number n) -> ..'")
        .inFile(src)
        .onLine(8);
    assertThat(c)
        .hadErrorContaining("the type javac infers for the lambda parameter 'v'")
        .inFile(src)
        .onLine(16);
  }

  @Test
  void capturesInASuperclassOfAClassWithAsyncMethodsAreAnErrorThere() {
    // javac attributes a class's superclass first, so the processor's attribution of Sub
    // attributes Base as well, and javac attributes both again after processing.
    JavaFileObject base =
        JavaFileObjects.forSourceString(
            "p.Base",
            "package p;\n"
                + "import java.util.*;\n"
                + "class Base<E> {\n"
                + "  int count(Collection<? extends E> c) {\n"
                + "    int[] n = {0};\n"
                + "    c.forEach(e -> n[0]++);\n"
                + "    return n[0];\n"
                + "  }\n"
                + "}\n");
    JavaFileObject sub =
        JavaFileObjects.forSourceString(
            "p.Sub",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Sub extends Base<String> {\n"
                + "  @Async static Future<Integer> m(Future<Integer> f) {\n"
                + "    return Future.ready(await(f));\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(base, sub);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("the type javac infers for the lambda parameter 'e'")
        .inFile(base)
        .onLine(6);
  }

  @Test
  void afterAnErrorNoClassIsAttributedAgainThatWouldAttributeARefusedOne() {
    // After errors, the last round attributes the root classes again so that javac reports all
    // of its own errors (F37). Plain extends a class nested in Outer, so attributing Plain would
    // attribute Outer once more, and javac would add its line-less "<captured wildcard>" error.
    JavaFileObject outer =
        JavaFileObjects.forSourceString(
            "p.Outer",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import java.util.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Outer {\n"
                + "  static class Inner {}\n"
                + "  static void each(List<? extends Number> l) { l.forEach(n -> n.intValue()); }\n"
                + "  @Async static Future<Integer> m(Future<Integer> f) {\n"
                + "    return Future.ready(await(f));\n"
                + "  }\n"
                + "}\n");
    JavaFileObject plain =
        JavaFileObjects.forSourceString("p.Plain", "package p;\nclass Plain extends Outer.Inner {}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(outer, plain);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("the type javac infers for the lambda parameter 'n'")
        .inFile(outer)
        .onLine(7);
  }

  @Test
  void typeAnnotationsInFieldInitializersAreAnErrorWhereJavacWouldCrash() {
    JavaFileObject nullable =
        JavaFileObjects.forSourceString(
            "p.Nullable",
            "package p;\n"
                + "import java.lang.annotation.*;\n"
                + "@Target(ElementType.TYPE_USE) @interface Nullable {}\n");
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Annotated",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import java.util.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Annotated {\n"
                + "  static final Object A = new ArrayList<@Nullable Object>();\n"
                + "  static final Object B;\n"
                + "  static { B = new ArrayList<@Nullable Object>(); }\n"
                + "  static final List<@Nullable Object> C = new ArrayList<>();\n"
                + "  static final Object D = new ArrayList<@Nullable Object>() {};\n"
                + "  @Async static Future<Integer> m(Future<Integer> f) {\n"
                + "    return Future.ready(await(f));\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(nullable, src);
    if (Runtime.version().feature() == 17) {
      assertThat(c).succeeded(); // javac 17 compiles the class twice without trouble
    } else {
      // javac 25 would crash ("An exception has occurred in the compiler") on line 6; the
      // initializer block (B), the field's own type (C) and an anonymous class (D) are fine.
      assertThat(c).failed();
      assertThat(c).hadErrorCount(1);
      assertThat(c)
          .hadErrorContaining("on a type annotation inside the initializer of the field 'A'")
          .inFile(src)
          .onLine(6);
    }
  }

  @Test
  void explicitlyTypedLambdaParametersOverWildcardsCompile() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Explicit",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import java.util.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Explicit {\n"
                + "  @Async static Future<Integer> m(List<? extends Number> l, Future<Integer> f) {\n"
                + "    int[] s = {await(f)};\n"
                + "    l.forEach((Number n) -> s[0] += n.intValue());\n"
                + "    return Future.ready(s[0] + await(f));\n"
                + "  }\n"
                + "}\n");
    assertThat(javac().withProcessors(new AsyncProcessor()).compile(src)).succeeded();
  }

  @Test
  void classesWithoutAsyncMethodsKeepVariablesOfAnonymousClassTypes() {
    // Calls named await that cannot be Machina's (no static import) are not resolved, so the
    // class is not attributed by the processor and javac compiles it.
    JavaFileObject plain =
        JavaFileObjects.forSourceString(
            "p.Latches",
            "package p;\n"
                + "import java.util.concurrent.CountDownLatch;\n"
                + "class Latches {\n"
                + "  static String g(CountDownLatch latch) throws InterruptedException {\n"
                + "    var o = new Object() { int n = 2; };\n"
                + "    latch.await();\n"
                + "    return \"\" + o.n;\n"
                + "  }\n"
                + "}\n");
    JavaFileObject async =
        JavaFileObjects.forSourceString(
            "p.A",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class A {\n"
                + "  @Async static Future<Integer> m(Future<Integer> f) {\n"
                + "    return Future.ready(await(f));\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(plain, async);
    assertThat(c).succeeded();
  }

  @Test
  void privateConstructorsTheGeneratedClassCannotCallAreErrorsOnTheirLine() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.PrivNew",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class PrivNew {\n"
                + "  static class A { private A() {} int n() { return 1; } }\n"
                + "  class In { private In(int x) {} }\n"
                + "  @Async Future<Integer> m(Future<Integer> f) {\n"
                + "    int x = await(f);\n"
                + "    A a = new A() { int n() { return 2; } };\n"
                + "    In i = new In(x);\n"
                + "    return Future.ready(a.n());\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("cannot extend A through its private constructor")
        .inFile(src)
        .onLine(9);
  }

  @Test
  void anUpdateOfAPrivateFieldWhoseReceiverWouldRunTwiceSaysWhatToWrite() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Priv",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Priv {\n"
                + "  private int n;\n"
                + "  private Priv next() { return this; }\n"
                + "  @Async Future<Integer> m(Future<Integer> f) {\n"
                + "    int a = await(f);\n"
                + "    next().n += a;\n"
                + "    return Future.ready(n);\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining(
            "the receiver of this update of the private field n would be evaluated twice in the"
                + " generated code: keep it in a local variable first")
        .inFile(src)
        .onLine(9);
  }

  @Test
  void anUpdateOfAFieldOfAPrivateClassWhoseReceiverWouldRunTwiceNamesTheClass() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Locks",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Locks {\n"
                + "  private static final class Lock { public int size; }\n"
                + "  private final Lock[] locks = {new Lock(), new Lock()};\n"
                + "  @Async Future<Integer> put(Future<Integer> f) {\n"
                + "    int h = await(f);\n"
                + "    locks[h].size++;\n"
                + "    return Future.ready(locks[h].size);\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining(
            "the receiver of this update of the field size of the private class Lock would be"
                + " evaluated twice in the generated code: keep it in a local variable first, or"
                + " make Lock package-private")
        .inFile(src)
        .onLine(9);
  }

  @Test
  void anUpdateOfAProtectedFieldOfAnotherPackageWhoseReceiverWouldRunTwiceSaysToMakeItPublic() {
    JavaFileObject base =
        JavaFileObjects.forSourceString(
            "a.Base",
            "package a;\n"
                + "public class Base {\n"
                + "  protected int hits;\n"
                + "}\n");
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Counter",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Counter extends a.Base {\n"
                + "  private Counter self() { return this; }\n"
                + "  @Async Future<Integer> count(Future<Integer> f) {\n"
                + "    int n = await(f);\n"
                + "    self().hits += n;\n"
                + "    return Future.ready(hits);\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(base, src);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining(
            "the receiver of this update of the protected field hits of another package would be"
                + " evaluated twice in the generated code: keep it in a local variable first, or"
                + " make the field public")
        .inFile(src)
        .onLine(8);
  }

  @Test
  void awaitInALambdaIsReportedThroughTheProcessor() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Lam",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import java.util.function.Supplier;\n"
                + "class Lam {\n"
                + "  @Async static Future<Integer> m(Future<Integer> f) {\n"
                + "    Supplier<Integer> s = () -> await(f);\n"
                + "    return Future.ready(s.get());\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("lambda").inFile(src).onLine(7);
  }

  @Test
  void awaitOutsideAsyncIsReportedEvenWithoutAnyAsyncMethod() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.Plain",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Plain {\n"
                + "  Future<Integer> m(Future<Integer> f) {\n"
                + "    return Future.ready(await(f));\n"
                + "  }\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("@Async").inFile(src).onLine(6);
  }

  @Test
  void classesGeneratedThisRoundCanBeNamedInBodies() {
    JavaFileObject a =
        JavaFileObjects.forSourceString(
            "p.A",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class A {\n"
                + "  @Async static Future<Integer> a() {\n"
                + "    java.util.function.Supplier<Future<Integer>> later = () -> BAsync.b();\n"
                + "    return Future.ready(await(BAsync.b()) + await(later.get()));\n"
                + "  }\n"
                + "}\n");
    JavaFileObject b =
        JavaFileObjects.forSourceString(
            "p.B",
            "package p;\n"
                + "import dev.machina.*;\n"
                + "class B {\n"
                + "  @Async static Future<Integer> b() {\n"
                + "    return Future.ready(1);\n"
                + "  }\n"
                + "}\n");
    JavaFileObject user =
        JavaFileObjects.forSourceString(
            "p.C",
            "package p;\n"
                + "class C {\n"
                + "  java.util.function.Supplier<Object> s = () -> AAsync.a();\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(a, b, user);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("p.AAsync");
  }
}
