package dev.machina.processor;

import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ordinary locals kept in fields only where they live across an await (F90): a local stored and
 * read in several blocks of {@code step} with no await between its store and its reads is a local
 * of {@code step}; one whose value an await (or the budget's yield at a loop head) separates from
 * a read stays a field, and a reference field is cleared at a suspension after which it is stored
 * again before any read. Each machine behaves as the plain method of the same body.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalLivenessTest {
  /** Class {@code p.P}: {@code body} as an {@code @Async} method and as a plain one in {@code Ref}. */
  private static String twin(String params, String body) {
    return "package p;\n"
        + "import dev.machina.*;\n"
        + "import static dev.machina.Await.await;\n"
        + "import dev.machina.processor.testing.Later;\n"
        + "import java.util.function.*;\n"
        + "@SuppressWarnings(\"fallthrough\")\n"
        + "public class P {\n"
        + "  static <T> Future<T> v(String event, T value) {\n"
        + "    Later.TRACE.add(event + \"=\" + value);\n"
        + "    return Later.value(value);\n"
        + "  }\n"
        + "  static <T> Future<T> fails(String event, boolean fail, T value) {\n"
        + "    Later.TRACE.add(event + \"=\" + value);\n"
        + "    return fail ? Later.failure(new IllegalStateException(event)) : Later.value(value);\n"
        + "  }\n"
        + "  static String check(String s, int n) {\n"
        + "    if (n == 3) throw new IllegalStateException(\"check\" + s);\n"
        + "    return s + n;\n"
        + "  }\n"
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

  private static boolean hasField(String machine, String name) {
    return machine.matches("(?s).*\n    private [\\w.<>, ]+ " + name + ";\n.*");
  }

  @Test
  void localsReadInBranchesAndIterationsBeforeTheirAwaitsAreNoFields() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "int n",
                "    String a = \"\";\n"
                    + "    int k = n * 2;\n"
                    + "    String label = \"n\" + n;\n"
                    + "    if (n > 1) {\n"
                    + "      Supplier<String> s = () -> label + k;\n"
                    + "      a += s.get() + await(v(\"big\", n));\n"
                    + "    } else {\n"
                    + "      a += k + label + await(v(\"small\", n));\n"
                    + "    }\n"
                    + "    for (int i = 0; i < n; i++) {\n"
                    + "      String s = \"i\" + i;\n"
                    + "      if (i % 2 == 0) {\n"
                    + "        a += await(v(s, i));\n"
                    + "      } else {\n"
                    + "        a += s;\n"
                    + "      }\n"
                    + "    }\n"
                    + "    int m = n + 1;\n"
                    + "    switch (n) {\n"
                    + "      case 1: a += \"one\";\n"
                    + "      case 2: a += await(v(\"two\", m)); break;\n"
                    + "      default: a += m;\n"
                    + "    }\n"
                    + "    for (int x = 0; x < 1; x++) { a += x; }\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    for (String local : List.of("k", "label", "s", "m")) {
      assertFalse(hasField(machine, local), local + ":\n" + machine);
    }
    assertTrue(machine.contains("String label = null;"), machine);
    assertTrue(machine.contains("final String label_ = label;"), machine); // the lambda's copy
    assertTrue(hasField(machine, "a"), machine);
    assertTrue(hasField(machine, "i"), machine);
    List<String> outcomes =
        sameAsPlainJava(
            h,
            new Object[] {0},
            new Object[] {1},
            new Object[] {2},
            new Object[] {3},
            new Object[] {5});
    assertEquals("returned 0n0010 [small=0]", outcomes.get(0));
  }

  @Test
  void aLocalAnAwaitSeparatesFromARead() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "int n",
                "    String a = \"\";\n"
                    + "    String kept = \"k\" + n;\n"
                    + "    a += await(v(\"x\", 1));\n"
                    + "    a += kept;\n"
                    + "    String prev = \"none\";\n"
                    + "    for (int i = 0; i < n; i++) {\n"
                    + "      a += prev;\n"
                    + "      a += await(v(\"p\", i));\n"
                    + "      prev = \"p\" + i;\n"
                    + "    }\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    assertTrue(hasField(machine, "kept"), machine); // stored before an await, read after
    assertTrue(hasField(machine, "prev"), machine); // stored in one iteration, read in the next
    sameAsPlainJava(h, new Object[] {0}, new Object[] {1}, new Object[] {3});
  }

  @Test
  void aCatchReadsALocalStoredBeforeAnAwaitInTheTry() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "int n",
                "    String a = \"\";\n"
                    + "    String seen = \"start\";\n"
                    + "    int tries = n;\n"
                    + "    try {\n"
                    + "      seen = \"s\" + n;\n"
                    + "      a += await(fails(\"t\", n == 1, n));\n"
                    + "      seen = \"after\";\n"
                    + "      seen = check(seen, n);\n"
                    + "      if (n == 4) throw new IllegalStateException(\"four\");\n"
                    + "      a += seen;\n"
                    + "    } catch (IllegalStateException e) {\n"
                    + "      a += e.getMessage() + seen + tries;\n"
                    + "    }\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    assertTrue(hasField(machine, "seen"), machine);
    assertTrue(hasField(machine, "tries"), machine); // read by the catch after the await
    List<String> outcomes =
        sameAsPlainJava(
            h, new Object[] {0}, new Object[] {1}, new Object[] {3}, new Object[] {4});
    assertEquals("returned ts11 [t=1]", outcomes.get(1));
    assertEquals("returned 3checkafterafter3 [t=3]", outcomes.get(2));
  }

  @Test
  void aFieldIsClearedAtASuspensionAfterWhichItIsStoredBeforeAnyRead() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "int n",
                "    String a = \"\";\n"
                    + "    String big = \"b\" + n;\n"
                    + "    a += await(v(\"one\", 1));\n"
                    + "    a += big;\n"
                    + "    a += await(v(\"two\", 2));\n"
                    + "    big = \"c\" + n;\n"
                    + "    a += await(v(\"three\", 3));\n"
                    + "    a += big;\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    assertTrue(hasField(machine, "big"), machine);
    // Dead at the second await, where the old rule kept it because a later block reads it.
    assertTrue(
        machine.matches("(?s).*state = AWAIT_V_2;\n\\s*// not read again: [^\n]*\n\\s*big = null;\n.*"), machine);
    // Still read after the third await, and not cleared before.
    assertFalse(
        machine.matches("(?s).*state = AWAIT_V_3;\n(\\s*//[^\n]*\n)?(\\s*\\w+ = null;\n)*\\s*big = null;\n.*"), machine);
    assertEquals(List.of("returned 1b523c5 [one=1, two=2, three=3]"), sameAsPlainJava(h, new Object[] {5}));
  }

  /**
   * F91: the head of a loop that awaits is where the machine resumes after the budget's yield, a
   * new call of {@code step}, so a variable read in the loop is a field even where no await's
   * resumption leads back to the head (the loop's only await breaks out of it). 300 iterations
   * exhaust the budget (128) at least twice.
   */
  @Test
  void aVariableReadAtEveryIterationOfALoopThatYieldsIsAField() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "Object o, int n",
                "    String a = \"\";\n"
                    + "    int count = 0;\n"
                    + "    if (o instanceof String s) {\n"
                    + "      String t = s + \"!\";\n"
                    + "      while (n-- > 0) {\n"
                    + "        count += s.length() + t.length();\n"
                    + "        if (n == 1) {\n"
                    + "          a += await(v(\"last\", n));\n"
                    + "          break;\n"
                    + "        }\n"
                    + "      }\n"
                    + "    }\n"
                    + "    return Future.ready(a + count);\n"));
    String machine = h.source("p.PAsync");
    assertTrue(hasField(machine, "s"), machine);
    assertTrue(hasField(machine, "t"), machine);
    assertEquals(
        List.of("returned 11495 [last=1]", "returned 5 []"),
        sameAsPlainJava(h, new Object[] {"ab", 300}, new Object[] {"ab", 1}));
  }

  /**
   * A case storing a local and falling through into one reading it, a for-each variable read in a
   * branch before its await, a local stored from an await and read in branches after, and a local
   * of {@code step} renamed where a copied loop declares its name (F82).
   */
  @Test
  void fallThroughForEachAndRenamedLocalsOfStep() throws Exception {
    Harness h =
        Harness.compile(
            twin(
                "int n",
                "    String a = \"\";\n"
                    + "    String w = \"w\";\n"
                    + "    switch (n) {\n"
                    + "      case 1: w = \"one\";\n"
                    + "      case 2: a += await(v(w, n)); break;\n"
                    + "      default: a += w;\n"
                    + "    }\n"
                    + "    for (String e : java.util.List.of(\"x\", \"yy\")) {\n"
                    + "      if (e.length() > n) { a += await(v(e, n)); } else { a += e; }\n"
                    + "    }\n"
                    + "    int q = await(v(\"q\", n - 2));\n"
                    + "    {\n"
                    + "      int x = q * 3;\n"
                    + "      if (q > 0) { a += await(v(\"pos\", x)); } else { a += x; }\n"
                    + "    }\n"
                    + "    for (int x2 = 0, y = 0; y < 1; y++) { a += x2; }\n"
                    + "    for (int x = 0; x < 1; x++) { a += x; }\n"
                    + "    return Future.ready(a);\n"));
    String machine = h.source("p.PAsync");
    for (String local : List.of("w", "e", "x")) {
      assertFalse(hasField(machine, local), local + ":\n" + machine);
    }
    assertTrue(machine.contains("int x3 = 0;"), machine); // renamed: a copied loop declares x
    sameAsPlainJava(
        h, new Object[] {0}, new Object[] {1}, new Object[] {2}, new Object[] {3}, new Object[] {4});
  }
}
