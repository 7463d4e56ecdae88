package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Boxed operands that their context unboxes, followed by an await: javac unboxes each one as it
 * is evaluated, so a {@code null} throws before the operands to its right run.
 */
public final class Unboxing {
  private Unboxing() {}

  static int sum(int... xs) {
    return Arrays.stream(xs).sum();
  }

  static String show(Object a, Object b) {
    return a + "/" + b;
  }

  @Async
  static Future<Integer> leftOperand(Integer x, Src s, Trace t) {
    return Future.ready(x * 10 + await(t.t("right", s.val(1))));
  }

  /** A type variable bounded by {@code Integer} unboxes the same way. */
  @Async
  static <T extends Integer> Future<Integer> typeVariableOperand(T x, Src s, Trace t) {
    return Future.ready(x + await(t.t("right", s.val(1))));
  }

  /** ... and as an argument to a primitive parameter, boxed again as {@code Integer}. */
  @Async
  static <T extends Integer> Future<Integer> typeVariableArgument(T x, Src s, Trace t) {
    return Future.ready(Math.max(x, await(t.t("right", s.val(1)))));
  }

  @Async
  static Future<Boolean> comparedWithPrimitive(Integer x, Src s, Trace t) {
    return Future.ready(x == 1 + await(t.t("right", s.val(1))));
  }

  /** {@code Integer == Integer} compares references: no unboxing, both sides run. */
  @Async
  static Future<Boolean> comparedWithBoxed(Integer x, Src s, Trace t) {
    return Future.ready(x == await(t.t("right", s.val(1000))));
  }

  @Async
  static Future<Boolean> logicalOperand(Boolean x, Src s, Trace t) {
    return Future.ready(x & await(t.t("right", s.val(true))));
  }

  @Async
  static Future<Integer> primitiveArgument(Integer x, Src s, Trace t) {
    return Future.ready(Math.max(x, await(t.t("right", s.val(5)))));
  }

  /** An {@code Object} parameter takes the reference: no unboxing. */
  @Async
  static Future<String> referenceArgument(Integer x, Src s, Trace t) {
    return Future.ready(show(x, await(t.t("right", s.val(5)))));
  }

  @Async
  static Future<Integer> varargsArgument(Integer x, Src s, Trace t) {
    return Future.ready(sum(x, await(t.t("right", s.val(5)))));
  }

  @Async
  static Future<Integer> constructorArgument(Integer x, Src s, Trace t) {
    return Future.ready(new ArrayList<String>(x).size() + await(t.t("right", s.val(5))));
  }

  @Async
  static Future<String> arrayIndex(Integer x, Src s, Trace t) {
    int[] a = new int[3];
    a[x] = await(t.t("right", s.val(5)));
    return Future.ready(Arrays.toString(a));
  }

  @Async
  static Future<String> arrayDimensionAndElement(Integer x, Src s, Trace t) {
    int[][] a = new int[x][await(t.t("dim", s.val(2)))];
    int[] b = {x, await(t.t("element", s.val(7)))};
    return Future.ready(a.length + "x" + a[0].length + Arrays.toString(b));
  }

  @Async
  static Future<Integer> compoundOnLocal(Integer x, Src s, Trace t) {
    x += await(t.t("right", s.val(5)));
    return Future.ready(x);
  }

  @Async
  static Future<String> compoundOnElement(Long[] a, Src s, Trace t) {
    a[0] *= await(t.t("right", s.val(3)));
    return Future.ready(Arrays.toString(a));
  }
}
