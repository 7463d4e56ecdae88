package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** Minimal bodies of the divergences the fuzzer found (FINDINGS.md), one method each. */
public final class Regressions {
  private Regressions() {}

  /** F8, fuzzer seed 20261126: an unbraced jump as the branch of an if, after an await. */
  @Async
  static Future<Integer> unbracedBreakAfterAwait(Src s, Trace t) {
    int k = 0;
    while (k++ < 3) {
      t.add("k" + k);
      if (!await(s.val(k < 2))) break;
    }
    int n = 0;
    for (int i = 0; i < 4; i++) {
      if (await(s.val(i % 2 == 0))) continue;
      n += i;
    }
    return Future.ready(k * 100 + n);
  }

  /** F8, fuzzer seed 20261144: an unbraced return inside try-with-resources, after an await. */
  @Async
  static Future<String> unbracedReturnInTry(Src s, Trace t, boolean early) {
    try (Resources.Res r = new Resources.Res("r", t, null)) {
      boolean c = await(s.val(early));
      if (c) return s.val("early");
      t.add("late");
    }
    return Future.ready("late");
  }
}
