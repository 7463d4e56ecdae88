package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Variables a body never reads across an await: catch parameters the handler ignores get no
 * field, and Java 22's unnamed variables ({@code _}) lower like named ones.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnusedVariablesTest {
  private static final String HEADER =
      "package q;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.io.*;\n"
          + "import java.util.*;\n";

  @Test
  void aCatchParameterTheHandlerNeverReadsGetsNoField() throws Throwable {
    Harness h =
        Harness.compile(
            HEADER
                + "class Catches {\n"
                + "  @Async static Future<String> f(boolean fail) {\n"
                + "    String out = \"\";\n"
                + "    try {\n"
                + "      if (fail) throw new IOException(\"io\");\n"
                + "      out += await(Later.value(\"ok\"));\n"
                + "    } catch (IOException ignored) {\n"
                + "      out += await(Later.value(\"caught\"));\n"
                + "    }\n"
                + "    try {\n"
                + "      out += await(Later.value(\"-\"));\n"
                + "      throw new IllegalStateException(\"used\");\n"
                + "    } catch (IllegalStateException used) {\n"
                + "      out += await(Later.value(\"+\")) + used.getMessage();\n"
                + "    }\n"
                + "    return Future.ready(out);\n"
                + "  }\n"
                + "}\n");
    assertEquals("caught-+used", h.run("q.CatchesAsync", "f", true));
    assertEquals("ok-+used", h.run("q.CatchesAsync", "f", false));
    String generated = h.source("q.CatchesAsync");
    assertFalse(generated.contains("ignored"), generated);
    assertTrue(generated.contains("private IllegalStateException used;"), generated);
  }

  @Test
  void unnamedVariablesLowerLikeNamedOnes() throws Throwable {
    assumeTrue(Runtime.version().feature() >= 22, "unnamed variables need Java 22");
    Harness h =
        Harness.compile(
            HEADER
                + "class Unnamed {\n"
                + "  @Async static Future<Integer> f(List<String> items) {\n"
                + "    int total = 0;\n"
                + "    for (var _ : items) { total += await(Later.value(1)); }\n"
                + "    for (String _ : items) { total += await(Later.value(10)); }\n"
                + "    try {\n"
                + "      if (items.size() > 1) throw new IOException(\"x\");\n"
                + "      total += await(Later.value(100));\n"
                + "    } catch (IOException _) {\n"
                + "      total += await(Later.value(1000));\n"
                + "    }\n"
                + "    int _ = await(Later.value(5));\n"
                + "    var _ = await(Later.value(7));\n"
                + "    try (var _ = new StringReader(\"s\")) {\n"
                + "      total += await(Later.value(10000));\n"
                + "    }\n"
                + "    java.util.function.IntUnaryOperator g = _ -> 100000;\n"
                + "    total += g.applyAsInt(await(Later.value(0)));\n"
                + "    return Future.ready(total);\n"
                + "  }\n"
                + "}\n");
    assertEquals(111022, h.run("q.UnnamedAsync", "f", List.of("a", "b")));
    assertEquals(110111, h.run("q.UnnamedAsync", "f", List.of("a")));
  }
}
