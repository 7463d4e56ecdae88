package dev.machina.processor.lower;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.parse.AsyncMethod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Decides which machines of a file return their value unboxed from a second, primitive-valued
 * step: those that an await in the file steps directly (a call of a method no override can
 * replace), whose result type is a box, and whose every {@code return} is {@code Future.ready(e)}
 * with {@code e} of that box's primitive type, so that the value is never {@code null}.
 */
public final class PrimitiveValue {
  private PrimitiveValue() {}

  /** The primitive type each such method's machine returns unboxed; other methods are absent. */
  public static Map<ExecutableElement, PrimitiveType> decide(
      List<AsyncMethod> methods, Trees trees, Types types) {
    Map<ExecutableElement, AsyncMethod> byElement = new HashMap<>();
    methods.forEach(m -> byElement.put(m.element(), m));
    Set<ExecutableElement> stepped = new HashSet<>();
    for (AsyncMethod m : methods) {
      stepped.addAll(directCallees(m, byElement.keySet(), trees));
    }
    Map<ExecutableElement, PrimitiveType> out = new HashMap<>();
    for (ExecutableElement e : stepped) {
      PrimitiveType p = unboxedResult(byElement.get(e), trees, types);
      if (p != null) {
        out.put(e, p);
      }
    }
    return out;
  }

  /** The methods of {@code siblings} that {@code m} awaits calls of and no override replaces. */
  private static Set<ExecutableElement> directCallees(
      AsyncMethod m, Set<ExecutableElement> siblings, Trees trees) {
    Set<ExecutableElement> out = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (node.getArguments().size() == 1
            && isMember(trees.getElement(getCurrentPath()), "await", "dev.machina.Await")) {
          TreePath arg = unparenthesized(new TreePath(getCurrentPath(), node.getArguments().get(0)));
          if (arg.getLeaf() instanceof MethodInvocationTree
              && trees.getElement(arg) instanceof ExecutableElement callee
              && siblings.contains(callee)
              && !AsyncMethod.overridable(callee)) {
            out.add(callee);
          }
        }
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(new TreePath(m.path(), m.tree().getBody()), null);
    return out;
  }

  /** The primitive type of the box {@code m} completes with, if every return gives one. */
  private static PrimitiveType unboxedResult(AsyncMethod m, Trees trees, Types types) {
    if (m.resultType().getKind() != TypeKind.DECLARED) {
      return null;
    }
    PrimitiveType primitive;
    try {
      primitive = types.unboxedType(m.resultType());
    } catch (IllegalArgumentException notABox) {
      return null;
    }
    boolean[] all = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        all[0] &= returnsPrimitive(unparenthesized(new TreePath(getCurrentPath(), node.getExpression())));
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
        if (!(path.getLeaf() instanceof MethodInvocationTree call)
            || call.getArguments().size() != 1
            || !isMember(trees.getElement(path), "ready", "dev.machina.Future")) {
          return false;
        }
        TypeMirror arg = trees.getTypeMirror(new TreePath(path, call.getArguments().get(0)));
        return arg != null && arg.getKind() == primitive.getKind();
      }
    }.scan(new TreePath(m.path(), m.tree().getBody()), null);
    return all[0] ? primitive : null;
  }

  private static boolean isMember(Element e, String name, String owner) {
    return e instanceof ExecutableElement method
        && method.getSimpleName().contentEquals(name)
        && ((TypeElement) method.getEnclosingElement()).getQualifiedName().contentEquals(owner);
  }

  private static TreePath unparenthesized(TreePath path) {
    while (path.getLeaf() instanceof ParenthesizedTree p) {
      path = new TreePath(path, (ExpressionTree) p.getExpression());
    }
    return path;
  }
}
