package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.concurrent.CompletionStage;

/** Factories that run none of the body, tail awaits, and awaiting CompletionStages. */
public final class Laziness {
  private Laziness() {}

  @Async
  static Future<Integer> lazy(Src s, Trace t) {
    t.add("body started");
    return Future.ready(await(s.val(1)));
  }

  @Async
  static Future<Integer> tail(Src s, Trace t, int n) {
    t.add("tail " + n);
    if (n == 0) {
      return s.val(42);
    }
    if (n < 0) {
      return s.fail(new IllegalArgumentException("negative"));
    }
    return tail(s, t, n - 1);
  }

  @Async
  static Future<String> stages(CompletionStage<String> a, CompletionStage<Integer> b) {
    String x = await(a);
    int y = await(b);
    return Future.ready(x + y);
  }
}
