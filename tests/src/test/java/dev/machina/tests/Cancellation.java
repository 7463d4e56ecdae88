package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.Resources.Res;
import dev.machina.tests.support.Trace;
import java.util.concurrent.CancellationException;

/** Bodies cancelled while suspended: the await throws, finally blocks and close() run. */
public final class Cancellation {
  private Cancellation() {}

  @Async
  static Future<String> withFinally(Trace t, Future<Integer> never, Future<Integer> cleanup) {
    try {
      t.add("start");
      int v = await(never);
      t.add("not here " + v);
      return Future.ready("value");
    } catch (CancellationException e) {
      t.add("caught cancellation");
      throw e;
    } finally {
      t.add("finally");
      int c = await(cleanup);
      t.add("cleanup " + c);
    }
  }

  @Async
  static Future<String> withResource(Trace t, Future<Integer> never) {
    try (Res r = new Res("r", t, null)) {
      await(never);
      return Future.ready("value");
    }
  }

  @Async
  static Future<String> nested(Trace t, Future<Integer> never) {
    try {
      return Future.ready("got " + await(withResource(t, never)));
    } finally {
      t.add("outer finally");
    }
  }
}
