package dev.machina.internal;

import dev.machina.Future;

/** Stands for the class the processor would generate for {@link OverridesTest.AsyncSub}. */
public final class OverridesTest_AsyncSubAsync {
  private OverridesTest_AsyncSubAsync() {}

  @AsyncFactory
  public static Future<String> greet(OverridesTest.AsyncSub self, int n) {
    return Future.ready("factory " + n);
  }
}
