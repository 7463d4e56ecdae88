package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bodies with so many awaits that one {@code step} method would pass the JVM's 64 KB of code
 * (F88): the machine's states are split among several methods by range, and each machine still
 * behaves as the plain method of the same body, also where a loop, a try region, a finally
 * block or a local of {@code step} reaches from one part into another.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class LargeBodiesTest {
  private static Compilation compilation;
  private static Harness h;

  /** {@code count} statements, the {@code i}-th given by {@code line}, one per line. */
  private static String lines(int count, java.util.function.IntFunction<String> line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append("    ").append(line.apply(i)).append('\n');
    }
    return out.toString();
  }

  /** An await of the {@code i}-th kind: pending once, ready, or a direct step (unboxed or boxed). */
  private static String awaited(int i) {
    return switch (i % 4) {
      case 0 -> "await(v(\"e" + i + "\", " + i + "))";
      case 1 -> "await(Future.ready(" + i + "))";
      case 2 -> "await(twice(" + i + "))";
      default -> "await(name(" + i + ")).length()";
    };
  }

  /** 2000 awaits in straight-line code; awaited directly below, so its step is unboxed too. */
  private static final String STRAIGHT =
      "  @Async static Future<Integer> straight(int k) {\n"
          + "    int n = k;\n"
          + lines(2000, i -> "n = n * 31 + " + awaited(i) + ";")
          + "    return Future.ready(n);\n"
          + "  }\n"
          + "  @Async static Future<String> callsStraight(int k) {\n"
          + "    return Future.ready(\"s\" + await(straight(k)));\n"
          + "  }\n";

  /** A loop whose body of 900 awaits spans parts, with continue and break. */
  private static final String LOOP =
      "  @Async static Future<Integer> loop(int times) {\n"
          + "    int n = 0;\n"
          + "    outer:\n"
          + "    for (int i = 0; i < times; i++) {\n"
          + "      n += " + awaited(0) + ";\n"
          + "      if (i % 3 == 1) { continue; }\n"
          + lines(450, j -> "  n = n * 7 + " + awaited(j) + " + i;")
          + "      if (n % 5 == i) { Later.log(\"mid\" + i, 0); continue outer; }\n"
          + lines(450, j -> "  n = n * 11 - " + awaited(j + 1) + ";")
          + "      if (i == 6) { break; }\n"
          + "    }\n"
          + "    return Future.ready(n);\n"
          + "  }\n";

  /**
   * A try region over 1000 awaits: an exception thrown (or an await failing) in a late part is
   * caught by a catch whose try starts in the first part; a return from a late part goes
   * through a finally block that awaits.
   */
  private static final String TRY =
      "  @Async static Future<String> tries(int failAt, boolean fails, int returnAt) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    int n = 0;\n"
          + "    try {\n"
          + "      sb.append(await(v(\"try\", \"t\")));\n"
          + "      try {\n"
          + lines(
              1000,
              i ->
                  "    n = n * 3 + "
                      + awaited(i)
                      + ";"
                      + (i % 25 == 0 || i == 999
                          ? " if (failAt == " + i + ") { if (fails) { await(fail(\"f" + i
                              + "\")); } throw new IllegalStateException(\"at \" + n); }"
                          : "")
                      + (i % 300 == 299
                          ? " if (returnAt == " + i + ") { return Future.ready(sb + \"r\" + n); }"
                          : ""))
          + "      } finally {\n"
          + "        sb.append(\"inner\").append(await(v(\"inner\", n)));\n"
          + "      }\n"
          + "      sb.append(n);\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      sb.append(\"caught \").append(e.getMessage()).append(await(v(\"c\", 1)));\n"
          + "    } finally {\n"
          + "      sb.append(\" finally \").append(await(v(\"finally\", 2)));\n"
          + "    }\n"
          + "    return Future.ready(sb.toString());\n"
          + "  }\n";

  /**
   * Locals read far from where they are set: a local kept across 1000 awaits, and a pattern
   * binding that a dispatch stores and the branch after a long other branch reads before any
   * await (a local of {@code step}, {@code isCarried}).
   */
  private static final String LOCALS =
      "  @Async static Future<String> locals(Object o, String s) {\n"
          + "    String early = s + await(v(\"early\", \"!\"));\n"
          + "    int n = 0;\n"
          + "    if (!(o instanceof String str)) {\n"
          + lines(1000, i -> "  n = n * 5 + " + awaited(i) + ";")
          + "      return Future.ready(early + n);\n"
          + "    } else {\n"
          + "      String t = str + str.length();\n"
          + "      n += await(v(\"else\", 3));\n"
          + "      return Future.ready(early + t + n);\n"
          + "    }\n"
          + "  }\n";

  private static final String HELPERS =
      "  static <T> Future<T> v(String event, T value) {\n"
          + "    Later.TRACE.add(event);\n"
          + "    return Later.value(value);\n"
          + "  }\n"
          + "  static <T> Future<T> fail(String event) {\n"
          + "    Later.TRACE.add(event);\n"
          + "    return Later.failure(new IllegalStateException(event));\n"
          + "  }\n";

  private static final String ASYNC_HELPERS =
      "  @Async static Future<Integer> twice(int i) { return Future.ready(2 * i); }\n"
          + "  @Async static Future<String> name(int i) { return Future.ready(\"n\" + i); }\n";

  /** The same bodies as plain methods, with a blocking {@code await}. */
  private static String plain(String bodies) {
    return bodies.replace("@Async static", "public static");
  }

  @BeforeAll
  static void compile() {
    String bodies = STRAIGHT + LOOP + TRY + LOCALS;
    h =
        Harness.compile(
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "public class P {\n"
                + HELPERS
                + ASYNC_HELPERS
                + bodies
                + "  public static final class Ref {\n"
                + "    static <T> T await(Future<T> f) { return Machina.blockOn(f); }\n"
                + HELPERS
                + plain(ASYNC_HELPERS)
                + plain(bodies)
                + "  }\n"
                + "}\n");
    compilation = h.compilation();
  }

  private static String generated() {
    JavaFileObject file =
        compilation.generatedSourceFile("p.PAsync").orElseThrow();
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many parts the machine {@code machine}'s step is split into, from the generated Javadoc. */
  private static int parts(String machine) {
    String source = generated();
    int at = source.indexOf("static final class " + machine + " ");
    int end = source.indexOf("\n  }\n", at);
    Matcher m = Pattern.compile("Part 1 of (\\d+) of \\{@link #step}").matcher(source);
    m.region(at, end);
    return m.find() ? Integer.parseInt(m.group(1)) : 1;
  }

  @Test
  void straightLineCodeOf2000AwaitsIsSplitAndRunsAsPlainJava() {
    assertTrue(parts("Straight") > 2, "parts: " + parts("Straight"));
    sameAsPlainJava(h, "straight", 7);
    sameAsPlainJava(h, "callsStraight", 3);
  }

  @Test
  void aLoopWhoseBodySpansPartsRunsAsPlainJava() {
    assertTrue(parts("Loop") > 1);
    for (int times : new int[] {0, 1, 2, 5, 9}) {
      sameAsPlainJava(h, "loop", times);
    }
  }

  @Test
  void aTryRegionSpanningPartsCatchesAndFinishesAsPlainJava() {
    assertTrue(parts("Tries") > 2);
    for (int failAt : new int[] {-1, 0, 25, 650, 975, 999}) {
      sameAsPlainJava(h, "tries", failAt, false, -1);
      sameAsPlainJava(h, "tries", failAt, true, -1);
    }
    for (int returnAt : new int[] {299, 599, 899}) {
      String out = sameAsPlainJava(h, "tries", -1, false, returnAt);
      assertTrue(out.startsWith("returned tr"), out);
    }
  }

  @Test
  void localsReadFarFromWhereTheyAreSetRunAsPlainJava() {
    assertTrue(parts("Locals") > 1);
    sameAsPlainJava(h, "locals", "str", "s");
    sameAsPlainJava(h, "locals", 42, "s");
  }

  @Test
  void smallMachinesStayOneMethod() {
    assertEquals(1, parts("Twice"));
    assertEquals(1, parts("Name"));
  }

  @Test
  void theStateTableOfAMachineOfThousandsOfStatesIsAFewConstants() {
    // One argument of String.join per state took 8 bytes of the static initializer each.
    String source = generated();
    int at = source.indexOf("static final class Straight ");
    int table = source.indexOf("STATES = String.join(", at);
    int end = source.indexOf(");\n", table);
    assertTrue(table > 0 && end > table, "the table is joined");
    String init = source.substring(table, end);
    long arguments = init.lines().filter(l -> l.trim().startsWith("\"")).count();
    assertTrue(arguments >= 2 && arguments < 10, "arguments of String.join: " + arguments);
  }

  @Test
  void aSplitBodyWithALocalClassIsRefusedOnItsMethod() {
    Compilation c =
        Harness.compileRaw(
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "public class Q {\n"
                + "  @Async static Future<Integer> big() {\n"
                + "    class Box { int v; }\n"
                + "    Box b = new Box();\n"
                + lines(1000, i -> "b.v = b.v * 3 + await(Future.ready(" + i + "));")
                + "    return Future.ready(b.v);\n"
                + "  }\n"
                + "}\n");
    assertThat(c).hadErrorContaining("cannot share the local classes it declares");
  }
}
