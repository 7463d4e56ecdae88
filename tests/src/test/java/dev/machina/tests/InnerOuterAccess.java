package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/** An inner class whose @Async body uses its enclosing instance's private members (FINDINGS F4). */
public final class InnerOuterAccess {
  private int secret = 7;

  private int twice(int x) {
    return 2 * x;
  }

  /** Reads {@code InnerOuterAccess.this}. */
  final class Inner {
    private int own = 1;

    @Async
    Future<Integer> sum(Src s) {
      own += await(s.val(10));
      return Future.ready(own + secret + twice(await(s.val(1))));
    }
  }
}
