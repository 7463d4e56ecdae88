package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
class LoopsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void whileWithAwaitInCondition(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(30, block(LoopsAsync.whileAwaitInCondition(new Src(mode), t, 3)));
    assertEquals(List.of("w0", "w1", "w2"), t.events());
    assertEquals(0, block(LoopsAsync.whileAwaitInCondition(new Src(mode), new Trace(), 0)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void doWhileRunsOnceAtLeast(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(3, block(LoopsAsync.doWhile(new Src(mode), t, 3)));
    assertEquals(List.of("d0", "d1", "d2"), t.events());
    Trace once = new Trace();
    assertEquals(1, block(LoopsAsync.doWhile(new Src(mode), once, 0)));
    assertEquals(List.of("d0"), once.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void forWithAwaitsInInitConditionUpdateAndBody(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("0:10 1:9 2:8", block(LoopsAsync.forAllParts(new Src(mode), t)));
    assertEquals(List.of("f0", "f1", "f2"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void forEachOverAwaitedIterableAndArray(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(314, block(LoopsAsync.forEachIterable(new Src(mode), t)));
    assertEquals(List.of("e1", "e2", "e3", "aa,bb"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void breakAndContinue(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(1203, block(LoopsAsync.breakAndContinue(new Src(mode), t)));
    assertEquals(List.of("b0", "b2", "b4", "b6"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failureLeavesLoop(Mode mode) {
    Trace t = new Trace();
    RuntimeException e = new IllegalStateException("x");
    assertSame(e, assertThrows(Throwable.class, () -> block(LoopsAsync.failInLoop(new Src(mode), t, e))));
    assertEquals(List.of("i0", "i1", "i2"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void forEachUnboxesAndWidensElements(Mode mode) throws Throwable {
    assertEquals(
        "97,98,8589934592;17179869184;1.5.",
        block(LoopsAsync.forEachConvertsElements(new Src(mode), new Trace())));
  }
}
