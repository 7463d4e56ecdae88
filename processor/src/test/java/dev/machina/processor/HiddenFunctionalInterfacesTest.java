package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lambdas and method references of functional interfaces the generated class cannot name (a
 * private nested interface, a protected one of another package): made through the runtime's
 * {@code HiddenLambdas} and the lookup of the user's class.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HiddenFunctionalInterfacesTest {
  private static final String HEADER =
      "package r;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.io.IOException;\n"
          + "import java.util.*;\n";

  private static final String MERGES =
      HEADER
          + """
          public class Merges {
            private interface VoidMerger { void merge(String a, StringBuilder b); }
            private interface IntOp { int apply(int a, int b); }
            private interface Mapper<T, R> { R map(T t); }
            private interface Maker { Item make(String name); }
            private interface Show { String show(Object o); }
            private interface IoAction { void run() throws IOException; }
            public interface Sink<T> { void take(T t); }
            private interface Strings extends Sink<String> { void take(String s); }
            private static final class Item {
              private final String name;
              Item(String name) { this.name = name; }
              private String shout() { return name.toUpperCase(); }
            }
            private final String tag;
            public Merges(String tag) { this.tag = tag; }
            private void norms(String a, StringBuilder b) { b.append(a).append(tag); }
            private void log(VoidMerger m, String a, StringBuilder b) { m.merge(a, b); }
            private static int fold(IntOp op, int... xs) {
              int r = xs[0];
              for (int i = 1; i < xs.length; i++) r = op.apply(r, xs[i]);
              return r;
            }
            private static <T, R> R mapped(Mapper<T, R> m, T t) { return m.map(t); }
            private static void twice(IoAction a) throws IOException { a.run(); a.run(); }
            private static void feed(Sink<String> s, String v) { s.take(v); }

            @Async Future<String> reference(String a) {
              StringBuilder b = new StringBuilder();
              log(this::norms, await(Later.value(a)), b);
              Merges other = new Merges("!");
              log(other::norms, await(Later.value(a)), b);
              return Future.ready(b.toString());
            }

            @Async Future<String> nullReceiver(String a) {
              Merges other = null;
              StringBuilder b = new StringBuilder();
              log(other::norms, await(Later.value(a)), b);
              return Future.ready(b.toString());
            }

            @Async Future<String> lambdaKeptAcrossAwaits(String a) {
              StringBuilder b = new StringBuilder();
              int[] calls = {0};
              VoidMerger m = (x, y) -> { calls[0]++; y.append(x).append(calls[0]); };
              log(m, await(Later.value(a)), b);
              log(m, await(Later.value(a + a)), b);
              VoidMerger typed = (String x, StringBuilder y) -> y.append('<').append(x).append('>');
              log(typed, await(Later.value("t")), b);
              return Future.ready(b + "/" + calls[0]);
            }

            @Async Future<Integer> primitives(int k) {
              int base = await(Later.value(k));
              IntOp op = (a, b) -> a * b + base;
              int r = fold(op, 1, 2, await(Later.value(3)));
              return Future.ready(r + fold(Math::max, 4, 9, 2));
            }

            @Async Future<String> hiddenTypes(String n) {
              Maker maker = Item::new;
              Item i = maker.make(await(Later.value(n)));
              Mapper<Item, String> m = x -> x.shout() + x.name.length();
              Maker other = s -> new Item(s + "?");
              return Future.ready(mapped(m, i) + mapped(Item::shout, other.make(await(Later.value(n)))));
            }

            @Async Future<String> writableReference(Object o) {
              Show s = String::valueOf;
              Show t = x -> "[" + x + "]";
              return Future.ready(s.show(await(Later.value(o))) + t.show(o));
            }

            @Async Future<Integer> checked(int n) throws IOException {
              int[] count = {0};
              twice(() -> { if (count[0] > 5) throw new IOException("too many"); count[0]++; });
              int more = await(Later.value(n));
              IoAction fail = () -> { throw new IOException("io " + more); };
              if (more < 0) twice(fail);
              return Future.ready(count[0] + more);
            }

            @Async Future<String> bridged(String v) {
              List<String> seen = new ArrayList<>();
              Strings s = x -> seen.add(x + "!");
              feed(s, await(Later.value(v)));
              Sink<String> asSink = s;
              asSink.take(v + v);
              return Future.ready(seen.toString());
            }
          }
          """;

  private static final Harness H = Harness.compile(MERGES);

  private static Object merges(String tag) throws Exception {
    return H.load("r.Merges").getConstructor(String.class).newInstance(tag);
  }

  @Test
  void methodReferencesOfAPrivateInterfaceCallThroughIt() throws Throwable {
    assertEquals("qxq!", H.run("r.MergesAsync", "reference", merges("x"), "q"));
  }

  @Test
  void aNullBoundReceiverThrowsWhereTheReferenceIsEvaluated() throws Exception {
    assertThrows(
        NullPointerException.class, () -> H.run("r.MergesAsync", "nullReceiver", merges("x"), "q"));
  }

  @Test
  void lambdasOfAPrivateInterfaceAreKeptAcrossAwaits() throws Throwable {
    assertEquals("a1aa2<t>/2", H.run("r.MergesAsync", "lambdaKeptAcrossAwaits", merges(""), "a"));
  }

  @Test
  void primitiveParametersAndResultsAreBoxedAndUnboxed() throws Throwable {
    // fold((a, b) -> a * b + 5, 1, 2, 3) = (1 * 2 + 5) * 3 + 5 = 26; fold(max, 4, 9, 2) = 9
    assertEquals(35, H.run("r.MergesAsync", "primitives", merges(""), 5));
  }

  @Test
  void parametersAndResultsOfPrivateTypesPassThrough() throws Throwable {
    assertEquals("FIG3FIG?", H.run("r.MergesAsync", "hiddenTypes", merges(""), "fig"));
  }

  @Test
  void referencesTheGeneratedClassCanWriteAreMadeToo() throws Throwable {
    assertEquals("7[7]", H.run("r.MergesAsync", "writableReference", merges(""), 7));
  }

  @Test
  void checkedExceptionsOfTheInterfacePassThrough() throws Throwable {
    assertEquals(6, H.run("r.MergesAsync", "checked", merges(""), 4));
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class, () -> H.run("r.MergesAsync", "checked", merges(""), -1));
    assertEquals("io -1", e.getMessage());
  }

  @Test
  void aMethodInheritedWithAnotherErasureIsBridged() throws Throwable {
    assertEquals("[v!, vv!]", H.run("r.MergesAsync", "bridged", merges(""), "v"));
  }

  @Test
  void aProtectedInterfaceOfASuperclassInAnotherPackageIsMadeThroughTheSubclass() throws Throwable {
    Harness j =
        Harness.compile(
            """
            package lib;
            public class Shapes {
              protected interface Area { int of(int scale); }
              protected static int measure(Area a, int scale) { return a.of(scale); }
            }
            """,
            HEADER
                + """
                public class Rooms extends lib.Shapes {
                  private int side() { return 3; }
                  @Async Future<Integer> area(int scale) {
                    int s = await(Later.value(scale));
                    Area a = x -> x * side() * side();
                    return Future.ready(measure(a, s) + measure(x -> -x, s));
                  }
                  public static Object make() { return new Rooms(); }
                }
                """);
    assertEquals(16, j.run("r.RoomsAsync", "area", j.call("r.Rooms", "make"), 2));
  }

  @Test
  void inheritedAndDefaultMethodsAndLambdasInClassBodiesWork() throws Throwable {
    Harness j =
        Harness.compile(
            HEADER
                + """
                public class Shapes {
                  private interface Measure extends java.util.function.Function<String, Integer> {}
                  private interface Op {
                    int apply(int x);
                    default int twice(int x) { return apply(apply(x)); }
                  }
                  public int bonus = 1;
                  public int plus(int x) { return x + bonus; }
                  private static int use(Op op, int x) { return op.twice(x); }
                  @Async Future<String> run(String s) {
                    Measure m = String::length;
                    int n = await(Later.value(m.apply(s)));
                    Op plusOne = this::plus;
                    Op square = x -> x * x;
                    Object box = new Object() {
                      Op triple = x -> 3 * x;
                      @Override public String toString() { return "" + use(triple, n); }
                    };
                    java.util.function.IntSupplier later = () -> use(y -> y - n, await2());
                    return Future.ready(m.andThen(k -> k * 10).apply(s) + " " + use(plusOne, await(Later.value(n)))
                        + " " + square.twice(n) + " " + box + " " + later.getAsInt());
                  }
                  private int await2() { return 100; }
                  public static Object make() { return new Shapes(); }
                }
                """);
    // n = 3: 30; plusOne twice: 5; square twice: 81; triple twice: 27; (y - 3) twice of 100: 94
    assertEquals("30 5 81 27 94", j.run("r.ShapesAsync", "run", j.call("r.Shapes", "make"), "abc"));
  }

  private static final String PRIMITIVES =
      HEADER
          + """
          public class Prims {
            private interface Eq { boolean same(int a, int b); }
            private interface Gen { long make(); }
            private interface Code { int of(char c); }
            private interface Pick<T> { T apply(int i, T dflt); }
            private interface Sum { int sum(int a, int b); }
            private static boolean use(Eq e, int a, int b) { return e.same(a, b); }
            private static long gen(Gen g) { return g.make(); }
            private static int code(Code c) { return c.of('a'); }
            private static <T> T pick(Pick<T> p, T d) { return p.apply(1, d); }
            private static int sum(Sum s) { return s.sum(20, 3); }
            private static boolean boxedSame(Integer x, Integer y) { return x == y; }
            private boolean near(int x, int y) { return Math.abs(x - y) < 2; }

            @Async Future<String> run(int k) {
              int a = await(Later.value(k));
              List<Integer> l = new ArrayList<>(List.of(10, 20, 30));
              String p = pick((i, d) -> { l.remove(i); return d + l.size(); }, "n");
              Eq kept = (x, y) -> x == y;
              int b = await(Later.value(1));
              return Future.ready(
                  use(kept, a, k) + " " + gen(() -> 7) + " " + code(c -> c) + " " + l + p + " "
                      + use(Objects::equals, a, k) + use(Prims::boxedSame, a, k)
                      + use(this::near, a, k + b) + " " + sum((int x, int y) -> x * y + b));
            }
          }
          """;

  @Test
  void lambdasOfPrimitiveFunctionTypesKeepThePrimitives() throws Throwable {
    // x == y compares ints (1000 == 1000), l.remove(i) removes at index 1, () -> 7 is a long and
    // c -> c a char widened to int; the references box as javac boxes them for Eq's method
    Harness h = Harness.compile(PRIMITIVES);
    assertEquals(
        "true 7 97 [10, 30]n2 truefalsetrue 61",
        h.run("r.PrimsAsync", "run", h.load("r.Prims").getConstructor().newInstance(), 1000));
  }

  @Test
  void whatCannotBeMadeIsAnErrorOnItsLine() {
    Compilation c =
        Harness.compileRaw(
            HEADER
                + """
                public class Refused {
                  private interface Seven { void take(int a, int b, int c, int d, int e, int f, int g); }
                  @Async Future<Integer> seven(int k) {
                    int b = await(Later.value(k));
                    Seven s = (p1, p2, p3, p4, p5, p6, p7) -> { };
                    return Future.ready(b);
                  }
                }
                """);
    assertThat(c)
        .hadErrorContaining("whose method has more than 6 parameters: make Seven package-private")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("Seven s = ");
  }
}
