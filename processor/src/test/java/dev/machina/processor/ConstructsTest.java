package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Control flow, resources and declaration shapes, each with pending futures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConstructsTest {
  private static Harness h;

  private static final String HEADER =
      "package q;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n";

  @BeforeAll
  static void compile() {
    h =
        Harness.compile(
            HEADER
                + "class Flow {\n"
                + "  enum Color { RED, GREEN, BLUE }\n"
                + "  @Async static Future<String> labeled(List<String> t) {\n"
                + "    outer:\n"
                + "    for (int i = 0; i < 3; i++) {\n"
                + "      try {\n"
                + "        for (int j = 0; j < 3; j++) {\n"
                + "          try {\n"
                + "            int v = await(Later.value(i * 10 + j));\n"
                + "            if (v == 11) continue outer;\n"
                + "            if (v == 21) break outer;\n"
                + "            t.add(\"v\" + v);\n"
                + "          } finally {\n"
                + "            t.add(\"in\" + await(Later.value(j)));\n"
                + "          }\n"
                + "        }\n"
                + "      } finally {\n"
                + "        t.add(\"out\" + i);\n"
                + "      }\n"
                + "    }\n"
                + "    return Future.ready(String.join(\",\", t));\n"
                + "  }\n"
                + "  @SuppressWarnings(\"fallthrough\")\n"
                + "  @Async static Future<String> switches(Color c, String s) {\n"
                + "    StringBuilder b = new StringBuilder();\n"
                + "    switch (await(Later.value(c))) {\n"
                + "      case RED:\n"
                + "        b.append(await(Later.value(\"r\")));\n"
                + "      case GREEN:\n"
                + "        b.append(\"g\");\n"
                + "        break;\n"
                + "      default:\n"
                + "        b.append(await(Later.value(\"d\")));\n"
                + "    }\n"
                + "    int n = switch (s) {\n"
                + "      case \"one\" -> 1;\n"
                + "      case \"two\" -> await(Later.value(2));\n"
                + "      default -> {\n"
                + "        int k = await(Later.value(s.length()));\n"
                + "        yield k * 100;\n"
                + "      }\n"
                + "    };\n"
                + "    return Future.ready(b + \":\" + n);\n"
                + "  }\n"
                + "  @Async static Future<Integer> loopsEverywhere(int[] data) {\n"
                + "    int sum = 0;\n"
                + "    for (int x : await(Later.value(data))) sum += x;\n"
                + "    int i = 0;\n"
                + "    while (i < await(Later.value(3))) i++;\n"
                + "    do { sum += await(Later.value(i)); i--; } while (i > await(Later.value(0)));\n"
                + "    for (int k = await(Later.value(0)); k < 2; k += await(Later.value(1))) sum += 1000;\n"
                + "    return Future.ready(sum);\n"
                + "  }\n"
                + "  @Async static Future<Integer> nestedReturn(List<String> t) {\n"
                + "    try {\n"
                + "      try {\n"
                + "        return Later.value(await(Later.value(7)));\n"
                + "      } finally {\n"
                + "        t.add(\"inner\");\n"
                + "      }\n"
                + "    } finally {\n"
                + "      t.add(\"outer \" + await(Later.value(\"x\")));\n"
                + "    }\n"
                + "  }\n"
                + "  @Async static Future<String> unbraced(boolean early) {\n"
                + "    int k = 0;\n"
                + "    while (k++ < 5) {\n"
                + "      if (!await(Later.value(k < 3))) break;\n"
                + "    }\n"
                + "    try {\n"
                + "      boolean c = await(Later.value(early));\n"
                + "      if (c) return Later.value(\"early\" + k);\n"
                + "      else k = -k;\n"
                + "    } finally {\n"
                + "      k = k * 10;\n"
                + "    }\n"
                + "    return Future.ready(\"late\" + k);\n"
                + "  }\n"
                + "  @Async static Future<String> finallyOverridesException() {\n"
                + "    try {\n"
                + "      try {\n"
                + "        await(Later.failure(new IllegalStateException(\"first\")));\n"
                + "      } finally {\n"
                + "        await(Later.value(1));\n"
                + "      }\n"
                + "    } catch (IllegalStateException | IllegalArgumentException e) {\n"
                + "      return Future.ready(\"caught \" + e.getMessage());\n"
                + "    }\n"
                + "    return Future.ready(\"no\");\n"
                + "  }\n"
                + "}\n",
            HEADER
                + "class Res implements AutoCloseable {\n"
                + "  final String name; final List<String> log; final boolean failClose;\n"
                + "  Res(String name, List<String> log, boolean failClose) { this.name = name; this.log = log; this.failClose = failClose; }\n"
                + "  @Override public void close() { log.add(\"close \" + name); if (failClose) throw new IllegalStateException(\"close \" + name); }\n"
                + "  @Async static Future<String> use(List<String> log, boolean fail) {\n"
                + "    Res shared = new Res(\"shared\", log, false);\n"
                + "    try (Res a = await(Later.value(new Res(\"a\", log, fail))); Res b = new Res(\"b\", log, fail); shared) {\n"
                + "      log.add(\"body \" + await(Later.value(a.name + b.name)));\n"
                + "      if (fail) throw new IllegalArgumentException(\"body\");\n"
                + "      return Future.ready(\"ok\");\n"
                + "    } catch (IllegalArgumentException e) {\n"
                + "      return Future.ready(e.getMessage() + \" suppressed \" + e.getSuppressed().length);\n"
                + "    }\n"
                + "  }\n"
                + "}\n",
            HEADER
                + "interface Shape {\n"
                + "  int sides();\n"
                + "  @Async default Future<Integer> doubled(Future<Integer> f) {\n"
                + "    return Future.ready(sides() * await(f));\n"
                + "  }\n"
                + "  @Async static Future<String> name(Future<String> f) {\n"
                + "    return Future.ready(\"shape \" + await(f));\n"
                + "  }\n"
                + "}\n"
                + "class Square implements Shape { public int sides() { return 4; } }\n",
            HEADER
                + "enum Op {\n"
                + "  ADD { int apply(int a, int b) { return a + b; } },\n"
                + "  MUL { int apply(int a, int b) { return a * b; } };\n"
                + "  abstract int apply(int a, int b);\n"
                + "  private static int calls;\n"
                + "  private int uses;\n"
                + "  private static int twice(int x) { return 2 * x; }\n"
                + "  @Async Future<Integer> run(Future<Integer> a, Future<Integer> b) {\n"
                + "    uses++;\n"
                + "    calls += 1;\n"
                + "    var x = await(a);\n"
                + "    Runnable r = () -> uses += x;\n"
                + "    r.run();\n"
                + "    return Future.ready(twice(apply(x, await(b))) + uses * 1000 + calls * 100000);\n"
                + "  }\n"
                + "  @SafeVarargs @Async static <T extends Comparable<T>> Future<T> max(Future<T> a, Future<T> b, T... more) {\n"
                + "    T best = await(a);\n"
                + "    T other = await(b);\n"
                + "    if (other.compareTo(best) > 0) best = other;\n"
                + "    for (T m : more) if (m.compareTo(best) > 0) best = m;\n"
                + "    return Future.ready(best);\n"
                + "  }\n"
                + "}\n",
            "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "class Plain {\n"
                + "  static class Box<T> {\n"
                + "    T value;\n"
                + "    @Async Future<String> show(Future<T> f) {\n"
                + "      value = await(f);\n"
                + "      Object o = value;\n"
                + "      if (o instanceof String s && await(Future.ready(s.length())) > 1) {\n"
                + "        return Future.ready(\"long \" + s);\n"
                + "      }\n"
                + "      return Future.ready(\"other \" + o);\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void labeledJumpsThroughNestedFinallyBlocksWithAwaits() throws Throwable {
    List<String> t = new ArrayList<>();
    assertEquals(
        "v0,in0,v1,in1,v2,in2,out0,v10,in0,in1,out1,v20,in0,in1,out2",
        h.run("q.FlowAsync", "labeled", t));
  }

  @Test
  void switchStatementsAndExpressions() throws Throwable {
    Class<?> color = h.load("q.Flow$Color");
    Object red = color.getEnumConstants()[0];
    Object green = color.getEnumConstants()[1];
    Object blue = color.getEnumConstants()[2];
    assertEquals("rg:1", h.run("q.FlowAsync", "switches", red, "one"));
    assertEquals("g:2", h.run("q.FlowAsync", "switches", green, "two"));
    assertEquals("d:500", h.run("q.FlowAsync", "switches", blue, "three"));
  }

  @Test
  void awaitsInLoopHeaders() throws Throwable {
    // 1+2+3 from the array; i counts to 3; do-while adds 3, 2, 1; the for loop adds 2000.
    assertEquals(6 + 6 + 2000, h.run("q.FlowAsync", "loopsEverywhere", (Object) new int[] {1, 2, 3}));
  }

  @Test
  void returnThroughTwoFinallyBlocksThenTailAwait() throws Throwable {
    List<String> t = new ArrayList<>();
    assertEquals(7, h.run("q.FlowAsync", "nestedReturn", t));
    assertEquals(List.of("inner", "outer x"), t);
  }

  @Test
  void unbracedJumpsAsBranchesOfIfsStayOneStatement() throws Throwable {
    assertEquals("early3", h.run("q.FlowAsync", "unbraced", true));
    assertEquals("late-30", h.run("q.FlowAsync", "unbraced", false));
  }

  @Test
  void multiCatchAfterFinallyWithAwait() throws Throwable {
    assertEquals("caught first", h.run("q.FlowAsync", "finallyOverridesException"));
  }

  @Test
  void tryWithResourcesClosesInReverseOrderAndSuppresses() throws Throwable {
    List<String> log = new ArrayList<>();
    assertEquals("ok", h.run("q.ResAsync", "use", log, false));
    assertEquals(List.of("body ab", "close shared", "close b", "close a"), log);
    log.clear();
    assertEquals("body suppressed 2", h.run("q.ResAsync", "use", log, true));
    assertEquals(List.of("body ab", "close shared", "close b", "close a"), log);
  }

  @Test
  void interfaceDefaultAndStaticMethods() throws Throwable {
    Object square = h.instance("q.Square");
    assertEquals(12, h.run("q.ShapeAsync", "doubled", square, dev.machina.processor.testing.Later.value(3)));
    assertEquals("shape x", h.run("q.ShapeAsync", "name", dev.machina.Future.ready("x")));
  }

  @Test
  void enumWithPrivateMembersLambdasAndGenericVarargs() throws Throwable {
    Object add = h.load("q.Op").getEnumConstants()[0];
    // uses: 1 then += 3 -> 4; calls: 1; twice(3 + 4) = 14.
    assertEquals(14 + 4000 + 100000,
        h.run("q.OpAsync", "run", add, dev.machina.Future.ready(3), dev.machina.processor.testing.Later.value(4)));
    assertEquals("z", h.run("q.OpAsync", "max", dev.machina.Future.ready("b"),
        dev.machina.processor.testing.Later.value("a"), new String[] {"z", "c"}));
  }

  @Test
  void defaultPackageNestedGenericClassAndPatternBinding() throws Throwable {
    Object box = h.instance("Plain$Box");
    assertEquals("long abc", h.run("Plain_BoxAsync", "show", box, dev.machina.processor.testing.Later.value("abc")));
    assertEquals("other 5", h.run("Plain_BoxAsync", "show", box, dev.machina.Future.ready(5)));
    assertTrue(h.source("Plain_BoxAsync").contains("class Plain_BoxAsync"));
    assertThrows(AssertionError.class, () -> h.source("q.Missing"));
  }
}
