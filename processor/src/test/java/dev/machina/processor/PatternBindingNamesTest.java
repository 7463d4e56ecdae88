package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pattern bindings named like the members generated code writes unqualified ({@code awaiting},
 * {@code state}), which flow scoping puts in scope of the generated code after a negated
 * {@code instanceof} (F47).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PatternBindingNamesTest {
  @Test
  void aNegatedTestsBindingDoesNotHideTheMachinesMembers() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "class H {\n"
                + "  @Async static Future<String> f(Object o, Object p) {\n"
                + "    if (!(o instanceof String awaiting)) {\n"
                + "      return Future.ready(\"no\");\n"
                + "    }\n"
                + "    int k = await(Later.value(1));\n"
                + "    if (!(p instanceof Integer state) || state < 0) {\n"
                + "      return Future.ready(\"neg\" + k);\n"
                + "    }\n"
                + "    return Future.ready(\"yes\" + (k + await(Later.value(2))));\n"
                + "  }\n"
                + "}\n");
    assertEquals("no", h.run("p.HAsync", "f", 1, 1));
    assertEquals("neg1", h.run("p.HAsync", "f", "s", -1));
    assertEquals("yes3", h.run("p.HAsync", "f", "s", 5));
  }
}
