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
class LabelsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void labeledBreakAndContinueAcrossNestedLoops(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(82, block(LabelsAsync.nested(new Src(mode), t)));
    assertEquals(List.of("co2", "co12", "co23", "bo32"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void breakOutOfLabeledBlock(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("start-a", block(LabelsAsync.labeledBlock(new Src(mode), t, true)));
    assertEquals("start-a-b", block(LabelsAsync.labeledBlock(new Src(mode), t, false)));
    assertEquals(List.of("start-a", "start-a-b"), t.events());
  }
}
