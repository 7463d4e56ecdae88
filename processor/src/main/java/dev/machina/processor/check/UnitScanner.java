package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Walks source code and hands each use of {@code await}, each call to an {@code @Async} method and
 * each {@code @Async} method of a local or anonymous class to the {@link Checker}.
 *
 * <p>Symbols are resolved only for calls whose simple name could match (Java has no import
 * renaming, so a call of {@code await} is spelled {@code await}), which keeps javac from
 * attributing classes that cannot hold a finding.
 */
final class UnitScanner extends TreePathScanner<Void, Void> {
  /** What the scanner found, handled by the checker. */
  interface Sink {
    void await(TreePath await);

    void asyncCall(TreePath call, ExecutableElement method);

    void localAsyncMethod(TreePath method, ExecutableElement element);
  }

  private final Trees trees;
  private final Set<String> asyncNames;
  private final Sink sink;
  private final Set<Tree> skipped;
  private final java.util.function.Predicate<TreePath> refused;
  private final List<TreePath> resolved = new ArrayList<>();

  /**
   * @param asyncNames simple names of the {@code @Async} methods whose direct calls are looked for
   * @param skipped method declarations not to enter (bodies already checked)
   */
  UnitScanner(
      Trees trees,
      Set<String> asyncNames,
      Sink sink,
      Set<Tree> skipped,
      java.util.function.Predicate<TreePath> refused) {
    this.trees = trees;
    this.refused = refused;
    this.asyncNames = asyncNames;
    this.sink = sink;
    this.skipped = skipped;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    ExpressionTree select = tree.getMethodSelect();
    inspect(nameOf(select), select instanceof MemberSelectTree m ? m.getExpression() : null);
    return super.visitMethodInvocation(tree, null);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    inspect(tree.getName(), tree.getQualifierExpression());
    return super.visitMemberReference(tree, null);
  }

  /** The paths whose elements the scan resolved (so javac attributed their classes). */
  List<TreePath> resolved() {
    return resolved;
  }

  /**
   * Whether a call named {@code await} can be {@code dev.machina.Await.await}, by its spelling:
   * qualified by a name ending in {@code Await}, or bare where the unit imports it statically
   * (or is in Machina's package). {@code latch.await()}, {@code condition.await(..)} are not
   * resolved: resolving attributes the whole class, which costs time and breaks javac on some
   * code (see {@link ReattributionRule}).
   */
  private boolean mayBeMachinaAwait(ExpressionTree qualifier) {
    if (qualifier != null) {
      return qualifier instanceof IdentifierTree id
              ? id.getName().contentEquals("Await")
              : qualifier instanceof MemberSelectTree m
                  && m.getIdentifier().contentEquals("Await");
    }
    CompilationUnitTree unit = getCurrentPath().getCompilationUnit();
    if (unit.getPackageName() != null && unit.getPackageName().toString().equals("dev.machina")) {
      return true;
    }
    for (ImportTree i : unit.getImports()) {
      if (i.isStatic()) {
        String imported = i.getQualifiedIdentifier().toString().replace(" ", "");
        if (imported.equals(MachinaSymbols.AWAIT + ".await")
            || imported.equals(MachinaSymbols.AWAIT + ".*")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    if (refused.test(getCurrentPath())) {
      return null; // attributing it would make javac fail (ReattributionRule, F172)
    }
    return super.visitClass(tree, null);
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    if (skipped.contains(tree)) {
      return null;
    }
    if (MachinaSymbols.mayBeAsync(tree) && inLocalOrAnonymousClass(getCurrentPath())) {
      resolved.add(getCurrentPath());
      Element element = trees.getElement(getCurrentPath());
      if (MachinaSymbols.isAsync(element)) {
        sink.localAsyncMethod(getCurrentPath(), (ExecutableElement) element);
      }
    }
    return super.visitMethod(tree, null);
  }

  private void inspect(CharSequence name, ExpressionTree qualifier) {
    if (name == null) {
      return;
    }
    boolean await = MachinaSymbols.AWAIT_METHOD.contentEquals(name);
    if (!await && !asyncNames.contains(name.toString())) {
      return;
    }
    if (await && !asyncNames.contains(name.toString()) && !mayBeMachinaAwait(qualifier)) {
      return;
    }
    resolved.add(getCurrentPath());
    Element element = trees.getElement(getCurrentPath());
    if (await && MachinaSymbols.isAwait(element)) {
      sink.await(getCurrentPath());
    } else if (MachinaSymbols.isAsync(element) && !insideAsyncMethod(getCurrentPath())) {
      sink.asyncCall(getCurrentPath(), (ExecutableElement) element);
    }
  }

  /** Whether {@code path} lies in the body of an {@code @Async} method, at any depth. */
  private boolean insideAsyncMethod(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree
          && MachinaSymbols.mayBeAsync((MethodTree) p.getLeaf())
          && MachinaSymbols.isAsync(trees.getElement(p))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the class declaring the method at {@code method} is local or anonymous, by shape. */
  private static boolean inLocalOrAnonymousClass(TreePath method) {
    for (TreePath p = method.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        Tree parent = p.getParentPath().getLeaf();
        if (parent instanceof NewClassTree) {
          return true;
        }
        if (!(parent instanceof ClassTree) && !(parent instanceof CompilationUnitTree)) {
          return true; // a class declared in a block
        }
      }
    }
    return false;
  }

  private static CharSequence nameOf(ExpressionTree select) {
    if (select instanceof IdentifierTree) {
      return ((IdentifierTree) select).getName();
    }
    if (select instanceof MemberSelectTree) {
      return ((MemberSelectTree) select).getIdentifier();
    }
    return null;
  }
}
