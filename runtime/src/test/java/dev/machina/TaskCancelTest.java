package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.Machine;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JoinHandle.cancel(): what runs, what the handle reports, and cancel racing completion. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskCancelTest {
  private final ConcurrentLinkedQueue<Throwable> unhandled = new ConcurrentLinkedQueue<>();
  private final MachinaRuntime rt =
      MachinaRuntime.builder()
          .workerThreads(2)
          .threadNamePrefix("cancel-test")
          .unhandledFailureHandler(unhandled::add)
          .build();

  @AfterEach
  void close() {
    rt.close();
    assertTrue(unhandled.isEmpty(), "no failure reported: " + unhandled);
  }

  private static void awaitPolled(Manual<?> m) {
    while (!m.polled()) {
      Thread.yield();
    }
  }

  @Test
  void cancelOfPendingMachineRunsItsHandlersAndFailsTheHandle() {
    Manual<String> leaf = new Manual<>();
    AtomicInteger cancelSeen = new AtomicInteger();
    AtomicInteger finallyRuns = new AtomicInteger();
    JoinHandle<String> h = rt.spawn(new Machines.Awaiting<>(leaf, cancelSeen, finallyRuns));
    awaitPolled(leaf);
    h.cancel();
    assertThrows(CancellationException.class, () -> rt.blockOn(h));
    assertTrue(h.isDone());
    assertTrue(leaf.cancelled, "the pending leaf was cancelled");
    assertEquals(1, cancelSeen.get(), "the await threw CancellationException inside the body");
    assertEquals(1, finallyRuns.get());
  }

  @Test
  void cancelBeforeFirstPollRunsNothing() throws Exception {
    MachinaRuntime single = MachinaRuntime.builder().singleThread().threadNamePrefix("c1").build();
    try {
      CountDownLatch release = new CountDownLatch(1);
      // Occupy the only worker so the second task cannot start before it is cancelled.
      JoinHandle<Void> blocker = single.spawn(cx -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        return null;
      });
      Manual<String> leaf = new Manual<>();
      AtomicInteger finallyRuns = new AtomicInteger();
      JoinHandle<String> h =
          single.spawn(new Machines.Awaiting<>(leaf, new AtomicInteger(), finallyRuns));
      h.cancel();
      release.countDown();
      assertThrows(CancellationException.class, () -> single.blockOn(h));
      single.blockOn(blocker);
      assertEquals(0, leaf.polls.get());
      assertEquals(0, finallyRuns.get());
    } finally {
      single.close();
    }
  }

  /** {@code try { await(work); } finally { await(cleanup); }} */
  static final class CleanupAwaits extends Machine<String> {
    final Future<String> work;
    final Future<String> cleanup;
    Throwable pending;
    volatile boolean cleanupDone;

    CleanupAwaits(Future<String> work, Future<String> cleanup) {
      this.work = work;
      this.cleanup = cleanup;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step(Context cx, int nested) throws Throwable {
      switch (state) {
        case 0:
          awaiting = work;
          state = 1;
          // fall through
        case 1:
          try {
            if (awaited(cx, nested) == SUSPENDED) {
              return SUSPENDED;
            }
          } catch (Throwable e) {
            pending = e;
          }
          awaiting = cleanup;
          state = 2;
          // fall through
        case 2:
          if (awaited(cx, nested) == SUSPENDED) {
            return SUSPENDED;
          }
          cleanupDone = true;
          if (pending != null) {
            throw pending;
          }
          return "finished";
        default:
          throw new IllegalStateException();
      }
    }
  }

  @Test
  void cancelledTaskKeepsRunningCleanupThatAwaits() {
    Manual<String> work = new Manual<>();
    Manual<String> cleanup = new Manual<>();
    CleanupAwaits m = new CleanupAwaits(work, cleanup);
    JoinHandle<String> h = rt.spawn(m);
    awaitPolled(work);
    h.cancel();
    awaitPolled(cleanup);
    assertFalse(h.isDone(), "the handle waits for the cleanup");
    cleanup.complete("closed");
    assertThrows(CancellationException.class, () -> rt.blockOn(h));
    assertTrue(m.cleanupDone);
  }

  @Test
  void cancelOfFinishedTaskDoesNothing() {
    JoinHandle<String> h = rt.spawn(Future.ready("v"));
    assertEquals("v", rt.blockOn(h));
    h.cancel();
    assertEquals("v", rt.blockOn(h));
    assertEquals("v", h.toCompletableFuture().join());
  }

  @Test
  void cancelOfLeafFutureTaskAbandonsIt() {
    Manual<String> leaf = new Manual<>();
    JoinHandle<String> h = rt.spawn(leaf);
    awaitPolled(leaf);
    h.cancel();
    assertThrows(CancellationException.class, () -> rt.blockOn(h));
    assertTrue(leaf.cancelled);
  }

  @Test
  void cancellingTheCompletableFutureViewCancelsTheTask() throws Exception {
    Manual<String> leaf = new Manual<>();
    AtomicInteger cancelSeen = new AtomicInteger();
    JoinHandle<String> h =
        rt.spawn(new Machines.Awaiting<>(leaf, cancelSeen, new AtomicInteger()));
    awaitPolled(leaf);
    assertTrue(h.toCompletableFuture().cancel(true));
    assertThrows(CancellationException.class, () -> rt.blockOn(h));
    assertEquals(1, cancelSeen.get());
  }

  @Test
  void failureThroughCompletableFutureViewIsTheOriginal() {
    IllegalStateException boom = new IllegalStateException("boom");
    Manual<String> leaf = new Manual<>();
    JoinHandle<String> h = rt.spawn(leaf);
    var cf = h.toCompletableFuture();
    leaf.fail(boom);
    ExecutionException e = assertThrows(ExecutionException.class, cf::get);
    assertSame(boom, e.getCause());
  }

  @Test
  void cancelRacingCompletionIsSafe() {
    int iterations = 2000;
    AtomicInteger cancelSeen = new AtomicInteger();
    AtomicInteger finallyRuns = new AtomicInteger();
    int values = 0;
    int cancellations = 0;
    int delay = 0;
    for (int i = 0; i < iterations; i++) {
      Manual<Integer> leaf = new Manual<>();
      JoinHandle<Integer> h = rt.spawn(new Machines.Awaiting<>(leaf, cancelSeen, finallyRuns));
      awaitPolled(leaf);
      // The completion wakes the task onto a worker, which polls it while this thread cancels.
      leaf.complete(i);
      spin(delay);
      h.cancel();
      String outcome = outcomeOf(h);
      // Steer the cancel towards the moment the task completes, whatever this machine's speed.
      if (outcome.equals("cancelled")) {
        cancellations++;
        delay = Math.min(delay * 2 + 1, 1 << 16);
      } else {
        assertEquals("value " + i, outcome);
        values++;
        delay /= 2;
      }
      assertTrue(h.isDone());
      h.cancel();
      assertEquals(outcome, outcomeOf(h), "a late cancel changes nothing");
    }
    System.out.println("cancel race: " + values + " values, " + cancellations + " cancellations");
    assertEquals(iterations, values + cancellations);
    assertEquals(cancellations, cancelSeen.get(), "every cancelled outcome went through the body");
    assertEquals(iterations, finallyRuns.get(), "every body ran its handler exactly once");
  }

  private String outcomeOf(JoinHandle<Integer> h) {
    try {
      return "value " + rt.blockOn(h);
    } catch (CancellationException e) {
      return "cancelled";
    }
  }

  /** Busy-waits a little, to spread which side of the race comes first. */
  private static void spin(int rounds) {
    for (int i = 0; i < rounds * 20; i++) {
      Thread.onSpinWait();
    }
  }
}
