package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Private nested types as type arguments across awaits, built by Maven as users build (F59, F138). */
@Timeout(20)
class PrivateTypeArgumentsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void collectionsOfPrivateTypesWorkAcrossAwaits(Mode mode) throws Throwable {
    assertEquals(
        "fire,t2,t1,t4,t0,t3 [LOW, HIGH, URGENT] t4 {HIGH=7, LOW=5, URGENT=4} 3",
        block(PrivateTypeArgumentsAsync.plan(new PrivateTypeArguments("fire"), new Src(mode), 5)));
  }
}
