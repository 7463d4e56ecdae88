package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Expected values are what javac's plain code gives for the same expressions (JLS 15.7, 15.26). */
@Timeout(20)
class EvalOrderTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void operandsLeftToRight(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(3, block(EvalOrderAsync.binaryOperands(new Src(mode), t)));
    assertEquals(List.of("l", "r", "m", "z"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void compoundAssignmentReadsLocalBeforeTheRightSide(Mode mode) throws Throwable {
    int x = 1;
    x += (x = 10) + 100;
    int y = 5;
    y = y * (y + 1) + (y = 2);
    int z = 3;
    z -= z++;
    assertEquals(x * 1000000 + y * 1000 + z, block(EvalOrderAsync.compoundLocal(new Src(mode), new Trace())));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void compoundAssignmentReadsFieldBeforeTheRightSide(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(1010201, block(EvalOrderAsync.compoundField(new EvalOrder(t), new Src(mode))));
    assertEquals(List.of("bump 100", "recv", "rhs"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void arrayAndIndexBeforeTheRightSide(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("[2, 25, 31][8, 7, 7]", block(EvalOrderAsync.arrayAndIndexFirst(new EvalOrder(t), new Src(mode))));
    assertEquals(List.of("idx", "rhs", "swap", "i1"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void receiverAndArgumentsLeftToRight(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("A|B|C[1, 2, 3, 4]31sb", block(EvalOrderAsync.arguments(new EvalOrder(t), new Src(mode))));
    assertEquals(List.of("receiver", "a", "b", "c", "x", "y", "w", "i0", "i1", "i2"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedArrayInitializers(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(
        "[[1], [2, 3], []][[[x]], [[y]]]q+r0",
        block(EvalOrderAsync.nestedInitializers(new Src(mode), t)));
    assertEquals(List.of("a", "b", "c", "d"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stringConcatenation(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("pq12rnull7", block(EvalOrderAsync.concatenation(new Src(mode), t)));
    assertEquals(List.of("p", "q", "s"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void incrementsAndUnaryOperators(Mode mode) throws Throwable {
    assertEquals("3,2,40,-6", block(EvalOrderAsync.increments(new Src(mode), new Trace())));
  }
}
