package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.time.Timer;
import dev.machina.internal.time.TimerService;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timer wheels raced directly: scheduler threads, canceller threads that cancel other
 * threads' timers, a driver thread turning the wheels, and in some rounds a shutdown in the
 * middle. Every timer ends exactly one way (fired once by the driver, never before its deadline;
 * due at schedule; cancelled by its canceller; cancelled by the shutdown, once; or refused after
 * it), nothing is woken twice or lost, and the wheels are empty at the end.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TimerWheelRaceStressTest {
  private final Tally tally = new Tally();

  /** A timer counting its callbacks. */
  static final class Probe extends Timer {
    final long deadlineNanos;
    final AtomicInteger fires = new AtomicInteger();
    final AtomicInteger shutdowns = new AtomicInteger();
    volatile long firedAtNanos;
    volatile boolean scheduled; // schedule returned true
    volatile boolean cancelled; // cancel returned true

    Probe(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    protected void onFire() {
      firedAtNanos = System.nanoTime();
      fires.incrementAndGet();
    }

    @Override
    protected void onShutdown() {
      shutdowns.incrementAndGet();
    }
  }

  @Test
  void scheduleCancelFireAndShutdownRaceWithoutLostOrDoubledCallbacks() {
    String name = "scheduleCancelFireAndShutdownRaceWithoutLostOrDoubledCallbacks";
    int rounds = StressRounds.run(name, 60, 60, this::round);
    tally.report(name, rounds, "fired", "due", "cancelled", "shutdown", "refused");
  }

  private void round(SplittableRandom random) throws Throwable {
    AtomicInteger wakes = new AtomicInteger();
    TimerService service = new TimerService(wakes::incrementAndGet);
    int threads = 1 + random.nextInt(3);
    int perThread = 200 + random.nextInt(2_000);
    int n = threads * perThread;
    boolean shutDownMidway = random.nextInt(3) == 0;
    AtomicReferenceArray<Probe> probes = new AtomicReferenceArray<>(n);
    long start = System.nanoTime();
    long[] deadlines = new long[n];
    boolean[] toCancel = new boolean[n];
    for (int i = 0; i < n; i++) {
      // From 1 ms in the past to 8 ms ahead of the round's start.
      deadlines[i] = start + random.nextLong(-1_000_000, 8_000_000);
      toCancel[i] = random.nextInt(3) == 0;
    }
    int shutdownAfter = random.nextInt(n);
    AtomicInteger scheduledCount = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Chaos chaos = new Chaos();
    for (int t = 0; t < threads; t++) {
      int first = t * perThread;
      SplittableRandom mine = random.split();
      chaos.add("scheduler-" + t, () -> {
        for (int i = first; i < first + perThread; i++) {
          Probe p = new Probe(deadlines[i]);
          p.scheduled = service.schedule(p, p.deadlineNanos);
          probes.set(i, p);
          scheduledCount.incrementAndGet();
          if (mine.nextInt(64) == 0) {
            StressRounds.spin(mine.nextInt(2_000));
          }
        }
      });
      chaos.add("canceller-" + t, () -> {
        for (int i = first; i < first + perThread; i++) {
          Probe p;
          while ((p = probes.get(i)) == null) {
            Thread.onSpinWait();
          }
          if (toCancel[i]) {
            p.cancelled = service.cancel(p);
          }
        }
      });
    }
    chaos.add("driver", () -> {
      while (!stop.get()) {
        service.plan(service.turn());
        Thread.yield();
      }
    });
    if (shutDownMidway) {
      chaos.add("shutdown", () -> {
        while (scheduledCount.get() < shutdownAfter) {
          Thread.onSpinWait();
        }
        stop.set(true); // a service is shut down once its driver stopped turning
        service.shutdown();
      });
    }
    chaos.start();
    // Without a shutdown the driver keeps turning until every live timer has fired.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    if (!shutDownMidway) {
      for (int i = 0; i < n; i++) {
        Probe p;
        while ((p = probes.get(i)) == null
            || (p.scheduled && p.fires.get() == 0 && !p.isCancelled())) {
          if (System.nanoTime() > end) {
            break;
          }
          Thread.onSpinWait();
        }
      }
      stop.set(true);
    }
    chaos.join();
    for (int i = 0; i < n; i++) {
      Probe p = probes.get(i);
      String where = "timer " + i + " (scheduled " + p.scheduled + ", cancelled " + p.cancelled
          + ", fires " + p.fires.get() + ", shutdowns " + p.shutdowns.get() + ")";
      assertTrue(p.fires.get() + p.shutdowns.get() <= 1, where + ": a callback ran twice");
      String outcome;
      if (!p.scheduled) {
        assertEquals(0, p.fires.get() + p.shutdowns.get(), where);
        assertTrue(p.hasFired() || p.isCancelled(), where);
        if (p.hasFired()) {
          assertTrue(System.nanoTime() - p.deadlineNanos >= 0, where);
        }
        outcome = p.hasFired() ? "due" : "refused";
      } else if (p.cancelled) {
        assertEquals(0, p.fires.get() + p.shutdowns.get(), where + ": cancelled yet called back");
        assertTrue(p.isCancelled(), where);
        outcome = "cancelled";
      } else if (p.fires.get() == 1) {
        assertTrue(p.hasFired(), where);
        assertTrue(p.firedAtNanos - p.deadlineNanos >= 0, where + ": fired early");
        outcome = "fired";
      } else {
        assertTrue(shutDownMidway, where + ": a live timer never fired");
        assertEquals(1, p.shutdowns.get(), where + ": neither fired nor cancelled at shutdown");
        assertTrue(p.isCancelled(), where);
        outcome = "shutdown";
      }
      tally.add(outcome);
    }
    assertEquals(0, service.pendingInWheel(), "every ended timer left the wheels");
  }
}
