package dev.machina.processor.check;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses the patterns of Java 21 where the lowering would break them: a switch with pattern
 * labels that holds an await (its cases would be dispatched as constant labels), and a record
 * pattern in a statement with an await or whose bindings are used after one (its bindings are
 * not kept across awaits). Both
 * compile as written when no await is involved, since such code is copied into the machine as it
 * is. The processor is built against the Java 17 API, so these trees are told by their kind's
 * name.
 */
final class PatternsRule implements MethodRule {
  private final Trees trees;

  PatternsRule(Trees trees) {
    this.trees = trees;
  }

  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    if (method.path() == null || method.tree().getBody() == null) {
      return true;
    }
    TreePath body = new TreePath(method.path(), method.tree().getBody());
    CompilationUnitTree unit = body.getCompilationUnit();
    SourcePositions positions = trees.getSourcePositions();
    List<Long> awaits = awaitPositions(body, positions);
    if (awaits.isEmpty()) {
      return true;
    }
    boolean[] ok = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null; // bodies of local and anonymous classes are not lowered
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null; // nor are lambdas
      }

      @Override
      public Void visitSwitch(SwitchTree tree, Void unused) {
        checkSwitch(tree, tree.getCases());
        return super.visitSwitch(tree, null);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
        checkSwitch(tree, tree.getCases());
        return super.visitSwitchExpression(tree, null);
      }

      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null && tree.getKind().name().equals("DECONSTRUCTION_PATTERN")) {
          if (keptAcrossAnAwait(new TreePath(getCurrentPath(), tree), awaits, positions)) {
            ok[0] = false;
            reporter.error(unit, tree,
                "a record pattern (Java 21) in a statement with an await, or whose bindings are"
                    + " used after an await, is not supported in an @Async body: its bindings are"
                    + " not kept across awaits. Match the type instead (o instanceof Point p) and"
                    + " read the components (p.x())");
            return null;
          }
        }
        return super.scan(tree, null);
      }

      private void checkSwitch(Tree tree, List<? extends CaseTree> cases) {
        long start = positions.getStartPosition(unit, tree);
        long end = positions.getEndPosition(unit, tree);
        if (awaits.stream().noneMatch(a -> a >= start && a < end)) {
          return; // copied as written
        }
        for (CaseTree c : cases) {
          Tree label = patternLabel(c);
          if (label != null) {
            ok[0] = false;
            reporter.error(unit, label,
                "a switch with pattern labels (Java 21) cannot hold an await in an @Async body:"
                    + " its cases would be dispatched as constants. Await before the switch"
                    + " (into a local) and keep the awaits out of it, or use if/else with"
                    + " instanceof");
            return;
          }
        }
      }
    }.scan(body, null);
    return ok[0];
  }

  /** The first pattern label of {@code c} (Java 21: {@code case Circle c}, {@code case Point(..)}), or null. */
  private static Tree patternLabel(CaseTree c) {
    Tree[] found = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] != null || tree == null) {
          return null;
        }
        if (tree.getKind().name().equals("PATTERN_CASE_LABEL")) {
          found[0] = tree;
          return null;
        }
        if (tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
          return null;
        }
        return super.scan(tree, null);
      }

      @Override
      public Void visitCase(CaseTree tree, Void unused) {
        // Labels only: the body may hold switches of its own, checked on their own.
        return tree == c ? super.visitCase(tree, null) : null;
      }
    }.scan(c, null);
    return found[0] == c ? null : found[0];
  }

  /**
   * Whether the record pattern at {@code pattern} meets an await: one inside the statement that
   * holds it (which is then lowered), or one between that statement and a later use of a name it
   * binds (bindings flow past an {@code if} that cannot complete otherwise).
   */
  private static boolean keptAcrossAnAwait(
      TreePath pattern, List<Long> awaits, SourcePositions positions) {
    CompilationUnitTree unit = pattern.getCompilationUnit();
    TreePath statement = pattern;
    while (statement.getParentPath() != null
        && !(statement.getParentPath().getLeaf() instanceof BlockTree)
        && !(statement.getParentPath().getLeaf() instanceof CaseTree)) {
      statement = statement.getParentPath();
    }
    long start = positions.getStartPosition(unit, statement.getLeaf());
    long end = positions.getEndPosition(unit, statement.getLeaf());
    if (awaits.stream().anyMatch(a -> a >= start && a < end)) {
      return true;
    }
    Set<String> bound = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(BindingPatternTree tree, Void unused) {
        bound.add(tree.getVariable().getName().toString());
        return super.visitBindingPattern(tree, null);
      }
    }.scan(pattern.getLeaf(), null);
    TreePath block = statement.getParentPath();
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        long at = positions.getStartPosition(unit, tree);
        if (at >= end && bound.contains(tree.getName().toString())
            && awaits.stream().anyMatch(a -> a >= end && a < at)) {
          found[0] = true;
        }
        return null;
      }
    }.scan(block == null ? null : block.getLeaf(), null);
    return found[0];
  }

  /** Start positions of the calls to {@code await} in the body, outside lambdas and classes. */
  private static List<Long> awaitPositions(TreePath body, SourcePositions positions) {
    CompilationUnitTree unit = body.getCompilationUnit();
    List<Long> out = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Tree select = tree.getMethodSelect();
        boolean await = select instanceof IdentifierTree id
            ? id.getName().contentEquals("await")
            : select instanceof MemberSelectTree m && m.getIdentifier().contentEquals("await")
                && m.getExpression().toString().endsWith("Await");
        if (await) {
          out.add(positions.getStartPosition(unit, tree));
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(body, null);
    return out;
  }
}
