package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.JoinHandle;
import dev.machina.Manual;
import dev.machina.MachinaRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wakes from many threads racing the completion of the awaited futures and
 * {@link JoinHandle#cancel()}: every task ends with its value or a CancellationException as its
 * inputs allow, its finally block runs exactly once if its body started, and nothing hangs.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WakeCancelStressTest {
  private static final String VALUE = "value";
  private static final String CANCELLED = "cancelled";

  private final Tally tally = new Tally();

  @Test
  void wakesCompletionsAndCancelsOfIndependentTasks() {
    String name = "wakesCompletionsAndCancelsOfIndependentTasks";
    int rounds = StressRounds.run(name, 300, 30, this::independent);
    tally.report(name, rounds, VALUE, "cancelled before its body started",
        "cancelled in its body", "cancelled though its leaf completes");
  }

  private void independent(SplittableRandom random) throws Throwable {
    int n = 50 + random.nextInt(200);
    boolean[] complete = new boolean[n];
    boolean[] cancel = new boolean[n];
    int cancelPercent = random.nextInt(90) + 5;
    for (int i = 0; i < n; i++) {
      cancel[i] = random.nextInt(100) < cancelPercent;
      complete[i] = !cancel[i] || random.nextBoolean();
    }
    List<Manual<Integer>> leaves = new ArrayList<>();
    Guarded.Counters counters = new Guarded.Counters(n);
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    try (StressRounds.Rt rt = new StressRounds.Rt("wake-race", 1 + random.nextInt(3))) {
      for (int i = 0; i < n; i++) {
        Manual<Integer> leaf = new Manual<>();
        leaves.add(leaf);
        handles.add(rt.runtime.spawn(new Guarded<>(leaf, counters, i)));
      }
      Chaos chaos = new Chaos();
      int wakers = 1 + random.nextInt(3);
      for (int w = 0; w < wakers; w++) {
        SplittableRandom own = random.split();
        int wakes = own.nextInt(4 * n);
        chaos.add("waker", () -> {
          for (int k = 0; k < wakes; k++) {
            leaves.get(own.nextInt(n)).wakeWaiter();
            if (own.nextInt(8) == 0) {
              StressRounds.pause(own);
            }
          }
        });
      }
      int[] completeOrder = Chaos.shuffled(n, random);
      SplittableRandom forCompleter = random.split();
      chaos.add("completer", () -> {
        for (int i : completeOrder) {
          if (complete[i]) {
            leaves.get(i).complete(i);
            StressRounds.pause(forCompleter);
          }
        }
      });
      int[] cancelOrder = Chaos.shuffled(n, random);
      SplittableRandom forCanceller = random.split();
      chaos.add("canceller", () -> {
        for (int i : cancelOrder) {
          if (cancel[i]) {
            handles.get(i).cancel();
            StressRounds.pause(forCanceller);
          }
        }
      });
      chaos.start();
      String[] outcome = new String[n];
      for (int i = 0; i < n; i++) {
        // Join half through blockOn, half through the CompletableFuture view.
        outcome[i] = random.nextBoolean() ? joinByBlockOn(rt.runtime, handles.get(i), i)
            : joinByView(handles.get(i), i);
      }
      chaos.join();
      for (int i = 0; i < n; i++) {
        String where = "task " + i + " (complete " + complete[i] + ", cancel " + cancel[i] + ")";
        assertTrue(handles.get(i).isDone(), where);
        if (!cancel[i]) {
          assertEquals(VALUE, outcome[i], where + " was never cancelled");
        }
        if (!complete[i]) {
          assertEquals(CANCELLED, outcome[i], where + " has no value to give");
        }
        boolean started = counters.entered.get(i) == 1;
        assertTrue(counters.entered.get(i) <= 1, where + " body started twice");
        assertEquals(started ? 1 : 0, counters.finallyRuns.get(i), where + " finally runs");
        assertEquals(started && outcome[i] == CANCELLED ? 1 : 0, counters.cancelSeen.get(i),
            where + ": the cancellation reaches the body exactly when it started and was cancelled");
        assertEquals(started, leaves.get(i).polled(), where + " leaf polled iff body started");
        if (outcome[i] == VALUE) {
          tally.add(VALUE);
        } else {
          tally.add(started ? "cancelled in its body" : "cancelled before its body started");
          if (complete[i]) {
            tally.add("cancelled though its leaf completes");
          }
        }
        if (outcome[i] == VALUE) {
          assertFalse(leaves.get(i).cancelled, where + " completed yet its leaf was cancelled");
        } else {
          assertEquals(started, leaves.get(i).cancelled, where + " pending leaf cancelled");
        }
      }
    }
  }

  @Test
  void cancelInAChainOfTasksAwaitingEachOther() {
    String name = "cancelInAChainOfTasksAwaitingEachOther";
    int rounds = StressRounds.run(name, 1200, 30, this::chain);
    tally.report(name, rounds, "chain: cancel won", "chain: value won",
        "chain: cancel passed down");
  }

  /**
   * Task k awaits the handle of task k + 1; the last awaits a leaf. One task j is cancelled while
   * the leaf completes: tasks 0..j share j's outcome, and below j a cancellation can only have
   * come down the chain, so the outcomes read: some cancelled, then values.
   */
  private void chain(SplittableRandom random) throws Throwable {
    int depth = 2 + random.nextInt(30);
    int j = random.nextInt(depth);
    Guarded.Counters counters = new Guarded.Counters(depth);
    Manual<Integer> leaf = new Manual<>();
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    try (StressRounds.Rt rt = new StressRounds.Rt("wake-chain", 1 + random.nextInt(3))) {
      JoinHandle<Integer> below = rt.runtime.spawn(new Guarded<>(leaf, counters, depth - 1));
      handles.add(below);
      for (int k = depth - 2; k >= 0; k--) {
        below = rt.runtime.spawn(new Guarded<>(below, counters, k));
        handles.add(0, below);
      }
      SplittableRandom forWaker = random.split();
      SplittableRandom forCompleter = random.split();
      SplittableRandom forCanceller = random.split();
      int value = random.nextInt(1000);
      Chaos chaos = new Chaos()
          .add("waker", () -> {
            for (int k = forWaker.nextInt(50); k > 0; k--) {
              leaf.wakeWaiter();
              StressRounds.pause(forWaker);
            }
          })
          .add("completer", () -> {
            StressRounds.spin(forCompleter.nextInt(2000));
            leaf.complete(value);
          })
          .add("canceller", () -> {
            StressRounds.spin(forCanceller.nextInt(2000));
            handles.get(j).cancel();
          });
      chaos.start();
      String[] outcome = new String[depth];
      for (int k = 0; k < depth; k++) {
        outcome[k] = joinByBlockOn(rt.runtime, handles.get(k), value);
      }
      chaos.join();
      tally.add(outcome[j] == VALUE ? "chain: value won" : "chain: cancel won");
      if (j + 1 < depth && outcome[j + 1] == CANCELLED) {
        tally.add("chain: cancel passed down");
      }
      String trace = "cancelled task " + j + " of " + depth + ": " + String.join(" ", outcome);
      for (int k = 0; k < j; k++) {
        assertEquals(outcome[j], outcome[k], trace);
      }
      for (int k = 0; k + 1 < depth; k++) {
        if (outcome[k] == VALUE) {
          assertEquals(VALUE, outcome[k + 1], "a value came from below: " + trace);
        }
      }
      for (int k = 0; k < depth; k++) {
        assertEquals(counters.entered.get(k), counters.finallyRuns.get(k), "task " + k + ": " + trace);
        assertTrue(counters.entered.get(k) <= 1, trace);
      }
    }
  }

  private static String joinByBlockOn(MachinaRuntime rt, JoinHandle<Integer> h, int expected) {
    try {
      assertEquals(expected, rt.blockOn(h));
      return VALUE;
    } catch (CancellationException e) {
      return CANCELLED;
    }
  }

  private static String joinByView(JoinHandle<Integer> h, int expected) throws Exception {
    try {
      assertEquals(expected, h.toCompletableFuture().get(30, TimeUnit.SECONDS));
      return VALUE;
    } catch (CancellationException e) {
      return CANCELLED;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CancellationException) {
        return CANCELLED;
      }
      throw e;
    }
  }
}
