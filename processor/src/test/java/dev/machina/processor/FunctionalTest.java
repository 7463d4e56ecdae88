package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionalTest {
  private static final String IMPORTS =
      "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n";

  @Test
  void straightLineStaticMethod() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n" + IMPORTS
                + "class Calc {\n"
                + "  @Async static Future<Integer> add(int a, int b) {\n"
                + "    int x = await(Later.value(a));\n"
                + "    int y = await(Later.fromThread(b));\n"
                + "    return Future.ready(x + y);\n"
                + "  }\n"
                + "}\n");
    assertEquals(7, h.run("p.CalcAsync", "add", 3, 4));
  }

  @Test
  void loopsConditionsAndRecursion() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n" + IMPORTS
                + "class Loops {\n"
                + "  @Async static Future<Long> sum(int n) {\n"
                + "    long total = 0;\n"
                + "    int i = 0;\n"
                + "    while (i < n) {\n"
                + "      if (i % 2 == 0) {\n"
                + "        total += await(Later.value(i));\n"
                + "      } else {\n"
                + "        total -= 1;\n"
                + "      }\n"
                + "      i++;\n"
                + "    }\n"
                + "    return Future.ready(total);\n"
                + "  }\n"
                + "  @Async static Future<Integer> depth(int n) {\n"
                + "    if (n == 0) return Future.ready(0);\n"
                + "    return Future.ready(1 + await(depth(n - 1)));\n"
                + "  }\n"
                + "}\n");
    assertEquals(0L + 0 + 2 + 4 + 6 + 8 - 5, h.run("p.LoopsAsync", "sum", 10));
    assertEquals(100_000, h.run("p.LoopsAsync", "depth", 100_000));
  }

  @Test
  void instanceMethodWithTryCatch() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n" + IMPORTS
                + "class Svc {\n"
                + "  int base = 10;\n"
                + "  @Async Future<String> fetch(boolean fail) {\n"
                + "    String s;\n"
                + "    try {\n"
                + "      s = await(fail ? Later.<String>failure(new java.io.IOException(\"boom\")) : Later.value(\"ok\"));\n"
                + "    } catch (Exception e) {\n"
                + "      if (!(e instanceof java.io.IOException)) throw e;\n"
                + "      s = \"caught \" + e.getMessage() + \" \" + await(Later.value(base));\n"
                + "    }\n"
                + "    return Future.ready(s + base);\n"
                + "  }\n"
                + "}\n");
    Object svc = h.instance("p.Svc");
    assertEquals("ok10", h.run("p.SvcAsync", "fetch", svc, false));
    assertEquals("caught boom 1010", h.run("p.SvcAsync", "fetch", svc, true));
  }
}
