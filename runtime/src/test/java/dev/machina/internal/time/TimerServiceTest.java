package dev.machina.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timer service without a driver thread: the test plays the driver by calling {@link
 * TimerService#turn()} itself, so what happens without a turn is visible.
 */
@Timeout(30)
class TimerServiceTest {
  static final class Counted extends Timer {
    final AtomicInteger fires = new AtomicInteger();
    final AtomicInteger shutdowns = new AtomicInteger();
    final List<Counted> log;
    final int id;

    Counted(List<Counted> log, int id) {
      this.log = log;
      this.id = id;
    }

    Counted() {
      this(null, 0);
    }

    @Override
    protected void onFire() {
      fires.incrementAndGet();
      if (log != null) {
        log.add(this);
      }
    }

    @Override
    protected void onShutdown() {
      shutdowns.incrementAndGet();
    }
  }

  final AtomicInteger wakes = new AtomicInteger();
  final TimerService service = new TimerService(wakes::incrementAndGet, 4);

  static long inMillis(long ms) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
  }

  static void run(Runnable r) throws InterruptedException {
    Thread t = new Thread(r);
    t.start();
    t.join();
  }

  @Test
  void aTimerCancelledFromAnotherThreadLeavesTheWheelBeforeCancelReturns() throws Exception {
    int n = 1_000;
    List<Counted> timers = new ArrayList<>();
    run(() -> {
      for (int i = 0; i < n; i++) {
        Counted c = new Counted();
        assertTrue(service.schedule(c, inMillis(60_000 + i)));
        timers.add(c);
      }
    });
    assertEquals(n, service.pendingInWheel(), "scheduled timers are in the wheel at once");
    // Cancelled from other threads than the one that scheduled them, with no driver turn at all.
    for (int i = 0; i < n; i += 100) {
      int from = i;
      run(() -> {
        for (int k = from; k < from + 100; k++) {
          assertTrue(service.cancel(timers.get(k)));
        }
      });
      assertEquals(n - from - 100, service.pendingInWheel());
    }
    for (Counted c : timers) {
      assertTrue(c.isCancelled());
      assertFalse(service.cancel(c), "a second cancel does nothing");
    }
    service.turn();
    for (Counted c : timers) {
      assertEquals(0, c.fires.get());
    }
  }

  @Test
  void dueTimersFireOnceInDeadlineOrderAcrossShardsAndNeverEarly() throws Exception {
    List<Counted> log = java.util.Collections.synchronizedList(new ArrayList<>());
    long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long[] deadlines = new long[40];
    // Four threads (so several shards), deadlines interleaved 1 ms apart.
    for (int t = 0; t < 4; t++) {
      int thread = t;
      run(() -> {
        for (int i = 0; i < 10; i++) {
          int id = i * 4 + thread;
          deadlines[id] = base + TimeUnit.MILLISECONDS.toNanos(id);
          assertTrue(service.schedule(new Counted(log, id), deadlines[id]));
        }
      });
    }
    // A turn now fires only what is due (on a slow machine, some may already be).
    service.turn();
    long afterFirstTurn = System.nanoTime();
    for (Counted c : new ArrayList<>(log)) {
      assertTrue(afterFirstTurn - deadlines[c.id] >= 0, "never early: timer " + c.id);
    }
    while (System.nanoTime() - (deadlines[39] + TimeUnit.MILLISECONDS.toNanos(2)) < 0) {
      Thread.sleep(5);
    }
    service.turn();
    assertEquals(40, log.size());
    for (int i = 0; i < 40; i++) {
      assertEquals(i, log.get(i).id, "fired in deadline order");
      assertEquals(1, log.get(i).fires.get());
      assertTrue(log.get(i).hasFired());
    }
    service.turn();
    assertEquals(40, log.size(), "each fires once");
    assertEquals(0, service.pendingInWheel());
  }

  /**
   * One thread arms more timers than a shard keeps unlinked (they join the wheel in batches, the
   * rest at the next turn) and cancels every third, some still unlinked, some linked; the others
   * fire once, in deadline order.
   */
  @Test
  void timersArmedInBatchesFireInOrderAndCancelledOnesNever() throws Exception {
    List<Counted> log = java.util.Collections.synchronizedList(new ArrayList<>());
    int n = 300;
    long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
    List<Counted> timers = new ArrayList<>();
    run(() -> {
      for (int i = 0; i < n; i++) {
        // Deadlines out of arming order: id i is due at base + ((i * 7) % n) * 0.1 ms.
        Counted c = new Counted(log, (i * 7) % n);
        assertTrue(service.schedule(c, base + TimeUnit.MICROSECONDS.toNanos(100L * c.id)));
        timers.add(c);
        if (i % 3 == 0) {
          assertTrue(service.cancel(c)); // just armed: often not in the wheel yet
        }
      }
    });
    assertEquals(n - n / 3, service.pendingInWheel());
    for (int i = 1; i < n; i += 3) {
      assertTrue(service.cancel(timers.get(i)));
    }
    assertEquals(n - 2 * n / 3, service.pendingInWheel());
    service.turn(); // links the rest
    while (System.nanoTime() - (base + TimeUnit.MILLISECONDS.toNanos(32)) < 0) {
      Thread.sleep(5);
    }
    service.turn();
    assertEquals(n / 3, log.size());
    for (int i = 1; i < log.size(); i++) {
      assertTrue(log.get(i - 1).id < log.get(i).id, "fired in deadline order");
    }
    for (int i = 0; i < n; i++) {
      Counted c = timers.get(i);
      assertEquals(i % 3 == 2 ? 1 : 0, c.fires.get(), "timer armed " + i);
      assertEquals(i % 3 != 2, c.isCancelled());
    }
    assertEquals(0, service.pendingInWheel());
  }

  @Test
  void aPassedDeadlineIsReportedDueWithoutCallbackOnceTheWheelIsPastIt() throws Exception {
    Counted first = new Counted();
    assertTrue(service.schedule(first, inMillis(2)));
    Thread.sleep(10);
    long beforeTurn = System.nanoTime();
    service.turn(); // the wheels' time is now at least beforeTurn, past the deadline below
    assertEquals(1, first.fires.get());
    Counted late = new Counted();
    assertFalse(service.schedule(late, beforeTurn - 1_000_000L));
    assertTrue(late.hasFired());
    assertEquals(0, late.fires.get(), "no callback when schedule says it is due");
  }

  @Test
  void waitingTheMillisecondsTheServiceAsksForReachesEachDeadlineNeverEarly() throws Exception {
    assertEquals(0, service.millisUntil(service.now()), "a tick already reached needs no wait");
    assertEquals(0, service.millisUntil(0));
    for (int round = 0; round < 6; round++) {
      Counted c = new Counted();
      long deadline = inMillis(3 + round * 13);
      assertTrue(service.schedule(c, deadline));
      int turns = 0;
      long next = service.turn();
      while (c.fires.get() == 0) {
        long wait = service.millisUntil(next);
        if (wait == 0) {
          // Only when this thread was descheduled past the tick it asked about (a loaded machine).
          assertTrue(service.now() >= next, "a pending timer is waited for, not polled in a loop");
          next = service.turn();
          continue;
        }
        assertTrue(wait <= 3 + round * 13 + 1, "no wait past the deadline: " + wait);
        assertTrue(++turns <= 3, "a few waits reach the deadline (wheel levels), not one per tick");
        Thread.sleep(wait);
        next = service.turn();
      }
      assertEquals(1, c.fires.get());
      assertTrue(System.nanoTime() - deadline >= 0, "never early");
    }
  }

  @Test
  void farDeadlinesDoNotWakeTheDriverWhileTimeoutsChurn() {
    Counted first = new Counted();
    assertTrue(service.schedule(first, inMillis(10_000)));
    assertEquals(1, wakes.get(), "the first deadline wakes a driver that plans to sleep forever");
    assertTrue(service.cancel(first));
    long next = service.turn();
    service.plan(next);
    assertTrue(next < service.now() + 2 * TimerService.IDLE_HORIZON,
        "timers came and went: the driver plans a bounded sleep, not forever");
    for (int i = 0; i < 1_000; i++) {
      Counted c = new Counted();
      assertTrue(service.schedule(c, inMillis(10_000)));
      assertTrue(service.cancel(c));
    }
    assertEquals(1, wakes.get(), "deadlines beyond the planned wake-up do not wake the driver");
    Counted soon = new Counted();
    assertTrue(service.schedule(soon, inMillis(1)));
    assertEquals(2, wakes.get(), "an earlier deadline does");
    assertTrue(service.cancel(soon));
    service.plan(service.turn());
    assertEquals(Long.MAX_VALUE, service.turn(), "after a quiet turn the driver sleeps until woken");
  }

  @Test
  void shutdownCancelsPendingTimersOnceAndRefusesLaterOnes() throws Exception {
    Counted pending = new Counted();
    Counted cancelled = new Counted();
    assertTrue(service.schedule(pending, inMillis(60_000)));
    assertTrue(service.schedule(cancelled, inMillis(60_000)));
    assertTrue(service.cancel(cancelled));
    service.shutdown();
    assertEquals(1, pending.shutdowns.get());
    assertTrue(pending.isCancelled());
    assertEquals(0, cancelled.shutdowns.get());
    assertEquals(0, service.pendingInWheel());
    Counted after = new Counted();
    assertFalse(service.schedule(after, inMillis(10)));
    assertTrue(after.isCancelled());
    assertEquals(0, after.shutdowns.get() + after.fires.get());
    assertEquals(0, service.pendingInWheel());
  }

  @Test
  void aTimerCancelledBeforeItIsScheduledNeverJoinsTheWheel() {
    Counted c = new Counted();
    assertTrue(service.cancel(c));
    assertFalse(service.schedule(c, inMillis(10)));
    assertTrue(c.isCancelled());
    assertEquals(0, service.pendingInWheel());
  }
}
