package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.processor.testing.Later;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Java's evaluation order (JLS 15.7, 15.26) holds across suspensions; traces record it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EvaluationOrderTest {
  private static Harness h;

  @BeforeAll
  static void compile() {
    h =
        Harness.compile(
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "import java.util.List;\n"
                + "class Order {\n"
                + "  int count;\n"
                + "  static <T> T log(List<String> t, String event, T value) { t.add(event); return value; }\n"
                + "  static String join(String a, int b, String c) { return a + b + c; }\n"
                + "  Future<Integer> bumpThenTen() { count++; return Later.value(10); }\n"
                + "  @Async static Future<String> arguments(List<String> t) {\n"
                + "    return Future.ready(join(log(t, \"a\", \"A\"), await(Later.value(log(t, \"b\", 2))), log(t, \"c\", \"C\")));\n"
                + "  }\n"
                + "  @Async Future<Integer> compoundReadsLeftFirst() {\n"
                + "    count += await(bumpThenTen());\n"
                + "    return Future.ready(count);\n"
                + "  }\n"
                + "  @Async static Future<String> arrayAndIndexFirst(List<String> t) {\n"
                + "    int[] arr = new int[2];\n"
                + "    int i = 0;\n"
                + "    log(t, \"array\", arr)[log(t, \"index\", i)] = await(Later.value(log(t, \"rhs\", 5)));\n"
                + "    int j = 1;\n"
                + "    arr[j] += await(Later.value(j++ + 6));\n"
                + "    return Future.ready(arr[0] + \",\" + arr[1] + \",\" + j);\n"
                + "  }\n"
                + "  @Async static Future<String> shortCircuits(List<String> t, boolean x) {\n"
                + "    boolean and = x && await(Later.value(log(t, \"and\", true)));\n"
                + "    boolean or = x || await(Later.value(log(t, \"or\", false)));\n"
                + "    String c = x ? await(Later.value(log(t, \"then\", \"T\"))) : await(Later.value(log(t, \"else\", \"E\")));\n"
                + "    return Future.ready(and + \" \" + or + \" \" + c);\n"
                + "  }\n"
                + "  @Async static Future<String> concatAndArrays(List<String> t) {\n"
                + "    String s = log(t, \"s1\", \"a\") + await(Later.value(log(t, \"s2\", \"b\"))) + log(t, \"s3\", \"c\") + await(Later.value(\"d\"));\n"
                + "    int[] a = {log(t, \"e1\", 1), await(Later.value(log(t, \"e2\", 2))), log(t, \"e3\", 3)};\n"
                + "    StringBuilder b = new StringBuilder(log(t, \"n1\", \"x\")).append(await(Later.value(log(t, \"n2\", \"y\"))));\n"
                + "    return Future.ready(s + a[0] + a[1] + a[2] + b);\n"
                + "  }\n"
                + "  @Async static Future<Integer> localReassignedInRhs(List<String> t) {\n"
                + "    int x = 1;\n"
                + "    int y = x + (x = 10) + await(Later.value(x));\n"
                + "    return Future.ready(y * 100 + x);\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void argumentsLeftToRight() throws Throwable {
    List<String> t = new ArrayList<>();
    assertEquals("A2C", h.run("p.OrderAsync", "arguments", t));
    assertEquals(List.of("a", "b", "c"), t);
  }

  @Test
  void compoundAssignmentReadsItsLeftSideBeforeTheRightSideRuns() throws Throwable {
    Object order = h.instance("p.Order");
    // count is read (0) before bumpThenTen() sets it to 1; the result is 0 + 10.
    assertEquals(10, h.run("p.OrderAsync", "compoundReadsLeftFirst", order));
  }

  @Test
  void arrayAndIndexBeforeRightHandSide() throws Throwable {
    List<String> t = new ArrayList<>();
    // j++ in the right side runs after arrays[0][j] was located (j == 1): element 1 gets 0 + 7.
    assertEquals("5,7,2", h.run("p.OrderAsync", "arrayAndIndexFirst", t));
    assertEquals(List.of("array", "index", "rhs"), t);
  }

  @Test
  void shortCircuitAndConditional() throws Throwable {
    List<String> t = new ArrayList<>();
    assertEquals("false false E", h.run("p.OrderAsync", "shortCircuits", t, false));
    assertEquals(List.of("or", "else"), t);
    t.clear();
    assertEquals("true true T", h.run("p.OrderAsync", "shortCircuits", t, true));
    assertEquals(List.of("and", "then"), t);
  }

  @Test
  void concatenationInitializersAndConstructors() throws Throwable {
    List<String> t = new ArrayList<>();
    assertEquals("abcd123xy", h.run("p.OrderAsync", "concatAndArrays", t));
    assertEquals(List.of("s1", "s2", "s3", "e1", "e2", "e3", "n1", "n2"), t);
  }

  @Test
  void operandReadBeforeItsReassignmentLaterInTheExpression() throws Throwable {
    // x (1) is read before (x = 10); the await then sees 10: y = 1 + 10 + 10.
    assertEquals(21 * 100 + 10, h.run("p.OrderAsync", "localReassignedInRhs", new ArrayList<>()));
  }

  private static final String QUALIFIED_NEW =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Q {
        static StringBuilder log = new StringBuilder();
        class Leaf { Leaf(int v) { log.append("leaf;"); } }
        private class Node { Node(int v) { log.append("node;"); } }
        static Future<Integer> side(Future<Integer> f) { log.append("side;"); return f; }
        @Async static Future<String> run(Future<Integer> f, Q q) {
          log.setLength(0);
          try { Object o = q.new Leaf(await(side(f))); } catch (NullPointerException e) { log.append("npe1;"); }
          try { Object o = q.new Node(await(side(f))); } catch (NullPointerException e) { log.append("npe2;"); }
          return Future.ready(log.toString());
        }
        static String plain(Future<Integer> f, Q q) {
          log.setLength(0);
          try { Object o = q.new Leaf(side(f).hashCode()); } catch (NullPointerException e) { log.append("npe1;"); }
          try { Object o = q.new Node(side(f).hashCode()); } catch (NullPointerException e) { log.append("npe2;"); }
          return log.toString();
        }
        public static String plainRun(boolean none) { return plain(Future.ready(1), none ? null : new Q()); }
        public static Future<String> asyncRun(Future<Integer> f, boolean none) { return QAsync.run(f, none ? null : new Q()); }
      }
      """;

  /**
   * F178: {@code q.new Inner(await(..))} with a null {@code q} throws before its arguments run
   * (JLS 15.9.4, unlike a method call's receiver); the machine evaluated the arguments, and
   * awaited, first. For an inner class it can name and for one it reaches through a handle.
   */
  @Test
  void aNullQualifierOfAClassInstanceCreationThrowsBeforeItsArgumentsRun() throws Throwable {
    Harness q = Harness.compile(QUALIFIED_NEW);
    assertEquals("npe1;npe2;", q.call("p.Q", "plainRun", true));
    assertEquals("npe1;npe2;", q.run("p.Q", "asyncRun", Later.value(3), true));
    assertEquals("side;leaf;side;node;", q.call("p.Q", "plainRun", false));
    assertEquals("side;leaf;side;node;", q.run("p.Q", "asyncRun", Later.value(3), false));
  }
}
