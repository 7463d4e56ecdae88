package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** Asserts of a class whose assertions {@code AssertionsTest} disables before it is loaded. */
public final class AssertionsDisabled {
  private AssertionsDisabled() {}

  @Async
  static Future<Integer> awaitInCondition(int x, Src s, Trace t) {
    assert await(t.t("condition", s.val(x))) > 0 : await(t.t("message", s.val("no")));
    return Future.ready(x);
  }

  @Async
  static Future<Integer> copied(int x, Src s, Trace t) {
    int y = await(t.t("y", s.val(x)));
    assert y > 0 : "copied";
    return Future.ready(y);
  }
}
