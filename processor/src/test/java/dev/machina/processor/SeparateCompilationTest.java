package dev.machina.processor;

import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lowered switches over an enum or a sealed hierarchy that changed after the {@code @Async} class
 * was compiled (a constant or a permitted class added): the machine throws what the plain method
 * of the same body throws (F81), or, for a switch statement of Java 17, runs no case, as Java does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeparateCompilationTest {
  private static final String COLOR = "package p;\npublic enum Color { RED, GREEN%s }\n";

  private static final String SHAPE =
      "package p;\n"
          + "public sealed interface Shape permits Shape.Round, Shape.Square%s {\n"
          + "  sealed interface Round extends Shape permits Circle, Oval%s {}\n"
          + "  record Circle(int r) implements Round {}\n"
          + "  record Oval(int a) implements Round {}\n"
          + "  record Square(int s) implements Shape {}\n"
          + "%s}\n";

  /** Class {@code p.P}: each body as an {@code @Async} method and as a plain one in {@code Ref}. */
  private static String twin(String param, String... bodies) {
    StringBuilder s =
        new StringBuilder(
            "package p;\n"
                + (param.startsWith("Shape") ? "import p.Shape.*;\n" : "")
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "public class P {\n");
    StringBuilder ref =
        new StringBuilder(
            "  public static final class Ref {\n"
                + "    static <T> T await(Future<T> f) { return Machina.blockOn(f); }\n");
    for (int i = 0; i < bodies.length; i++) {
      s.append("  @Async static Future<String> f").append(i).append("(").append(param)
          .append(") {\n").append(bodies[i]).append("  }\n");
      ref.append("    public static Future<String> f").append(i).append("(").append(param)
          .append(") {\n").append(bodies[i]).append("    }\n");
    }
    return s.append(ref).append("  }\n}\n").toString();
  }

  private static final String ENUM_EXPRESSION =
      "    Later.TRACE.add(\"before\");\n"
          + "    String t;\n"
          + "    try {\n"
          + "      t = switch (c) {\n"
          + "        case RED -> \"r\" + await(Later.value(1));\n"
          + "        case GREEN -> \"g\";\n"
          + "      };\n"
          + "    } finally {\n"
          + "      Later.TRACE.add(\"finally\");\n"
          + "    }\n"
          + "    return Future.ready(t + await(Later.value(2)));\n";

  private static final String ENUM_YIELD =
      "    int n = switch (c) {\n"
          + "      case GREEN: yield 1;\n"
          + "      case RED: Later.TRACE.add(\"red\"); yield await(Later.value(2));\n"
          + "    };\n"
          + "    return Future.ready(\"n\" + n);\n";

  private static final String ENUM_STATEMENTS =
      "    String t = \"none\";\n"
          + "    switch (c) {\n"
          + "      case RED -> t = \"r\" + await(Later.value(1));\n"
          + "      case GREEN -> t = \"g\";\n"
          + "    }\n"
          + "    switch (c) {\n"
          + "      case RED: t += await(Later.value(2)); break;\n"
          + "      case GREEN: t += \"G\";\n"
          + "    }\n"
          + "    return Future.ready(t);\n";

  /** Java 21: {@code case null} makes a switch over an enum one that must be exhaustive. */
  private static final String ENUM_NULL_LABELS =
      "    String t = \"none\";\n"
          + "    switch (c) {\n"
          + "      case null -> t = \"null\";\n"
          + "      case RED -> t = \"r\" + await(Later.value(1));\n"
          + "      case GREEN -> t = \"g\";\n"
          + "    }\n"
          + "    String u = switch (c) {\n"
          + "      case null -> \"null\";\n"
          + "      case RED -> \"r\";\n"
          + "      case GREEN -> \"g\" + await(Later.value(2));\n"
          + "    };\n"
          + "    return Future.ready(t + u);\n";

  private static Harness enumRecompiled(String release, String... more) {
    List<String> options = List.of("--release", release);
    List<String> bodies = new java.util.ArrayList<>(List.of(ENUM_EXPRESSION, ENUM_YIELD, ENUM_STATEMENTS));
    bodies.addAll(List.of(more));
    return Harness.recompiled(
        Harness.compileRaw(
            options, String.format(COLOR, ""), twin("Color c", bodies.toArray(new String[0]))),
        Harness.compileRaw(options, String.format(COLOR, ", BLUE")));
  }

  private static Object blue(Harness h) {
    return h.load("p.Color").getEnumConstants()[2];
  }

  @Test
  void enumSwitchExpressionsThrowIncompatibleClassChangeErrorOnRelease17() {
    Harness h = enumRecompiled("17");
    Object blue = blue(h);
    assertEquals(
        "threw java.lang.IncompatibleClassChangeError: null [before, finally]",
        sameAsPlainJava(h, "f0", blue));
    assertEquals("threw java.lang.IncompatibleClassChangeError: null []", sameAsPlainJava(h, "f1", blue));
    assertEquals("returned none []", sameAsPlainJava(h, "f2", blue));
    assertEquals("returned r12 [before, finally]", sameAsPlainJava(h, "f0", h.load("p.Color").getEnumConstants()[0]));
  }

  @Test
  void enumSwitchExpressionsThrowMatchExceptionOnRelease21() {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    Harness h = enumRecompiled("21", ENUM_NULL_LABELS);
    Object blue = blue(h);
    assertEquals("threw java.lang.MatchException: null []", sameAsPlainJava(h, "f3", blue));
    assertEquals("returned nullnull []", sameAsPlainJava(h, "f3", (Object) null));
    assertEquals(
        "threw java.lang.MatchException: null [before, finally]", sameAsPlainJava(h, "f0", blue));
    assertEquals("threw java.lang.MatchException: null []", sameAsPlainJava(h, "f1", blue));
    assertEquals("returned none []", sameAsPlainJava(h, "f2", blue));
  }

  /**
   * A class added to a sealed hierarchy: one the first dispatch misses (javac's own default of
   * the pattern switch), and one a guard that awaits takes and rejects, which the dispatch over
   * the cases after it misses ({@code GUARD_ROUND_FALSE}'s default).
   */
  @Test
  void patternSwitchesThrowMatchExceptionForAClassAddedToTheSealedHierarchy() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    List<String> options = List.of("--release", "21");
    String expression =
        "    String t = switch (sh) {\n"
            + "      case Round r when await(Later.value(r instanceof Circle)) -> \"circle\";\n"
            + "      case Circle c -> \"c\" + c.r();\n"
            + "      case Oval o -> \"o\" + await(Later.value(o.a()));\n"
            + "      case Square s -> \"s\" + s.s();\n"
            + "    };\n"
            + "    return Future.ready(t);\n";
    String statement =
        "    String t = \"none\";\n"
            + "    switch (sh) {\n"
            + "      case Round r when await(Later.value(r instanceof Circle)) -> t = \"circle\";\n"
            + "      case Circle c -> t = \"c\";\n"
            + "      case Oval o -> t = \"o\" + await(Later.value(o.a()));\n"
            + "      case Square s -> t = \"s\";\n"
            + "    }\n"
            + "    return Future.ready(t);\n";
    Harness h =
        Harness.recompiled(
            Harness.compileRaw(options, String.format(SHAPE, "", "", ""), twin("Shape sh", expression, statement)),
            Harness.compileRaw(
                options,
                String.format(
                    SHAPE,
                    ", Shape.Tri",
                    ", Ring",
                    "  record Tri() implements Shape {}\n  record Ring(int w) implements Round {}\n")));
    String machine = h.source("p.PAsync");
    assertEquals(true, machine.contains("case GUARD_ROUND_FALSE: {"), machine);
    Object ring = instance(h, "p.Shape$Ring", 1);
    Object tri = instance(h, "p.Shape$Tri");
    for (String f : List.of("f0", "f1")) {
      assertEquals("threw java.lang.MatchException: null []", sameAsPlainJava(h, f, ring));
      assertEquals("threw java.lang.MatchException: null []", sameAsPlainJava(h, f, tri));
      assertEquals("returned o3 []", sameAsPlainJava(h, f, instance(h, "p.Shape$Oval", 3)));
    }
  }

  private static Object instance(Harness h, String name, Object... args) throws Exception {
    var c = h.load(name).getDeclaredConstructors()[0];
    c.setAccessible(true);
    return c.newInstance(args);
  }
}
