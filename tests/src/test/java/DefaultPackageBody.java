import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/** An @Async class in the default package. */
public final class DefaultPackageBody {
  private DefaultPackageBody() {}

  @Async
  static Future<String> hello(Src s) {
    return Future.ready("hello " + await(s.val("default")));
  }
}
