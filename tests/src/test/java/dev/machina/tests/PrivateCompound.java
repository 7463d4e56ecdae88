package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/** Compound assignment to a private field across an await (FINDINGS F7). */
public final class PrivateCompound {
  private int secret = 7;

  @Async
  Future<Integer> bump(Src s) {
    secret += await(s.val(1));
    return Future.ready(secret);
  }
}
