package dev.machina.processor;

import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pattern bindings kept in fields only where they live across an await (F83): a binding read
 * only before the first await of its case or statement is a local of {@code step} (declared in
 * its block, or before the loop when a dispatch stores it for the case it jumps to), and the
 * machine still behaves as the plain method of the same body. Also locals renamed where a
 * statement copied beside them declares their name (F82).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BindingLocalsTest {
  private static final String TYPES =
      "  sealed interface Shape permits Circle, Square, Rect {}\n"
          + "  record Circle(int r) implements Shape {}\n"
          + "  record Square(int s) implements Shape {}\n"
          + "  record Point(int x, String y) {}\n"
          + "  record Rect(Point a, Point b) implements Shape {}\n"
          + "  static <T> Future<T> v(String event, T value) {\n"
          + "    Later.TRACE.add(event + \"=\" + value);\n"
          + "    return Later.value(value);\n"
          + "  }\n";

  /** Class {@code p.P}: {@code body} as an {@code @Async} method and as a plain one in {@code Ref}. */
  private static String twin(String params, String body) {
    return "package p;\n"
        + "import dev.machina.*;\n"
        + "import static dev.machina.Await.await;\n"
        + "import dev.machina.processor.testing.Later;\n"
        + "import java.util.function.*;\n"
        + "public class P {\n"
        + TYPES
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

  private static Object record(Harness h, String nested, Object... args) throws Exception {
    var c = h.load("p.P$" + nested).getDeclaredConstructors()[0];
    c.setAccessible(true);
    return c.newInstance(args);
  }

  private static void needsJavac21() {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
  }

  @Test
  void caseBindingsReadBeforeTheFirstAwaitAreNoFields() throws Exception {
    needsJavac21();
    Harness h =
        Harness.compileWith(
            List.of("--release", "21"),
            twin(
                "Shape sh, int n",
                "    String a = \"\";\n"
                    + "    for (int i = 0; i < n; i++) {\n"
                    + "      a += switch (sh) {\n"
                    + "        case Circle c -> {\n"
                    + "          IntSupplier r = () -> c.r();\n"
                    + "          String t = \"c\" + r.getAsInt();\n"
                    + "          try {\n"
                    + "            if (c.r() < 0) throw new IllegalStateException(\"neg\");\n"
                    + "          } catch (IllegalStateException e) {\n"
                    + "            t += e.getMessage() + c.r();\n"
                    + "          }\n"
                    + "          yield t + await(v(\"c\", i));\n"
                    + "        }\n"
                    + "        case Square(int side) -> \"s\" + side + await(v(\"s\", i));\n"
                    + "        case Rect(Point(int x1, var y1), Point q) when x1 > 0 ->\n"
                    + "            \"r\" + x1 + y1 + await(v(\"r\", q.x()));\n"
                    + "        case Rect rect -> \"rect\" + await(v(\"rect\", 0)) + rect.b().y();\n"
                    + "      };\n"
                    + "    }\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    for (String binding : List.of("c", "side", "x1", "y1", "q")) {
      assertFalse(machine.matches("(?s).*private [\\w.]+ " + binding + ";.*"), binding + ":\n" + machine);
    }
    assertTrue(machine.contains("P.Circle c = null;"), machine);
    assertTrue(machine.contains("private P.Rect rect;"), machine); // read after its await
    assertTrue(machine.contains("rect = null;"), machine); // and cleared once dead
    Object p1 = record(h, "Point", 1, "y");
    Object p0 = record(h, "Point", 0, "z");
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {record(h, "Circle", 3), 2},
            new Object[] {record(h, "Circle", -1), 1},
            new Object[] {record(h, "Square", 4), 2},
            new Object[] {record(h, "Rect", p1, p0), 1},
            new Object[] {record(h, "Rect", p0, p1), 1});
    assertEquals("returned c30c31 [c=0, c=1]", outcomes.get(0));
    assertEquals("returned c-1neg-10 [c=0]", outcomes.get(1));
    assertEquals("returned r1y0 [r=0]", outcomes.get(3));
  }

  @Test
  void recordPatternBindingsInInstanceofAreFieldsOnlyWhereReadAfterAnAwait() throws Exception {
    needsJavac21();
    Harness h =
        Harness.compileWith(
            List.of("--release", "21"),
            twin(
                "Object o, Object p",
                "    String a = \"\";\n"
                    + "    if (o instanceof Point(int x, var y) && x > await(v(\"x\", 0))) {\n"
                    + "      a += x + y;\n"
                    + "    }\n"
                    + "    if (!(p instanceof Point(int px, String py))) {\n"
                    + "      return Future.ready(a + \"no\" + await(v(\"no\", 1)));\n"
                    + "    }\n"
                    + "    a += py;\n"
                    + "    a += await(v(\"px\", px));\n"
                    + "    a += px;\n"
                    + "    if (o instanceof Point(int z, var w) && z > 0) {\n"
                    + "      a += z + w;\n"
                    + "    }\n"
                    + "    return Future.ready(a + await(v(\"end\", 0)));\n"));
    String machine = h.source("p.PAsync");
    // read after the await of their test, or after one of their own
    for (String field : List.of("private int x;", "private String y;", "private int px;")) {
      assertTrue(machine.contains(field), field + ":\n" + machine);
    }
    for (String binding : List.of("py", "z", "w")) {
      assertFalse(machine.matches("(?s).*private [\\w.]+ " + binding + ";.*"), binding + ":\n" + machine);
    }
    sameAsPlainJava(
        h,
        new Object[] {record(h, "Point", 1, "y"), record(h, "Point", 2, "q")},
        new Object[] {record(h, "Point", 0, "y"), record(h, "Point", -2, null)},
        new Object[] {"s", record(h, "Point", 2, "q")},
        new Object[] {record(h, "Point", 1, "y"), "p"});
  }

  /** Java 16 type patterns, on --release 17 too. */
  @Test
  void typePatternBindingsReadBeforeTheAwaitAreLocals() throws Throwable {
    Harness h =
        Harness.compile(
            twin(
                "Object o, int n",
                "    String a = \"\";\n"
                    + "    while (n-- > 0) {\n"
                    + "      if (o instanceof String s && !s.isEmpty()) {\n"
                    + "        a += s.length();\n"
                    + "        a += await(v(\"s\", n));\n"
                    + "      }\n"
                    + "      if (o instanceof String t && t.length() + await(v(\"t\", n)) > 1) {\n"
                    + "        a += \"long\";\n"
                    + "      }\n"
                    + "      if (!(o instanceof CharSequence cs)) {\n"
                    + "        return Future.ready(a + \"no\");\n"
                    + "      }\n"
                    + "      Supplier<String> first = () -> \"\" + cs.charAt(0);\n"
                    + "      a += first.get() + await(v(\"cs\", cs.length()));\n"
                    + "    }\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    assertFalse(machine.contains("private String s;"), machine);
    assertFalse(machine.contains("private CharSequence cs;"), machine);
    assertFalse(machine.contains("private String t;"), machine);
    assertTrue(machine.contains("String s = null;"), machine);
    sameAsPlainJava(
        h, new Object[] {"ab", 2}, new Object[] {"", 1}, new Object[] {5, 1}, new Object[] {"x", 0});
  }

  /** F82: a local of a block beside a copied statement declaring the same name. */
  @Test
  void localsAreRenamedBesideCopiedStatementsDeclaringTheirName() throws Throwable {
    Harness h =
        Harness.compile(
            twin(
                "Object o, int n",
                "    String a = \"\";\n"
                    + "    {\n"
                    + "      int x = await(v(\"x\", n));\n"
                    + "      a += x;\n"
                    + "    }\n"
                    + "    for (int x = 0; x < 2; x++) { a += x; }\n"
                    + "    Function<Integer, Integer> twice = x -> 2 * x;\n"
                    + "    a += twice.apply(n);\n"
                    + "    return Future.ready(a);\n"));
    assertEquals(
        List.of("returned 3016 [x=3]"), sameAsPlainJava(h, new Object[][] {{"o", 3}}));
  }
}
