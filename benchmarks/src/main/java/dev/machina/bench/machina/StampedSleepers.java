package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;

/**
 * B6 lateness split into parts (diagnostic, {@code B6LatenessParts}): {@link Sleepers}' task per
 * sleep with a {@link StampedSleep}, recording per sleep when its body first ran (relative to
 * {@code origin}), when its timer fired and when it ran again, relative to its deadline.
 */
public final class StampedSleepers {
  private StampedSleepers() {}

  /** One sleep; {@code parts[0..2][slot]} get first-poll time, fire delay and total lateness. */
  @Async
  static Future<Void> sleeper(long delayNanos, long[][] parts, long origin, int slot) {
    long start = System.nanoTime();
    long deadline = start + delayNanos;
    StampedSleep sleep = new StampedSleep(deadline);
    await(sleep);
    long now = System.nanoTime();
    parts[0][slot] = start - origin;
    parts[1][slot] = sleep.firedAt - deadline;
    parts[2][slot] = now - deadline;
    return Future.ready(null);
  }

  /** Spawns a sleeper per delay and joins them all. */
  @Async
  public static Future<Void> sleepAll(long[] delaysNanos, long[][] parts) {
    long origin = System.nanoTime();
    JoinHandle<?>[] handles = new JoinHandle<?>[delaysNanos.length];
    for (int i = 0; i < delaysNanos.length; i++) {
      handles[i] = Machina.spawn(sleeper(delaysNanos[i], parts, origin, i));
    }
    for (int i = 0; i < handles.length; i++) {
      await(handles[i]);
    }
    return Future.ready(null);
  }
}
