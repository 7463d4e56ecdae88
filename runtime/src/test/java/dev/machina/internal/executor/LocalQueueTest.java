package dev.machina.internal.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Future;
import dev.machina.internal.task.Scheduler;
import dev.machina.internal.task.Task;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker's ring queue: FIFO for its owner, overflow to the injector, safe stealing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalQueueTest {
  private static final Scheduler NONE = new Scheduler() {
    @Override
    public void schedule(Task<?> task) {}

    @Override
    public void reschedule(Task<?> task) {}

    @Override
    public void reportUnhandled(Throwable failure) {}
  };

  private static Task<Integer> task(int id) {
    return new Task<>(Future.ready(id), NONE);
  }

  @Test
  void pushAsksForANotificationWhenTheQueueWasEmptySpilledOrPeriodically() {
    LocalQueue q = new LocalQueue();
    Injector injector = new Injector();
    assertTrue(q.push(task(0), injector), "empty before: a parking worker may have seen it empty");
    assertFalse(q.push(task(1), injector), "the first push asked already");
    assertNotNull(q.pop());
    assertNotNull(q.pop());
    assertTrue(q.push(task(2), injector), "emptied by the owner, then pushed");
    int asked = 0;
    for (int i = 1; i < LocalQueue.CAPACITY; i++) {
      if (q.push(task(i), injector)) {
        asked++;
      }
    }
    assertEquals(0, injector.size());
    assertEquals(
        LocalQueue.CAPACITY / LocalQueue.NUDGE_INTERVAL, asked, "a nudge at tails 32, 64, .. 256");
    assertTrue(q.push(task(-1), injector), "a spill to the injector asks");
    assertEquals(LocalQueue.CAPACITY / 2 + 1, injector.size());
  }

  @Test
  void ownerPopsInFifoOrderAndOverflowsHalfToTheInjector() {
    LocalQueue q = new LocalQueue();
    Injector injector = new Injector();
    List<Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < LocalQueue.CAPACITY + 1; i++) {
      Task<Integer> t = task(i);
      tasks.add(t);
      q.push(t, injector);
    }
    assertEquals(LocalQueue.CAPACITY / 2 + 1, injector.size(), "half the queue plus the new task");
    for (int i = 0; i < LocalQueue.CAPACITY / 2; i++) {
      assertSame(tasks.get(i), injector.pop(), "the older half moved, in order");
    }
    assertSame(tasks.get(LocalQueue.CAPACITY), injector.pop(), "then the task being pushed");
    for (int i = LocalQueue.CAPACITY / 2; i < LocalQueue.CAPACITY; i++) {
      assertSame(tasks.get(i), q.pop());
    }
    assertNull(q.pop());
    assertNull(injector.pop());
  }

  @Test
  void ownerKeepsFifoOrderAcrossRingRenewals() {
    LocalQueue q = new LocalQueue();
    Injector injector = new Injector();
    List<Task<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Task<Integer> t = task(i);
      queued.add(t);
      q.push(t, injector);
    }
    // Each renewal copies the 100 queued tasks into the new ring.
    for (int i = 100; i < 3 * LocalQueue.RENEW_STORES; i++) {
      Task<Integer> t = task(i);
      queued.add(t);
      q.push(t, injector);
      assertSame(queued.get(i - 100), q.pop(), "task " + (i - 100));
    }
    for (int i = 3 * LocalQueue.RENEW_STORES - 100; i < 3 * LocalQueue.RENEW_STORES; i++) {
      assertSame(queued.get(i), q.pop(), "task " + i);
    }
    assertNull(q.pop());
    assertEquals(0, injector.size());
  }

  @Test
  void stealTakesHalf() {
    LocalQueue victim = new LocalQueue();
    LocalQueue thief = new LocalQueue();
    Injector injector = new Injector();
    for (int i = 0; i < 10; i++) {
      victim.push(task(i), injector);
    }
    Task<?> run = victim.stealInto(thief);
    assertEquals(4, run.state() >= 0 ? thief.size() : -1, "five taken: four queued, one to run");
    assertEquals(5, victim.size());
  }

  @Test
  void concurrentStealingLosesAndDuplicatesNothing() throws Exception {
    int total = 400_000;
    Task<?>[] all = new Task<?>[total];
    Map<Task<?>, Integer> ids = new IdentityHashMap<>();
    for (int i = 0; i < total; i++) {
      all[i] = task(i);
      ids.put(all[i], i);
    }
    AtomicIntegerArray seen = new AtomicIntegerArray(total);
    LocalQueue owner = new LocalQueue();
    Injector injector = new Injector();
    AtomicBoolean done = new AtomicBoolean();
    List<Thread> thieves = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread th = new Thread(() -> {
        LocalQueue mine = new LocalQueue();
        while (true) {
          boolean finished = done.get();
          Task<?> got = owner.stealInto(mine);
          if (got == null && finished && owner.isEmpty()) {
            break;
          }
          for (Task<?> x = got; x != null; x = mine.pop()) {
            seen.incrementAndGet(ids.get(x));
          }
        }
      });
      thieves.add(th);
      th.start();
    }
    for (int i = 0; i < total; i++) {
      owner.push(all[i], injector);
      if (i % 3 == 0) {
        Task<?> x = owner.pop();
        if (x != null) {
          seen.incrementAndGet(ids.get(x));
        }
      }
    }
    for (Task<?> x; (x = owner.pop()) != null; ) {
      seen.incrementAndGet(ids.get(x));
    }
    done.set(true);
    for (Thread th : thieves) {
      th.join();
    }
    for (Task<?> x; (x = owner.pop()) != null; ) {
      seen.incrementAndGet(ids.get(x));
    }
    for (Task<?> x; (x = injector.pop()) != null; ) {
      seen.incrementAndGet(ids.get(x));
    }
    for (int i = 0; i < total; i++) {
      assertEquals(1, seen.get(i), "task " + i + " taken exactly once");
    }
  }
}
