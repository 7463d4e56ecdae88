package dev.machina.processor.lower;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;

/**
 * Whether a loop condition is a boolean constant expression that is {@code true} (JLS 15.29):
 * such a loop completes only through a break (JLS 14.22), as javac decides reachability.
 * Literals, constant variables, {@code !}, {@code &&}, {@code ||}, {@code &}, {@code |}, {@code
 * ^}, {@code ==} and {@code !=} of those are folded; other constants (numeric comparisons) are
 * not, and their loops are lowered as if they could end.
 */
final class ConstantCondition {
  private ConstantCondition() {}

  static boolean isTrue(Trees trees, TreePath condition) {
    return Boolean.TRUE.equals(value(trees, condition));
  }

  /** The constant value of a boolean expression, or {@code null} if it is not one folded here. */
  private static Boolean value(Trees trees, TreePath path) {
    Tree t = path.getLeaf();
    switch (t.getKind()) {
      case PARENTHESIZED:
        return value(trees, new TreePath(path, ((ParenthesizedTree) t).getExpression()));
      case BOOLEAN_LITERAL:
        return (Boolean) ((LiteralTree) t).getValue();
      case IDENTIFIER:
      case MEMBER_SELECT: {
        Element e = trees.getElement(path);
        if (e instanceof VariableElement v
            && e.getKind() != ElementKind.PARAMETER
            && v.getConstantValue() instanceof Boolean b) {
          return b;
        }
        return null;
      }
      case LOGICAL_COMPLEMENT: {
        Boolean v = value(trees, new TreePath(path, ((UnaryTree) t).getExpression()));
        return v == null ? null : !v;
      }
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
      case AND:
      case OR:
      case XOR:
      case EQUAL_TO:
      case NOT_EQUAL_TO: {
        BinaryTree b = (BinaryTree) t;
        Boolean x = value(trees, new TreePath(path, b.getLeftOperand()));
        Boolean y = x == null ? null : value(trees, new TreePath(path, b.getRightOperand()));
        if (y == null) {
          return null;
        }
        return switch (t.getKind()) {
          case CONDITIONAL_AND, AND -> x && y;
          case CONDITIONAL_OR, OR -> x || y;
          case XOR, NOT_EQUAL_TO -> x ^ y;
          default -> x.equals(y);
        };
      }
      default:
        return null;
    }
  }
}
