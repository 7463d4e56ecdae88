package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** instanceof patterns whose bindings are used after awaits. */
public final class Patterns {
  private Patterns() {}

  @Async
  static Future<String> bindingAfterAwait(Src s, Trace t, Object o) {
    if (o instanceof String str) {
      int n = await(s.val(str.length()));
      return Future.ready(str + n + await(s.val(str.toUpperCase())));
    }
    if (!(o instanceof Integer i)) {
      return Future.ready("other");
    }
    await(s.val(0));
    return Future.ready("int " + (i + await(s.val(1))));
  }

  @Async
  static Future<Boolean> inCondition(Src s, Object o) {
    Object v = await(s.val(o));
    boolean r = v instanceof String str && await(s.val(str.length())) > 2 && str.startsWith("a");
    return Future.ready(r);
  }

  @Async
  static Future<Integer> inLoop(Src s, Trace t, Object[] items) {
    int sum = 0;
    for (Object o : items) {
      if (o instanceof Integer n && n > 0) {
        sum += await(s.val(n));
        t.add("n" + n);
      }
    }
    return Future.ready(sum);
  }
}
