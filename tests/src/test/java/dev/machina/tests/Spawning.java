package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.List;

/** Bodies that spawn machines as tasks on the runtime and await their handles. */
public final class Spawning {
  private Spawning() {}

  @Async
  static Future<Long> fanOut(Src s, int children) {
    List<JoinHandle<Long>> handles = new ArrayList<>();
    for (int i = 0; i < children; i++) {
      handles.add(Machina.spawn(RecursionAsync.manyAwaits(s, i)));
    }
    long total = 0;
    for (JoinHandle<Long> h : handles) {
      total += await(h);
    }
    return Future.ready(total);
  }
}
