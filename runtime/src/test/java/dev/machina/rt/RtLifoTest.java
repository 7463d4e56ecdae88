package dev.machina.rt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.MachinaRuntime;
import dev.machina.Waker;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The LIFO slot: two tasks that wake each other run back to back on one worker, yet neither its
 * queue nor the injector starves, and a shutdown aborts the task the slot carries between batches.
 */
@Timeout(60)
class RtLifoTest {

  /** Two players passing a ball: a poll holding it passes it and wakes the other from inside. */
  static final class Pair {
    final Waker[] wakers = new Waker[2];
    final boolean[] cancelled = new boolean[2];
    volatile int owner;
    volatile long passes;
    volatile boolean stop;

    Future<Long> player(int me) {
      return new Future<>() {
        @Override
        public Object poll(Context cx) {
          wakers[me] = cx.waker();
          Waker other = wakers[1 - me];
          if (stop) {
            if (other != null) {
              other.wake(); // the other one may be waiting for the ball: let it see the stop
            }
            return passes;
          }
          if (owner == me) {
            owner = 1 - me;
            passes++;
            if (other != null) {
              other.wake();
            }
          }
          return PENDING;
        }

        @Override
        public void cancel() {
          cancelled[me] = true;
          Waker other = wakers[1 - me];
          if (other != null) {
            other.wake();
          }
        }
      };
    }

    void awaitPasses(long n) throws InterruptedException {
      while (passes < n) {
        Thread.sleep(1);
      }
    }
  }

  @Test
  void aPairWakingEachOtherLetsTasksFromTheInjectorRun() throws Exception {
    // On one worker the pair never stops by itself; only a task submitted from outside (through
    // the injector) stops it. Between batches the capped player waits in the LIFO slot with the
    // queue empty: the worker must still take the injector's turn.
    try (MachinaRuntime rt = MachinaRuntime.builder().singleThread().threadNamePrefix("lifo-inj").build()) {
      Pair pair = new Pair();
      JoinHandle<Long> a = rt.spawn(pair.player(0));
      JoinHandle<Long> b = rt.spawn(pair.player(1));
      pair.awaitPasses(10_000);
      rt.blockOn(rt.spawn(cx -> {
        pair.stop = true;
        return null;
      }));
      assertTrue(rt.blockOn(a) >= 10_000);
      assertTrue(rt.blockOn(b) >= 10_000);
    }
  }

  @Test
  void aPairWakingEachOtherLetsTheWorkersQueueRun() throws Exception {
    // A player spawns a task onto its worker's queue mid-game: after a few LIFO polls in a row the
    // capped player must go behind that task, which stops the game.
    try (MachinaRuntime rt = MachinaRuntime.builder().singleThread().threadNamePrefix("lifo-q").build()) {
      Pair pair = new Pair();
      AtomicBoolean spawned = new AtomicBoolean();
      Future<Long> player = pair.player(0);
      JoinHandle<Long> a = rt.spawn(cx -> {
        if (pair.passes >= 10_000 && spawned.compareAndSet(false, true)) {
          Machina.spawn(c -> {
            pair.stop = true;
            return null;
          });
        }
        return player.poll(cx);
      });
      JoinHandle<Long> b = rt.spawn(pair.player(1));
      assertTrue(rt.blockOn(a) >= 10_000);
      assertTrue(rt.blockOn(b) >= 10_000);
    }
  }

  @Test
  void shutdownAbortsThePairIncludingTheTaskInTheLifoSlot() throws Exception {
    // The game never ends, so when the worker leaves its loop one player is usually in the LIFO
    // slot, carried to the next batch: shutdown must abort it (its cancel wakes the other, which
    // is aborted too). Were the carried task forgotten, its handle would never complete.
    MachinaRuntime rt = MachinaRuntime.builder().singleThread().threadNamePrefix("lifo-stop").build();
    Pair pair = new Pair();
    JoinHandle<Long> a = rt.spawn(pair.player(0));
    JoinHandle<Long> b = rt.spawn(pair.player(1));
    pair.awaitPasses(10_000);
    rt.close();
    assertThrows(CancellationException.class, () -> Machina.blockOn(a));
    assertThrows(CancellationException.class, () -> Machina.blockOn(b));
    assertTrue(pair.cancelled[0] && pair.cancelled[1], "both players' cancel ran");
  }
}
