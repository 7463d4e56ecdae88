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
class ResourcesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void closedInReverseOrderBeforeFinally(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("ab", block(ResourcesAsync.closeOrder(new Src(mode), t)));
    assertEquals(
        List.of("open a", "open b", "body abtrue", "close b", "close a", "finally"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closeFailuresAreSuppressedByTheBodyFailure(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("body +close b +close atrue", block(ResourcesAsync.suppressed(new Src(mode), t)));
    assertEquals(List.of("open a", "open b", "close b", "close a"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closeFailureAloneIsThrown(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(
        "caught close a suppressed=0", block(ResourcesAsync.closeFailureOnly(new Src(mode), t)));
    assertEquals(List.of("open a", "body a", "close a"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failingInitializerClosesEarlierResources(Mode mode) throws Throwable {
    Trace t = new Trace();
    RuntimeException e = new IllegalStateException("init");
    assertEquals("done", block(ResourcesAsync.initializerFails(new Src(mode), t, e)));
    assertEquals(List.of("open a", "close a", "caught true"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void existingVariableAsResource(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals("ok", block(ResourcesAsync.existingVariable(new Src(mode), t)));
    assertEquals(List.of("open x", "body 1", "close x"), t.events());
  }
}
