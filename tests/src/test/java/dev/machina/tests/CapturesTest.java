package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class CapturesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void lambdasCaptureHoistedLocals(Mode mode) throws Throwable {
    assertEquals("6:p13,p23", block(CapturesAsync.lambdas(new Src(mode), new Trace())));
    assertEquals(30, block(CapturesAsync.lambdaInLoop(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anonymousClassesCaptureHoistedLocals(Mode mode) throws Throwable {
    assertEquals("anon2,1", block(CapturesAsync.anonymous(new Src(mode), new Trace())));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void localClassesCaptureHoistedLocals(Mode mode) throws Throwable {
    assertEquals(42, block(CapturesAsync.localClass(new Src(mode), new Trace())));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void localClassInALoopCapturesEachIteration(Mode mode) throws Throwable {
    String expected = Captures.localClassInLoopPlain();
    assertEquals(expected, block(CapturesAsync.localClassInLoop(new Src(mode))));
    assertEquals(
        "[t0@0:t00/1, t0@0:t00/1+0, t1@10:t110/11, t1@10:t110/11+1, t2@20:t220/21,"
            + " t2@20:t220/21+2, t3@30:t330/31, t3@30:t330/31+3]",
        expected);
  }
}
