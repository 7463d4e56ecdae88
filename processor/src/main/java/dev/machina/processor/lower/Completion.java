package dev.machina.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.List;

/**
 * Whether a statement without awaits can complete normally (JLS 14.22), so that the lowering
 * knows whether code after it is reachable; javac rejects unreachable generated code.
 */
final class Completion {
  private Completion() {}

  static boolean canComplete(Lowerer l, TreePath path) {
    Tree t = path.getLeaf();
    switch (t.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE, YIELD:
        return false;
      case BLOCK: {
        for (StatementTree s : ((BlockTree) t).getStatements()) {
          if (!canComplete(l, new TreePath(path, s))) {
            return false;
          }
        }
        return true;
      }
      case IF: {
        IfTree i = (IfTree) t;
        return i.getElseStatement() == null
            || canComplete(l, new TreePath(path, i.getThenStatement()))
            || canComplete(l, new TreePath(path, i.getElseStatement()));
      }
      case WHILE_LOOP:
        return !isTrue(l, new TreePath(path, ((WhileLoopTree) t).getCondition()))
            || breaksOut(path);
      case DO_WHILE_LOOP: {
        DoWhileLoopTree d = (DoWhileLoopTree) t;
        return (!isTrue(l, new TreePath(path, d.getCondition()))
                && (canComplete(l, new TreePath(path, d.getStatement())) || continues(path)))
            || breaksOut(path);
      }
      case FOR_LOOP: {
        ForLoopTree f = (ForLoopTree) t;
        return (f.getCondition() != null && !isTrue(l, new TreePath(path, f.getCondition())))
            || breaksOut(path);
      }
      case LABELED_STATEMENT:
        return canComplete(l, new TreePath(path, ((LabeledStatementTree) t).getStatement()))
            || breaksOut(path);
      case SYNCHRONIZED:
        return canComplete(l, new TreePath(path, ((SynchronizedTree) t).getBlock()));
      case TRY: {
        TryTree tr = (TryTree) t;
        if (tr.getFinallyBlock() != null
            && !canComplete(l, new TreePath(path, tr.getFinallyBlock()))) {
          return false;
        }
        if (canComplete(l, new TreePath(path, tr.getBlock()))) {
          return true;
        }
        for (var c : tr.getCatches()) {
          if (canComplete(l, new TreePath(new TreePath(path, c), c.getBlock()))) {
            return true;
          }
        }
        return false;
      }
      case SWITCH: {
        SwitchTree s = (SwitchTree) t;
        List<? extends CaseTree> cases = s.getCases();
        boolean hasDefault = cases.stream().anyMatch(c -> c.getExpressions().isEmpty());
        if (!hasDefault || cases.isEmpty() || breaksOut(path)) {
          return true;
        }
        for (CaseTree c : cases) {
          TreePath cp = new TreePath(path, c);
          if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            Tree body = c.getBody();
            if (body instanceof ExpressionTree
                || canComplete(l, new TreePath(cp, body))) {
              return true;
            }
          }
        }
        CaseTree last = cases.get(cases.size() - 1);
        if (last.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
          List<? extends StatementTree> st = last.getStatements();
          return st.isEmpty()
              || canComplete(l, new TreePath(new TreePath(path, last), st.get(st.size() - 1)));
        }
        return false;
      }
      default:
        return true;
    }
  }

  private static boolean isTrue(Lowerer l, TreePath condition) {
    return ConstantCondition.isTrue(l.trees, condition);
  }

  /** Whether a break inside {@code path} (not in a lambda or class) leaves it. */
  private static boolean breaksOut(TreePath path) {
    Tree target = path.getLeaf();
    Tree alt =
        target instanceof LabeledStatementTree l ? l.getStatement() : null;
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        Tree to = BodyFacts.jumpTarget(getCurrentPath());
        if (to == target || (alt != null && to == alt && node.getLabel() != null)) {
          found[0] = true;
        }
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
    }.scan(path, null);
    return found[0];
  }

  private static boolean continues(TreePath path) {
    Tree target = path.getLeaf();
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitContinue(com.sun.source.tree.ContinueTree node, Void unused) {
        if (BodyFacts.jumpTarget(getCurrentPath()) == target) {
          found[0] = true;
        }
        return null;
      }
    }.scan(path, null);
    return found[0];
  }
}
