package dev.machina.processor;

import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Java 21's patterns across awaits, compiled with {@code --release 21} (so only on a javac of 21
 * or later): pattern switches (statements and expressions, guards that await, {@code case null},
 * nested record patterns, qualified enum constants) and record patterns in {@code instanceof}.
 * Each body is compiled twice, as an {@code @Async} method and as a plain method of a nested
 * class {@code Ref} whose own {@code await} blocks; the machine must give the same result (or
 * exception) and the same trace of side effects.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Java21PatternsTest {
  private static final String TYPES =
      "  sealed interface Shape permits Circle, Square, Rect, Dot {}\n"
          + "  record Circle(int r) implements Shape {}\n"
          + "  record Square(int s) implements Shape {}\n"
          + "  record Point(int x, double y) {}\n"
          + "  record Rect(Point a, Point b) implements Shape {}\n"
          + "  enum Dot implements Shape { ONE, TWO }\n"
          + "  record Node(int val, Object next) {}\n"
          + "  record Pair<A, B>(A a, B b) {}\n"
          + "  static <T> Future<T> v(String event, T value) {\n"
          + "    Later.TRACE.add(event + \"=\" + value);\n"
          + "    return Later.value(value);\n"
          + "  }\n"
          + "  static <T> T id(String event, T value) {\n"
          + "    Later.TRACE.add(event);\n"
          + "    return value;\n"
          + "  }\n";

  @BeforeEach
  void needsJavac21() {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
  }

  /** The source of class {@code p.P}: {@code body} as an @Async method and as a plain one. */
  private static String twin(String params, String body) {
    return "package p;\n"
        + "import dev.machina.*;\n"
        + "import static dev.machina.Await.await;\n"
        + "import dev.machina.processor.testing.Later;\n"
        + "import java.util.*;\n"
        + "public class P {\n"
        + TYPES
        + "  @SuppressWarnings(\"fallthrough\")\n"
        + "  @Async static Future<String> f(" + params + ") {\n"
        + body
        + "  }\n"
        + "  public static final class Ref {\n"
        + "    static <T> T await(Future<T> f) { return Machina.blockOn(f); }\n"
        + "    @SuppressWarnings(\"fallthrough\")\n"
        + "    public static Future<String> f(" + params + ") {\n"
        + body
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  private static Harness compile(String params, String body) {
    return Harness.compileWith(List.of("--release", "21"), twin(params, body));
  }

  private static Object type(Harness h, String nested, Object... args) throws Exception {
    for (var c : h.load("p.P$" + nested).getDeclaredConstructors()) {
      if (c.getParameterCount() == args.length) {
        c.setAccessible(true);
        return c.newInstance(args);
      }
    }
    throw new AssertionError(nested);
  }

  private static Object constant(Harness h, String name) {
    for (Object o : h.load("p.P$Dot").getEnumConstants()) {
      if (o.toString().equals(name)) {
        return o;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void patternSwitchesKeepTheirBindingsAcrossAwaits() throws Exception {
    Harness h =
        compile(
            "Object o, Shape sh",
            "    String a = switch (sh) {\n"
                + "      case Circle c when c.r() > 10 -> \"big \" + await(v(\"big\", c.r()));\n"
                + "      case Circle c -> { int k = await(v(\"k\", 2)); yield \"circle \" + c.r() * k; }\n"
                + "      case Square(int s) -> \"square \" + s * await(v(\"sq\", 3));\n"
                + "      case Rect(Point(var x1, var y1), Point p2) -> {\n"
                + "        int q = await(v(\"q\", 1));\n"
                + "        yield x1 + \",\" + y1 + p2 + q;\n"
                + "      }\n"
                + "      case Dot.ONE -> \"one\" + await(v(\"one\", 1));\n"
                + "      case Dot d -> \"dot \" + d + await(v(\"dot\", 0));\n"
                + "    };\n"
                + "    switch (o) {\n"
                + "      case null -> a += \"|null\" + await(v(\"null\", 0));\n"
                + "      case String s when s.isEmpty() -> a += \"|empty\";\n"
                + "      case String s -> a += \"|\" + s + await(v(\"s\", \"!\"));\n"
                + "      case Integer i -> { int j = await(v(\"i\", i)); a += \"|int\" + (i + j); }\n"
                + "      default -> a += \"|other\" + await(v(\"other\", 0));\n"
                + "    }\n"
                + "    return Future.ready(a);\n");
    Object point12 = type(h, "Point", 1, 2.0);
    Object point34 = type(h, "Point", 3, 4.0);
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {null, type(h, "Circle", 11)},
            new Object[] {"x", type(h, "Circle", 3)},
            new Object[] {"", type(h, "Square", 4)},
            new Object[] {5, type(h, "Rect", point12, point34)},
            new Object[] {List.of(), constant(h, "ONE")},
            new Object[] {7, constant(h, "TWO")},
            new Object[] {"y", null});
    assertEquals("returned big 11|null0 [big=11, null=0]", outcomes.get(0));
    assertEquals("returned 1,2.0Point[x=3, y=4.0]1|int10 [q=1, i=5]", outcomes.get(3));
    assertTrue(outcomes.get(6).startsWith("threw java.lang.NullPointerException"), outcomes.get(6));
  }

  @Test
  void guardsThatAwaitAreTriedInCaseOrder() throws Exception {
    Harness h =
        compile(
            "Shape sh0",
            "    String a = switch (id(\"selector\", sh0)) {\n"
                + "      case Circle c when c.r() > await(v(\"g1\", 5)) -> \"big\" + c.r();\n"
                + "      case Circle c when c.r() > 2 -> \"mid\" + c.r() + await(v(\"m\", 0));\n"
                + "      case Square(int s) when s == await(v(\"g2\", 3)) -> \"three\";\n"
                + "      case Circle(int r) -> \"small\" + r;\n"
                + "      case Square q when await(v(\"g3\", q.s() > 10)) -> \"huge\";\n"
                + "      case Square q -> \"sq\" + q.s();\n"
                + "      default -> \"other\";\n"
                + "    };\n"
                + "    Object o = sh0;\n"
                + "    switch (o) {\n"
                + "      case Circle c when await(v(\"g4\", c.r())) > 3: a += \"!\"; break;\n"
                + "      case Object x: a += \"?\";\n"
                + "    }\n"
                + "    return Future.ready(a);\n");
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {type(h, "Circle", 7)},
            new Object[] {type(h, "Circle", 3)},
            new Object[] {type(h, "Circle", 1)},
            new Object[] {type(h, "Square", 3)},
            new Object[] {type(h, "Square", 11)},
            new Object[] {type(h, "Square", 4)},
            new Object[] {constant(h, "ONE")});
    assertEquals("returned mid30? [selector, g1=5, m=0, g4=3]", outcomes.get(1));
    assertEquals("returned sq4? [selector, g2=3, g3=false]", outcomes.get(5));
    String machine = h.source("p.PAsync");
    assertTrue(machine.contains("state = GUARD_CIRCLE;"), machine);
    assertTrue(machine.contains("case GUARD_CIRCLE_FALSE: {"), machine);
    assertTrue(machine.contains("when Boolean.TRUE:"), machine);
  }

  @Test
  void recordPatternsInInstanceofKeepTheirBindingsAcrossAwaits() throws Exception {
    Harness h =
        compile(
            "Object o, Object p",
            "    if (!(o instanceof Point(int x, var y))) {\n"
                + "      return Future.ready(\"no \" + await(v(\"no\", 1)));\n"
                + "    }\n"
                + "    int k = await(v(\"k\", 2));\n"
                + "    String a = \"\" + x * k + y;\n"
                + "    if (p instanceof Rect(Point(var ax, var ay), Point b) && ax > await(v(\"ax\", 0))\n"
                + "        && b.x() > ax) {\n"
                + "      a += await(v(\"in\", ax + b.x())) + \"/\" + ay;\n"
                + "    }\n"
                + "    Object n = p;\n"
                + "    while (n instanceof Node(int val, Object next)) {\n"
                + "      a += val + await(v(\"node\", \",\"));\n"
                + "      n = next;\n"
                + "    }\n"
                + "    if (p instanceof Pair<?, ?>(String s, var b) && await(v(\"pair\", true))) {\n"
                + "      a += s + b;\n"
                + "    }\n"
                + "    return Future.ready(a);\n");
    Object node = type(h, "Node", 1, type(h, "Node", 2, "end"));
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {"x", null},
            new Object[] {type(h, "Point", 3, Double.NaN), null},
            new Object[] {type(h, "Point", 3, 1.5),
                type(h, "Rect", type(h, "Point", 1, 2.0), type(h, "Point", 5, 6.0))},
            new Object[] {type(h, "Point", 3, 1.5),
                type(h, "Rect", type(h, "Point", -1, 2.0), type(h, "Point", 5, 6.0))},
            new Object[] {type(h, "Point", 2, 0.0), node},
            new Object[] {type(h, "Point", 2, 0.0), type(h, "Pair", "s", 4)});
    assertEquals("returned 6NaN [k=2]", outcomes.get(1));
    assertEquals("returned 61.56/2.0 [k=2, ax=0, in=6]", outcomes.get(2));
  }

  @Test
  void statementGroupsFallThroughJumpAndThrowAsInJava() throws Exception {
    Harness h =
        compile(
            "List<Object> items, Shape sh",
            "    StringBuilder sb = new StringBuilder();\n"
                + "    int n = switch (sh) {\n"
                + "      case Circle c: { int t = await(v(\"t\", c.r())); yield t * 2; }\n"
                + "      case Square s: yield await(v(\"s\", s.s()));\n"
                + "      default: yield -1;\n"
                + "    };\n"
                + "    sb.append(n).append(':');\n"
                + "    outer:\n"
                + "    for (Object it : items) {\n"
                + "      switch (it) {\n"
                + "        case Integer i when i < 0:\n"
                + "          sb.append(\"neg\");\n"
                + "          break outer;\n"
                + "        case Integer i:\n"
                + "          if (i == 0) { sb.append(\"zero;\"); continue; }\n"
                + "          sb.append(await(v(\"int\", i)));\n"
                + "          break;\n"
                + "        case String s:\n"
                + "          try {\n"
                + "            if (s.equals(\"boom\")) throw new IllegalStateException(s + await(v(\"b\", \"!\")));\n"
                + "            sb.append(await(v(\"str\", s)));\n"
                + "          } finally {\n"
                + "            sb.append(\"/f\").append(await(v(\"fin\", \"\")));\n"
                + "          }\n"
                + "          break;\n"
                + "        case null:\n"
                + "          sb.append(\"null\");\n"
                + "        default:\n"
                + "          sb.append(\"dflt\").append(await(v(\"d\", 0)));\n"
                + "      }\n"
                + "      sb.append(';');\n"
                + "    }\n"
                + "    return Future.ready(sb.toString());\n");
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {java.util.Arrays.asList(1, 0, "a", null, 2.5, -1, 9), type(h, "Circle", 2)},
            new Object[] {java.util.Arrays.asList("x", "boom", 3), type(h, "Square", 5)},
            new Object[] {List.of(), constant(h, "TWO")});
    assertEquals(
        "returned 4:1;zero;a/f;nulldflt0;dflt0;neg [t=2, int=1, str=a, fin=, d=0, d=0]",
        outcomes.get(0));
    assertEquals(
        "threw java.lang.IllegalStateException: boom! [s=5, str=x, fin=, b=!, fin=]",
        outcomes.get(1));
  }

  /** F48: an unused binding named {@code state} hid the member its case's jump writes. */
  @Test
  void bindingsNamedLikeTheGeneratedCode() throws Exception {
    Harness h =
        compile(
            "Shape sh",
            "    String a = switch (sh) {\n"
                + "      case Circle(int state) when state > await(v(\"g\", 1)) -> \"c\" + state + await(v(\"x\", 1));\n"
                + "      case Circle selector -> \"c\" + selector.r() + await(v(\"y\", 2));\n"
                + "      case Square(int r) -> { int cx = await(v(\"z\", r)); yield \"s\" + r + cx; }\n"
                + "      case Rect(Point awaiting, Point depth) -> \"r\" + awaiting + await(v(\"w\", depth.x()));\n"
                + "      case Dot state -> \"dot\" + await(v(\"d\", 0));\n"
                + "    };\n"
                + "    return Future.ready(a);\n");
    sameAsPlainJava(
        h,
        new Object[] {type(h, "Circle", 2)},
        new Object[] {type(h, "Circle", 1)},
        new Object[] {type(h, "Square", 3)},
        new Object[] {type(h, "Rect", type(h, "Point", 1, 2.0), type(h, "Point", 3, 4.0))},
        new Object[] {constant(h, "ONE")});
  }

  @Test
  void localRecordsAndGenericRecordsInPatterns() throws Exception {
    Harness h =
        compile(
            "Object o",
            "    record Local(int q, String w) {}\n"
                + "    Object l = new Local(await(v(\"l\", 4)), \"w\");\n"
                + "    if (l instanceof Local(int q, var w) && o instanceof Pair<?, ?>(String s, var b)) {\n"
                + "      return Future.ready(s + b + w + await(v(\"q\", q)));\n"
                + "    }\n"
                + "    String r = switch (l) {\n"
                + "      case Local(var q, String w) when q > 3 -> w + await(v(\"big\", q));\n"
                + "      default -> \"none\";\n"
                + "    };\n"
                + "    return Future.ready(r);\n");
    sameAsPlainJava(
        h,
        new Object[] {type(h, "Pair", "s", List.of(1))},
        new Object[] {type(h, "Pair", 1, 2)},
        new Object[] {"x"});
  }

  /** F46: javac 21+ wraps a constant case label in a tree of its own, on any --release. */
  @Test
  void enumLabelsOfACopiedSwitchStayUnqualifiedOnRelease17() throws Throwable {
    Harness h =
        Harness.compileWith(
            List.of("--release", "17"),
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "class E {\n"
                + "  enum Color { RED, GREEN }\n"
                + "  @Async static Future<String> f(Color c) {\n"
                + "    int k = await(Later.value(1));\n"
                + "    String s;\n"
                + "    switch (c) {\n"
                + "      case RED: s = \"r\"; break;\n"
                + "      default: s = \"g\";\n"
                + "    }\n"
                + "    String t = switch (c) { case RED -> \"R\"; case GREEN -> \"G\"; };\n"
                + "    return Future.ready(s + t + k);\n"
                + "  }\n"
                + "}\n");
    Object green = h.load("p.E$Color").getEnumConstants()[1];
    assertEquals("gG1", h.run("p.EAsync", "f", green));
  }

  /**
   * F150: a binding that a guard introduces when true, read by the case after an await, is kept
   * in a variable of the machine; the dispatch stored it inside the guard, which may assign no
   * variable declared outside it, and the generated file did not compile. It is stored after
   * the label now, as the label's own bindings are.
   */
  @Test
  void aGuardsBindingReadAfterAnAwaitIsStoredAfterTheLabel() throws Exception {
    Harness h =
        compile(
            "Object o",
            "    String a = switch (o) {\n"
                + "      case Pair<?, ?> p when p.a() instanceof String s && s.length() > 1 ->\n"
                + "          s + await(v(\"s\", p.b()));\n"
                + "      case Pair<?, ?> p when !(p.b() instanceof Integer i) -> \"not\" + await(v(\"n\", 0));\n"
                + "      case Pair<?, ?>(var x, Integer i) -> \"int\" + await(v(\"i\", i + 1)) + x;\n"
                + "      default -> \"other\";\n"
                + "    };\n"
                + "    switch (o) {\n"
                + "      case Circle c when c.r() > 0 && o instanceof Shape sh:\n"
                + "        a += await(v(\"sh\", \"|\")) + sh;\n"
                + "        break;\n"
                + "      default:\n"
                + "    }\n"
                + "    return Future.ready(a);\n");
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {type(h, "Pair", "ab", 1)},
            new Object[] {type(h, "Pair", "a", "b")},
            new Object[] {type(h, "Pair", "a", 2)},
            new Object[] {type(h, "Circle", 5)});
    assertEquals("returned ab1 [s=1]", outcomes.get(0));
    assertEquals("returned not0 [n=0]", outcomes.get(1));
    assertEquals("returned int3a [i=3]", outcomes.get(2));
    assertEquals("returned other|Circle[r=5] [sh=|]", outcomes.get(3));
    String machine = h.source("p.PAsync");
    assertTrue(machine.contains("instanceof String sMatch && sMatch.length() > 1: p2 = pMatch; s = sMatch;"), machine);
  }
}
