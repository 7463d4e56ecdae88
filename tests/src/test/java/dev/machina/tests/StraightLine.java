package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** Bodies with awaits in sequence, of several types, as statements and inside expressions. */
public final class StraightLine {
  private StraightLine() {}

  @Async
  static Future<Integer> sum(Src s, Trace t) {
    int a = await(s.val(1));
    t.add("a=" + a);
    int b = await(s.val(2)) + a;
    String str = await(s.val("x")) + b;
    t.add(str);
    await(s.val("ignored"));
    return Future.ready(a + b);
  }

  @Async
  static Future<String> failsMidway(Src s, Trace t, RuntimeException boom) {
    t.add("before");
    int a = await(s.<Integer>fail(boom));
    t.add("after " + a);
    return Future.ready("unreachable");
  }

  @Async
  static Future<Void> nothing(Src s, Trace t) {
    await(s.val(1));
    t.add("ran");
    return Future.ready(null);
  }

  @Async
  static Future<String> primitives(Src s) {
    long l = await(s.val(5));
    double d = await(s.val(2.5));
    char c = await(s.val('c'));
    boolean z = await(s.val(true));
    byte by = await(s.val((byte) 7));
    var v = await(s.val(new StringBuilder("sb")));
    v.append(l);
    return Future.ready(l + "," + d + "," + c + "," + z + "," + by + "," + v);
  }

  @Async
  static Future<Integer> nullValue(Src s) {
    Integer n = await(s.<Integer>val(null));
    return Future.ready(n == null ? -1 : n);
  }
}
