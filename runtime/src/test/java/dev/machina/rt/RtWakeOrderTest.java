package dev.machina.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.MachinaRuntime;
import dev.machina.time.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where tasks woken by the driver (timers) go: behind a backlog of spawns, or a long task. */
@Timeout(60)
class RtWakeOrderTest {

  @Test
  void timerWokenTasksDoNotWaitBehindABacklogOfSpawns() throws Throwable {
    // 400 sleepers share one deadline; a task then spawns 20 000 tasks in one poll and returns
    // only after the deadline. The next driver turn wakes all 400 at once, more than the worker's
    // local queue holds: the overflow must run before the spawns queued in the injector, not
    // after them (the order is deterministic on one worker; no timing is asserted).
    try (MachinaRuntime rt = MachinaRuntime.builder().singleThread().threadNamePrefix("rt-order").build()) {
      AtomicInteger spawnsRun = new AtomicInteger();
      AtomicInteger worst = new AtomicInteger();
      AtomicInteger registered = new AtomicInteger();
      long deadline = System.nanoTime() + 200_000_000L;
      int sleepers = 400;
      List<JoinHandle<Object>> handles = new ArrayList<>();
      for (int i = 0; i < sleepers; i++) {
        handles.add(rt.spawn(new Future<Object>() {
          Future<Void> sleep;

          @Override
          public Object poll(Context cx) throws Throwable {
            if (sleep == null) {
              sleep = Time.sleepUntilNanoTime(deadline);
              registered.incrementAndGet();
            }
            Object r = sleep.poll(cx);
            if (r != PENDING) {
              worst.accumulateAndGet(spawnsRun.get(), Math::max);
            }
            return r;
          }
        }));
      }
      while (registered.get() < sleepers) {
        Thread.sleep(1);
      }
      int backlog = 20_000;
      rt.blockOn(rt.spawn(cx -> {
        for (int i = 0; i < backlog; i++) {
          Machina.spawn(c -> {
            spawnsRun.incrementAndGet();
            return null;
          });
        }
        while (System.nanoTime() - deadline < 20_000_000L) {
          Thread.sleep(5);
        }
        return null;
      }));
      for (JoinHandle<Object> h : handles) {
        rt.blockOn(h);
      }
      assertTrue(worst.get() < backlog / 4,
          "the last sleeper ran after " + worst.get() + " of the " + backlog + " spawns");
    }
  }
  @Test
  void tasksWokenTogetherDoNotWaitBehindALongOneWhileAWorkerIsIdle() throws Throwable {
    // Six sleepers share one deadline, so one driver turn wakes them all onto the queue of the
    // worker that fired them. The first to run then keeps its worker busy until the other five
    // have run (or 10 s have passed): they can only run meanwhile if the idle worker was woken
    // to take them. The order in which they run does not matter.
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-hog").build()) {
      for (int round = 0; round < 3; round++) {
        int sleepers = 6;
        AtomicBoolean hogTaken = new AtomicBoolean();
        AtomicInteger othersDone = new AtomicInteger();
        AtomicInteger othersSeenByHog = new AtomicInteger(-1);
        long deadline = System.nanoTime() + 50_000_000L;
        List<JoinHandle<Object>> handles = new ArrayList<>();
        for (int i = 0; i < sleepers; i++) {
          Future<Void> sleep = Time.sleepUntilNanoTime(deadline);
          handles.add(rt.spawn(cx -> {
            Object r = sleep.poll(cx);
            if (r == Future.PENDING) {
              return r;
            }
            if (hogTaken.compareAndSet(false, true)) {
              long giveUp = System.nanoTime() + 10_000_000_000L;
              while (othersDone.get() < sleepers - 1 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
              }
              othersSeenByHog.set(othersDone.get());
            } else {
              othersDone.incrementAndGet();
            }
            return null;
          }));
        }
        for (JoinHandle<Object> h : handles) {
          rt.blockOn(h);
        }
        assertEquals(sleepers - 1, othersSeenByHog.get(),
            "round " + round + ": the other sleepers ran while the first kept its worker busy");
      }
    }
  }
}
