package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Future;
import dev.machina.Futures;
import dev.machina.JoinHandle;
import dev.machina.Manual;
import dev.machina.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timeouts and sleeps racing the completion of the futures they guard and the cancellation of
 * their tasks: each task ends with the value, the timeout (its inner future then cancelled), or a
 * cancellation it was sent, its finally block runs once, and no task is left waiting.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TimerRaceStressTest {
  private final Tally tally = new Tally();

  @Test
  void timeoutsAndSleepsRacingCompletionAndCancel() {
    String name = "timeoutsAndSleepsRacingCompletionAndCancel";
    int rounds = StressRounds.run(name, 500, 30, this::round);
    tally.report(name, rounds, "value", "slept", "timeout", "cancelled");
  }

  private void round(SplittableRandom random) throws Throwable {
    int n = 20 + random.nextInt(150);
    boolean[] complete = new boolean[n];
    boolean[] cancel = new boolean[n];
    boolean[] viaSelect = new boolean[n];
    List<Manual<Integer>> leaves = new ArrayList<>();
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    Guarded.Counters counters = new Guarded.Counters(n);
    try (StressRounds.Rt rt = new StressRounds.Rt("timer-race", 1 + random.nextInt(3))) {
      for (int i = 0; i < n; i++) {
        complete[i] = random.nextInt(4) != 0;
        cancel[i] = random.nextInt(4) == 0;
        viaSelect[i] = random.nextBoolean();
        Duration limit = Duration.ofNanos(random.nextInt(4_000_000));
        Manual<Integer> leaf = new Manual<>();
        leaves.add(leaf);
        // timeout(leaf, limit), or select(leaf, sleep(limit) giving -1)
        Future<Integer> raced = viaSelect[i]
            ? Futures.select(leaf, new Then<>(Time.sleep(limit), -1))
            : Time.timeout(leaf, limit);
        JoinHandle<Integer> h = rt.runtime.spawn(new Guarded<>(raced, counters, i));
        h.toCompletableFuture(); // joined from here on, so a timeout is not reported unhandled
        handles.add(h);
      }
      SplittableRandom forCompleter = random.split();
      SplittableRandom forCanceller = random.split();
      int[] completeOrder = Chaos.shuffled(n, random);
      int[] cancelOrder = Chaos.shuffled(n, random);
      Chaos chaos = new Chaos()
          .add("completer", () -> {
            for (int i : completeOrder) {
              if (complete[i]) {
                StressRounds.spin(forCompleter.nextInt(300));
                leaves.get(i).complete(i);
              }
            }
          })
          .add("canceller", () -> {
            for (int i : cancelOrder) {
              if (cancel[i]) {
                StressRounds.spin(forCanceller.nextInt(300));
                handles.get(i).cancel();
              }
            }
          });
      chaos.start();
      String[] outcome = new String[n];
      for (int i = 0; i < n; i++) {
        try {
          int v = rt.runtime.blockOn(handles.get(i));
          outcome[i] = v == -1 ? "slept" : "value";
          if (v != -1) {
            assertEquals(i, v);
          }
        } catch (CancellationException e) {
          outcome[i] = "cancelled";
        } catch (Throwable e) { // blockOn throws the failure as is, checked ones included
          if (!(e instanceof TimeoutException)) {
            throw e;
          }
          outcome[i] = "timeout";
        }
      }
      chaos.join();
      for (int i = 0; i < n; i++) {
        String where = "task " + i + " (complete " + complete[i] + ", cancel " + cancel[i]
            + (viaSelect[i] ? ", select" : ", timeout") + "): " + outcome[i];
        Manual<Integer> leaf = leaves.get(i);
        tally.add(outcome[i]);
        switch (outcome[i]) {
          case "value" -> {
            assertTrue(complete[i], where);
            assertFalse(leaf.cancelled, where + ": the winner was cancelled");
          }
          case "slept" -> {
            assertTrue(viaSelect[i], where);
            assertTrue(leaf.cancelled, where + ": the losing leaf was not cancelled");
          }
          case "timeout" -> {
            assertFalse(viaSelect[i], where);
            assertTrue(leaf.cancelled, where + ": the timed-out leaf was not cancelled");
          }
          default -> {
            assertTrue(cancel[i], where);
            assertEquals(counters.entered.get(i) == 1, leaf.cancelled, where);
          }
        }
        assertEquals(counters.entered.get(i), counters.finallyRuns.get(i), where);
      }
      // A task may time out before the line above took its view: reported as nobody joined it.
      long timeouts = java.util.Arrays.stream(outcome).filter("timeout"::equals).count();
      long reported = rt.unhandled.stream().filter(e -> e instanceof TimeoutException).count();
      assertTrue(reported <= timeouts, reported + " reported, " + timeouts + " timed out");
      rt.unhandled.removeIf(e -> e instanceof TimeoutException);
    }
  }

  /** A future completing with {@code value} once {@code first} completes (cancels it if cancelled). */
  static final class Then<T> implements Future<T> {
    private final Future<?> first;
    private final T value;

    Then(Future<?> first, T value) {
      this.first = first;
      this.value = value;
    }

    @Override
    public Object poll(dev.machina.Context cx) throws Throwable {
      return first.poll(cx) == PENDING ? PENDING : value;
    }

    @Override
    public void cancel() {
      first.cancel();
    }
  }
}
