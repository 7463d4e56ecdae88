package dev.machina.processor.lower;

import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
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
   * The type the generated class writes a lambda of the functional interface {@code target} as:
   * where {@code target} is hidden, the arity interface of its function type, or the machine's
   * {@link FunctionShape} of it where that takes or returns primitives.
   */
  Code writtenTarget(TypeMirror target) {
    TypeElement iface = target.getKind() == TypeKind.DECLARED ? l.hidden.of(target) : null;
    if (iface == null) {
      return Code.builder().type(l.writable.functionalTarget(target)).build();
    }
    ExecutableType fn = w.members.functionType(target);
    if (!FunctionShapes.needed(fn)) {
      return Code.builder().type(arityType(fn)).build();
    }
    FunctionShape shape = splicer.shapes.of(iface, w.members.functionMethod(target), fn);
    Code.Builder b = Code.builder().text(shape.name());
    List<TypeMirror> references = new ArrayList<>();
    fn.getParameterTypes().stream().filter(t -> !t.getKind().isPrimitive()).forEach(references::add);
    if (!fn.getReturnType().getKind().isPrimitive() && fn.getReturnType().getKind() != TypeKind.VOID) {
      references.add(fn.getReturnType());
    }
    for (int i = 0; i < references.size(); i++) {
      b.text(i == 0 ? "<" : ", ").type(argument(references.get(i)));
    }
    return (references.isEmpty() ? b : b.text(">")).build();
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
    String refused =
        fn == null ? "which has no single abstract method"
            : !fn.getTypeVariables().isEmpty() ? "whose method is generic"
            : fn.getParameterTypes().size() > maxArity
                ? "whose method has more than " + maxArity + " parameters"
            : null;
    if (refused != null) {
      throw new UnsupportedCode(
          t, "the generated class cannot name " + l.hidden.describe(iface, "functional interface")
              + " of this " + (t instanceof MemberReferenceTree ? "method reference" : "lambda")
              + ", " + refused + ": make " + iface.getSimpleName() + " " + l.hidden.fix(iface));
    }
    Handle h = splicer.handles.lambdasHandle(iface, method);
    out.name(h).text(".of(");
    if (!(t instanceof MemberReferenceTree ref && w.references.memberReference(p, ref, out))) {
      out.text("(").add(writtenTarget(target)).text(") ");
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
