package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Future;
import dev.machina.sync.ChannelStressTest.Holder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mutex, Semaphore and Notify contended across threads, with waiters cancelled at random. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockStressTest {
  /** Rounds a contention test may run before it gives up finding contention. */
  private static final int MAX_ROUNDS = 20;

  @Test
  void mutexKeepsMutualExclusionAndLosesNoPermitWhenWaitersAreCancelled() throws Throwable {
    int threads = 4;
    int perThread = 20_000;
    Mutex<long[]> mutex = new Mutex<>(new long[1]);
    AtomicInteger inside = new AtomicInteger();
    AtomicLong acquired = new AtomicLong();
    AtomicLong cancelled = new AtomicLong();
    // Cancellation needs contention, which a loaded host may not give in one round (its threads
    // then run one after another): rounds go on until some waiter was cancelled.
    for (int round = 0; round < MAX_ROUNDS && (round == 0 || cancelled.get() == 0); round++) {
      new Workers()
          .start(
              "locker",
              threads,
              t -> {
                for (int i = 0; i < perThread; i++) {
                  Future<Mutex.Guard<long[]>> lock = mutex.lock();
                  Holder<Mutex.Guard<long[]>> got = new Holder<>();
                  if (!ChannelStressTest.driveOrCancel(lock, got)) {
                    cancelled.incrementAndGet();
                    continue;
                  }
                  try (Mutex.Guard<long[]> g = got.value) {
                    assertEquals(1, inside.incrementAndGet(), "two holders at once");
                    long before = g.get()[0];
                    if (ThreadLocalRandom.current().nextInt(8) == 0) {
                      Thread.yield();
                    }
                    g.get()[0] = before + 1;
                    assertEquals(1, inside.getAndDecrement());
                  }
                  acquired.incrementAndGet();
                }
              })
          .join();
    }
    assertTrue(cancelled.get() > 0, "the test must exercise cancelled lock waiters");
    assertFalse(mutex.isLocked(), "a cancelled waiter kept the lock");
    try (Mutex.Guard<long[]> g = mutex.tryLock()) {
      assertNotNull(g);
      assertEquals(acquired.get(), g.get()[0], "an increment was lost: exclusion broken");
    }
  }

  @Test
  void semaphoreNeverOverGrantsAndLosesNoPermitWhenWaitersAreCancelled() throws Throwable {
    int permits = 3;
    int threads = 5;
    int perThread = 15_000;
    Semaphore sem = new Semaphore(permits);
    AtomicInteger inUse = new AtomicInteger();
    AtomicLong cancelled = new AtomicLong();
    for (int round = 0; round < MAX_ROUNDS && (round == 0 || cancelled.get() == 0); round++) {
      new Workers()
          .start(
              "acquirer",
              threads,
              t -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                  int n = 1 + rnd.nextInt(2);
                  Holder<Semaphore.Permit> got = new Holder<>();
                  if (!ChannelStressTest.driveOrCancel(sem.acquire(n), got)) {
                    cancelled.incrementAndGet();
                    continue;
                  }
                  try (Semaphore.Permit p = got.value) {
                    int now = inUse.addAndGet(n);
                    assertTrue(now <= permits, now + " permits in use out of " + permits);
                    if (rnd.nextInt(8) == 0) {
                      Thread.yield();
                    }
                    inUse.addAndGet(-p.permits());
                  }
                }
              })
          .join();
    }
    assertTrue(cancelled.get() > 0, "the test must exercise cancelled acquires");
    assertEquals(permits, sem.availablePermits(), "permits were lost or created");
  }

  @Test
  void notifyOneIsNeverLostNorDuplicatedWhenWaitersAreCancelled() throws Throwable {
    int rounds = 20_000;
    Notify ping = new Notify();
    Notify pong = new Notify();
    AtomicInteger pings = new AtomicInteger();
    AtomicInteger pongs = new AtomicInteger();
    AtomicLong cancelled = new AtomicLong();
    new Workers()
        .start(
            "pinger",
            1,
            t -> {
              for (int r = 0; r < rounds; r++) {
                pings.incrementAndGet();
                ping.notifyOne();
                awaitNotification(pong, cancelled);
                assertEquals(r + 1, pongs.get(), "woken without a matching notifyOne");
              }
            })
        .start(
            "ponger",
            1,
            t -> {
              for (int r = 0; r < rounds; r++) {
                awaitNotification(ping, cancelled);
                assertEquals(r + 1, pings.get(), "woken without a matching notifyOne");
                pongs.incrementAndGet();
                pong.notifyOne();
              }
            })
        .join();
    assertTrue(cancelled.get() > 0, "the test must exercise cancelled waiters");
  }

  /** Waits for one notification, cancelling and re-creating the future at random. */
  private static void awaitNotification(Notify notify, AtomicLong cancelled) throws Throwable {
    while (!ChannelStressTest.driveOrCancel(notify.notified(), new Holder<>())) {
      cancelled.incrementAndGet();
    }
  }

  @Test
  void notifyWaitersWakesEveryWaiterAcrossThreads() throws Throwable {
    int waiters = 4;
    int rounds = 2_000;
    Notify notify = new Notify();
    AtomicInteger round = new AtomicInteger();
    AtomicInteger arrived = new AtomicInteger();
    Workers work =
        new Workers()
            .start(
                "waiter",
                waiters,
                w -> {
                  for (int r = 0; r < rounds; r++) {
                    Future<Void> next = notify.notified(); // created before checking: not lost
                    arrived.incrementAndGet();
                    if (round.get() == r) {
                      Drive.blockOn(next);
                    } else {
                      next.cancel();
                    }
                  }
                });
    for (int r = 0; r < rounds; r++) {
      while (arrived.get() < (r + 1) * waiters) {
        Thread.onSpinWait();
      }
      round.incrementAndGet();
      notify.notifyWaiters();
    }
    work.join();
  }
}
