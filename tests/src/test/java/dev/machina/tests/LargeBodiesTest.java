package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class LargeBodiesTest {
  /** What {@link LargeBodies#rounds} does, as plain Java: its result and its trace. */
  private static String plain(int rounds, int failAt, List<String> trace) {
    long n = 0;
    try {
      for (int i = 0; i < rounds; i++) {
        trace.add("round " + i);
        for (int line = 0; line < 60; line++) {
          n = n * 3 + 10;
        }
        if (i == failAt) {
          throw new IllegalStateException("at " + n);
        }
        for (int line = 0; line < 60; line++) {
          n = n * 3 + 10;
        }
      }
    } catch (IllegalStateException e) {
      trace.add("caught " + e.getMessage());
    } finally {
      trace.add("finally f");
    }
    return "n=" + n;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBodySplitAmongMethodsRunsAsPlainJava(Mode mode) throws Throwable {
    int[][] cases = {{0, -1}, {1, -1}, {3, -1}, {3, 0}, {3, 2}};
    for (int[] c : cases) {
      List<String> expected = new ArrayList<>();
      String value = plain(c[0], c[1], expected);
      Trace t = new Trace();
      assertEquals(value, block(LargeBodiesAsync.rounds(new Src(mode), t, c[0], c[1])));
      assertEquals(expected, t.events());
    }
  }
}
