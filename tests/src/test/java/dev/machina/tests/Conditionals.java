package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** Conditional expressions and short-circuit operators with awaits in their operands. */
public final class Conditionals {
  private Conditionals() {}

  @Async
  static Future<String> shortCircuit(Src s, Trace t, boolean a, boolean b) {
    boolean and = t.t("a1", a) && await(t.t("b1", s.val(b)));
    boolean or = t.t("a2", a) || await(t.t("b2", s.val(b)));
    boolean both = await(t.t("a3", s.val(a))) && await(t.t("b3", s.val(b)));
    boolean either = await(t.t("a4", s.val(a))) || await(t.t("b4", s.val(b)));
    boolean nested = (a || await(s.val(b))) && !(b && await(t.t("c5", s.val(a))));
    boolean bitwise = a & await(t.t("b6", s.val(b)));
    return Future.ready(and + "," + or + "," + both + "," + either + "," + nested + "," + bitwise);
  }

  @Async
  static Future<String> ternaries(Src s, Trace t, int n) {
    String r = await(t.t("cond", s.val(n > 0))) ? await(t.t("pos", s.val("pos"))) : await(t.t("neg", s.val("neg")));
    int m = n == 0 ? 0 : n > 0 ? await(s.val(n * 2)) : -await(s.val(-n * 3));
    Object boxed = n > 5 ? (Object) await(s.val(1.5)) : "str";
    long widened = n > 0 ? await(s.val(1)) : 2L;
    return Future.ready(r + "," + m + "," + boxed + "," + widened);
  }

  @Async
  static Future<Boolean> shortCircuitSkipsFailure(Src s, Trace t, RuntimeException e) {
    boolean r = t.t("left", false) && await(s.<Boolean>fail(e));
    boolean q = true || await(s.<Boolean>fail(e));
    String c = r ? await(s.<String>fail(e)) : "safe";
    t.add(c);
    return Future.ready(!r && q);
  }
}
