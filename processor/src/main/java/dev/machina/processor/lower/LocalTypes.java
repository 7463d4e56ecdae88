package dev.machina.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Types that name the body's local classes, records, enums and interfaces: in scope only inside
 * {@code step}, where those are declared, so a machine field of such a type is an {@code Object}.
 */
public final class LocalTypes {
  private LocalTypes() {}

  /** Whether {@code t} names a local type: itself, as an array's component or in a type argument. */
  public static boolean mentionsLocal(TypeMirror t) {
    return mentions(t, NestingKind.LOCAL);
  }

  /**
   * Whether {@code t} names a class of nesting {@code kind} (local or anonymous): itself, as an
   * array's component, or in a type argument or wildcard bound at any depth.
   */
  public static boolean mentions(TypeMirror t, NestingKind kind) {
    if (t instanceof ArrayType a) {
      return mentions(a.getComponentType(), kind);
    }
    if (t instanceof WildcardType w) {
      return (w.getExtendsBound() != null && mentions(w.getExtendsBound(), kind))
          || (w.getSuperBound() != null && mentions(w.getSuperBound(), kind));
    }
    if (t instanceof DeclaredType d) {
      if (((TypeElement) d.asElement()).getNestingKind() == kind) {
        return true;
      }
      for (TypeMirror arg : d.getTypeArguments()) {
        if (mentions(arg, kind)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code e} takes its type from its target (a lambda, a method reference, a conditional
   * or switch of them, a diamond): stored into an {@code Object} field it would have none.
   */
  public static boolean needsTarget(ExpressionTree e) {
    return switch (e.getKind()) {
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE, CONDITIONAL_EXPRESSION, SWITCH_EXPRESSION -> true;
      case NEW_CLASS -> ((NewClassTree) e).getIdentifier() instanceof ParameterizedTypeTree pt
          && pt.getTypeArguments().isEmpty();
      case PARENTHESIZED -> needsTarget(((ParenthesizedTree) e).getExpression());
      default -> false;
    };
  }
}
