package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.Manual;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runtime shut down while its tasks wait for futures completed from another thread, yield in
 * a loop, and spawn more tasks: once the shutdown has returned and every future has completed,
 * every task has ended (value or CancellationException), none is left hanging, and every body
 * that started ran its finally block exactly once.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShutdownRaceStressTest {
  private final Tally tally = new Tally();

  @Test
  void shutdownRacingWakesYieldsAndSpawns() {
    String name = "shutdownRacingWakesYieldsAndSpawns";
    int rounds = StressRounds.run(name, 300, 30, this::round);
    tally.report(name, rounds, "value", "cancelled by the shutdown", "spawned during shutdown");
  }

  private void round(SplittableRandom random) throws Throwable {
    int n = 20 + random.nextInt(150);
    Guarded.Counters counters = new Guarded.Counters(n);
    List<Manual<Integer>> leaves = new ArrayList<>();
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    ConcurrentLinkedQueue<JoinHandle<Integer>> children = new ConcurrentLinkedQueue<>();
    StressRounds.Rt rt = new StressRounds.Rt("shutdown-race", 1 + random.nextInt(3));
    try {
      for (int i = 0; i < n; i++) {
        Manual<Integer> leaf = new Manual<>();
        leaves.add(leaf);
        int kind = random.nextInt(3);
        Future<Integer> body = kind == 0 ? leaf
            : kind == 1 ? new Yields(random.nextInt(200), i, null)
            : new Yields(random.nextInt(50), i, children);
        handles.add(rt.runtime.spawn(new Guarded<>(body, counters, i)));
      }
      SplittableRandom forCompleter = random.split();
      int[] order = Chaos.shuffled(n, random);
      Chaos chaos = new Chaos().add("completer", () -> {
        for (int i : order) {
          StressRounds.pause(forCompleter);
          leaves.get(i).complete(i);
        }
      });
      chaos.start();
      StressRounds.spin(random.nextInt(20_000));
      rt.runtime.shutdown();
      chaos.join();
      StressRounds.describeWith(() -> "after shutdown: " + handles.stream()
          .filter(h -> !h.isDone()).count() + " tasks not done");
      for (int i = 0; i < n; i++) {
        assertTrue(handles.get(i).isDone(), "task " + i + " left hanging after shutdown");
        String outcome = outcomeOf(handles.get(i), i);
        tally.add(outcome);
        assertEquals(counters.entered.get(i), counters.finallyRuns.get(i), "task " + i);
        assertTrue(counters.entered.get(i) <= 1, "task " + i);
      }
      for (JoinHandle<Integer> child : children) {
        assertTrue(child.isDone(), "a task spawned during shutdown was left hanging");
        tally.add("spawned during shutdown");
        outcomeOf(child, -1);
      }
    } finally {
      rt.close();
    }
  }

  private static String outcomeOf(JoinHandle<Integer> h, int expected) throws Exception {
    try {
      assertEquals(expected, h.toCompletableFuture().get(10, TimeUnit.SECONDS));
      return "value";
    } catch (CancellationException e) {
      return "cancelled by the shutdown";
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CancellationException) {
        return "cancelled by the shutdown";
      }
      throw e;
    }
  }

  /**
   * Pending {@code times} polls (waking its task each time, like {@code yieldNow}), then
   * completes with {@code value}; with {@code children} given, spawns a small task at each poll.
   */
  static final class Yields implements Future<Integer> {
    private int times;
    private final int value;
    private final ConcurrentLinkedQueue<JoinHandle<Integer>> children;

    Yields(int times, int value, ConcurrentLinkedQueue<JoinHandle<Integer>> children) {
      this.times = times;
      this.value = value;
      this.children = children;
    }

    @Override
    public Object poll(Context cx) {
      if (children != null) {
        children.add(Machina.spawn(new Yields(3, -1, null)));
      }
      if (times-- <= 0) {
        return value;
      }
      cx.waker().wake();
      return PENDING;
    }
  }
}
