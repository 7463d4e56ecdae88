package dev.machina.processor.lower;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.parse.AsyncMethod;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Decides whether a machine returns its value unboxed from a second, primitive-valued step: when
 * its callers may step it directly (no override can replace the method), its result type is a
 * box and every {@code return} of the body is {@code Future.ready(e)} with {@code e} of that
 * box's primitive type, so the value is never {@code null}.
 */
public final class PrimitiveValue {
  private PrimitiveValue() {}

  /** The primitive type {@code method}'s machine returns unboxed, or {@code null}. */
  public static PrimitiveType of(AsyncMethod method, Trees trees, Types types) {
    if (AsyncMethod.overridable(method.element())
        || method.resultType().getKind() != TypeKind.DECLARED) {
      return null;
    }
    PrimitiveType primitive;
    try {
      primitive = types.unboxedType(method.resultType());
    } catch (IllegalArgumentException notABox) {
      return null;
    }
    boolean[] all = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        all[0] &= returnsPrimitive(new TreePath(getCurrentPath(), node.getExpression()));
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      private boolean returnsPrimitive(TreePath path) {
        Tree t = path.getLeaf();
        while (t instanceof ParenthesizedTree p) {
          path = new TreePath(path, p.getExpression());
          t = p.getExpression();
        }
        if (!(t instanceof MethodInvocationTree call) || call.getArguments().size() != 1) {
          return false;
        }
        Element e = trees.getElement(path);
        if (!(e instanceof ExecutableElement ready)
            || !ready.getSimpleName().contentEquals("ready")
            || !((TypeElement) ready.getEnclosingElement())
                .getQualifiedName()
                .contentEquals("dev.machina.Future")) {
          return false;
        }
        TypeMirror arg = trees.getTypeMirror(new TreePath(path, call.getArguments().get(0)));
        return arg != null && arg.getKind() == primitive.getKind();
      }
    }.scan(new TreePath(method.path(), method.tree().getBody()), null);
    return all[0] ? primitive : null;
  }
}
