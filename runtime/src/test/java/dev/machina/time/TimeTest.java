package dev.machina.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.testing.MiniRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TimeTest {
  final MiniRuntime rt = new MiniRuntime("time-test");

  @AfterEach
  void close() throws InterruptedException {
    rt.close();
  }

  @Test
  void timersFireInDeadlineOrderAndNeverEarly() throws Throwable {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
    // Registered in scrambled order, deadlines 15 ms apart from one base; each waker records
    // its id when the driver fires it.
    int[] ids = {7, 2, 9, 0, 5, 3, 8, 1, 6, 4};
    CountDownLatch fired = new CountDownLatch(ids.length);
    rt.blockOn(c -> {
      long base = System.nanoTime() + 300_000_000L;
      for (int id : ids) {
        long deadline = base + 15_000_000L * id;
        Future<Void> sleep = Time.sleepUntilNanoTime(deadline);
        assertEquals(Future.PENDING, sleep.poll(Context.of(() -> {
          lateness.add(System.nanoTime() - deadline);
          order.add(id);
          fired.countDown();
        })));
      }
      return null;
    });
    assertTrue(fired.await(20, TimeUnit.SECONDS));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
    for (long late : lateness) {
      assertTrue(late >= 0, "a timer never fires early: " + late);
    }
  }

  @Test
  void aSleepWhoseDeadlinePassedCompletesOnFirstPoll() throws Throwable {
    Future<Void> s = Time.sleep(Duration.ZERO);
    assertEquals(null, s.poll(Context.of(() -> {})));
    Future<Void> past = Time.sleepUntilNanoTime(System.nanoTime() - 1_000_000);
    assertEquals(null, past.poll(Context.of(() -> {})));
  }

  @Test
  void sleepUntilAnInstantWaitsForIt() throws Throwable {
    long start = System.nanoTime();
    rt.blockOn(Time.sleepUntil(java.time.Instant.now().plusMillis(50)));
    assertTrue(System.nanoTime() - start >= 45_000_000L);
  }

  /** A future that never completes and records whether it was cancelled. */
  static final class Forever implements Future<String> {
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public Object poll(Context cx) {
      return PENDING;
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  @Test
  void timeoutFailsWithTimeoutExceptionAndCancelsTheInnerFuture() throws Exception {
    Forever inner = new Forever();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> rt.spawn(Time.timeout(inner, Duration.ofMillis(30))).get(20, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertTrue(inner.cancelled.get(), "the inner future was cancelled");
  }

  @Test
  void timeoutPassesTheInnerOutcomeThroughAndReleasesItsTimer() throws Throwable {
    Future<String> inner = Future.ready("value");
    assertEquals("value", rt.blockOn(Time.timeout(inner, Duration.ofSeconds(10))));
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> rt.blockOn(Time.timeout(Future.failed(boom), Duration.ofSeconds(10))));
    assertTrue(thrown == boom, "the original throwable");
    // An inner future that completes later than the first poll, well before the deadline.
    Future<Void> slowish = Time.sleep(Duration.ofMillis(20));
    assertEquals(null, rt.blockOn(Time.timeout(slowish, Duration.ofSeconds(10))));
    assertPendingTimersDrainTo(0);
  }

  @Test
  void aFinishedTimeoutIgnoresCancelAndRefusesASecondPoll() throws Throwable {
    Forever cancelWitness = new Forever();
    Future<String> inner = new Future<>() {
      int polls;

      @Override
      public Object poll(Context cx) {
        return ++polls == 1 ? PENDING : "late";
      }

      @Override
      public void cancel() {
        cancelWitness.cancel();
      }
    };
    Future<String> guarded = Time.timeout(inner, Duration.ofSeconds(10));
    // Both polls in one poll of the task, so the timer is armed, then cancelled by completion.
    Future<String> twice = cx -> {
      assertEquals(Future.PENDING, guarded.poll(cx));
      return guarded.poll(cx);
    };
    assertEquals("late", rt.blockOn(twice));
    guarded.cancel(); // after completion: nothing to cancel
    assertFalse(cancelWitness.cancelled.get(), "a completed inner future is not cancelled");
    assertTrue(guarded.toString().contains("completed"), guarded.toString());
    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> guarded.poll(Context.of(() -> {})));
    assertTrue(again.getMessage().contains("polled again"), again.getMessage());
    assertPendingTimersDrainTo(0);
  }

  void assertPendingTimersDrainTo(int expected) throws InterruptedException {
    rt.driver().timers().wakeDriverForTest();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rt.driver().timers().pendingInWheel() != expected && System.nanoTime() < end) {
      Thread.sleep(5);
      rt.driver().timers().wakeDriverForTest();
    }
    assertEquals(expected, rt.driver().timers().pendingInWheel());
  }

  @Test
  void aMillionPendingTimersAreInsertedAndCancelledWithoutLeaking() throws Throwable {
    int n = 1_000_000;
    List<Future<Void>> sleeps = new ArrayList<>(n);
    Context cx = Context.of(() -> {});
    // Polled from the runtime thread so that they join this runtime's wheel.
    rt.blockOn(c -> {
      for (int i = 0; i < n; i++) {
        Future<Void> s = Time.sleep(Duration.ofSeconds(30 + i % 3_600));
        assertEquals(Future.PENDING, s.poll(cx));
        sleeps.add(s);
      }
      return null;
    });
    // Linked when first polled and unlinked when cancelled, with no driver turn in between.
    assertEquals(n, rt.driver().timers().pendingInWheel());
    for (Future<Void> s : sleeps) {
      s.cancel();
    }
    assertEquals(0, rt.driver().timers().pendingInWheel(), "cancel freed every entry at once");
  }

  @Test
  void cancellingASleepWakesNothingLater() throws Throwable {
    AtomicBoolean woken = new AtomicBoolean();
    rt.blockOn(c -> {
      // Created and polled together, so that a busy machine cannot let the deadline pass first.
      Future<Void> s = Time.sleep(Duration.ofMillis(20));
      assertEquals(Future.PENDING, s.poll(Context.of(() -> woken.set(true))));
      s.cancel();
      return null;
    });
    rt.blockOn(Time.sleep(Duration.ofMillis(60)));
    assertFalse(woken.get());
  }

  @Test
  void intervalTicksEveryPeriodInOrder() throws Throwable {
    Interval interval = Time.interval(Duration.ofMillis(10));
    long[] dues = new long[6];
    for (int i = 0; i < dues.length; i++) {
      dues[i] = rt.blockOn(interval.tick());
      assertTrue(System.nanoTime() - dues[i] >= 0, "a tick never completes before it is due");
    }
    for (int i = 1; i < dues.length; i++) {
      assertEquals(10_000_000L, dues[i] - dues[i - 1]);
    }
  }

  @Test
  void burstCatchesUpMissedTicksAtOnce() throws Throwable {
    Interval interval = Time.interval(Duration.ofMillis(10));
    long first = rt.blockOn(interval.tick());
    Thread.sleep(55);
    long t1 = System.nanoTime();
    long[] dues = new long[5];
    for (int i = 0; i < 5; i++) {
      dues[i] = rt.blockOn(interval.tick());
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(first + 10_000_000L * (i + 1), dues[i], "missed ticks delivered in a burst");
    }
    assertTrue(dues[3] - t1 < 0, "the first four missed ticks were already due");
  }

  @Test
  void skipDropsMissedTicksAndKeepsThePhase() throws Throwable {
    Interval interval =
        Time.interval(Duration.ofMillis(10)).missedTickBehavior(MissedTickBehavior.SKIP);
    long first = rt.blockOn(interval.tick());
    Thread.sleep(55);
    long late = rt.blockOn(interval.tick());
    assertEquals(first + 10_000_000L, late, "the overdue tick itself completes");
    long next = rt.blockOn(interval.tick());
    assertEquals(0, (next - first) % 10_000_000L, "same phase");
    assertTrue(next - first >= 60_000_000L, "ticks due while late were skipped");
  }

  @Test
  void delayRestartsTheScheduleFromTheLateTick() throws Throwable {
    Interval interval =
        Time.interval(Duration.ofMillis(10)).missedTickBehavior(MissedTickBehavior.DELAY);
    long first = rt.blockOn(interval.tick());
    Thread.sleep(55);
    // The first tick may itself have been taken late on a loaded machine, so the tick after it is
    // due one period after the first tick's deadline or after the moment it was taken: either way
    // before the 55 ms sleep ended. Bound the late tick's taking on both sides.
    long before = System.nanoTime();
    long late = rt.blockOn(interval.tick());
    long after = System.nanoTime();
    long next = rt.blockOn(interval.tick());
    assertTrue(late > first && late < before, "the missed tick was due before it was taken");
    assertTrue(next >= before + 10_000_000L, "one period after the late tick, not on the old phase");
    assertTrue(next <= after + 10_000_000L, "at most one period after the late tick was taken");
  }

  @Test
  void aCancelledTickIsNotConsumed() throws Throwable {
    Interval interval = rt.blockOn(c -> {
      Interval created = Time.interval(Duration.ofMillis(200), Duration.ofMillis(10));
      Future<Long> tick = created.tick();
      assertEquals(Future.PENDING, tick.poll(Context.of(() -> {})));
      tick.cancel();
      return created;
    });
    long due = rt.blockOn(interval.tick());
    long again = rt.blockOn(Time.timeout(interval.tick(), Duration.ofSeconds(5)));
    assertEquals(10_000_000L, again - due);
  }

  @Test
  void pendingTimersFailWhenTheRuntimeShutsDown() throws Exception {
    CompletableFuture<Void> sleeping = rt.spawn(Time.sleep(Duration.ofHours(1)));
    Thread.sleep(20);
    rt.driver().shutdown(1_000);
    Throwable e = sleeping.handle((v, x) -> x).get(10, TimeUnit.SECONDS);
    assertInstanceOf(CancellationException.class, e);
    assertTrue(e.getMessage().contains("shut down"), e.getMessage());
  }
}
