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

@Timeout(20)
class TryCatchTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void awaitsInTryCatchAndFinally(Mode mode) throws Throwable {
    Trace ok = new Trace();
    assertEquals("t+/f", block(TryCatchAsync.everyBlock(new Src(mode), ok, false)));
    assertEquals(List.of("try", "finally", "after"), ok.events());
    Trace failed = new Trace();
    assertEquals("c:bad/f", block(TryCatchAsync.everyBlock(new Src(mode), failed, true)));
    assertEquals(List.of("try", "catch bad", "finally", "after"), failed.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void multiCatch(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Trace t = new Trace();
    assertEquals("IllegalStateException", block(TryCatchAsync.multiCatch(s, t, 0)));
    assertEquals("UncheckedIOException", block(TryCatchAsync.multiCatch(s, t, 1)));
    assertEquals("runtime arith", block(TryCatchAsync.multiCatch(s, t, 2)));
    assertEquals("no exception", block(TryCatchAsync.multiCatch(s, t, 3)));
    assertEquals(List.of("multi", "multi"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedTry(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(111, block(TryCatchAsync.nested(new Src(mode), t)));
    assertEquals(
        List.of("inner finally 1", "outer catch inner", "nested catch from catch", "outer finally"),
        t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void returnInsideTryRunsFinallyAndKeepsTheValue(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(5, block(TryCatchAsync.returnInsideTry(new Src(mode), t, 0)));
    assertEquals(10, block(TryCatchAsync.returnInsideTry(new Src(mode), t, 1)));
    assertEquals(-1, block(TryCatchAsync.returnInsideTry(new Src(mode), t, 2)));
    assertEquals(
        List.of(
            "finally x=5", "finally done x=-1",
            "finally x=5", "finally done x=-1",
            "finally x=7", "finally done x=-1"),
        t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aReturnPendingThroughAFinallyKeepsItsValueWhenAReturnInsideIsOvertaken(Mode mode)
      throws Throwable {
    Trace t = new Trace();
    assertEquals(
        "outer 1", block(TryCatchAsync.pendingReturnSurvivesAnAbandonedOne(new Src(mode), t, false)));
    assertEquals(List.of("caught overtaken"), t.events());
    Trace u = new Trace();
    assertEquals(
        "outer tail",
        block(TryCatchAsync.pendingReturnSurvivesAnAbandonedOne(new Src(mode), u, true)));
    assertEquals(List.of("caught overtaken"), u.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void finallyOverridesAndReplaces(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("finally wins", block(TryCatchAsync.finallyOverrides(new Src(mode), t)));
    assertEquals(List.of("finally"), t.events());
    assertEquals("caught from finally", block(TryCatchAsync.finallyThrowReplaces(new Src(mode), t)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void breakAndContinueThroughFinally(Mode mode) throws Throwable {
    assertEquals("0ff2ff", block(TryCatchAsync.loopWithTryBreak(new Src(mode), new Trace())));
  }
}
