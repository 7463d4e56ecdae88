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
class DirectCallsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void awaitsInALoopRunEachCallOnceInOrder(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(0 + 1 + 4 + 9 + 16, block(DirectCallsAsync.sumOfSquares(new Src(mode), t, 5)));
    assertEquals(List.of("square 0", "square 1", "square 2", "square 3", "square 4"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failureOfACalleeReachesTheCallersCatchAndFinally(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("recovered 9", block(DirectCallsAsync.catchesAndCleansUp(new Src(mode), t)));
    assertEquals(
        List.of("failing 1", "caught bad 1", "square 3", "square 2", "finally 4"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void operandsAndCallsEvaluateInJavaOrder(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(1 + 4 + 3 + 16, block(DirectCallsAsync.order(new Src(mode), t)));
    assertEquals(List.of("a", "b", "square 2", "c", "square 4"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void genericCallees(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("x7", block(DirectCallsAsync.generic(new Src(mode), t)));
    assertEquals(List.of("id x", "id 7"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void calleesCompletingWithNullAreSteppedDirectly(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("got null null", block(DirectCallsAsync.nulls(new Src(mode), t)));
    assertEquals(List.of("note a", "id null", "note b", "note c"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCallThatIsNotAwaitedDoesNotRun(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(36, block(DirectCallsAsync.lazy(new Src(mode), t)));
    assertEquals(List.of("square 6", "unawaited future is unrun"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateAndFinalCalleesRunDirectlyAndOverridesStillDispatch(Mode mode) throws Throwable {
    Src s = new Src(mode);
    DirectCalls plain = new DirectCalls("p");
    DirectCalls.Loud loud = new DirectCalls.Loud("l");
    assertEquals("p! l? hello p HELLO L", block(DirectCallsAsync.all(plain, s, loud)));
    assertEquals("l! p? HELLO L hello p", block(DirectCallsAsync.all(loud, s, plain)));
  }

  @Test
  void aSuspendedCalleeDescribesItsCallerAndCancelReachesIt() throws Throwable {
    Trace t = new Trace();
    Gate<Integer> never = new Gate<>();
    Future<String> m = CancellationAsync.nested(t, never);
    assertSame(Future.PENDING, m.poll(Context.of(Waker.noop())));
    assertTrue(m.toString().contains("suspended at AWAIT_WITH_RESOURCE"), m.toString());
    m.cancel();
    assertTrue(never.isCancelled());
    assertThrows(CancellationException.class, () -> block(m));
    assertTrue(t.events().contains("outer finally"), t.toString());
  }
}
