package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;

/** A failure in a spawned task, awaited through its handle by a task of another machine. */
public final class AsyncTraces {
  private AsyncTraces() {}

  @Async
  static Future<Integer> load(int id) {
    int base = await(Machina.yieldNow()) == null ? 1 : 0;
    if (id > 2) {
      throw new IllegalStateException("no record " + id);
    }
    return Future.ready(base + id);
  }

  @Async
  static Future<Integer> loadAll(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      JoinHandle<Integer> h = Machina.spawn(load(i));
      sum += await(h);
    }
    return Future.ready(sum);
  }
}
