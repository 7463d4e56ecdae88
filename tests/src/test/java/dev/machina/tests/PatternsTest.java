package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class PatternsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void bindingsLiveAcrossAwaits(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("abc3ABC", block(PatternsAsync.bindingAfterAwait(s, new Trace(), "abc")));
    assertEquals("int 6", block(PatternsAsync.bindingAfterAwait(s, new Trace(), 5)));
    assertEquals("other", block(PatternsAsync.bindingAfterAwait(s, new Trace(), 2.0)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bindingsInConditions(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertTrue(block(PatternsAsync.inCondition(s, "abc")));
    assertFalse(block(PatternsAsync.inCondition(s, "ab")));
    assertFalse(block(PatternsAsync.inCondition(s, "xyz")));
    assertFalse(block(PatternsAsync.inCondition(s, 5)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bindingsInLoops(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(4, block(PatternsAsync.inLoop(new Src(mode), t, new Object[] {1, -2, "x", 3})));
    assertEquals(List.of("n1", "n3"), t.events());
  }
}
