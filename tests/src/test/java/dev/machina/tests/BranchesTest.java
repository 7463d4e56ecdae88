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
class BranchesTest {
  private static String classify(Mode mode, int n, List<String> expectedTrace) throws Throwable {
    Trace t = new Trace();
    String r = block(BranchesAsync.classify(new Src(mode), t, n));
    assertEquals(expectedTrace, t.events());
    return r;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ifElseChains(Mode mode) throws Throwable {
    assertEquals("negative:3", classify(mode, -3, List.of("neg", "end")));
    assertEquals("zero", classify(mode, 0, List.of("zero", "end")));
    assertEquals("even:2", classify(mode, 4, List.of("even", "end")));
    assertEquals("odd", classify(mode, 5, List.of("odd", "end")));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void returnFromBranch(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(10, block(BranchesAsync.earlyReturn(new Src(mode), t, true)));
    assertEquals(15, block(BranchesAsync.earlyReturn(new Src(mode), t, false)));
    assertEquals(List.of("early", "late"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failureInBranch(Mode mode) throws Throwable {
    Trace t = new Trace();
    RuntimeException e = new IllegalStateException("x");
    assertSame(e, assertThrows(Throwable.class, () -> block(BranchesAsync.failInBranch(new Src(mode), t, true, e))));
    assertEquals(1, block(BranchesAsync.failInBranch(new Src(mode), t, false, e)));
    assertEquals(List.of("then", "else"), t.events());
  }
}
