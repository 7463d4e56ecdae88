package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.Arrays;
import java.util.StringJoiner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Warns where code outside an {@code @Async} body calls an {@code @Async} method directly: that
 * runs the original body, where {@code await} throws, instead of the generated state machine.
 */
final class DirectCallRule {
  /** The {@code @SuppressWarnings} key that silences this warning. */
  static final String SUPPRESSION = "machina";

  private final Trees trees;
  private final Types types;

  DirectCallRule(Trees trees, Types types) {
    this.trees = trees;
    this.types = types;
  }

  /** Warns about the call or method reference at {@code call}, which targets {@code method}. */
  void check(TreePath call, ExecutableElement method, Reporter reporter) {
    if (suppressed(call)) {
      return;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    TypeElement site = enclosingType(call);
    String generated = MachinaSymbols.generatedName(owner, site);
    if (call.getLeaf() instanceof MethodInvocationTree) {
      MethodInvocationTree invocation = (MethodInvocationTree) call.getLeaf();
      StringJoiner args = new StringJoiner(", ", generated + "." + method.getSimpleName() + "(", ")");
      if (!method.getModifiers().contains(Modifier.STATIC)) {
        args.add(receiver(invocation.getMethodSelect(), owner, site));
      }
      for (ExpressionTree arg : invocation.getArguments()) {
        args.add(arg.toString());
      }
      reporter.warning(call, Messages.directCall(method, args.toString()));
    } else {
      reporter.warning(call, Messages.directMethodReference(method, generated));
    }
  }

  /** Whether a declaration around {@code path} says {@code @SuppressWarnings("machina")}. */
  private boolean suppressed(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree || leaf instanceof VariableTree) {
        Element element = trees.getElement(p);
        SuppressWarnings suppress = element == null ? null : element.getAnnotation(SuppressWarnings.class);
        if (suppress != null && Arrays.asList(suppress.value()).contains(SUPPRESSION)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The source of the receiver the call uses: explicit, or {@code this} / {@code Outer.this}. */
  private String receiver(ExpressionTree select, TypeElement owner, TypeElement site) {
    if (select instanceof MemberSelectTree) {
      ExpressionTree receiver = ((MemberSelectTree) select).getExpression();
      String text = receiver.toString();
      if (!text.equals("super") && !text.endsWith(".super")) {
        return text;
      }
      // super.m() or X.super.m() runs the owner's body on an enclosing object: the factory takes it.
    }
    for (Element e = site; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (types.isSubtype(types.erasure(e.asType()), types.erasure(owner.asType()))) {
        return e == site ? "this" : e.getSimpleName() + ".this";
      }
    }
    return "this";
  }

  private TypeElement enclosingType(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ClassTree) {
        Element element = trees.getElement(p);
        return element instanceof TypeElement ? (TypeElement) element : null;
      }
    }
    return null;
  }
}
