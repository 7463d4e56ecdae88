package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.Machina;

/** B5, Machina's side: a chain of nested awaits whose innermost machine yields repeatedly. */
public final class Nest {
  private Nest() {}

  /** {@code depth} nested awaits; the innermost yields {@code wakes} times. */
  @Async
  public static Future<Integer> nest(int depth, int wakes) {
    if (depth == 0) {
      for (int i = 0; i < wakes; i++) {
        await(Machina.yieldNow());
      }
      return Future.ready(wakes);
    }
    int below = await(nest(depth - 1, wakes));
    return Future.ready(below + 1);
  }
}
