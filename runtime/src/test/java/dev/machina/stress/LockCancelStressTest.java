package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.Waker;
import dev.machina.internal.Machine;
import dev.machina.sync.Mutex;
import dev.machina.sync.Notify;
import dev.machina.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutex, Semaphore and Notify under contention from tasks, with waiters that give up and tasks
 * cancelled from another thread while waiting or while holding across awaits: exclusion and the
 * permit limit hold throughout, and every permit and notification is accounted for at the end.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LockCancelStressTest {
  private final Tally tally = new Tally();

  @Test
  void mutexWithCancelledWaitersAndHolders() {
    String name = "mutexWithCancelledWaitersAndHolders";
    int rounds = StressRounds.run(name, 1000, 30, random -> {
      Mutex<long[]> mutex = new Mutex<>(new long[1]);
      long[] counted = contend(random, 1, n -> mutex.lock(), mutex);
      assertFalse(mutex.isLocked(), "a cancelled waiter or holder kept the lock");
      try (Mutex.Guard<long[]> g = mutex.tryLock()) {
        assertNotNull(g);
        assertEquals(counted[0], g.get()[0], "an increment under the lock was lost");
      }
    });
    tally.report(name, rounds, "acquired", "gave up waiting", "task cancelled");
  }

  @Test
  void semaphoreWithCancelledWaitersAndHolders() {
    String name = "semaphoreWithCancelledWaitersAndHolders";
    int rounds = StressRounds.run(name, 1000, 30, random -> {
      int permits = 1 + random.nextInt(4);
      Semaphore sem = new Semaphore(permits);
      contend(random, permits, sem::acquire, null);
      assertEquals(permits, sem.availablePermits(), "permits were lost or made up");
      try (Semaphore.Permit all = sem.tryAcquire(permits)) {
        assertNotNull(all, "every permit can be taken again");
      }
    });
    tally.report(name, rounds, "acquired", "gave up waiting", "task cancelled");
  }

  /**
   * Runs tasks that each acquire (1..limit permits) many times, giving up at random, hold across
   * random yields and release; cancels some tasks on the way. With {@code mutex} given, each
   * holder also increments its value (read before the yields, written after), so a broken
   * exclusion loses an increment. Returns the number of completed increments.
   */
  private long[] contend(SplittableRandom random, int limit,
      IntFunction<Future<? extends AutoCloseable>> acquire, Mutex<long[]> mutex)
      throws Throwable {
    int tasks = 2 + random.nextInt(12);
    int iterations = 20 + random.nextInt(300);
    int impatientPercent = random.nextInt(60);
    AtomicInteger inUse = new AtomicInteger();
    AtomicLong increments = new AtomicLong();
    List<Contend> machines = new ArrayList<>();
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    try (StressRounds.Rt rt = new StressRounds.Rt("lock-stress", 1 + random.nextInt(3))) {
      for (int t = 0; t < tasks; t++) {
        Contend m = new Contend(acquire, limit, iterations, inUse, increments, mutex,
            random.split(), impatientPercent);
        machines.add(m);
        handles.add(rt.runtime.spawn(m));
      }
      StressRounds.describeWith(() -> "tasks " + tasks + ", limit " + limit + ", in use "
          + inUse + "\n" + handles.stream().map(h -> h.isDone() ? "done" : "running").toList()
          + "\n" + machines.stream().map(StressRounds::fields).toList());
      SplittableRandom forCanceller = random.split();
      int kills = random.nextInt(tasks);
      Chaos chaos = new Chaos().add("canceller", () -> {
        int[] order = Chaos.shuffled(tasks, forCanceller);
        for (int k = 0; k < kills; k++) {
          StressRounds.spin(forCanceller.nextInt(5000));
          handles.get(order[k]).cancel();
        }
      });
      chaos.start();
      for (JoinHandle<Integer> h : handles) {
        try {
          assertEquals(iterations, rt.runtime.blockOn(h));
        } catch (CancellationException e) {
          tally.add("task cancelled"); // its finally released what it held
        }
      }
      chaos.join();
      assertEquals(0, inUse.get(), "a holder left without releasing");
      for (Contend m : machines) {
        tally.add("acquired", m.acquired);
        tally.add("gave up waiting", m.gaveUp);
      }
    }
    return new long[] {increments.get()};
  }

  /**
   * Hand-written form of: {@code for (i < iterations) { r = await(impatient(acquire(n))); if
   * (gave up) continue; try { check limit; before = v; repeat k: await(yieldNow()); v = before + 1;
   * } finally { release; } }} returning the iterations done.
   */
  static final class Contend extends Machine<Integer> {
    private final IntFunction<Future<? extends AutoCloseable>> acquire;
    private final int limit;
    private final int iterations;
    private final AtomicInteger inUse;
    private final AtomicLong increments;
    private final Mutex<long[]> mutex;
    private final SplittableRandom random;
    private final int impatientPercent;
    private int done;
    private volatile int gaveUp;
    private volatile int acquired;
    private int want;
    private AutoCloseable held;
    private int heldPermits;
    private long before;
    private int yields;

    Contend(IntFunction<Future<? extends AutoCloseable>> acquire, int limit, int iterations,
        AtomicInteger inUse, AtomicLong increments, Mutex<long[]> mutex, SplittableRandom random,
        int impatientPercent) {
      this.acquire = acquire;
      this.limit = limit;
      this.iterations = iterations;
      this.inUse = inUse;
      this.increments = increments;
      this.mutex = mutex;
      this.random = random;
      this.impatientPercent = impatientPercent;
    }

    @Override
    @SuppressWarnings({"fallthrough", "unchecked"})
    protected Object step(Context cx, int nested) throws Throwable {
      try {
        for (;;) {
          switch (state) {
            case 0:
              if (done == iterations) {
                return done;
              }
              want = 1 + random.nextInt(limit);
              awaiting = Impatient.of(acquire.apply(want), random, impatientPercent);
              state = 1;
              // fall through
            case 1: {
              Object r = awaited(cx, nested);
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              if (r == Impatient.GAVE_UP) {
                gaveUp++;
                done++;
                state = 0;
                continue;
              }
              held = (AutoCloseable) r;
              heldPermits = want;
              int now = inUse.addAndGet(want);
              if (now > limit) {
                throw new AssertionError(now + " permits in use, limit " + limit);
              }
              if (mutex != null) {
                before = ((Mutex.Guard<long[]>) held).get()[0];
              }
              yields = random.nextInt(3);
              state = 2;
            }
            // fall through
            case 2:
              if (yields > 0) {
                awaiting = Machina.yieldNow();
                state = 3;
                continue;
              }
              if (mutex != null) {
                ((Mutex.Guard<long[]>) held).get()[0] = before + 1;
                increments.incrementAndGet();
              }
              release();
              acquired++;
              done++;
              state = 0;
              continue;
            case 3:
              if (awaited(cx, nested) == SUSPENDED) {
                return SUSPENDED;
              }
              yields--;
              state = 2;
              continue;
            default:
              throw new IllegalStateException("state " + state);
          }
        }
      } catch (Throwable e) {
        release();
        throw e;
      }
    }

    private void release() throws Exception {
      if (held != null) {
        inUse.addAndGet(-heldPermits);
        AutoCloseable h = held;
        held = null;
        h.close();
      }
    }
  }

  @Test
  void notifyOneIsConsumedExactlyOnceWhileWaitersGiveUpAndAreCancelled() {
    String name = "notifyOneIsConsumedExactlyOnceWhileWaitersGiveUpAndAreCancelled";
    int rounds = StressRounds.run(name, 400, 30,
        random -> {
          Notify notify = new Notify();
          int waiters = 1 + random.nextInt(8);
          int notifications = 20 + random.nextInt(200);
          int impatientPercent = random.nextInt(70);
          AtomicInteger consumed = new AtomicInteger();
          List<JoinHandle<Void>> handles = new ArrayList<>();
          try (StressRounds.Rt rt = new StressRounds.Rt("notify-stress", 1 + random.nextInt(3))) {
            for (int w = 0; w < waiters; w++) {
              handles.add(rt.runtime.spawn(
                  new AwaitNotifications(notify, consumed, random.split(), impatientPercent,
                      tally)));
            }
            int[] issued = new int[1];
            StressRounds.describeWith(() -> "issued " + issued[0] + " of " + notifications
                + ", consumed " + consumed + ", notify " + StressRounds.fields(notify));
            SplittableRandom forNotifier = random.split();
            // Waiter 0 is never cancelled, so each notification has someone to go to.
            int kills = random.nextInt(waiters);
            int[] killAt = new int[kills];
            for (int k = 0; k < kills; k++) {
              killAt[k] = random.nextInt(notifications);
            }
            for (int i = 0; i < notifications; i++) {
              for (int k = 0; k < kills; k++) {
                if (killAt[k] == i) {
                  handles.get(1 + k).cancel();
                }
              }
              notify.notifyOne();
              issued[0]++;
              // One notification at a time: each must be consumed once before the next goes.
              while (consumed.get() < i + 1) {
                StressRounds.pause(forNotifier);
              }
              assertEquals(i + 1, consumed.get(), "a notification was consumed twice");
            }
            for (JoinHandle<Void> h : handles) {
              h.cancel();
            }
            for (JoinHandle<Void> h : handles) {
              assertThrows(CancellationException.class, () -> rt.runtime.blockOn(h));
            }
            assertEquals(notifications, consumed.get(), "notifications consumed");
            Future<Void> fresh = notify.notified();
            assertSame(Future.PENDING, fresh.poll(Context.of(Waker.noop())),
                "no permit was left behind by a cancelled waiter");
            fresh.cancel();
            tally.add("notifications", notifications);
            tally.add("waiter cancelled while notifications flowed", kills);
          }
        });
    tally.report(name, rounds, "notifications", "waiter cancelled while notifications flowed",
        "notified() given up");
  }

  /** Hand-written form of: {@code for (;;) { if (await(impatient(notified())) != GAVE_UP) n++; }}. */
  static final class AwaitNotifications extends Machine<Void> {
    private final Notify notify;
    private final AtomicInteger consumed;
    private final SplittableRandom random;
    private final int impatientPercent;
    private final Tally tally;

    AwaitNotifications(Notify notify, AtomicInteger consumed, SplittableRandom random,
        int impatientPercent, Tally tally) {
      this.tally = tally;
      this.notify = notify;
      this.consumed = consumed;
      this.random = random;
      this.impatientPercent = impatientPercent;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          awaiting = Impatient.of(notify.notified(), random, impatientPercent);
          state = 1;
        }
        Object r = awaited(cx, nested);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        state = 0;
        if (r != Impatient.GAVE_UP) {
          consumed.incrementAndGet();
        } else {
          tally.add("notified() given up");
        }
      }
    }
  }
}
