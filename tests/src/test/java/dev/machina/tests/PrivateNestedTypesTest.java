package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Private nested types' values across awaits, built by Maven as users build (FINDINGS F59). */
@Timeout(20)
class PrivateNestedTypesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateRecordsClassesAndEnumsWorkAcrossAwaits(Mode mode) throws Throwable {
    assertEquals(
        "apple;pear;=11 apple shipped 2 true Line[]",
        block(PrivateNestedTypesAsync.order(new Src(mode))));
  }
}
