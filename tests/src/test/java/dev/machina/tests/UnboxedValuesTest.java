package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.tests.support.Gate;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class UnboxedValuesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void recursionDeeperThanTheNestingBoundKeepsItsValue(Mode mode) throws Throwable {
    assertEquals(1000, block(UnboxedValuesAsync.count(new Src(mode), 1000)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void valuesOfEveryPrimitiveKind(Mode mode) throws Throwable {
    char c = 'a';
    c += 'b' - 'a';
    String expected =
        "cd " + c + " " + (8L + 4 + 2 + 1) + " " + 0.125 + " true false " + (byte) 300 + " "
            + (short) 14 + " " + 0.75f;
    assertEquals(expected, block(UnboxedValuesAsync.everyKind(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void awaitedBoxesCompareAsReferences(Mode mode) throws Throwable {
    Src s = new Src(mode);
    for (int v : new int[] {5, 1000}) {
      Integer a = v;
      Integer b = v;
      assertEquals(a == b, block(UnboxedValuesAsync.sameBox(s, v)), "v = " + v);
      assertEquals(true, block(UnboxedValuesAsync.equalValue(s, v)), "v = " + v);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void overloadsSeeTheBoxedType(Mode mode) throws Throwable {
    assertEquals("Integer 1, Object 2", block(UnboxedValuesAsync.overloads(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theBoxsMembersAndObjectUses(Mode mode) throws Throwable {
    assertEquals("41 1 Integer true", block(UnboxedValuesAsync.boxMembers(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void returnsThroughFinallyAndCaughtFailures(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(10, block(UnboxedValuesAsync.callsGuarded(new Src(mode), t, 0)));
    assertEquals(List.of("fails 0", "finally 7"), t.events());
    Trace u = new Trace();
    assertEquals(-10, block(UnboxedValuesAsync.callsGuarded(new Src(mode), u, 3)));
    assertEquals(List.of("fails 3", "caught bad 3", "finally 7"), u.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aLoopThatYieldsForTheBudgetKeepsItsSum(Mode mode) throws Throwable {
    assertEquals(1000L * 999 / 2 + 1, block(UnboxedValuesAsync.callsSumLoop(new Src(mode), 1000)));
  }

  @Test
  void aSuspendedUnboxedCalleeResumesWithItsValueOrIsCancelledThroughIt() throws Throwable {
    Trace t = new Trace();
    Gate<Integer> gate = new Gate<>();
    Future<Integer> m = UnboxedValuesAsync.callsWaitsOn(t, gate);
    assertSame(Future.PENDING, m.poll(Context.of(Waker.noop())));
    assertTrue(m.toString().contains("suspended at AWAIT_WAITS_ON"), m.toString());
    gate.complete(20);
    assertEquals(42, block(m));
    assertEquals(List.of("inner finally", "outer finally"), t.events());

    Trace u = new Trace();
    Gate<Integer> never = new Gate<>();
    Future<Integer> cancelled = UnboxedValuesAsync.callsWaitsOn(u, never);
    assertSame(Future.PENDING, cancelled.poll(Context.of(Waker.noop())));
    cancelled.cancel();
    assertTrue(never.isCancelled());
    assertThrows(CancellationException.class, () -> block(cancelled));
    assertEquals(List.of("inner finally", "outer finally"), u.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theGenericPathBoxesTheSameValue(Mode mode) throws Throwable {
    assertEquals(32, block(UnboxedValuesAsync.throughVariable(new Src(mode))));
  }
}
