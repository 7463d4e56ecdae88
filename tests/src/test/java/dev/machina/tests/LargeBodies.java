package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/**
 * A body of 480 awaits in a loop inside try/catch/finally: too much for one {@code step} method
 * of 64 KB, so the machine's states are split among several methods (F88). Each of the 120 lines
 * adds 1 + 2 + 3 + 4 to {@code n * 3}; the loop, the throw after line 60 and the catch and
 * finally around them reach from one part into another.
 */
public final class LargeBodies {
  private LargeBodies() {}

  @Async
  static Future<String> rounds(Src s, Trace t, int rounds, int failAt) {
    long n = 0;
    try {
      for (int i = 0; i < rounds; i++) {
        t.add("round " + i);
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        if (i == failAt) {
          throw new IllegalStateException("at " + n);
        }
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
        n = n * 3 + await(s.val(1)) + await(s.val(2)) + await(s.val(3)) + await(s.val(4));
      }
    } catch (IllegalStateException e) {
      t.add("caught " + e.getMessage());
    } finally {
      t.add("finally " + await(s.val("f")));
    }
    return Future.ready("n=" + n);
  }
}
