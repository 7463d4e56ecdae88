package dev.machina.processor.lower;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a loop condition is a boolean constant expression that is {@code true} (JLS 15.29):
 * such a loop completes only through a break (JLS 14.22), as javac decides reachability.
 *
 * <p>Primitive constant expressions are folded with Java's own arithmetic: literals, constant
 * variables, casts to primitive types, the unary, multiplicative, additive, shift, relational,
 * equality, bitwise, logical and conditional operators. Each operand's type is the one javac gave
 * it ({@link Trees#getTypeMirror}), so promotions and narrowing casts match javac's folding. String
 * constants are not folded (no boolean operator of Java 17 takes them as a constant expression
 * except reference {@code ==}, which javac does not fold either); neither is an integral division
 * by zero, which is no constant expression, nor {@code long >>> long}, which javac leaves unfolded.
 * {@code ConstantConditionTest} compares this folding with javac's on random expressions.
 */
final class ConstantCondition {
  private ConstantCondition() {}

  static boolean isTrue(Trees trees, TreePath condition) {
    return Boolean.TRUE.equals(value(trees, condition));
  }

  /**
   * The constant value of an expression: a {@code Boolean}, or for numbers an {@code Integer}
   * (types {@code int}, {@code short}, {@code char}, {@code byte}), {@code Long}, {@code Float} or
   * {@code Double}; {@code null} if it is not a primitive constant expression folded here.
   */
  private static Object value(Trees trees, TreePath path) {
    Tree t = path.getLeaf();
    switch (t.getKind()) {
      case PARENTHESIZED:
        return value(trees, kid(path, ((ParenthesizedTree) t).getExpression()));
      case BOOLEAN_LITERAL:
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case CHAR_LITERAL:
        return normalized(((LiteralTree) t).getValue());
      case IDENTIFIER:
      case MEMBER_SELECT: {
        Element e = trees.getElement(path);
        return e instanceof VariableElement v && e.getKind() != ElementKind.PARAMETER
            ? normalized(v.getConstantValue())
            : null;
      }
      case TYPE_CAST: {
        TypeCastTree cast = (TypeCastTree) t;
        Object v = value(trees, kid(path, cast.getExpression()));
        return v == null ? null : converted(v, kind(trees, path));
      }
      case UNARY_PLUS:
      case UNARY_MINUS:
      case BITWISE_COMPLEMENT:
      case LOGICAL_COMPLEMENT: {
        Object v = value(trees, kid(path, ((UnaryTree) t).getExpression()));
        return v == null ? null : unary(t.getKind(), converted(v, kind(trees, path)));
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        Object test = value(trees, kid(path, c.getCondition()));
        Object yes = value(trees, kid(path, c.getTrueExpression()));
        Object no = value(trees, kid(path, c.getFalseExpression()));
        if (!(test instanceof Boolean b) || yes == null || no == null) {
          return null;
        }
        return converted(b ? yes : no, kind(trees, path));
      }
      default:
        return t instanceof BinaryTree b ? binary(trees, path, b) : null;
    }
  }

  private static Object binary(Trees trees, TreePath path, BinaryTree b) {
    TreePath leftPath = kid(path, b.getLeftOperand());
    TreePath rightPath = kid(path, b.getRightOperand());
    Object x = value(trees, leftPath);
    Object y = x == null ? null : value(trees, rightPath);
    if (y == null) {
      return null;
    }
    if (x instanceof Boolean p && y instanceof Boolean q) {
      return switch (b.getKind()) {
        case CONDITIONAL_AND, AND -> p && q;
        case CONDITIONAL_OR, OR -> p || q;
        case XOR, NOT_EQUAL_TO -> p ^ q;
        case EQUAL_TO -> p.equals(q);
        default -> null;
      };
    }
    if (x instanceof Boolean || y instanceof Boolean) {
      return null;
    }
    switch (b.getKind()) {
      case LEFT_SHIFT:
      case RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT: {
        Object shifted = converted(x, kind(trees, path));
        if (shifted instanceof Long && y instanceof Long && b.getKind() == Tree.Kind.UNSIGNED_RIGHT_SHIFT) {
          // javac 17-25 does not fold long >>> long (JLS 15.29 would), so neither do its flow checks
          return null;
        }
        int distance = (int) ((Number) y).longValue();
        return shifted instanceof Long l
            ? shift(b.getKind(), l, distance)
            : (Object) (int) shift(b.getKind(), (Integer) shifted, distance);
      }
      case LESS_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_EQUAL:
      case EQUAL_TO:
      case NOT_EQUAL_TO: {
        TypeKind promoted = promoted(kind(trees, leftPath), kind(trees, rightPath));
        return promoted == null
            ? null
            : compare(b.getKind(), converted(x, promoted), converted(y, promoted));
      }
      default:
        TypeKind type = kind(trees, path);
        return arithmetic(b.getKind(), converted(x, type), converted(y, type));
    }
  }

  private static Object unary(Tree.Kind op, Object v) {
    if (v instanceof Boolean b) {
      return op == Tree.Kind.LOGICAL_COMPLEMENT ? !b : null;
    }
    return switch (op) {
      case UNARY_PLUS -> v;
      case UNARY_MINUS -> v instanceof Integer i ? (Object) (-i)
          : v instanceof Long l ? (Object) (-l)
          : v instanceof Float f ? (Object) (-f)
          : (Object) (-(Double) v);
      case BITWISE_COMPLEMENT -> v instanceof Integer i ? (Object) (~i)
          : v instanceof Long l ? (Object) (~l)
          : null;
      default -> null;
    };
  }

  private static long shift(Tree.Kind op, long x, int distance) {
    return switch (op) {
      case LEFT_SHIFT -> x << distance;
      case RIGHT_SHIFT -> x >> distance;
      default -> x >>> distance;
    };
  }

  private static int shift(Tree.Kind op, int x, int distance) {
    return switch (op) {
      case LEFT_SHIFT -> x << distance;
      case RIGHT_SHIFT -> x >> distance;
      default -> x >>> distance;
    };
  }

  private static Boolean compare(Tree.Kind op, Object x, Object y) {
    if (x == null || y == null) {
      return null;
    }
    double dx = ((Number) x).doubleValue();
    double dy = ((Number) y).doubleValue();
    if (x instanceof Integer || x instanceof Long) {
      // compared exactly: a long does not always fit a double
      long lx = ((Number) x).longValue();
      long ly = ((Number) y).longValue();
      return switch (op) {
        case LESS_THAN -> lx < ly;
        case LESS_THAN_EQUAL -> lx <= ly;
        case GREATER_THAN -> lx > ly;
        case GREATER_THAN_EQUAL -> lx >= ly;
        case EQUAL_TO -> lx == ly;
        default -> lx != ly;
      };
    }
    // float operands were widened to double exactly, so IEEE comparisons (NaN, -0.0) are kept
    return switch (op) {
      case LESS_THAN -> dx < dy;
      case LESS_THAN_EQUAL -> dx <= dy;
      case GREATER_THAN -> dx > dy;
      case GREATER_THAN_EQUAL -> dx >= dy;
      case EQUAL_TO -> dx == dy;
      default -> dx != dy;
    };
  }

  /**
   * {@code x op y} for two operands of one promoted type. An {@code int} operation is done in
   * {@code long} and narrowed, a {@code float} one in {@code double} and rounded: both give
   * exactly Java's result (the low 32 bits of a two's complement result are the same; a double
   * holds a float sum, difference, product, quotient or remainder exactly enough that rounding it
   * once to float gives the float operation's result).
   */
  private static Object arithmetic(Tree.Kind op, Object x, Object y) {
    if (x instanceof Integer || x instanceof Long) {
      long a = ((Number) x).longValue();
      long b = ((Number) y).longValue();
      Long v = switch (op) {
        case PLUS -> a + b;
        case MINUS -> a - b;
        case MULTIPLY -> a * b;
        case DIVIDE -> b == 0 ? null : (Long) (a / b);
        case REMAINDER -> b == 0 ? null : (Long) (a % b);
        case AND -> a & b;
        case OR -> a | b;
        case XOR -> a ^ b;
        default -> null;
      };
      return v == null ? null : x instanceof Integer ? (Object) v.intValue() : v;
    }
    double a = ((Number) x).doubleValue();
    double b = ((Number) y).doubleValue();
    Double v = switch (op) {
      case PLUS -> a + b;
      case MINUS -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case REMAINDER -> a % b;
      default -> null;
    };
    return v == null ? null : x instanceof Float ? (Object) v.floatValue() : v;
  }

  /** Binary numeric promotion (JLS 5.6) of two operand types, or {@code null} if not numeric. */
  private static TypeKind promoted(TypeKind x, TypeKind y) {
    if (!isNumeric(x) || !isNumeric(y)) {
      return null;
    }
    if (x == TypeKind.DOUBLE || y == TypeKind.DOUBLE) {
      return TypeKind.DOUBLE;
    }
    if (x == TypeKind.FLOAT || y == TypeKind.FLOAT) {
      return TypeKind.FLOAT;
    }
    return x == TypeKind.LONG || y == TypeKind.LONG ? TypeKind.LONG : TypeKind.INT;
  }

  private static boolean isNumeric(TypeKind k) {
    return k != null && k.isPrimitive() && k != TypeKind.BOOLEAN;
  }

  /** A value converted to a primitive type as a cast would (JLS 5.1.2, 5.1.3). */
  private static Object converted(Object v, TypeKind to) {
    if (to == null) {
      return null;
    }
    if (v instanceof Boolean) {
      return to == TypeKind.BOOLEAN ? v : null;
    }
    if (to == TypeKind.BOOLEAN || !(v instanceof Number n)) {
      return null;
    }
    return switch (to) {
      case BYTE -> (int) (byte) integral(n);
      case SHORT -> (int) (short) integral(n);
      case CHAR -> (int) (char) integral(n);
      case INT -> v instanceof Float || v instanceof Double ? (int) n.doubleValue() : n.intValue();
      case LONG -> v instanceof Float || v instanceof Double ? (long) n.doubleValue() : n.longValue();
      case FLOAT -> v instanceof Double d ? (float) (double) d : (Object) n.floatValue();
      case DOUBLE -> n.doubleValue();
      default -> null;
    };
  }

  /** A number narrowed as Java narrows it to an integral type: a floating value through int. */
  private static long integral(Number n) {
    return n instanceof Float || n instanceof Double ? (int) n.doubleValue() : n.longValue();
  }

  /** A constant as folded here: {@code char}, {@code byte}, {@code short} as {@code Integer}. */
  private static Object normalized(Object v) {
    if (v instanceof Character c) {
      return (int) c;
    }
    if (v instanceof Byte || v instanceof Short) {
      return ((Number) v).intValue();
    }
    return v instanceof Boolean || v instanceof Number ? v : null;
  }

  /** The primitive kind javac gave an expression, or {@code null} for a reference type. */
  private static TypeKind kind(Trees trees, TreePath path) {
    TypeMirror type = trees.getTypeMirror(path);
    return type != null && type.getKind().isPrimitive() ? type.getKind() : null;
  }

  private static TreePath kid(TreePath parent, Tree kid) {
    return new TreePath(parent, kid);
  }
}
