package dev.machina.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Future;
import dev.machina.Machina;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fuzzer's compile-and-load path, as the differential runs rely on it. */
class InMemoryCompilerTest {
  private static final String SOURCE =
      "package a;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.*;\n"
          + "public class A {\n"
          + "  public static void plain(int x) { assert x > 0 : \"plain \" + x; }\n"
          + "  @Async public static Future<Integer> machine(int x) {\n"
          + "    int y = await(Future.ready(x));\n"
          + "    assert y > 0 : \"machine \" + y;\n"
          + "    return Future.ready(y);\n"
          + "  }\n"
          + "}\n";

  @Test
  void loadedProgramsRunTheirAssertsAsTheReadmeSays() throws Exception {
    try (InMemoryCompiler.Result r = InMemoryCompiler.compile(Map.of("a/A.java", SOURCE), true)) {
      assertTrue(r.success, r::errors);
      Class<?> plain = r.load("a.A");
      InvocationTargetException thrown =
          org.junit.jupiter.api.Assertions.assertThrows(
              InvocationTargetException.class,
              () -> plain.getMethod("plain", int.class).invoke(null, 0));
      assertEquals("plain 0", assertInstanceOf(AssertionError.class, thrown.getCause()).getMessage());
      Future<?> machine = (Future<?>) r.load("a.AAsync").getMethod("machine", int.class).invoke(null, -1);
      AssertionError lowered =
          org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Machina.blockOn(machine));
      assertEquals("machine -1", lowered.getMessage());
      assertEquals(3, Machina.blockOn((Future<?>) r.load("a.AAsync").getMethod("machine", int.class).invoke(null, 3)));
    }
  }
}
