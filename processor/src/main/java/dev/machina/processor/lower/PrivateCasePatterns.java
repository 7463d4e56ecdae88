package dev.machina.processor.lower;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import dev.machina.processor.parse.PatternTrees;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Finds the type and record patterns of a switch that name a private nested type, which the
 * generated class cannot name: it writes {@code case Circle c when g} as {@code case Object c
 * when CIRCLE_CLASS.isInstance(c) && (g)}, or as {@code case Object c} where the pattern is
 * unconditional for the selector's type, a record pattern as an {@code Object} binding with its
 * tests in the guard ({@link PrivateRecordPattern}), and gives a switch that relied on a sealed
 * hierarchy's exhaustiveness the {@code default} that throws what javac's code throws for no
 * match.
 */
final class PrivateCasePatterns {
  private PrivateCasePatterns() {}

  /**
   * The binding of the pattern label at {@code label} if it is a type pattern of a private
   * nested type or an array of one, else {@code null}; an error for a record pattern naming
   * such a type, and for such a pattern beside other labels of its case.
   */
  static VariableElement binding(Lowerer l, TreePath label) {
    Tree pattern = PatternTrees.pattern(label.getLeaf());
    if (!(pattern instanceof BindingPatternTree b)) {
      return null;
    }
    Element e = l.trees.getElement(new TreePath(new TreePath(label, pattern), b.getVariable()));
    if (!(e instanceof VariableElement ve) || l.hidden.of(ve.asType()) == null) {
      return null;
    }
    requireOnlyLabel(label, l.hidden.of(ve.asType()));
    return ve;
  }

  /**
   * The record pattern of the pattern label at {@code label} taken apart, if it names a private
   * nested type ({@link PrivateRecordPattern}); else {@code null}.
   */
  static PrivateRecordPattern record(Lowerer l, TreePath label) {
    PrivateRecordPattern rp =
        PrivateRecordPattern.of(l, new TreePath(label, PatternTrees.pattern(label.getLeaf())));
    if (rp != null) {
      requireOnlyLabel(label, rp.record);
    }
    return rp;
  }

  /** An error if the case of {@code label} has other labels: its guard tests {@code type}. */
  private static void requireOnlyLabel(TreePath label, TypeElement type) {
    if (PatternTrees.labels((CaseTree) label.getParentPath().getLeaf()).size() > 1) {
      throw new UnsupportedCode(
          label.getLeaf(), "the generated class tests the type " + type.getSimpleName()
              + " of this pattern in the case's guard, which one case of several labels cannot"
              + " have: give it a case of its own");
    }
  }

  /**
   * Whether the type pattern binding {@code binding} in the switch at {@code switchPath} needs
   * its class test: the selector's type is not a subtype of the pattern's (JLS 14.30.3).
   */
  static boolean tested(Lowerer l, TreePath switchPath, VariableElement binding) {
    TypeMirror selector = l.typeOf(selector(switchPath));
    return !l.types.isSubtype(l.types.erasure(selector), l.types.erasure(binding.asType()));
  }

  /**
   * Whether the switch at {@code switchPath}, over {@code cases}, needs a {@code default} that
   * throws for a value no case takes: a label of it became a guarded {@code Object} pattern, and
   * it has neither a {@code default} nor an unguarded pattern that is unconditional for its
   * selector, so it relied on a sealed hierarchy being exhausted, which guarded labels are not.
   */
  static boolean needsNoMatch(Lowerer l, TreePath switchPath, List<? extends CaseTree> cases) {
    boolean testedAny = false;
    for (CaseTree c : cases) {
      if (PatternTrees.isDefault(c)) {
        return false;
      }
      TreePath casePath = new TreePath(switchPath, c);
      for (Tree label : PatternTrees.labels(c)) {
        if (!PatternTrees.isPattern(label)) {
          continue;
        }
        TreePath labelPath = new TreePath(casePath, label);
        VariableElement ve = binding(l, labelPath);
        if (ve != null && tested(l, switchPath, ve) || record(l, labelPath) != null) {
          testedAny = true;
        } else if (PatternTrees.guard(c) == null && unconditional(l, switchPath, labelPath)) {
          return false;
        }
      }
    }
    return testedAny;
  }

  /** Whether the pattern label at {@code label} is a type pattern unconditional for the selector. */
  private static boolean unconditional(Lowerer l, TreePath switchPath, TreePath label) {
    Tree pattern = PatternTrees.pattern(label.getLeaf());
    if (!(pattern instanceof BindingPatternTree b)) {
      return false;
    }
    Element e = l.trees.getElement(new TreePath(new TreePath(label, pattern), b.getVariable()));
    return e != null && l.types.isSubtype(
        l.types.erasure(l.typeOf(selector(switchPath))), l.types.erasure(e.asType()));
  }

  /** The selector of the switch statement or expression at {@code switchPath}. */
  static TreePath selector(TreePath switchPath) {
    Tree s = switchPath.getLeaf();
    return new TreePath(switchPath, s instanceof SwitchTree st
        ? st.getExpression() : ((SwitchExpressionTree) s).getExpression());
  }
}
