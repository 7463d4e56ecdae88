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

/** Named regression tests for the fuzzer's findings. */
@Timeout(20)
class RegressionsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void f8UnbracedBreakAfterAwait(Mode mode) throws Throwable {
    Trace t = new Trace();
    // k=1: k<2 true, go on; k=2: false -> break with k == 2. n = 1 + 3.
    assertEquals(204, block(RegressionsAsync.unbracedBreakAfterAwait(new Src(mode), t)));
    assertEquals(List.of("k1", "k2"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void f8UnbracedReturnInTry(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("early", block(RegressionsAsync.unbracedReturnInTry(new Src(mode), t, true)));
    assertEquals("late", block(RegressionsAsync.unbracedReturnInTry(new Src(mode), t, false)));
    assertEquals(List.of("open r", "close r", "open r", "late", "close r"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void f73PartlySizedArrayCreations(Mode mode) throws Throwable {
    assertEquals("[null, [5, null]];23null;42",
        block(RegressionsAsync.partlySizedArrays(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void f74ExplicitTypeArgumentsNamingANestedType(Mode mode) throws Throwable {
    assertEquals("[Box1];Box2;{k=Box3};1",
        block(RegressionsAsync.explicitTypeArguments(Regressions.instance(), new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void f75LaterDeclaratorsOfADeclarationCopiedWhole(Mode mode) throws Throwable {
    assertEquals("102,103,103;101!2", block(RegressionsAsync.laterDeclarators(new Src(mode))));
  }
}
