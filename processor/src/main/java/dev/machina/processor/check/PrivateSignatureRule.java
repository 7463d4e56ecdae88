package dev.machina.processor.check;

import dev.machina.processor.PrivateTypes;
import dev.machina.processor.Reporter;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Refuses an {@code @Async} method whose parameter or result types name a private nested type:
 * its factory in the generated class repeats the signature, which that class cannot name.
 */
final class PrivateSignatureRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    List<TypeMirror> signature = new ArrayList<>();
    signature.add(method.element().getReturnType());
    method.element().getParameters().forEach(p -> signature.add(p.asType()));
    for (TypeMirror t : signature) {
      TypeElement named = PrivateTypes.named(t);
      if (named != null) {
        String message = Messages.privateTypeInSignature(method.element(), named);
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
