package dev.machina.processor.check;

import dev.machina.processor.Reporter;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/** Refuses {@code @Async} methods of local and anonymous classes, which no factory can reach. */
final class EnclosingClassRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    TypeElement owner = (TypeElement) method.element().getEnclosingElement();
    if (!MachinaSymbols.inLocalOrAnonymousClass(owner)) {
      return true;
    }
    boolean anonymous = owner.getNestingKind() == NestingKind.ANONYMOUS;
    String message = Messages.asyncInLocalClass(method.element(), anonymous);
    if (method.path() != null) {
      reporter.error(method.path(), message);
    } else {
      reporter.error(method.element(), message);
    }
    return false;
  }
}
