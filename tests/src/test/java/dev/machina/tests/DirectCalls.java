package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/**
 * Awaits of calls to {@code @Async} methods of the same class, which the processor steps directly
 * when no override can replace the callee (static, private, final methods), beside an overridable
 * one that must still dispatch to the override.
 */
public class DirectCalls {
  final String name;

  DirectCalls(String name) {
    this.name = name;
  }

  @Async
  static Future<Integer> square(Src s, Trace t, int i) {
    t.add("square " + i);
    return Future.ready(await(s.val(i)) * i);
  }

  @Async
  static Future<Integer> sumOfSquares(Src s, Trace t, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += await(square(s, t, i));
    }
    return Future.ready(total);
  }

  @Async
  static Future<Integer> failing(Src s, Trace t, int i) {
    t.add("failing " + i);
    await(s.val(i));
    throw new IllegalArgumentException("bad " + i);
  }

  @Async
  static Future<String> catchesAndCleansUp(Src s, Trace t) {
    try {
      return Future.ready("value " + await(failing(s, t, 1)));
    } catch (IllegalArgumentException e) {
      t.add("caught " + e.getMessage());
      return Future.ready("recovered " + await(square(s, t, 3)));
    } finally {
      t.add("finally " + await(square(s, t, 2)));
    }
  }

  @Async
  static Future<Integer> order(Src s, Trace t) {
    return Future.ready(
        t.t("a", 1) + await(square(s, t, t.t("b", 2))) + t.t("c", 3) + await(square(s, t, 4)));
  }

  @Async
  static <T> Future<T> id(Src s, Trace t, T v) {
    t.add("id " + v);
    return s.val(v);
  }

  @Async
  static Future<String> generic(Src s, Trace t) {
    String a = await(id(s, t, "x"));
    Integer b = await(id(s, t, 7));
    return Future.ready(a + b);
  }

  @Async
  static Future<Void> note(Src s, Trace t, String what) {
    t.add("note " + await(s.val(what)));
    return Future.ready(null);
  }

  /** Direct steps of callees whose value is {@code null}: a {@code Void} one, a generic one. */
  @Async
  static Future<String> nulls(Src s, Trace t) {
    await(note(s, t, "a"));
    String n = await(id(s, t, (String) null));
    await(note(s, t, "b"));
    return Future.ready("got " + n + " " + await(note(s, t, "c")));
  }

  @Async
  static Future<Integer> lazy(Src s, Trace t) {
    Future<Integer> notAwaited = square(s, t, 5);
    int v = await(square(s, t, 6));
    t.add("unawaited future is " + (notAwaited != null ? "unrun" : "?"));
    return Future.ready(v);
  }

  @Async
  private Future<String> secret(Src s) {
    return Future.ready(name + await(s.val("!")));
  }

  @Async
  final Future<String> fixed(Src s) {
    return Future.ready(name + await(s.val("?")));
  }

  @Async
  Future<String> greet(Src s) {
    return Future.ready("hello " + await(s.val(name)));
  }

  @Async
  Future<String> all(Src s, DirectCalls other) {
    return Future.ready(
        await(secret(s)) + " " + await(other.fixed(s)) + " " + await(greet(s))
            + " " + await(other.greet(s)));
  }

  /** Overrides {@link #greet}: awaits of {@code greet} must reach this method. */
  public static final class Loud extends DirectCalls {
    Loud(String name) {
      super(name);
    }

    @Async
    @Override
    Future<String> greet(Src s) {
      return Future.ready("HELLO " + await(s.val(name.toUpperCase())));
    }
  }
}
