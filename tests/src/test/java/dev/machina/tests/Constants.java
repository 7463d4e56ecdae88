package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Constant variables (JLS 4.12.4) used after an await: their names are constant expressions
 * (JLS 15.29), which Java's typing depends on. A local living across an await becomes a field of
 * the machine, and a private field is read through a handle: neither is a constant expression,
 * so the names must be written as their values (FINDINGS F16).
 */
public final class Constants {
  private static final int PRIVATE_TEN = 10;
  private static final char PRIVATE_C = 'c';
  final int five = 5;

  Constants() {}

  /** {@code byte b = K;} narrows a constant int (JLS 5.2). */
  @Async
  static Future<String> narrowedLocal(Src s) {
    final int k = 10;
    final char c = 'q';
    int x = await(s.val(1));
    byte b = k;
    char d = k + 55;
    short sh = c;
    byte[] bytes = {k, 1};
    return Future.ready(b + " " + d + " " + sh + " " + bytes[0] + " " + x);
  }

  /** {@code cond ? 'a' : K} is a {@code char} when {@code K} is a constant int that fits. */
  @Async
  static Future<String> conditionalType(boolean flag, Src s) {
    final int k = 66;
    int x = await(s.val(1));
    return Future.ready("" + (flag ? 'a' : k) + x);
  }

  /** {@code "x" + A} is folded at compile time, so it is the interned literal. */
  @Async
  static Future<Boolean> foldedString(Src s) {
    final String a = "ab";
    await(s.val(1));
    return Future.ready("x" + a == "xab");
  }

  /** A case label: copied whole, and in a switch lowered around an await. */
  @Async
  static Future<String> caseLabels(int v, Src s) {
    final int two = 2;
    int x = await(s.val(v));
    String r;
    switch (x) {
      case two:
        r = "two";
        break;
      default:
        r = "other";
    }
    switch (x) {
      case two -> r += await(s.val("!"));
      case PRIVATE_TEN -> r += await(s.val("ten"));
      default -> r += "?";
    }
    return Future.ready(r);
  }

  /** A private constant, reached through a handle by the machine. */
  @Async
  static Future<String> privateConstant(Src s) {
    int x = await(s.val(1));
    byte b = PRIVATE_TEN;
    byte c = Constants.PRIVATE_C;
    char d = PRIVATE_TEN + 55;
    return Future.ready(b + " " + c + " " + d + " " + x);
  }

  /** A constant instance field named bare (the machine reads it as {@code self.five}). */
  @Async
  Future<String> instanceConstant(Src s) {
    int x = await(s.val(1));
    byte b = five;
    return Future.ready(b + " " + x);
  }

  @Async
  static Future<String> instanceConstantOf(Src s) {
    return new Constants().instanceConstant(s);
  }

  /** In a lambda, which copies the machine's fields into finals first. */
  @Async
  static Future<Byte> inALambda(Src s) {
    final int k = -3;
    int x = await(s.val(1));
    Supplier<Byte> b = () -> {
      byte y = k;
      return (byte) (y - k - k);
    };
    return Future.ready(b.get());
  }

  /**
   * Constant expressions before an await in an array initializer stay in place: kept in a
   * temporary, {@code 1 + 1} would be an {@code int} variable, which a {@code short[]} does not
   * take (FINDINGS F21).
   */
  @Async
  static Future<String> arrayInitializerConstants(boolean t, Src s) {
    short[] shorts = {1 + 1, (short) 3, await(s.val((short) 4))};
    char[] chars = {'a' + 1, t ? 'x' : 0, await(s.val('c'))};
    Character[] boxes = {'a' + 2, await(s.val('z'))};
    byte[][] nested = {{PRIVATE_TEN * 2, ~1}, {await(s.val((byte) 5))}};
    return Future.ready(
        Arrays.toString(shorts) + Arrays.toString(chars) + Arrays.toString(boxes)
            + Arrays.deepToString(nested));
  }

  /** {@code 1 / 0} is no constant expression: it throws before the await to its right runs. */
  @Async
  static Future<Integer> divisionByZeroFirst(Src s, Trace t) {
    return Future.ready(Math.max(1 / 0, await(t.t("right", s.val(1)))));
  }
}
