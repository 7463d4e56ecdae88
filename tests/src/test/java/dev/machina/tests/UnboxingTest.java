package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.Future;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Expected values and throws are what javac's plain code gives: a boxed {@code null} that its
 * context unboxes throws {@link NullPointerException} before the operands to its right run.
 */
@Timeout(20)
class UnboxingTest {
  /** Runs {@code body} with a fresh trace; returns its value, or the trace if it threw NPE. */
  private static Object run(Mode mode, BiFunction<Src, Trace, Future<?>> body) throws Throwable {
    Trace t = new Trace();
    Future<?> f = body.apply(new Src(mode), t);
    assertThrows(NullPointerException.class, () -> block(f));
    return t.events();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nullThrowsBeforeTheRightOperandRuns(Mode mode) throws Throwable {
    List<String> none = List.of();
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.leftOperand(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.<Integer>typeVariableOperand(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.<Integer>typeVariableArgument(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.comparedWithPrimitive(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.logicalOperand(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.primitiveArgument(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.varargsArgument(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.constructorArgument(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.arrayIndex(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.arrayDimensionAndElement(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.compoundOnLocal(null, s, t)));
    assertEquals(none, run(mode, (s, t) -> UnboxingAsync.compoundOnElement(new Long[1], s, t)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void referencesAreNotUnboxed(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(false, block(UnboxingAsync.comparedWithBoxed(null, new Src(mode), t)));
    assertEquals("null/5", block(UnboxingAsync.referenceArgument(null, new Src(mode), t)));
    assertEquals(List.of("right", "right"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void valuesAreWhatPlainJavaGives(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Trace t = new Trace();
    assertEquals(31, block(UnboxingAsync.leftOperand(3, s, t)));
    assertEquals(5, block(UnboxingAsync.typeVariableOperand(4, s, t)));
    assertEquals(4, block(UnboxingAsync.typeVariableArgument(4, s, t)));
    assertEquals(true, block(UnboxingAsync.comparedWithPrimitive(2, s, t)));
    assertEquals(true, block(UnboxingAsync.logicalOperand(true, s, t)));
    assertEquals(7, block(UnboxingAsync.primitiveArgument(7, s, t)));
    assertEquals(9, block(UnboxingAsync.varargsArgument(4, s, t)));
    assertEquals(5, block(UnboxingAsync.constructorArgument(4, s, t)));
    assertEquals("[0, 0, 5]", block(UnboxingAsync.arrayIndex(2, s, t)));
    assertEquals("1x2[1, 7]", block(UnboxingAsync.arrayDimensionAndElement(1, s, t)));
    assertEquals(12, block(UnboxingAsync.compoundOnLocal(7, s, t)));
    assertEquals("[12]", block(UnboxingAsync.compoundOnElement(new Long[] {4L}, s, t)));
  }
}
