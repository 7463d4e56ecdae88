package dev.machina.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.driver.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads schedule and cancel timers while the driver fires them: each ends exactly once. */
@Timeout(60)
class TimerServiceStressTest {
  static final class Counted extends Timer {
    final AtomicInteger fires = new AtomicInteger();

    @Override
    protected void onFire() {
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
      List<List<Counted>> all = new ArrayList<>();
      List<List<Boolean>> cancelledByUs = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        List<Counted> mine = new ArrayList<>();
        List<Boolean> cancels = new ArrayList<>();
        all.add(mine);
        cancelledByUs.add(cancels);
        new Thread(() -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int i = 0; i < perThread; i++) {
            Counted c = new Counted();
            mine.add(c);
            // Deadlines from the past to 30 ms ahead: some fire at once, some race the cancel.
            service.schedule(c, System.nanoTime() + rnd.nextLong(-1_000_000, 30_000_000));
            boolean cancel = rnd.nextInt(3) == 0;
            cancels.add(cancel && service.cancel(c));
          }
          done.countDown();
        }).start();
      }
      assertTrue(done.await(30, TimeUnit.SECONDS));
      // Everything not cancelled fires within a generous bound.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          Counted c = all.get(t).get(i);
          boolean cancelled = cancelledByUs.get(t).get(i);
          if (cancelled) {
            continue;
          }
          while (c.fires.get() == 0 && System.nanoTime() < end) {
            Thread.sleep(1);
          }
        }
      }
      Thread.sleep(50);
      int fired = 0;
      int cancelled = 0;
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          Counted c = all.get(t).get(i);
          if (cancelledByUs.get(t).get(i)) {
            assertEquals(0, c.fires.get(), "a cancelled timer never fires");
            assertTrue(c.isCancelled());
            cancelled++;
          } else {
            assertEquals(1, c.fires.get(), "a live timer fires exactly once");
            assertTrue(c.hasFired());
            fired++;
          }
        }
      }
      assertEquals(threads * perThread, fired + cancelled);
      service.wakeDriverForTest();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (service.pendingInWheel() != 0 && System.nanoTime() < until) {
        Thread.sleep(5);
        service.wakeDriverForTest();
      }
      assertEquals(0, service.pendingInWheel(), "cancelled timers left the wheel");
    } finally {
      driver.shutdown(1_000);
    }
  }
}
