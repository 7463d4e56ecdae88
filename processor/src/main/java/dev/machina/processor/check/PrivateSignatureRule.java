package dev.machina.processor.check;

import dev.machina.processor.HiddenTypes;
import dev.machina.processor.Reporter;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Refuses an {@code @Async} method whose parameter or result types name a hidden type (a private
 * nested type, or a protected one of another package): its factory in the generated class repeats
 * the signature, which that class cannot name.
 */
final class PrivateSignatureRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    List<TypeMirror> signature = new ArrayList<>();
    signature.add(method.element().getReturnType());
    method.element().getParameters().forEach(p -> signature.add(p.asType()));
    HiddenTypes hidden = new HiddenTypes(method.element());
    for (TypeMirror t : signature) {
      TypeElement named = hidden.named(t);
      if (named != null) {
        String message = Messages.hiddenTypeInSignature(method.element(), named, hidden);
        if (method.path() != null) {
          reporter.error(method.path(), message);
        } else {
          reporter.error(method.element(), message);
        }
        return false;
      }
    }
    return true;
  }
}
