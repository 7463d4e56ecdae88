package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.machina.processor.Reporter;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.type.DeclaredType;
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
    String constant =
        anonymous && owner.getSuperclass() instanceof DeclaredType sup
                && sup.asElement().getKind() == ElementKind.ENUM
            ? enumConstant(method)
            : null;
    String message =
        constant != null
            ? Messages.asyncInEnumConstantBody(method.element(), constant)
            : Messages.asyncInLocalClass(method.element(), anonymous);
    if (method.path() != null) {
      reporter.error(method.path(), message);
    } else {
      reporter.error(method.element(), message);
    }
    return false;
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
