package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Private nested types' values, patterns, catch parameters and resources across awaits, built by
 * Maven as users build (FINDINGS F59).
 */
@Timeout(20)
class PrivateNestedTypesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateRecordsClassesAndEnumsWorkAcrossAwaits(Mode mode) throws Throwable {
    assertEquals(
        "apple;pear;=11 apple shipped 2 true Line[]",
        block(PrivateNestedTypesAsync.order(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void privatePatternsCatchesAndResourcesWorkAcrossAwaits(Mode mode) throws Throwable {
    assertEquals(
        "open;applex3;not a line: bag#2;apple;ring11;close;total 11",
        block(PrivateNestedTypesAsync.checkout(new Src(mode), PrivateNestedTypes.basket(0))));
    assertEquals(
        "open;not a line: PAID#2;cratex50;PAID;ring150;close;refused 150",
        block(PrivateNestedTypesAsync.checkout(new Src(mode), PrivateNestedTypes.basket(1))));
  }
}
