package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @Async} methods whose signatures name private nested types, built by Maven like users' code. */
@Timeout(20)
class PrivateSignaturesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateTypesPassThroughTheFactories(Mode mode) throws Throwable {
    assertEquals(
        "Page[name=tab, n=2] [Page[name=tab, n=2], Page[name=c, n=30]] Page[name=c, n=31] 1"
            + " Page[name=shelf tab, n=2] Page[name=fancy shelf tab, n=3]",
        block(PrivateSignaturesAsync.run(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void plainCodeOfTheNestInfersTheResultTypes(Mode mode) throws Throwable {
    assertEquals(
        "Page[name=pxyz, n=3] [Page[name=pxyz, n=3]]", PrivateSignatures.plain(new Src(mode)));
  }
}
