package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @Async} methods of private nested classes, built by Maven like users' code. */
@Timeout(20)
class PrivateClassesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateClassesRunTheirMachines(Mode mode) throws Throwable {
    // count(8) on c: hits 1, then hits = 1 + bump(8) = 1 + 9 = 10; on loud with 1: 1 + 2 = 3
    assertEquals("8 c:10 LOUD:3 105 105", block(PrivateClassesAsync.run(new Src(mode))));
  }
}
