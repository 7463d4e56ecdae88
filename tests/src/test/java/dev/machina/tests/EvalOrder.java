package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;

/** Java's evaluation order kept across awaits, observed through an ordered trace. */
public final class EvalOrder {
  int field = 1;
  int[] array = {10, 20, 30};
  final Trace t;

  EvalOrder(Trace t) {
    this.t = t;
  }

  int bumpField(int to) {
    t.add("bump " + to);
    field = to;
    return to;
  }

  EvalOrder self(String label) {
    t.add(label);
    return this;
  }

  String join(Object a, Object b, Object c) {
    return a + "|" + b + "|" + c;
  }

  @Async
  static Future<Integer> binaryOperands(Src s, Trace t) {
    int r = t.t("l", 1) + await(t.t("r", s.val(2))) * t.t("m", 3) - await(t.t("z", s.val(4)));
    return Future.ready(r);
  }

  @Async
  static Future<Integer> compoundLocal(Src s, Trace t) {
    int x = 1;
    x += (x = 10) + await(s.val(100));
    int y = 5;
    y = y * await(s.val(y + 1)) + (y = 2);
    int z = 3;
    z -= await(s.val(z++));
    return Future.ready(x * 1000000 + y * 1000 + z);
  }

  @Async
  Future<Integer> compoundField(Src s) {
    field += await(s.val(bumpField(100)));
    int a = field;
    this.field *= await(s.val(2));
    self("recv").field -= await(t.t("rhs", s.val(1)));
    return Future.ready(a * 10000 + field);
  }

  @Async
  Future<String> arrayAndIndexFirst(Src s) {
    int[] a = array;
    int i = 0;
    a[t.t("idx", i)] = await(t.t("rhs", s.val(i = 2)));
    int[] other = {7, 7, 7};
    int[] original = a;
    a[i] += await(s.val(swap(other)));
    original[t.t("i1", 1)] += await(s.val(0 * (a = other).length + 5));
    a[await(s.val(0))]++;
    return Future.ready(java.util.Arrays.toString(original) + java.util.Arrays.toString(other));
  }

  int swap(int[] to) {
    t.add("swap");
    array = to;
    return 1;
  }

  @Async
  Future<String> arguments(Src s) {
    String r =
        self("receiver")
            .join(t.t("a", "A"), await(t.t("b", s.val("B"))), t.t("c", "C"));
    List<Object> l = List.of(t.t("x", 1), await(s.val(2)), t.t("y", 3), await(t.t("w", s.val(4))));
    int[] init = {t.t("i0", 0), await(t.t("i1", s.val(1))), t.t("i2", 2)};
    StringBuilder sb = new StringBuilder(await(s.val("sb")));
    return Future.ready(r + l + init.length + init[1] + sb);
  }

  /** Inner initializers, with and without awaits, before an await and after; kept across one. */
  @Async
  static Future<String> nestedInitializers(Src s, Trace t) {
    int[][] a = {{t.t("a", 1)}, {await(t.t("b", s.val(2))), t.t("c", 3)}, {}};
    String[][][] b = {{{await(s.val("x"))}}, {{t.t("d", "y")}}};
    String joined = String.join("+", new String[][] {{"p"}, {await(s.val("q")), "r"}}[1]);
    int k = await(s.val(0));
    return Future.ready(java.util.Arrays.deepToString(a) + java.util.Arrays.deepToString(b) + joined + k);
  }

  @Async
  static Future<String> concatenation(Src s, Trace t) {
    String r = t.t("p", "p") + await(t.t("q", s.val("q"))) + 1 + 2 + await(s.val('r')) + t.t("s", null);
    r += await(s.val(3)) + 4;
    return Future.ready(r);
  }

  @Async
  static Future<String> increments(Src s, Trace t) {
    int i = 0;
    int a = i++ + await(s.val(i)) + ++i;
    long l = 10;
    l <<= await(s.val(2));
    int b = -await(s.val(5)) + ~await(s.val(0));
    return Future.ready(a + "," + i + "," + l + "," + b);
  }
}
