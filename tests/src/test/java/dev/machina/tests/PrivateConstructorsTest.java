package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Private constructors called from {@code @Async} bodies (FINDINGS F20). */
@Timeout(20)
class PrivateConstructorsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateConstructorsAreCalledThroughHandles(Mode mode) throws Throwable {
    assertEquals(5, block(PrivateConstructorsAsync.create(new Src(mode))).v);
    assertEquals("9 s c failing", block(PrivateConstructorsAsync.kinds(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateInnerClassesAreCreatedWithTheirEnclosingInstance(Mode mode) throws Throwable {
    PrivateConstructors five = block(PrivateConstructorsAsync.create(new Src(mode)));
    PrivateConstructors nine = block(PrivateConstructorsAsync.create(new Src(mode)));
    assertEquals("6 7 8 npe", block(PrivateConstructorsAsync.inner(five, new Src(mode), nine)));
  }
}
