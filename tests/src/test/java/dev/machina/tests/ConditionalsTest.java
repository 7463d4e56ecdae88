package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class ConditionalsTest {
  /** The body of {@link Conditionals#shortCircuit} in plain Java, futures replaced by values. */
  private static String plainShortCircuit(Trace t, boolean a, boolean b) {
    boolean and = t.t("a1", a) && t.t("b1", b);
    boolean or = t.t("a2", a) || t.t("b2", b);
    boolean both = t.t("a3", a) && t.t("b3", b);
    boolean either = t.t("a4", a) || t.t("b4", b);
    boolean nested = (a || b) && !(b && t.t("c5", a));
    boolean bitwise = a & t.t("b6", b);
    return and + "," + or + "," + both + "," + either + "," + nested + "," + bitwise;
  }

  /** The body of {@link Conditionals#ternaries} in plain Java. */
  private static String plainTernaries(Trace t, int n) {
    String r = t.t("cond", n > 0) ? t.t("pos", "pos") : t.t("neg", "neg");
    int m = n == 0 ? 0 : n > 0 ? n * 2 : -(-n * 3);
    Object boxed = n > 5 ? (Object) 1.5 : "str";
    long widened = n > 0 ? 1 : 2L;
    return r + "," + m + "," + boxed + "," + widened;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void shortCircuitOperatorsSkipTheirRightOperand(Mode mode) throws Throwable {
    for (boolean a : new boolean[] {false, true}) {
      for (boolean b : new boolean[] {false, true}) {
        Trace expected = new Trace();
        Trace actual = new Trace();
        String plain = plainShortCircuit(expected, a, b);
        assertEquals(plain, block(ConditionalsAsync.shortCircuit(new Src(mode), actual, a, b)), a + "," + b);
        assertEquals(expected.events(), actual.events(), a + "," + b);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void conditionalExpressions(Mode mode) throws Throwable {
    for (int n : new int[] {-4, 0, 3, 9}) {
      Trace expected = new Trace();
      Trace actual = new Trace();
      String plain = plainTernaries(expected, n);
      assertEquals(plain, block(ConditionalsAsync.ternaries(new Src(mode), actual, n)), "n=" + n);
      assertEquals(expected.events(), actual.events(), "n=" + n);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void skippedOperandsNeverAwaitTheirFailures(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertTrue(block(ConditionalsAsync.shortCircuitSkipsFailure(new Src(mode), t, new IllegalStateException())));
    assertEquals(List.of("left", "safe"), t.events());
  }
}
