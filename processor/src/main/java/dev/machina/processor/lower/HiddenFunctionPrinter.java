package dev.machina.processor.lower;

import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * The part of a {@link Splicer} printing that writes a lambda or method reference whose
 * functional interface the generated class cannot name (a private nested interface, or a
 * protected one of another package): as a lambda of the runtime's arity interface of the same
 * function type, {@code HiddenLambdas.V2<String, Item>} for {@code void merge(String, Item)},
 * which the interface's {@code HiddenLambdas} handle turns into an instance of the interface
 * ({@code VOID_MERGER_LAMBDAS.of((HiddenLambdas.V2<String, Object>) (a, b) -> ..)}).
 */
final class HiddenFunctionPrinter {
  private static final String HIDDEN_LAMBDAS = "dev.machina.internal.HiddenLambdas";

  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;

  HiddenFunctionPrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
  }

  /** The hidden functional interface of the lambda or method reference {@code p}, or null. */
  TypeElement hiddenInterface(TreePath p) {
    TypeMirror type = l.trees.getTypeMirror(p);
    return type == null || type.getKind() != TypeKind.DECLARED ? null : l.hidden.of(type);
  }

  /**
   * The type the generated class writes a lambda of the functional interface {@code target}
   * as: the arity interface of its function type where {@code target} is hidden.
   */
  TypeMirror writtenTarget(TypeMirror target) {
    if (target.getKind() == TypeKind.DECLARED && l.hidden.of(target) != null) {
      return arityType(w.members.functionType(target));
    }
    return l.writable.functionalTarget(target);
  }

  /**
   * Prints the lambda or method reference {@code p} of a hidden functional interface, made by
   * the interface's handle; false if its interface is not hidden.
   */
  boolean print(TreePath p, Code.Builder out) {
    TypeElement iface = hiddenInterface(p);
    if (iface == null) {
      return false;
    }
    TypeMirror target = l.trees.getTypeMirror(p);
    ExecutableElement method = w.members.functionMethod(target);
    ExecutableType fn = w.members.functionType(target);
    Tree t = p.getLeaf();
    int maxArity = maxArity();
    boolean primitive = primitiveParameter(p);
    String refused =
        fn == null ? "which has no single abstract method"
            : !fn.getTypeVariables().isEmpty() ? "whose method is generic"
            : fn.getParameterTypes().size() > maxArity
                ? "whose method has more than " + maxArity + " parameters"
            : primitive ? "and this lambda writes primitive parameter types"
            : null;
    if (refused != null) {
      throw new UnsupportedCode(
          t, "the generated class cannot name " + l.hidden.describe(iface, "functional interface")
              + " of this " + (t instanceof MemberReferenceTree ? "method reference" : "lambda")
              + ", " + refused + ": " + (primitive ? "leave the types out, or " : "")
              + "make " + iface.getSimpleName() + " " + l.hidden.fix(iface));
    }
    Handle h = splicer.handles.lambdasHandle(iface, method);
    out.name(h).text(".of(");
    if (!(t instanceof MemberReferenceTree ref && w.references.memberReference(p, ref, out))) {
      out.text("(").type(arityType(fn)).text(") ");
      w.copy(p, out);
    }
    out.text(")");
    return true;
  }

  /** The most parameters an arity interface has: the runtime's {@code HiddenLambdas.MAX_ARITY}. */
  private int maxArity() {
    TypeElement lambdas = l.env.getElementUtils().getTypeElement(HIDDEN_LAMBDAS);
    for (VariableElement v : ElementFilter.fieldsIn(lambdas.getEnclosedElements())) {
      if (v.getSimpleName().contentEquals("MAX_ARITY") && v.getConstantValue() instanceof Integer n) {
        return n;
      }
    }
    throw new IllegalStateException(HIDDEN_LAMBDAS + " declares no MAX_ARITY");
  }

  /** Whether {@code p} is a lambda that writes a primitive type for one of its parameters. */
  private boolean primitiveParameter(TreePath p) {
    if (p.getLeaf() instanceof LambdaExpressionTree lambda) {
      for (VariableTree v : lambda.getParameters()) {
        // javac gives an implicit parameter a type tree of its own, without a source position
        boolean written = v.getType() != null && splicer.end(v.getType()) >= 0;
        if (written && l.trees.getTypeMirror(new TreePath(p, v)).getKind().isPrimitive()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code HiddenLambdas.F2<A, B, R>} or {@code HiddenLambdas.V2<A, B>} for the function type
   * {@code fn}: its parameter and result types, boxed.
   */
  private TypeMirror arityType(ExecutableType fn) {
    boolean procedure = fn.getReturnType().getKind() == TypeKind.VOID;
    int arity = fn.getParameterTypes().size();
    List<TypeMirror> args = new ArrayList<>();
    fn.getParameterTypes().forEach(x -> args.add(argument(x)));
    if (!procedure) {
      args.add(argument(fn.getReturnType()));
    }
    TypeElement arityInterface =
        l.env.getElementUtils()
            .getTypeElement(HIDDEN_LAMBDAS + "." + (procedure ? "V" : "F") + arity);
    return l.types.getDeclaredType(arityInterface, args.toArray(new TypeMirror[0]));
  }

  /** A type argument of an arity interface for the parameter or result type {@code t}. */
  private TypeMirror argument(TypeMirror t) {
    if (t instanceof WildcardType wt) {
      t = wt.getExtendsBound() != null ? wt.getExtendsBound() : l.writable.objectType();
    }
    return l.writable.boxed(l.writable.denotable(t));
  }
}
