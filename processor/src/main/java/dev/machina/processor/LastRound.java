package dev.machina.processor;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * The root classes of every round, seen again in the last round (with fresh elements), so that
 * whole-unit checks attribute user code only once every generated class exists: attributing a
 * lambda that mentions a class generated later makes javac crash in a later phase.
 */
final class LastRound implements RoundEnvironment {
  private final Set<String> names = new LinkedHashSet<>();
  private final ProcessingEnvironment env;
  private final RoundEnvironment last;

  LastRound(ProcessingEnvironment env, RoundEnvironment last) {
    this.env = env;
    this.last = last;
  }

  /** Remembers the root classes of {@code round}. */
  static void remember(Set<String> names, RoundEnvironment round) {
    for (Element e : round.getRootElements()) {
      if (e instanceof TypeElement t) {
        names.add(t.getQualifiedName().toString());
      }
    }
  }

  LastRound with(Set<String> remembered) {
    names.addAll(remembered);
    return this;
  }

  @Override
  public boolean processingOver() {
    return last.processingOver();
  }

  @Override
  public boolean errorRaised() {
    return last.errorRaised();
  }

  @Override
  public Set<? extends Element> getRootElements() {
    Set<Element> out = new LinkedHashSet<>();
    for (String n : names) {
      TypeElement t = env.getElementUtils().getTypeElement(n);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public Set<? extends Element> getElementsAnnotatedWith(TypeElement a) {
    Set<Element> out = new LinkedHashSet<>();
    for (Element root : getRootElements()) {
      collect(root, a, out);
    }
    return out;
  }

  private static void collect(Element e, TypeElement a, Set<Element> out) {
    if (e.getAnnotationMirrors().stream().anyMatch(m -> m.getAnnotationType().asElement().equals(a))) {
      out.add(e);
    }
    if (e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.RECORD
        || e.getKind() == ElementKind.ENUM) {
      for (Element m : e.getEnclosedElements()) {
        collect(m, a, out);
      }
    }
  }

  @Override
  public Set<? extends Element> getElementsAnnotatedWith(Class<? extends Annotation> a) {
    TypeElement t = env.getElementUtils().getTypeElement(a.getCanonicalName());
    return t == null ? Set.of() : getElementsAnnotatedWith(t);
  }
}
