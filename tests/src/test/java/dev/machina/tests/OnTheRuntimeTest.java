package dev.machina.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.tests.support.Gate;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated machines run as a user runs them: Machina.blockOn, spawn, JoinHandle.cancel. */
@Timeout(60)
class OnTheRuntimeTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void blockOnRunsAMachine(Mode mode) {
    Trace t = new Trace();
    assertEquals("0:10 1:9 2:8", Machina.blockOn(LoopsAsync.forAllParts(new Src(mode), t)));
    assertEquals(List.of("f0", "f1", "f2"), t.events());
    RuntimeException e = new IllegalStateException("x");
    assertSame(e, assertThrows(IllegalStateException.class,
        () -> Machina.blockOn(LoopsAsync.failInLoop(new Src(mode), new Trace(), e))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancellingTheJoinHandleRunsFinallyAndItsAwaits(Mode mode) throws Exception {
    Trace t = new Trace();
    Gate<Integer> never = new Gate<>();
    JoinHandle<String> h = Machina.spawn(CancellationAsync.withFinally(t, never, new Src(mode).val(5)));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!never.isPolled()) {
      assertTrue(System.nanoTime() < deadline, "the task never reached its await");
      Thread.sleep(1);
    }
    h.cancel();
    assertThrows(CancellationException.class, () -> Machina.blockOn(h));
    assertTrue(never.isCancelled());
    assertEquals(List.of("start", "caught cancellation", "finally", "cleanup 5"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void manyTasksAwaitingEachOther(Mode mode) {
    int children = 200;
    long expected = 0;
    for (long i = 0; i < children; i++) {
      expected += i * (i - 1) / 2;
    }
    assertEquals(expected, Machina.blockOn(SpawningAsync.fanOut(new Src(mode), children)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void concurrentRootsOnTheWorkers(Mode mode) {
    List<JoinHandle<Integer>> hs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      hs.add(Machina.spawn(RecursionAsync.fib(new Src(mode), 10)));
    }
    for (JoinHandle<Integer> h : hs) {
      assertEquals(55, Machina.blockOn(h));
    }
  }
}
