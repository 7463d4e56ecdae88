package dev.machina.processor.parse;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Reads the trees of Java 21's patterns (case labels, guards, record patterns) through the public
 * {@code com.sun.source.tree} interfaces, reflectively, since the processor is compiled against
 * the Java 17 API: these trees are told by their kind's name and their accessors looked up on
 * the javac that runs the processor (a javac of 17 has none of them, and a source it compiles has
 * none of these trees).
 */
public final class PatternTrees {
  private static final Method GUARD = method(CaseTree.class, "getGuard");
  /** Read only where guards exist (21+): javac 17 has a preview {@code getLabels} of its own. */
  private static final Method LABELS = GUARD == null ? null : method(CaseTree.class, "getLabels");
  private static final Method CONSTANT = method(type("ConstantCaseLabelTree"), "getConstantExpression");
  private static final Method PATTERN = method(type("PatternCaseLabelTree"), "getPattern");
  private static final Method DECONSTRUCTOR =
      method(type("DeconstructionPatternTree"), "getDeconstructor");
  private static final Method NESTED = method(type("DeconstructionPatternTree"), "getNestedPatterns");

  private PatternTrees() {}

  /**
   * The labels of {@code c} in order: constant expressions (unwrapped from their label),
   * {@code default} labels and pattern labels. On javac 17, the constants ({@code default} has
   * none: see {@link #isDefault(CaseTree)}).
   */
  @SuppressWarnings("unchecked")
  public static List<? extends Tree> labels(CaseTree c) {
    if (LABELS == null) {
      return c.getExpressions();
    }
    List<? extends Tree> raw = (List<? extends Tree>) call(LABELS, c);
    return raw.stream().map(l -> isKind(l, "CONSTANT_CASE_LABEL") ? (Tree) call(CONSTANT, l) : l)
        .toList();
  }

  /** The {@code when} guard of {@code c}, or null. */
  public static ExpressionTree guard(CaseTree c) {
    return GUARD == null ? null : (ExpressionTree) call(GUARD, c);
  }

  /** Whether {@code c} has a {@code default} label ({@code default}, {@code case null, default}). */
  public static boolean isDefault(CaseTree c) {
    List<? extends Tree> labels = labels(c);
    return labels.isEmpty() || labels.stream().anyMatch(PatternTrees::isDefault);
  }

  /** Whether {@code label} (one of {@link #labels}) is {@code default}. */
  public static boolean isDefault(Tree label) {
    return isKind(label, "DEFAULT_CASE_LABEL");
  }

  /** Whether {@code label} (one of {@link #labels}) is a pattern ({@code case Circle c}). */
  public static boolean isPattern(Tree label) {
    return isKind(label, "PATTERN_CASE_LABEL");
  }

  /** Whether {@code label} (one of {@link #labels}) is {@code case null}. */
  public static boolean isNull(Tree label) {
    return label.getKind() == Tree.Kind.NULL_LITERAL;
  }

  /** The pattern of a pattern label. */
  public static Tree pattern(Tree patternLabel) {
    return (Tree) call(PATTERN, patternLabel);
  }

  /** Whether {@code tree} is a record pattern ({@code Point(int x, var y)}). */
  public static boolean isRecordPattern(Tree tree) {
    return isKind(tree, "DECONSTRUCTION_PATTERN");
  }

  /** The type a record pattern names ({@code Point} of {@code Point(int x, var y)}). */
  public static ExpressionTree deconstructor(Tree recordPattern) {
    return (ExpressionTree) call(DECONSTRUCTOR, recordPattern);
  }

  /** The component patterns of a record pattern ({@code int x, var y} of {@code Point(int x, var y)}). */
  @SuppressWarnings("unchecked")
  public static List<? extends Tree> nestedPatterns(Tree recordPattern) {
    return (List<? extends Tree>) call(NESTED, recordPattern);
  }

  private static boolean isKind(Tree tree, String kind) {
    return tree != null && tree.getKind().name().equals(kind);
  }

  private static Class<?> type(String simpleName) {
    return Class.forName(CaseTree.class.getModule(), "com.sun.source.tree." + simpleName);
  }

  private static Method method(Class<?> owner, String name) {
    if (owner == null) {
      return null;
    }
    try {
      return owner.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Object call(Method m, Object on) {
    try {
      return m.invoke(on);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
