package dev.machina.processor.check;

import dev.machina.processor.Reporter;
import javax.lang.model.element.Modifier;

/**
 * Refuses {@code synchronized} {@code @Async} methods: the state machine cannot hold the
 * receiver's monitor across suspensions, so the modifier would promise an exclusion it never gives.
 */
final class SynchronizedMethodRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    if (!method.element().getModifiers().contains(Modifier.SYNCHRONIZED)) {
      return true;
    }
    String message = Messages.synchronizedAsync(method.element());
    if (method.path() != null) {
      reporter.error(method.path(), message);
    } else {
      reporter.error(method.element(), message);
    }
    return false;
  }
}
