package dev.machina.internal.elsewhere;

import dev.machina.Future;
import dev.machina.internal.OverridesTest;

/** Declares a method with the name of a package-private one of its superclass: not an override. */
public class Stranger extends OverridesTest.Base {
  public Future<String> quiet(int n) {
    return Future.ready("stranger " + n);
  }
}
