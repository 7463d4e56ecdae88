package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;

/** A chain of machines awaiting machines, stuck at a leaf, for the runtime's task dump. */
public final class TaskDumps {
  private TaskDumps() {}

  @Async
  static Future<Integer> order(Future<String> gate, int id) {
    int total = await(price(gate, id));
    return Future.ready(total + 1);
  }

  @Async
  static Future<Integer> price(Future<String> gate, int id) {
    String quote = await(quote(gate, id));
    return Future.ready(quote.length() + id);
  }

  @Async
  static Future<String> quote(Future<String> gate, int id) {
    String q = await(gate);
    return Future.ready(q + id);
  }
}
