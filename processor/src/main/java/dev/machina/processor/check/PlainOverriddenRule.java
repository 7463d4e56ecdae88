package dev.machina.processor.check;

import dev.machina.processor.Reporter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Warns on an {@code @Async} method that overrides or implements a method without {@code @Async}:
 * a call through the supertype is a plain virtual call, which runs the original body, where
 * {@code await} throws; only the factory of an {@code @Async} method dispatches to machines.
 */
final class PlainOverriddenRule implements MethodRule {
  private final Types types;
  private final Elements elements;

  PlainOverriddenRule(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    ExecutableElement m = method.element();
    if (m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)
        || !(m.getEnclosingElement() instanceof TypeElement owner) || suppressed(m)) {
      return true;
    }
    ExecutableElement plain = plainOverridden(m, owner);
    if (plain != null) {
      String message = Messages.asyncOverridesPlain(m, plain);
      if (method.path() != null) {
        reporter.warning(method.path(), message);
      }
    }
    return true;
  }

  /** The nearest method of a supertype that {@code m} overrides and that is not {@code @Async}. */
  private ExecutableElement plainOverridden(ExecutableElement m, TypeElement owner) {
    Deque<TypeMirror> work = new ArrayDeque<>(types.directSupertypes(owner.asType()));
    Set<Element> seen = new HashSet<>();
    while (!work.isEmpty()) {
      TypeMirror t = work.poll();
      if (!(t instanceof DeclaredType d) || !seen.add(d.asElement())) {
        continue;
      }
      for (ExecutableElement other : ElementFilter.methodsIn(d.asElement().getEnclosedElements())) {
        if (other.getSimpleName().equals(m.getSimpleName())
            && elements.overrides(m, other, owner)
            && !MachinaSymbols.isAsync(other)) {
          return other;
        }
      }
      work.addAll(types.directSupertypes(t));
    }
    return null;
  }

  private static boolean suppressed(Element e) {
    for (Element x = e; x != null; x = x.getEnclosingElement()) {
      SuppressWarnings s = x.getAnnotation(SuppressWarnings.class);
      if (s != null && Arrays.asList(s.value()).contains(DirectCallRule.SUPPRESSION)) {
        return true;
      }
    }
    return false;
  }
}
