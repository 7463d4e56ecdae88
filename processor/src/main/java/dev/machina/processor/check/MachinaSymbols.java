package dev.machina.processor.check;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** Recognizes Machina's own symbols (the annotation, the await markers) by their resolved elements. */
final class MachinaSymbols {
  static final String ASYNC = "dev.machina.Async";
  static final String AWAIT = "dev.machina.Await";
  static final String FUTURE = "dev.machina.Future";
  static final String AWAIT_METHOD = "await";

  private MachinaSymbols() {}

  /** Whether {@code element} carries {@code @dev.machina.Async}. */
  static boolean isAsync(Element element) {
    if (element == null || element.getKind() != ElementKind.METHOD) {
      return false;
    }
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      Element type = mirror.getAnnotationType().asElement();
      if (type instanceof TypeElement
          && ((TypeElement) type).getQualifiedName().contentEquals(ASYNC)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code method} is written with an annotation named {@code Async} (simple or
   * qualified): a cheap test before resolving its element, exact because Java imports cannot
   * rename a type.
   */
  static boolean mayBeAsync(MethodTree method) {
    for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
      Tree type = annotation.getAnnotationType();
      Name name = type instanceof MemberSelectTree
          ? ((MemberSelectTree) type).getIdentifier()
          : type instanceof IdentifierTree ? ((IdentifierTree) type).getName() : null;
      if (name != null && name.contentEquals("Async")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code element} is one of the static {@code dev.machina.Await.await} markers. */
  static boolean isAwait(Element element) {
    if (!(element instanceof ExecutableElement)
        || !element.getSimpleName().contentEquals(AWAIT_METHOD)) {
      return false;
    }
    Element owner = element.getEnclosingElement();
    return owner instanceof TypeElement
        && ((TypeElement) owner).getQualifiedName().contentEquals(AWAIT);
  }

  /** Whether {@code type} or a class enclosing it is local or anonymous. */
  static boolean inLocalOrAnonymousClass(TypeElement type) {
    for (Element e = type; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (e instanceof TypeElement) {
        NestingKind nesting = ((TypeElement) e).getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The simple name of the class generated for {@code type}'s {@code @Async} methods:
   * {@code FooAsync} for a top-level {@code Foo}, {@code Outer_InnerAsync} for a nested one.
   */
  static String generatedSimpleName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      name.insert(0, e.getSimpleName() + "_");
    }
    return name.append("Async").toString();
  }

  /** The package of {@code element}, never null. */
  static PackageElement packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  /** The name under which code in {@code from}'s package refers to the generated class of {@code type}. */
  static String generatedName(TypeElement type, Element from) {
    PackageElement pkg = packageOf(type);
    String simple = generatedSimpleName(type);
    if (pkg.isUnnamed() || (from != null && packageOf(from).equals(pkg))) {
      return simple;
    }
    return pkg.getQualifiedName() + "." + simple;
  }
}
