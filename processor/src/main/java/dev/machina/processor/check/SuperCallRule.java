package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.machina.processor.Reporter;
import javax.lang.model.element.TypeElement;

/**
 * Refuses the forms of {@code super} the generated class cannot reproduce in an {@code @Async} body
 * (lambdas included): {@code X.super.m()} and {@code X.super.x} (an enclosing class's or an
 * interface's), and {@code super::m}. Plain {@code super.m(..)} and {@code super.x} are lowered
 * (through a {@code findSpecial} handle, and a cast of the receiver).
 */
final class SuperCallRule implements MethodRule {
  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    if (method.path() == null || method.tree().getBody() == null) {
      return true;
    }
    TypeElement owner = (TypeElement) method.element().getEnclosingElement();
    String generated = MachinaSymbols.generatedSimpleName(owner);
    boolean[] ok = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null; // super inside a local or anonymous class means that class's superclass
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        ExpressionTree select = tree.getMethodSelect();
        if (select instanceof MemberSelectTree s && isQualifiedSuper(s.getExpression())) {
          report(new TreePath(getCurrentPath(), select), s.getExpression() + "." + s.getIdentifier() + "(...)");
          scan(tree.getArguments(), null);
          return null;
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        if (isQualifiedSuper(tree.getExpression())) {
          report(getCurrentPath(), tree.getExpression() + "." + tree.getIdentifier());
          return null;
        }
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        if (isSuper(tree.getQualifierExpression())) {
          report(getCurrentPath(), "super::" + tree.getName());
          return null;
        }
        return super.visitMemberReference(tree, null);
      }

      private void report(TreePath path, String member) {
        ok[0] = false;
        reporter.error(path, Messages.superCallInBody(member, method.element(), generated));
      }
    }.scan(new TreePath(method.path(), method.tree().getBody()), null);
    return ok[0];
  }

  /** {@code Outer.super} or {@code Interface.super}. */
  private static boolean isQualifiedSuper(ExpressionTree tree) {
    return tree instanceof MemberSelectTree s && s.getIdentifier().contentEquals("super");
  }

  /** {@code super}, or {@code Outer.super} / {@code Interface.super}. */
  private static boolean isSuper(ExpressionTree tree) {
    if (tree instanceof IdentifierTree) {
      return ((IdentifierTree) tree).getName().contentEquals("super");
    }
    return tree instanceof MemberSelectTree
        && ((MemberSelectTree) tree).getIdentifier().contentEquals("super");
  }
}
