package dev.machina.processor.check;

import dev.machina.processor.Reporter;
import javax.lang.model.element.Modifier;

/** Refuses {@code @Async} on abstract and native methods: there is no body to compile. */
final class BodyRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    String message;
    if (method.element().getModifiers().contains(Modifier.NATIVE)) {
      message = Messages.nativeAsync(method.element());
    } else if (method.element().getModifiers().contains(Modifier.ABSTRACT)
        || (method.tree() != null && method.tree().getBody() == null)) {
      message = Messages.abstractAsync(method.element());
    } else {
      return true;
    }
    if (method.path() != null) {
      reporter.error(method.path(), message);
    } else {
      reporter.error(method.element(), message);
    }
    return false;
  }
}
