package dev.machina.processor.check;

import dev.machina.processor.HiddenTypes;
import dev.machina.processor.Reporter;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;

/**
 * Refuses an {@code @Async} method whose type parameters' bounds name a hidden type (a private
 * nested type, or a protected one of another package): its factory in the generated class
 * repeats them. Parameter and result types may name one: the factory takes such a parameter as
 * its erasure written ({@code Object} for {@code Item}) and returns {@code Future<R>} for a type
 * variable {@code R}, and its dispatch to overrides names the class by its binary name.
 */
final class PrivateSignatureRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    HiddenTypes hidden = new HiddenTypes(method.element());
    for (TypeParameterElement p : method.element().getTypeParameters()) {
      for (TypeMirror bound : p.getBounds()) {
        TypeElement named = hidden.named(bound);
        if (named != null) {
          String message = Messages.hiddenTypeInBound(method.element(), named, hidden);
          if (method.path() != null) {
            reporter.error(method.path(), message);
          } else {
            reporter.error(method.element(), message);
          }
          return false;
        }
      }
    }
    return true;
  }
}
