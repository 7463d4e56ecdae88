package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** if/else with awaits in conditions, branches and nested branches. */
public final class Branches {
  private Branches() {}

  @Async
  static Future<String> classify(Src s, Trace t, int n) {
    String r;
    if (await(s.val(n)) < 0) {
      t.add("neg");
      r = "negative:" + await(s.val(-n));
    } else if (await(s.val(n)) == 0) {
      t.add("zero");
      r = "zero";
    } else {
      if (n % 2 == 0) {
        int half = await(s.val(n / 2));
        t.add("even");
        r = "even:" + half;
      } else {
        t.add("odd");
        r = "odd";
      }
    }
    t.add("end");
    return Future.ready(r);
  }

  @Async
  static Future<Integer> earlyReturn(Src s, Trace t, boolean early) {
    int x = await(s.val(10));
    if (early) {
      t.add("early");
      return Future.ready(x);
    }
    x += await(s.val(5));
    t.add("late");
    return Future.ready(x);
  }

  @Async
  static Future<Integer> failInBranch(Src s, Trace t, boolean fail, RuntimeException e) {
    if (fail) {
      t.add("then");
      await(s.<Integer>fail(e));
      t.add("not here");
    } else {
      t.add("else");
    }
    return Future.ready(1);
  }
}
