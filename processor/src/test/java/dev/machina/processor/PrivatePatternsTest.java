package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Type patterns of private nested types ({@code o instanceof Item i}, F59), which the generated
 * class cannot write: the binding is a variable typed {@code Object} that {@code
 * ITEM_CLASS.isInstance(i = o)} assigns, declared before the statement that tests it (or a
 * variable of the machine), so that flow scoping, {@code &&}, {@code !}, conditionals, loops,
 * lambdas and bindings kept across awaits behave as in the plain method. What stays an error is
 * tested on its line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrivatePatternsTest {
  /** Class {@code p.P}: {@code body} as an {@code @Async} method and as a plain one in {@code Ref}. */
  private static String twin(String params, String body) {
    return "package p;\n"
        + "import dev.machina.*;\n"
        + "import static dev.machina.Await.await;\n"
        + "import dev.machina.processor.testing.Later;\n"
        + "import java.util.*;\n"
        + "import java.util.function.*;\n"
        + "public class P {\n"
        + "  private record Item(String name, int price) {}\n"
        + "  private static class Acc { final int n; Acc(int n) { this.n = n; } int n() { return n; } }\n"
        + "  private static class Sub extends Acc { Sub(int n) { super(n); } }\n"
        + "  private record Box<T>(T v) {}\n"
        + "  private enum Lvl { LO, HI }\n"
        + "  static <T> Future<T> v(String event, T value) {\n"
        + "    Later.TRACE.add(event + \"=\" + value);\n"
        + "    return Later.value(value);\n"
        + "  }\n"
        + "  static Object[] inputs(int k) {\n"
        + "    return switch (k) {\n"
        + "      case 0 -> new Object[] {new Item(\"fig\", 4), \"s\", null, new Acc(2), new Sub(5), Lvl.HI};\n"
        + "      case 1 -> new Object[] {new Sub(1), new Item(\"kiwi\", 1), new Item(\"plum\", 9)};\n"
        + "      default -> new Object[] {\"x\", new Item(\"pear\", 3), null};\n"
        + "    };\n"
        + "  }\n"
        + "  static boolean check(BooleanSupplier b) { return b.getAsBoolean(); }\n"
        + "  static int calls;\n"
        + "  static Object next(Object o) { calls++; return o; }\n"
        + "  @Async static Future<String> f(" + params + ") {\n"
        + body
        + "  }\n"
        + "  public static final class Ref {\n"
        + "    static <T> T await(Future<T> f) { return Machina.blockOn(f); }\n"
        + "    public static Future<String> f(" + params + ") {\n"
        + body
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  private static final String BODY =
      """
          Object[] in = inputs(k);
          calls = 0;
          String s = "";
          StringBuilder sb = new StringBuilder();
          int n = 0;
          for (Object o : in) {
            n++;
            if (o instanceof Item i && i.price() > await(v("limit", 2))) { s += "a" + i.name(); }
            if (!(next(o) instanceof Item i)) { s += "n"; continue; }
            s += i.price() + await(v("n", n));
            s += o instanceof Item j ? j.name() : "-";
            if (o instanceof Item j) s += j.price();
            if (!(o instanceof Item j) || j.price() < 4) s += "low"; else s += "high" + j.name();
            s += i.name();
          }
          int idx = 0;
          while (!(in[idx] instanceof Item found)) { idx++; }
          s += "|found" + found.name() + await(v("idx", idx));
          int x = 0;
          for (; x < in.length && !(in[x] instanceof Acc acc && acc.n() > 1); x++) { s += x; }
          do { x--; } while (x > 0 && !(in[x] instanceof Item back));
          s += "|" + x;
          for (int y = 0; y < in.length && in[y] instanceof Item cur; y += cur.price() > 3 ? 2 : 1) { s += cur.name(); }
          Iterator<Object> iter = Arrays.asList(in).iterator();
          while (iter.hasNext() && iter.next() instanceof Item wi) { s += wi.price(); }
          for (Object o : in) {
            if (o instanceof Item cap) {
              Supplier<String> sp = () -> cap.name() + cap.price();
              s += sp.get();
            }
          }
          Supplier<String> first = () -> in[0] instanceof Item m ? m.name() : "none";
          Consumer<Object> sink = o -> sb.append(o instanceof Acc a ? a.n() : -1);
          Consumer<Object> block = o -> { if (o instanceof Acc a) sb.append("+").append(a.n()); };
          for (Object o : in) { sink.accept(o); block.accept(o); }
          s += first.get() + await(v("lambdas", sb.toString()));
          outer: for (Object o : in) { if (o instanceof Sub sub) { s += "sub" + sub.n(); break outer; } }
          switch (k % 3) {
            case 0:
              if (!(in[0] instanceof Item z)) break;
              s += "z" + z.name();
              break;
            default:
              s += "d";
          }
          switch (k % 2) {
            case 0 -> s += in[0] instanceof Item z ? z.price() : 0;
            default -> { if (in[0] instanceof Acc z) s += z.n(); }
          }
          int w = switch (k) {
            case 1 -> in[1] instanceof Item z ? z.price() : 0;
            default -> {
              if (in[0] instanceof Item z) yield z.price() + await(v("yield", 10));
              yield 7;
            }
          };
          s += "|w" + w;
          Object boxed = new Box<>("bx");
          if (boxed instanceof Box<?> b) s += b.v();
          Acc base = in[0] instanceof Acc ? (Acc) in[0] : new Sub(3);
          if (base instanceof Sub sub2) s += "sub2:" + sub2.n();
          if (in[1] instanceof final Item fi) {
            Runnable r = () -> sb.append(fi.name());
            r.run();
            s += sb.length();
          }
          if (in[1] instanceof Item re) {
            re = new Item("re", await(v("re", 9)));
            s += re.name() + re.price();
          }
          for (Object o : in) if (o instanceof Lvl lvl) s += lvl.ordinal() + lvl.name();
          Object anon = new Object() {
            @Override public String toString() { if (in[1] instanceof Item it) { return it.name(); } return "?"; }
          };
          s += anon;
          if (!(in[in.length - 1] instanceof Item last)) {
            return Future.ready(s + "|" + calls + await(v("end", "no")));
          }
          Item kept = last;
          s += await(v("last", last.name()));
          return Future.ready(s + kept.price() + "|" + calls);
      """;

  @Test
  void typePatternsOfPrivateTypesBehaveAsInThePlainMethod() throws Exception {
    Harness h = Harness.compile(twin("int k", BODY));
    List<String> outcomes = sameAsPlainJava(h, new Object[] {0}, new Object[] {1}, new Object[] {2});
    for (String o : outcomes) {
      assertTrue(o.startsWith("returned "), o);
    }
    String generated = h.source("p.PAsync");
    // the binding is an Object the test assigns, declared before the statement testing it
    assertTrue(generated.contains("Object j3;\n            if (ITEM_CLASS.isInstance(j3 = o)) s += "), generated);
    assertTrue(generated.contains("() -> { Object m2; return ITEM_CLASS.isInstance(m2 = in_[0])"), generated);
    assertTrue(generated.contains("o -> { Object a3; if (ACC_CLASS.isInstance(a3 = o))"), generated);
  }

  /**
   * F135: a binding kept in a variable of the machine (used after an await) and captured by a
   * lambda in the statement that tests it: the capture copy of the variable was taken before the
   * statement, so the lambda saw {@code null}; it reads the pattern's own variable now.
   */
  @Test
  void aStoredBindingCapturedInTheStatementTestingItIsTheTestedValue() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "int k",
                """
                    Object o = await(v("o", k == 0 ? (Object) "abc" : Integer.valueOf(k)));
                    String s0 = "";
                    if (o instanceof String s && check(() -> !s.isEmpty())) {
                      s0 += s + await(v("s", s.length()));
                    }
                    if (o instanceof Integer n && check(() -> n > 1)) {
                      s0 += n + await(v("n", n));
                    }
                    Runnable r = null;
                    if (!(o instanceof String t) || (r = () -> Later.TRACE.add(t)) == null) {
                      s0 += "-";
                    } else {
                      r.run();
                      s0 += t + await(v("t", 1));
                    }
                    return Future.ready(s0);
                """));
    List<String> outcomes = sameAsPlainJava(h, new Object[] {0}, new Object[] {1}, new Object[] {2});
    assertTrue(outcomes.get(0).startsWith("returned abc3abc1"), outcomes.get(0));
    assertTrue(outcomes.get(2).startsWith("returned 4-"), outcomes.get(2));
  }

  private static final String ERRORS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      public class Bad {
        private record Item(String name) {}
        @Async static Future<Integer> loopCapture(Future<Object[]> f) {
          Object[] in = await(f);
          int i = 0;
          List<Supplier<String>> names = new ArrayList<>();
          while (i < in.length && in[i++] instanceof Item it) {
            names.add(() -> it.name());
          }
          return Future.ready(names.size());
        }
        @Async static Future<Integer> fieldInitializer(Future<Object> f) {
          Object o = await(f);
          Object a = new Object() {
            final String name = o instanceof Item it ? it.name() : "";
            @Override public String toString() { return name; }
          };
          return Future.ready(a.toString().length());
        }
        static boolean check(Supplier<String> s) { return !s.get().isEmpty(); }
        @Async static Future<String> storedAndCaptured(Future<Object> f) {
          Object o = await(f);
          if (o instanceof Item it && check(() -> it.name())) {
            return Future.ready(it.name() + await(f));
          }
          return Future.ready("");
        }
        @Async static Future<Integer> array(Future<Object> f) {
          Object o = await(f);
          return Future.ready(o instanceof Item[] items ? items.length : 0);
        }
      }
      """;

  @Test
  void patternsTheGeneratedClassCannotDeclareAreErrorsOnTheirLines() {
    Compilation c = Harness.compileRaw(ERRORS);
    assertThat(c).failed();
    var file = JavaFileObjects.forSourceString("p.Bad", ERRORS);
    assertThat(c).hadErrorContaining("before this loop, which tests it again").inFile(file).onLineContaining("while (i < in.length");
    assertThat(c).hadErrorContaining("which a field's initializer does not have").inFile(file).onLineContaining("final String name = o instanceof");
    assertThat(c).hadErrorContaining("cannot name the private type Item of this pattern").inFile(file).onLineContaining("o instanceof Item[] items");
    assertThat(c).hadErrorContaining("in a variable that this lambda or class body cannot capture").inFile(file).onLineContaining("o instanceof Item it && check");
    assertThat(c).hadErrorCount(4);
  }

  /**
   * Java 21's record patterns naming private nested types in {@code instanceof}: the match is an
   * {@code Object} local (or a temporary of the machine) the test assigns, the bindings locals
   * of their own types (or variables of the machine) assigned from the components, so that flow
   * scoping, negation, conditionals, loops, lambdas and bindings across awaits behave as in the
   * plain method.
   */
  @Test
  void recordPatternsOfPrivateTypesInInstanceofBehaveAsInThePlainMethod() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    String body =
        """
            Object[] in = inputs(k);
            String s = "";
            for (Object o : in) {
              if (o instanceof Item(String n, int q) && q > 2) { s += n + q; }
              if (!(o instanceof Item(var n, var q))) { s += "-"; continue; }
              Supplier<String> sp = () -> n + q;
              s += sp.get() + await(v("n", n));
              s += o instanceof Item(var m, int p) ? m.length() + p : 0;
              if (o instanceof Item(var m, var p)) {
                s += await(v("p", p)) + m;
              }
            }
            Object boxed = new Box<>(new Item("in", 7));
            if (boxed instanceof Box<?>(Item(var n, var q)) && await(v("box", q)) > 3) {
              s += "|" + n + q;
            }
            Object nested = new Box<>(new Box<>("deep"));
            if (nested instanceof Box<?>(Box<?>(String d))) { s += d; }
            Iterator<Object> iter = Arrays.asList(in).iterator();
            while (iter.hasNext() && iter.next() instanceof Item(var n, var q)) { s += q; }
            Function<Object, String> f = x -> x instanceof Item(var n, var q) ? n : "?";
            s += f.apply(in[0]) + f.apply("no");
            return Future.ready(s + await(v("end", 0)));
        """;
    Harness h = Harness.compileWith(List.of("--release", "21"), twin("int k", body));
    List<String> outcomes = sameAsPlainJava(h, new Object[] {0}, new Object[] {1}, new Object[] {2});
    assertEquals("returned fig4fig4fig74fig-----|in7deep4fig?0 [n=fig, p=4, box=7, end=0]", outcomes.get(0));
    String generated = h.source("p.PAsync");
    // anchored: the match and the bindings are locals declared before the statement
    assertTrue(generated.contains("Object itemMatch; String n2; int q2;"), generated);
    assertTrue(generated.contains("if ((ITEM_CLASS.isInstance(itemMatch = o) && ((n2 = ((String) NAME_METHOD.invokeExact(itemMatch))) == n2 | true)"), generated);
  }

  private static final String JAVA21_ERRORS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Bad21 {
        private record Item(String name, int price) {}
        record Pub(Object x) {}
        @Async static Future<String> inAGuard(Future<Object> f) {
          Object o = await(f);
          return Future.ready(switch (o) {
            case Pub p when p.x() instanceof Item(String n, int q) -> n + q;
            default -> "none";
          });
        }
      }
      """;

  /**
   * A record pattern of a private nested type in an {@code instanceof} of a guard stays an error
   * on its line: a guard may assign no variable declared outside it.
   */
  @Test
  void aRecordPatternOfAPrivateTypeInAGuardIsAnErrorOnItsLine() {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    Compilation c = Harness.compileRaw(List.of("--release", "21"), JAVA21_ERRORS);
    assertThat(c).failed();
    var file = JavaFileObjects.forSourceString("p.Bad21", JAVA21_ERRORS);
    assertThat(c).hadErrorContaining("cannot bind this record pattern of a private type in a guard").inFile(file).onLineContaining("p.x() instanceof Item(String n, int q)");
    assertThat(c).hadErrorCount(1);
  }
}
