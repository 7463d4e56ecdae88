package dev.machina.processor.check;

import dev.machina.processor.HiddenTypes;
import dev.machina.processor.Reporter;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Refuses an overridable {@code @Async} method whose parameter or result types name a hidden
 * type (a private nested type, or a protected one of another package), and any whose type
 * parameters' bounds name one. The factory of another method takes such a parameter as its
 * erasure written ({@code Object} for {@code Item}) and returns {@code Future<R>} for a type
 * variable {@code R}; but the dispatch of an overridable method's factory to overrides looks
 * their factories up by the parameter types, and a type variable's bound is repeated as it is.
 */
final class PrivateSignatureRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    List<TypeMirror> signature = new ArrayList<>();
    List<TypeMirror> bounds = new ArrayList<>();
    signature.add(method.element().getReturnType());
    method.element().getParameters().forEach(p -> signature.add(p.asType()));
    method.element().getTypeParameters().forEach(p -> bounds.addAll(p.getBounds()));
    HiddenTypes hidden = new HiddenTypes(method.element());
    boolean overridable = dev.machina.processor.parse.AsyncMethod.overridable(method.element());
    for (TypeMirror t : overridable ? concat(signature, bounds) : bounds) {
      TypeElement named = hidden.named(t);
      if (named != null) {
        String message =
            bounds.contains(t)
                ? Messages.hiddenTypeInBound(method.element(), named, hidden)
                : Messages.hiddenTypeInSignature(method.element(), named, hidden);
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

  private static List<TypeMirror> concat(List<TypeMirror> a, List<TypeMirror> b) {
    List<TypeMirror> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
