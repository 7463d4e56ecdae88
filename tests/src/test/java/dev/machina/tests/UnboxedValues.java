package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/**
 * Machines whose value is a primitive ({@code Future<Integer>} and the like, every return giving
 * a primitive) that an await of the same file steps directly run their body in an unboxed step;
 * the awaits must keep every meaning of the boxed value: its type for overloads, methods and
 * reference comparison, its failures, its suspension in every mode, and values of every kind.
 */
public class UnboxedValues {
  @Async
  static Future<Integer> count(Src s, int n) {
    if (n == 0) {
      int zero = await(s.val(0));
      return Future.ready(zero);
    }
    return Future.ready(1 + await(count(s, n - 1)));
  }

  @Async
  static Future<Integer> leaf(Src s, int v) {
    return Future.ready(await(s.val(v)) + 0);
  }

  @Async
  static Future<Long> longs(Src s, int n) {
    long v = await(s.val(1L)) << n;
    return Future.ready(n == 0 ? v : v + await(longs(s, n - 1)));
  }

  @Async
  static Future<Double> halves(Src s, int n) {
    if (n == 0) {
      return Future.ready(1.0 * await(s.val(1)));
    }
    return Future.ready(await(halves(s, n - 1)) / 2);
  }

  @Async
  static Future<Boolean> even(Src s, int n) {
    if (n == 0) {
      return Future.ready(await(s.val(true)) && true);
    }
    return Future.ready(!await(even(s, n - 1)));
  }

  @Async
  static Future<Character> letter(Src s, int i) {
    char base = 'a';
    base += await(s.val(i));
    return Future.ready(base);
  }

  @Async
  static Future<Byte> smallByte(Src s, int v) {
    byte b = (byte) (int) await(s.val(v));
    return Future.ready(b);
  }

  @Async
  static Future<Short> shortValue(Src s, int v) {
    return Future.ready((short) (await(s.val(v)) * 2));
  }

  @Async
  static Future<Float> floatValue(Src s, int v) {
    return Future.ready(await(s.val(v)) / 4f);
  }

  @Async
  static Future<String> everyKind(Src s) {
    String word = "" + await(letter(s, 2)) + await(letter(s, 3));
    char c = await(letter(s, 0));
    c += await(letter(s, 1)) - 'a';
    return Future.ready(
        word + " " + c + " " + await(longs(s, 3)) + " " + await(halves(s, 3)) + " "
            + await(even(s, 4)) + " " + await(even(s, 5)) + " " + await(smallByte(s, 300))
            + " " + await(shortValue(s, 7)) + " " + await(floatValue(s, 3)));
  }

  /** Reference comparison of two awaited boxes, as javac compares {@code Integer}s. */
  @Async
  static Future<Boolean> sameBox(Src s, int v) {
    return Future.ready(await(leaf(s, v)) == await(leaf(s, v)));
  }

  /** A box compared with a primitive is unboxed, as javac does. */
  @Async
  static Future<Boolean> equalValue(Src s, int v) {
    int expected = v;
    return Future.ready(await(leaf(s, v)) == expected);
  }

  static String pick(int v) {
    return "int " + v;
  }

  static String pick(Integer v) {
    return "Integer " + v;
  }

  static String widen(long v) {
    return "long " + v;
  }

  static String widen(Object v) {
    return "Object " + v;
  }

  /** Overloads see the await's type, {@code Integer}. */
  @Async
  static Future<String> overloads(Src s) {
    return Future.ready(pick(await(leaf(s, 1))) + ", " + widen(await(leaf(s, 2))));
  }

  /** Members of the box, a {@code var} of it, and the box as an {@code Object}. */
  @Async
  static Future<String> boxMembers(Src s) {
    String text = await(leaf(s, 41)).toString();
    var box = await(leaf(s, 42));
    Object o = await(leaf(s, 43));
    return Future.ready(
        text + " " + box.compareTo(41) + " " + o.getClass().getSimpleName() + " "
            + await(leaf(s, 44)).equals(44));
  }

  @Async
  static Future<Integer> failsAfter(Src s, Trace t, int v) {
    t.add("fails " + v);
    if (await(s.val(v)) > 0) {
      throw new IllegalStateException("bad " + v);
    }
    return Future.ready(v);
  }

  /** A value returned from try with a finally that awaits, and a callee's failure caught. */
  @Async
  static Future<Integer> guarded(Src s, Trace t, int v) {
    try {
      return Future.ready(await(failsAfter(s, t, v)) + 1);
    } catch (IllegalStateException e) {
      t.add("caught " + e.getMessage());
      return Future.ready(-1);
    } finally {
      t.add("finally " + await(leaf(s, 7)));
    }
  }

  /** {@link #guarded}, stepped directly. */
  @Async
  static Future<Integer> callsGuarded(Src s, Trace t, int v) {
    return Future.ready(await(guarded(s, t, v)) * 10);
  }

  /** A loop of awaits in an unboxed step: its leaf awaits spend the budget, so it yields. */
  @Async
  static Future<Long> sumLoop(Src s, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(leaf(s, i));
    }
    return Future.ready(sum);
  }

  @Async
  static Future<Long> callsSumLoop(Src s, int n) {
    return Future.ready(await(sumLoop(s, n)) + 1);
  }

  /** Suspends on {@code gate} below two unboxed steps, each with a finally. */
  @Async
  static Future<Integer> waitsOn(Trace t, Future<Integer> gate) {
    try {
      return Future.ready(await(gate) + 1);
    } finally {
      t.add("inner finally");
    }
  }

  @Async
  static Future<Integer> callsWaitsOn(Trace t, Future<Integer> gate) {
    try {
      return Future.ready(await(waitsOn(t, gate)) * 2);
    } finally {
      t.add("outer finally");
    }
  }

  /** The same callee awaited through a variable: the generic path, boxed. */
  @Async
  static Future<Integer> throughVariable(Src s) {
    Future<Integer> f = count(s, 3);
    return Future.ready(await(f) * 10 + await(count(s, 2)));
  }
}
