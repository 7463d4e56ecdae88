package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;

/** B2, Machina's side: a task that spawns {@code n} trivial tasks and then joins each. */
public final class SpawnJoin {
  private SpawnJoin() {}

  /** The trivial task. */
  @Async
  static Future<Integer> trivial(int i) {
    return Future.ready(i & 1);
  }

  /** Spawns {@code n} trivial tasks, joins them in order, and returns the sum of their values. */
  @Async
  public static Future<Long> spawnJoin(int n) {
    JoinHandle<?>[] handles = new JoinHandle<?>[n];
    for (int i = 0; i < n; i++) {
      handles[i] = Machina.spawn(trivial(i));
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (Integer) await(handles[i]);
    }
    return Future.ready(sum);
  }
}
