package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code assert} in {@code @Async} bodies behaves as in the plain method, following the assertion
 * status of the user's class (surefire runs with {@code -ea}; one class is switched off here).
 */
@Timeout(20)
class AssertionsTest {
  static {
    // Before AssertionsDisabled or its generated class is initialized: off for that class only,
    // so the generated class itself still has assertions on.
    AssertionsTest.class
        .getClassLoader()
        .setClassAssertionStatus("dev.machina.tests.AssertionsDisabled", false);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void conditionAndMessageRunInOrderOnlyWhenNeeded(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(3, block(AssertionsAsync.awaitInCondition(3, new Src(mode), t)));
    AssertionError e =
        assertThrows(AssertionError.class, () -> block(AssertionsAsync.awaitInCondition(-1, new Src(mode), t)));
    assertEquals("not positive", e.getMessage());
    assertEquals(List.of("condition", "condition"), t.events());

    Trace m = new Trace();
    assertEquals(2, block(AssertionsAsync.awaitInMessage(2, new Src(mode), m)));
    e = assertThrows(AssertionError.class, () -> block(AssertionsAsync.awaitInMessage(-2, new Src(mode), m)));
    assertEquals("not positive: -2", e.getMessage());
    assertEquals(List.of("message"), m.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aThrowableMessageIsTheCause(Mode mode) {
    AssertionError e =
        assertThrows(AssertionError.class, () -> block(AssertionsAsync.throwableMessage(0, new Src(mode), new Trace())));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void copiedAssertsKeepTheirBranches(Mode mode) throws Throwable {
    assertEquals(4, block(AssertionsAsync.copied(4, true, new Src(mode), new Trace())));
    assertEquals(5, block(AssertionsAsync.copied(4, false, new Src(mode), new Trace())));
    AssertionError e =
        assertThrows(AssertionError.class, () -> block(AssertionsAsync.copied(0, true, new Src(mode), new Trace())));
    assertEquals("copied 0", e.getMessage());
    assertThrows(AssertionError.class, () -> block(AssertionsAsync.copied(0, false, new Src(mode), new Trace())));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nothingRunsWhenTheUsersClassHasAssertionsOff(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(-1, block(AssertionsDisabledAsync.awaitInCondition(-1, new Src(mode), t)));
    assertEquals(List.of(), t.events());
    assertEquals(-1, block(AssertionsDisabledAsync.copied(-1, new Src(mode), new Trace())));
  }
}
