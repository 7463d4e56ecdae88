package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class SwitchesTest {
  private static void fallthrough(Mode mode, int n, int expected, String... trace) throws Throwable {
    Trace t = new Trace();
    assertEquals(expected, block(SwitchesAsync.fallthrough(new Src(mode), t, n)));
    assertEquals(List.of(trace), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void statementWithFallthrough(Mode mode) throws Throwable {
    fallthrough(mode, 1, 6, "c1", "c2", "c3", "after");
    fallthrough(mode, 2, 5, "c2", "c3", "after");
    fallthrough(mode, 3, 3, "c3", "after");
    fallthrough(mode, 4, -4, "c4");
    fallthrough(mode, 9, 99, "default", "after");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void onStrings(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("A1", block(SwitchesAsync.strings(s, new Trace(), "a")));
    assertEquals("BC", block(SwitchesAsync.strings(s, new Trace(), "b")));
    assertEquals("BC", block(SwitchesAsync.strings(s, new Trace(), "c")));
    assertEquals("?zz", block(SwitchesAsync.strings(s, new Trace(), "zz")));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void onEnumsWithArrows(Mode mode) throws Throwable {
    Trace t = new Trace();
    Src s = new Src(mode);
    assertEquals("sunday", block(SwitchesAsync.enumsAndArrows(s, t, DayOfWeek.SUNDAY)));
    assertEquals("friday", block(SwitchesAsync.enumsAndArrows(s, t, DayOfWeek.FRIDAY)));
    assertEquals("monday", block(SwitchesAsync.enumsAndArrows(s, t, DayOfWeek.MONDAY)));
    assertEquals(List.of("weekend!", "friday", "almost.", "work"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void fieldNamesAsArrowBodies(Mode mode) throws Throwable {
    assertEquals("10/20", block(SwitchesAsync.fieldsAsArrowBodies(new Src(mode), 0)));
    assertEquals("20/10", block(SwitchesAsync.fieldsAsArrowBodies(new Src(mode), 1)));
    assertEquals("-1/0", block(SwitchesAsync.fieldsAsArrowBodies(new Src(mode), 2)));
  }

  private static void expression(Mode mode, String key, int expected, String... trace) throws Throwable {
    Trace t = new Trace();
    assertEquals(expected, block(SwitchesAsync.expression(new Src(mode), t, key)));
    assertEquals(List.of(trace), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void expressionsWithYield(Mode mode) throws Throwable {
    expression(mode, "one", 111, "old style");
    expression(mode, "two", 212, "two");
    expression(mode, "many", 1210, "old style");
    expression(mode, "", 209);
    expression(mode, "abc", 21);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void continueAndLabeledBreakInsideSwitch(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(5, block(SwitchesAsync.breakFromSwitchInLoop(new Src(mode), t)));
    assertEquals(List.of("i0", "i2", "i3"), t.events());
  }
}
