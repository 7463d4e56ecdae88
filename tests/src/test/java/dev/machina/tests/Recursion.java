package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/** Async recursion, shallow and a million deep, and long loops of pending awaits. */
public final class Recursion {
  private Recursion() {}

  @Async
  static Future<Integer> fib(Src s, int n) {
    if (n < 2) {
      return s.val(n);
    }
    return Future.ready(await(fib(s, n - 1)) + await(fib(s, n - 2)));
  }

  @Async
  static Future<Long> depth(Src s, int n) {
    if (n == 0) {
      return Future.ready(await(s.val(0L)));
    }
    long below = await(depth(s, n - 1));
    return Future.ready(below + 1);
  }

  @Async
  static Future<Integer> tailDepth(Src s, int n) {
    if (n == 0) {
      return s.val(0);
    }
    return tailDepth(s, n - 1);
  }

  @Async
  static Future<Long> manyAwaits(Src s, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(s.val(i));
    }
    return Future.ready(sum);
  }

  @Async
  static Future<Integer> failDeep(Src s, int n, RuntimeException e) {
    if (n == 0) {
      return s.fail(e);
    }
    try {
      return Future.ready(await(failDeep(s, n - 1, e)));
    } finally {
      if (n == 1) {
        await(s.val(0));
      }
    }
  }
}
