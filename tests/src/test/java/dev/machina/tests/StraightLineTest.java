package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class StraightLineTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void awaitsInSequence(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(4, block(StraightLineAsync.sum(new Src(mode), t)));
    assertEquals(List.of("a=1", "x3"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failureIsThrownAsTheOriginalObject(Mode mode) {
    Trace t = new Trace();
    RuntimeException boom = new IllegalStateException("boom");
    Throwable thrown =
        assertThrows(Throwable.class, () -> block(StraightLineAsync.failsMidway(new Src(mode), t, boom)));
    assertSame(boom, thrown);
    assertEquals(List.of("before"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void voidResult(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertNull(block(StraightLineAsync.nothing(new Src(mode), t)));
    assertEquals(List.of("ran"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void primitivesUnboxAndWiden(Mode mode) throws Throwable {
    assertEquals("5,2.5,c,true,7,sb5", block(StraightLineAsync.primitives(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nullValue(Mode mode) throws Throwable {
    assertEquals(-1, block(StraightLineAsync.nullValue(new Src(mode))));
  }
}
