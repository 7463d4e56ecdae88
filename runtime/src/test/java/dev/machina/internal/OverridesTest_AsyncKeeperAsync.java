package dev.machina.internal;

import dev.machina.Future;

/**
 * Stands for the class the processor would generate for {@link OverridesTest.AsyncKeeper}, whose
 * factory takes the private {@code Secret} as an {@code Object}.
 */
public final class OverridesTest_AsyncKeeperAsync {
  private OverridesTest_AsyncKeeperAsync() {}

  @AsyncFactory
  public static Future<String> keep(OverridesTest.AsyncKeeper self, Object s, Object[] more, int n) {
    return Future.ready("async keeper " + s.toString().replaceAll(".*=|]", "") + more.length + n);
  }
}
