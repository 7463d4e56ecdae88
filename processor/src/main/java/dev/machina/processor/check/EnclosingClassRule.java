package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.machina.processor.Reporter;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Refuses {@code @Async} methods of classes no factory can name: local and anonymous classes,
 * and the class a compact source file declares implicitly (Java 25).
 */
final class EnclosingClassRule implements MethodRule {
  private final Elements elements;

  EnclosingClassRule(Elements elements) {
    this.elements = elements;
  }

  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    TypeElement owner = (TypeElement) method.element().getEnclosingElement();
    if (implicitlyDeclared(owner)) {
      report(method, Messages.asyncInImplicitClass(method.element()), reporter);
      return false;
    }
    if (!MachinaSymbols.inLocalOrAnonymousClass(owner)) {
      return true;
    }
    boolean anonymous = owner.getNestingKind() == NestingKind.ANONYMOUS;
    String constant =
        anonymous && owner.getSuperclass() instanceof DeclaredType sup
                && sup.asElement().getKind() == ElementKind.ENUM
            ? enumConstant(method)
            : null;
    String message =
        constant != null
            ? Messages.asyncInEnumConstantBody(method.element(), constant)
            : Messages.asyncInLocalClass(method.element(), anonymous);
    report(method, message, reporter);
    return false;
  }

  private static void report(AsyncMethod method, String message, Reporter reporter) {
    if (method.path() != null) {
      reporter.error(method.path(), message);
    } else {
      reporter.error(method.element(), message);
    }
  }

  /**
   * Whether {@code type} is, or is nested in, the class of a compact source file ({@code void
   * main()} and other members outside any class): such a class has a name, but no code outside
   * its file can use it, so the elements do not find it by that name.
   */
  boolean implicitlyDeclared(TypeElement type) {
    Element top = type;
    while (!(top.getEnclosingElement() instanceof PackageElement)) {
      top = top.getEnclosingElement();
    }
    return ((PackageElement) top.getEnclosingElement()).isUnnamed()
        && !top.equals(elements.getTypeElement(((TypeElement) top).getQualifiedName()));
  }

  /** The name of the enum constant whose body declares the method, or {@code null}. */
  private static String enumConstant(AsyncMethod method) {
    if (method.path() == null) {
      return null;
    }
    TreePath body = method.path().getParentPath(); // the anonymous class
    TreePath creation = body == null ? null : body.getParentPath();
    TreePath constant = creation == null ? null : creation.getParentPath();
    if (creation != null
        && creation.getLeaf() instanceof NewClassTree
        && constant != null
        && constant.getLeaf() instanceof VariableTree v
        && constant.getParentPath().getLeaf() instanceof ClassTree enumTree
        && enumTree.getKind() == Tree.Kind.ENUM) {
      return v.getName().toString();
    }
    return null;
  }
}
