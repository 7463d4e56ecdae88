package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Expected values are what the same bodies give as plain Java (FINDINGS F16). */
@Timeout(20)
class ConstantsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void constantsStayConstants(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("10 A 113 10 1", block(ConstantsAsync.narrowedLocal(s)));
    assertEquals("B1", block(ConstantsAsync.conditionalType(false, s)));
    assertEquals("a1", block(ConstantsAsync.conditionalType(true, s)));
    assertEquals(true, block(ConstantsAsync.foldedString(s)));
    assertEquals("two!", block(ConstantsAsync.caseLabels(2, s)));
    assertEquals("otherten", block(ConstantsAsync.caseLabels(10, s)));
    assertEquals("other?", block(ConstantsAsync.caseLabels(3, s)));
    assertEquals("10 99 A 1", block(ConstantsAsync.privateConstant(s)));
    assertEquals("5 1", block(ConstantsAsync.instanceConstantOf(s)));
    assertEquals((byte) 3, block(ConstantsAsync.inALambda(s)));
  }

  /** FINDINGS F21. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void constantExpressionsBeforeAnAwaitStayConstants(Mode mode) throws Throwable {
    assertEquals(
        "[2, 3, 4][b, x, c][c, z][[20, -2], [5]]",
        block(ConstantsAsync.arrayInitializerConstants(true, new Src(mode))));
    Trace t = new Trace();
    assertThrows(ArithmeticException.class, () -> block(ConstantsAsync.divisionByZeroFirst(new Src(mode), t)));
    assertEquals(List.of(), t.events());
  }
}
