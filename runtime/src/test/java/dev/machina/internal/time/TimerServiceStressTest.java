package dev.machina.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.driver.Driver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Threads schedule timers, other threads cancel them, and the driver fires them: each ends
 * exactly once (fired by the driver, due at once, or cancelled), never fires early, and the wheels
 * are empty when every timer has ended.
 */
@Timeout(60)
class TimerServiceStressTest {
  static final class Counted extends Timer {
    final AtomicInteger fires = new AtomicInteger();
    volatile long deadlineNanos;
    volatile long firedAtNanos;

    @Override
    protected void onFire() {
      firedAtNanos = System.nanoTime();
      fires.incrementAndGet();
    }
  }

  @Test
  void everyTimerEitherFiresOnceOrIsCancelledNeverBoth() throws Exception {
    Driver driver = new Driver("timer-stress", 1, 100);
    try {
      TimerService service = driver.timers();
      int threads = 4;
      int perThread = 50_000;
      int n = threads * perThread;
      AtomicReferenceArray<Counted> timers = new AtomicReferenceArray<>(n);
      boolean[] dueAtOnce = new boolean[n];
      boolean[] cancelledByUs = new boolean[n];
      CountDownLatch done = new CountDownLatch(2 * threads);
      for (int t = 0; t < threads; t++) {
        int first = t * perThread;
        new Thread(() -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int i = first; i < first + perThread; i++) {
            Counted c = new Counted();
            // Deadlines from the past to 30 ms ahead: some are due at once, some race the cancel.
            c.deadlineNanos = System.nanoTime() + rnd.nextLong(-1_000_000, 30_000_000);
            dueAtOnce[i] = !service.schedule(c, c.deadlineNanos);
            timers.set(i, c);
          }
          done.countDown();
        }).start();
        // A canceller per scheduler, cancelling a third of its timers from another thread.
        new Thread(() -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int i = first; i < first + perThread; i++) {
            Counted c;
            while ((c = timers.get(i)) == null) {
              Thread.onSpinWait();
            }
            cancelledByUs[i] = rnd.nextInt(3) == 0 && service.cancel(c);
          }
          done.countDown();
        }).start();
      }
      assertTrue(done.await(30, TimeUnit.SECONDS));
      // Everything not cancelled fires within a generous bound.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int i = 0; i < n; i++) {
        Counted c = timers.get(i);
        while (!cancelledByUs[i] && !dueAtOnce[i] && c.fires.get() == 0
            && System.nanoTime() < end) {
          Thread.sleep(1);
        }
      }
      Thread.sleep(50);
      int fired = 0;
      int due = 0;
      int cancelled = 0;
      for (int i = 0; i < n; i++) {
        Counted c = timers.get(i);
        if (cancelledByUs[i]) {
          assertEquals(0, c.fires.get(), "a cancelled timer never fires");
          assertTrue(c.isCancelled());
          cancelled++;
        } else if (dueAtOnce[i]) {
          assertEquals(0, c.fires.get(), "a timer due at schedule has no callback");
          assertTrue(c.hasFired());
          assertTrue(System.nanoTime() - c.deadlineNanos >= 0);
          due++;
        } else {
          assertEquals(1, c.fires.get(), "a live timer fires exactly once");
          assertTrue(c.hasFired());
          assertTrue(c.firedAtNanos - c.deadlineNanos >= 0, "never early");
          fired++;
        }
      }
      assertEquals(n, fired + due + cancelled);
      assertTrue(cancelled > 0 && fired > 0, fired + " fired, " + cancelled + " cancelled");
      assertEquals(0, service.pendingInWheel(), "ended timers are out of the wheels, no turn needed");
    } finally {
      driver.shutdown(1_000);
    }
  }
}
