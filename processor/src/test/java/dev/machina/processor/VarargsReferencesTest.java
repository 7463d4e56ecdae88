package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.processor.testing.Later;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Method references to varargs methods and constructors the generated class reaches through
 * handles (private, through {@code super}) or factories ({@code @Async}): a reference javac
 * resolved in fixed arity passes the array as it is, one in variable arity packs the trailing
 * arguments into the array javac would have created (of the type it instantiated), and the
 * results equal the plain method's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VarargsReferencesTest {
  /** The body shared by the {@code @Async} method and its plain twin; {@code A} is its int. */
  private static final String BODY =
      """
      Function<String[], Integer> fixed = this::count;
      BiFunction<String, String, Integer> two = this::count;
      Supplier<Integer> none = this::count;
      Function<String, Integer> one = this::count;
      BiFunction<Sub, String, Integer> unbound = Sub::count;
      Function<Sub, Integer> unboundNone = Sub::count;
      BiFunction<String, Object[], String> joinFixed = this::join;
      BiFunction<String, String, String> joinOne = this::join;
      Function<String, String> joinNone = this::join;
      IntBinaryOperator sum2 = Sub::sum;
      Function<int[], Integer> sumFixed = Sub::sum;
      BiFunction<Integer, Integer, Integer> sumBoxed = Sub::sum;
      BiFunction<String, String, String> k1 = Sub::kind;
      BiFunction<Integer, Integer, String> k2 = Sub::kind;
      Function<Object, String> k3 = Sub::kind;
      Function<String[], String> k4 = Sub::kind;
      Supplier<String> k5 = Sub::kind;
      BiFunction<String, Object, String> k6 = Sub::kind;
      Function<int[], String> k7 = Sub::kind;
      Function<String, String> bound = pick()::join;
      Function<String, String> sup = super::all;
      Supplier<String> supNone = super::all;
      Function<String[], String> supFixed = super::all;
      Function<String, Sub> ctor = Sub::new;
      IntFunction<Sub> ctorOne = Sub::new;
      BiFunction<Integer, Integer, Sub> ctorTwo = Sub::new;
      Function<int[], Sub> ctorFixed = Sub::new;
      BiFunction<String, String, Box<String>> boxed = Box::new;
      Function<Integer, Object> boxRaw = Box<Integer>::new;
      String nulls;
      try {
        Sub no = null;
        Function<String, String> bad = no::join;
        nulls = "no npe" + bad;
      } catch (NullPointerException e) {
        nulls = "npe";
      }
      Supplier<String> inLambda = () -> String.valueOf(two.apply("l", "m") + sum2.applyAsInt(A, A));
      String r = fixed.apply(new String[] {"a", "b", "c"}) + "," + two.apply("a", "b") + "," + none.get()
          + "," + one.apply("a") + "," + unbound.apply(this, "u") + unboundNone.apply(this)
          + "|" + joinFixed.apply("-", new Object[] {1, "x"}) + joinOne.apply("+", "y") + joinNone.apply("!")
          + "|" + sum2.applyAsInt(A, 2) + "," + sumFixed.apply(new int[] {A, A}) + "," + sumBoxed.apply(A, 7)
          + "|" + k1.apply("s", "t") + k2.apply(A, 1) + k3.apply("o") + k4.apply(new String[] {"z"}) + k5.get()
          + k6.apply("s", 1) + k7.apply(new int[] {A})
          + "|" + bound.apply("b1") + bound.apply("b2") + made
          + "|" + sup.apply("p") + supNone.get() + supFixed.apply(new String[] {"q", "r"})
          + "|" + ctor.apply("c").name + ctorOne.apply(A).name + ctorTwo.apply(A, 5).name
          + ctorFixed.apply(new int[] {9}).name + boxed.apply("x", "y").items + boxRaw.apply(A)
          + "|" + nulls + "|" + inLambda.get();
      """;

  private static final String SOURCE =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;

      public class VR {
        static class Base { String all(String... s) { return "base" + Arrays.toString(s); } }
        static class Box<T> {
          final String items;
          @SafeVarargs private Box(T... xs) {
            StringBuilder b = new StringBuilder(xs.getClass().getSimpleName());
            for (T x : xs) b.append(' ').append(x);
            items = b.toString();
          }
          @Override public String toString() { return "Box" + items; }
        }
        public static class Sub extends Base {
          final String name;
          int made;
          private Sub(String name) { this.name = name; }
          Sub() { this("d"); }
          private Sub(int... n) { this("n" + Arrays.toString(n)); }
          private int count(String... s) { return s.length; }
          private String join(String sep, Object... xs) {
            return name + ":" + xs.getClass().getSimpleName() + Arrays.toString(xs) + sep;
          }
          private static int sum(int... xs) { int s = 0; for (int x : xs) s += x; return s; }
          @SafeVarargs private static <T> String kind(T... xs) { return xs.getClass().getSimpleName() + xs.length; }
          @Override String all(String... s) { return "sub"; }
          private Sub pick() { made++; return new Sub("picked" + made); }
          @Async Future<String> parts(String... s) {
            return Future.ready(name + await(Future.ready(s.getClass().getSimpleName())) + Arrays.toString(s));
          }

          @Async Future<String> run(Future<Integer> f) {
            int A = await(f);
            %s
            return Future.ready(r);
          }

          String plain(int fv) {
            int A = fv;
            %s
            return r;
          }

          @Async Future<String> asyncRefs(Future<String> f) {
            String x = await(f);
            BiFunction<String, String, Future<String>> two = this::parts;
            Function<String[], Future<String>> fixed = this::parts;
            Supplier<Future<String>> none = this::parts;
            Function<String, Future<String>> one = this::parts;
            return Future.ready(await(two.apply(x, "b")) + "|" + await(fixed.apply(new String[] {x}))
                + "|" + await(none.get()) + "|" + await(one.apply(x)));
          }
        }
        public static String plainRun() { return new Sub().plain(3); }
        public static Future<String> asyncRun(Future<Integer> f) { return VR_SubAsync.run(new Sub(), f); }
        public static Future<String> asyncRefs(Future<String> f) { return VR_SubAsync.asyncRefs(new Sub(), f); }
      }
      """
          .formatted(BODY.indent(4), BODY.indent(4));

  private static Harness h;

  @BeforeAll
  static void compile() {
    h = Harness.compile(SOURCE);
  }

  @Test
  void fixedAndVariableArityReferencesGiveWhatThePlainMethodGives() throws Throwable {
    String plain = (String) h.call("p.VR", "plainRun");
    assertEquals(
        "3,2,0,1,10"
            + "|d:Object[][1, x]-d:Object[][y]+d:Object[][]!"
            + "|5,6,10"
            + "|String[]2Integer[]2Object[]1String[]1Object[]0Object[]2int[][]1"
            + "|picked1:Object[][]b1picked1:Object[][]b21"
            + "|base[p]base[]base[q, r]"
            + "|cn[3]n[3, 5]n[9]String[] x yBoxInteger[] 3"
            + "|npe|8",
        plain);
    assertEquals(plain, h.run("p.VR", "asyncRun", Later.value(3)));
    String generated = h.source("p.VR_SubAsync");
    // variable arity: the trailing arguments in the array javac creates, of the type it inferred
    assertTrue(generated.contains("(a0, a1) -> (String) invokeKIND_METHOD((Object[]) new String[] {a0, a1})"), generated);
    assertTrue(generated.contains("(a0, a1) -> (Integer) invokeCOUNT_METHOD((VR.Sub) self, (String[]) new String[] {a0, a1})"), generated);
    // fixed arity: the array as it is
    assertTrue(generated.contains("(a0) -> (Integer) invokeCOUNT_METHOD((VR.Sub) self, (String[]) a0)"), generated);
  }

  @Test
  void referencesToAsyncVarargsMethodsGiveTheirMachines() throws Throwable {
    assertEquals(
        "dString[][a, b]|dString[][a]|dString[][]|dString[][a]", h.run("p.VR", "asyncRefs", Later.value("a")));
    String generated = h.source("p.VR_SubAsync");
    assertTrue(generated.contains("(a0, a1) -> VR_SubAsync.parts(self, a0, a1)"), generated);
  }
}
