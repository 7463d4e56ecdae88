package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.processor.testing.Later;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Constant stack, deep recursion, cancellation and the machine's toString. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SuspensionTest {
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
                + "class Deep {\n"
                + "  @Async static Future<Long> pendingLoop(int n) {\n"
                + "    long sum = 0;\n"
                + "    for (int i = 0; i < n; i++) {\n"
                + "      sum += await(Later.value(1));\n"
                + "    }\n"
                + "    return Future.ready(sum);\n"
                + "  }\n"
                + "  @Async static Future<Long> readyLoop(int n) {\n"
                + "    long sum = 0;\n"
                + "    for (int i = 0; i < n; i++) {\n"
                + "      sum += await(Future.ready(2));\n"
                + "    }\n"
                + "    return Future.ready(sum);\n"
                + "  }\n"
                + "  @Async static Future<Integer> recurse(int n) {\n"
                + "    if (n == 0) {\n"
                + "      return Future.ready(0);\n"
                + "    }\n"
                + "    int below = await(recurse(n - 1));\n"
                + "    return Future.ready(below + 1);\n"
                + "  }\n"
                + "  @Async static Future<Integer> tail(int n) {\n"
                + "    if (n == 0) return Later.value(42);\n"
                + "    return tail(n - 1);\n"
                + "  }\n"
                + "  @Async static Future<String> cleanup(Future<String> never, List<String> t) {\n"
                + "    try {\n"
                + "      t.add(\"start\");\n"
                + "      return Future.ready(await(never));\n"
                + "    } finally {\n"
                + "      t.add(\"finally \" + await(Future.ready(\"ran\")));\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void millionPendingAwaitsInConstantStack() throws Throwable {
    assertEquals(1_000_000L, h.run("p.DeepAsync", "pendingLoop", 1_000_000));
  }

  @Test
  void millionReadyAwaitsYieldToTheBudget() throws Throwable {
    assertEquals(2_000_000L, h.run("p.DeepAsync", "readyLoop", 1_000_000));
  }

  @Test
  void recursionAMillionDeep() throws Throwable {
    assertEquals(1_000_000, h.run("p.DeepAsync", "recurse", 1_000_000));
  }

  @Test
  void returnOfAFutureCompletesWithItsOutcome() throws Throwable {
    assertEquals(42, h.run("p.DeepAsync", "tail", 100_000));
  }

  @Test
  void lazyUntilPolledAndCancellationRunsFinallyWithAwaits() throws Throwable {
    Later.Never<String> never = new Later.Never<>();
    List<String> t = new ArrayList<>();
    Future<?> f = (Future<?>) h.call("p.DeepAsync", "cleanup", never, t);
    assertEquals(List.of(), t, "the factory must not run the body");
    assertTrue(f.toString().contains("not started"), f.toString());
    assertSame(Future.PENDING, f.poll(Context.of(Waker.noop())));
    assertTrue(
        f.toString().matches("Deep\\.cleanup suspended at AWAIT_NEVER \\(Deep\\.java:\\d+: await\\(never\\)\\)"),
        f.toString());
    f.cancel();
    assertTrue(never.cancelled, "the awaited leaf is cancelled");
    assertEquals(List.of("start", "finally ran"), t);
    assertThrows(CancellationException.class, () -> f.poll(Context.of(Waker.noop())));
  }
}
