package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.time.Time;

/** B6 lateness, Machina's side: one task per sleep, each recording how late it woke. */
public final class Sleepers {
  private Sleepers() {}

  /** Sleeps {@code delayNanos} and stores in {@code late[slot]} how long after its deadline it woke. */
  @Async
  static Future<Void> sleeper(long delayNanos, long[] late, int slot) {
    long deadline = System.nanoTime() + delayNanos;
    await(Time.sleepUntilNanoTime(deadline));
    late[slot] = System.nanoTime() - deadline;
    return Future.ready(null);
  }

  /** Spawns a sleeper per delay and joins them all. */
  @Async
  public static Future<Void> sleepAll(long[] delaysNanos, long[] late) {
    JoinHandle<?>[] handles = new JoinHandle<?>[delaysNanos.length];
    for (int i = 0; i < delaysNanos.length; i++) {
      handles[i] = Machina.spawn(sleeper(delaysNanos[i], late, i));
    }
    for (int i = 0; i < handles.length; i++) {
      await(handles[i]);
    }
    return Future.ready(null);
  }
}
