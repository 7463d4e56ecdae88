package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** Minimal bodies of the divergences the fuzzer found (FINDINGS.md), one method each. */
public final class Regressions {
  private Regressions() {}

  /** An instance, for the instance methods. */
  static Regressions instance() {
    return new Regressions();
  }

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

  /**
   * F73: an array creation with unsized dimensions ({@code new T[n][]}) whose sized dimension
   * awaits or calls a method of the class, a private one included.
   */
  @Async
  static Future<String> partlySizedArrays(Src s) {
    Integer[][] boxes = new Integer[await(s.val(2))][];
    boxes[1] = new Integer[] {await(s.val(5)), null};
    int[][][] cube = new int[rows(1)][await(s.val(3))][];
    String[][] names = new String[twice(await(s.val(2)))][];
    long[][] plain = new long[twice(1)][];
    return Future.ready(java.util.Arrays.deepToString(boxes) + ";" + cube.length + cube[1].length
        + cube[0][2] + ";" + names.length + plain.length);
  }

  static int rows(int x) {
    return x + 1;
  }

  private static int twice(int x) {
    return 2 * x;
  }

  /** F74: explicit type arguments of a call naming a nested type of the class. */
  @Async
  Future<String> explicitTypeArguments(Src s) {
    java.util.List<Box> l = java.util.List.<Box>of(new Box(await(s.val(1))));
    Box b = this.<Box>id(await(s.val(new Box(2))));
    java.util.Map<String, Box> m = java.util.Map.<String, Box>of("k", new Box(await(s.val(3))));
    return Future.ready(l + ";" + b + ";" + m + ";" + Regressions.<Box>first(l).v);
  }

  <T> T id(T t) {
    return t;
  }

  static <T> T first(java.util.List<T> l) {
    return l.get(0);
  }

  /** A nested type, known in the generated file only by its qualified name. */
  static final class Box {
    final int v;

    Box(int v) {
      this.v = v;
    }

    @Override
    public String toString() {
      return "Box" + v;
    }
  }

  /**
   * F75: later declarators of declarations copied whole ({@code int a = 1, b = plus(a)}),
   * reading a private method and a local named like the machine's field.
   */
  @Async
  static Future<String> laterDeclarators(Src s) {
    int state = await(s.val(2));
    StringBuilder sb = new StringBuilder();
    for (int i = 0, j = plus(state); i < 2; i++) {
      sb.append(j + i).append(',');
    }
    if (state > 0) {
      int a = 1, b = plus(a) + state;
      sb.append(b).append(';');
    }
    java.util.function.IntSupplier r = () -> {
      int x = 1, y = plus(x);
      return y;
    };
    return Future.ready(sb + "" + r.getAsInt() + await(s.val("!")) + state);
  }

  private static int plus(int x) {
    return x + 100;
  }
}
