package dev.machina.internal.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The injector: FIFO, many producers and consumers, nothing stranded by close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InjectorTest {
  private static final Scheduler NONE = new Scheduler() {
    @Override
    public void schedule(Task<?> task) {}

    @Override
    public void reschedule(Task<?> task) {}

    @Override
    public void reportUnhandled(Throwable failure) {}
  };

  @Test
  void fifoForOneProducer() {
    Injector q = new Injector();
    List<Task<Integer>> ts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Task<Integer> t = new Task<>(Future.ready(i), NONE);
      ts.add(t);
      assertTrue(q.push(t));
    }
    assertEquals(10, q.size());
    for (Task<Integer> t : ts) {
      assertSame(t, q.pop());
    }
    assertNull(q.pop());
    assertEquals(0, q.size());
    // Reusable after emptying (the stub goes round again).
    q.push(ts.get(0));
    assertSame(ts.get(0), q.pop());
  }

  @Test
  void batchesTakeTasksInOrderThroughTheLastOneAndAfterEmptying() {
    Injector q = new Injector();
    LocalQueue local = new LocalQueue();
    for (int round = 0; round < 3; round++) {
      List<Task<?>> pushed = new ArrayList<>();
      for (int i = 0; i < 10 + round; i++) {
        Task<Integer> t = new Task<>(Future.ready(i), NONE);
        pushed.add(t);
        assertTrue(q.push(t));
      }
      List<Task<?>> taken = new ArrayList<>();
      for (Task<?> t; taken.size() <= pushed.size() && (t = q.popBatch(local, 4)) != null; ) {
        taken.add(t);
        for (Task<?> x; (x = local.pop()) != null; ) {
          taken.add(x);
        }
      }
      assertEquals(pushed, taken, "round " + round);
      assertEquals(0, q.size());
      assertNull(q.pop());
    }
  }

  @Test
  void concurrentProducersAndConsumersThenCloseStrandNothing() throws Exception {
    int producers = 3;
    int perProducer = 100_000;
    int total = producers * perProducer;
    Task<?>[] all = new Task<?>[total];
    Map<Task<?>, Integer> ids = new IdentityHashMap<>();
    for (int i = 0; i < total; i++) {
      all[i] = new Task<>(Future.ready(i), NONE);
      ids.put(all[i], i);
    }
    Injector q = new Injector();
    AtomicIntegerArray taken = new AtomicIntegerArray(total);
    AtomicIntegerArray refused = new AtomicIntegerArray(total);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      final int base = p * perProducer;
      threads.add(new Thread(() -> {
        for (int i = base; i < base + perProducer; i++) {
          if (!q.push(all[i])) {
            refused.incrementAndGet(i);
          }
        }
      }));
    }
    for (int c = 0; c < 2; c++) {
      threads.add(new Thread(() -> {
        LocalQueue mine = new LocalQueue();
        while (!stop.get()) {
          Task<?> t = q.popBatch(mine, 32);
          for (; t != null; t = mine.pop()) {
            taken.incrementAndGet(ids.get(t));
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    // Close while producers are still pushing.
    while (q.size() < 1000) {
      Thread.yield();
    }
    List<Task<?>> drained = q.close();
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    for (Task<?> t : drained) {
      taken.incrementAndGet(ids.get(t));
    }
    assertFalse(q.push(new Task<>(Future.ready(0), NONE)), "closed");
    for (int i = 0; i < total; i++) {
      int outcomes = taken.get(i) + refused.get(i) + (all[i].isDone() ? 1 : 0);
      assertEquals(1, outcomes, "task " + i + ": taken, refused or aborted exactly once");
    }
  }
}
