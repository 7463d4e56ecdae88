package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/**
 * {@code assert} statements with awaits in the condition or the message, and copied ones beside
 * awaits; {@link AssertionsDisabled} has the same with assertions off for its class only.
 */
public final class Assertions {
  private Assertions() {}

  @Async
  static Future<Integer> awaitInCondition(int x, Src s, Trace t) {
    assert await(t.t("condition", s.val(x))) > 0 : "not positive";
    return Future.ready(x);
  }

  @Async
  static Future<Integer> awaitInMessage(int x, Src s, Trace t) {
    assert x > 0 : await(t.t("message", s.val("not positive: " + x)));
    return Future.ready(x);
  }

  /** A {@code Throwable} message becomes the cause, as {@code new AssertionError(Object)} does. */
  @Async
  static Future<Integer> throwableMessage(int x, Src s, Trace t) {
    assert x > 0 : await(s.val(new IllegalStateException("cause")));
    return Future.ready(x);
  }

  /** Asserts without awaits, copied into the machine next to awaits. */
  @Async
  static Future<Integer> copied(int x, boolean check, Src s, Trace t) {
    int y = await(t.t("y", s.val(x)));
    if (check) assert y > 0 : "copied " + y; else y++;
    for (int i = 0; i < 2; i++) {
      assert i < y;
    }
    return Future.ready(y);
  }
}
