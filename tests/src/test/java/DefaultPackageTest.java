import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Drive;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class DefaultPackageTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void asyncMethodInTheDefaultPackage(Mode mode) throws Throwable {
    assertEquals("hello default", Drive.block(DefaultPackageBodyAsync.hello(new Src(mode))));
  }
}
