package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which machines return their value unboxed ({@code stepInt} and the like): only those that an
 * await of the file steps directly (no override can replace them) and whose every return gives a
 * primitive of the result's box; the others keep the boxed step, and a {@code null} value still
 * completes them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnboxedStepTest {
  private static final Harness H =
      Harness.compile(
          "package u;\n"
              + "import dev.machina.*;\n"
              + "import static dev.machina.Await.await;\n"
              + "import dev.machina.processor.testing.Later;\n"
              + "class Values {\n"
              + "  @Async static Future<Integer> twice(int v) {\n"
              + "    return Future.ready(2 * await(Later.value(v)));\n"
              + "  }\n"
              + "  @Async static Future<Integer> maybe(boolean none) {\n"
              + "    if (none) { return Future.ready(null); }\n"
              + "    return Future.ready(await(twice(3)));\n"
              + "  }\n"
              + "  @Async static Future<Integer> boxed(Integer v) {\n"
              + "    return Future.ready(v);\n"
              + "  }\n"
              + "  @Async static Future<Integer> tail(int v) {\n"
              + "    if (v > 0) { return Future.ready(v); }\n"
              + "    return twice(v);\n"
              + "  }\n"
              + "  @Async Future<Integer> overridable(int v) {\n"
              + "    return Future.ready(v + await(twice(v)));\n"
              + "  }\n"
              + "  @Async private Future<Long> hidden(int v) {\n"
              + "    return Future.ready(await(twice(v)) * 10L);\n"
              + "  }\n"
              + "  @Async final Future<String> text() {\n"
              + "    return Future.ready(\"\" + await(hidden(1)) + await(twice(2)));\n"
              + "  }\n"
              + "  @Async static <T extends Integer> Future<T> generic(T v) {\n"
              + "    return Future.ready(v);\n"
              + "  }\n"
              + "  @Async static Future<Integer> uncalled(int v) {\n"
              + "    return Future.ready(v + await(Later.value(1)));\n"
              + "  }\n"
              + "  @Async static Future<Integer> callsAll() {\n"
              + "    Values v = new Values();\n"
              + "    return Future.ready(await(maybe(false)) + await(boxed(1)) + await(tail(1))\n"
              + "        + await(v.overridable(1)) + await(generic(1)) + await(v.text()).length());\n"
              + "  }\n"
              + "}\n");

  /** The type the machine {@code machine}'s unboxed step returns, or null if it has none. */
  private static String unboxedStep(String machine) {
    String source = H.source("u.ValuesAsync");
    Matcher head = Pattern.compile("static final class " + machine + "[ <]").matcher(source);
    if (!head.find()) {
      throw new AssertionError("no machine " + machine + " in\n" + source);
    }
    int start = head.start();
    int end = source.indexOf("static final class", start + 1);
    String body = source.substring(start, end < 0 ? source.length() : end);
    Matcher m = Pattern.compile("private (\\w+) step\\w+\\(Context").matcher(body);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void machinesWhoseEveryReturnIsAPrimitiveOfTheirBoxStepUnboxed() {
    assertEquals("int", unboxedStep("Twice"));
    assertEquals("long", unboxedStep("Hidden"));
  }

  @Test
  void nullableOverridableTailGenericAndUncalledValuesStayBoxed() {
    assertNull(unboxedStep("Uncalled"));
    assertNull(unboxedStep("CallsAll"));
    assertNull(unboxedStep("Maybe"));
    assertNull(unboxedStep("Boxed"));
    assertNull(unboxedStep("Tail"));
    assertNull(unboxedStep("Overridable"));
    assertNull(unboxedStep("Generic"));
    assertNull(unboxedStep("Text"));
  }

  @Test
  void directStepsOfUnboxedCalleesReadTheirPrimitiveLocal() {
    String source = H.source("u.ValuesAsync");
    assertTrue(source.contains("rInt = nest(twice).stepInt(cx, depth + 1);"), source);
    assertTrue(source.contains("if (suspended(twice)) {"), source);
    assertFalse(source.contains("nest(twice).step(cx"), source);
  }

  @Test
  void valuesComeOutBoxedWhateverTheStep() throws Throwable {
    assertEquals(6, H.run("u.ValuesAsync", "twice", 3));
    assertNull(H.run("u.ValuesAsync", "maybe", true));
    assertEquals(6, H.run("u.ValuesAsync", "maybe", false));
    assertNull(H.run("u.ValuesAsync", "boxed", (Object) null));
    assertEquals(-4, H.run("u.ValuesAsync", "tail", -2));
    assertEquals("204", H.run("u.ValuesAsync", "text", H.instance("u.Values")));
    assertEquals(9, H.run("u.ValuesAsync", "overridable", H.instance("u.Values"), 3));
  }
}
