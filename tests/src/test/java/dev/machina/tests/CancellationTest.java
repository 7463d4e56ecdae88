package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.tests.support.Gate;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class CancellationTest {
  private static void pollOnce(Future<?> f) throws Throwable {
    assertSame(Future.PENDING, f.poll(Context.of(Waker.noop())));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelledAwaitThrowsAndFinallyRunsItsAwaits(Mode mode) throws Throwable {
    Trace t = new Trace();
    Gate<Integer> never = new Gate<>();
    Future<String> m = CancellationAsync.withFinally(t, never, new Src(mode).val(5));
    pollOnce(m);
    m.cancel();
    assertThrows(CancellationException.class, () -> block(m));
    assertTrue(never.isCancelled());
    assertEquals(List.of("start", "caught cancellation", "finally", "cleanup 5"), t.events());
  }

  @Test
  void cancelledAwaitClosesResources() throws Throwable {
    Trace t = new Trace();
    Gate<Integer> never = new Gate<>();
    Future<String> m = CancellationAsync.withResource(t, never);
    pollOnce(m);
    m.cancel();
    assertThrows(CancellationException.class, () -> block(m));
    assertTrue(never.isCancelled());
    assertEquals(List.of("open r", "close r"), t.events());
  }

  @Test
  void cancellationReachesTheInnermostMachine() throws Throwable {
    Trace t = new Trace();
    Gate<Integer> never = new Gate<>();
    Future<String> m = CancellationAsync.nested(t, never);
    pollOnce(m);
    m.cancel();
    assertThrows(CancellationException.class, () -> block(m));
    assertTrue(never.isCancelled());
    assertEquals(List.of("open r", "close r", "outer finally"), t.events());
  }

  @Test
  void cancelBeforeFirstPollRunsNothing() {
    Trace t = new Trace();
    Gate<Integer> never = new Gate<>();
    Future<String> m = CancellationAsync.withFinally(t, never, Future.ready(1));
    m.cancel();
    assertThrows(CancellationException.class, () -> block(m));
    assertEquals(List.of(), t.events());
  }
}
