package dev.machina.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.parse.AsyncMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Facts about an {@code @Async} body gathered once: which trees contain an await (outside lambda
 * and class bodies), which names it declares, which locals it assigns after their declaration,
 * and where jumps go.
 */
final class BodyFacts {
  private final Trees trees;
  private final HiddenTypes hidden;
  private final AsyncMethod method;
  private final CharSequence source;
  private final Set<Tree> withAwait = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<String> declaredNames = new HashSet<>();
  private final java.util.Map<String, java.util.List<Element>> declarations =
      new java.util.HashMap<>();
  private final Set<String> labels = new HashSet<>();
  private final Set<Element> reassigned = new HashSet<>();
  /** Assignments outside lambda and class bodies, for {@link #storedInSplitExpression}. */
  private final java.util.List<TreePath> assignments = new java.util.ArrayList<>();
  private final Set<Element> storedInSplit = new HashSet<>();
  private final java.util.Map<Element, java.util.List<Tree>> uses = new java.util.HashMap<>();

  BodyFacts(Trees trees, AsyncMethod method, HiddenTypes hidden) {
    this.trees = trees;
    this.method = method;
    this.hidden = hidden;
    try {
      this.source = method.unit().getSourceFile().getCharContent(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    method.parameters().forEach(p -> declaredNames.add(p.getSimpleName().toString()));
    scan(method.path());
  }

  private void scan(TreePath methodPath) {
    new com.sun.source.util.TreePathScanner<Boolean, Void>() {
      private int opaque;

      @Override
      public Boolean scan(Tree tree, Void unused) {
        if (tree == null) {
          return false;
        }
        Boolean r = super.scan(tree, unused);
        boolean has = Boolean.TRUE.equals(r);
        if (has && opaque == 0) {
          withAwait.add(tree);
        }
        return has;
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }

      @Override
      public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
        boolean inner = Boolean.TRUE.equals(super.visitMethodInvocation(node, unused));
        return inner || (opaque == 0 && isAwait(getCurrentPath()));
      }

      private int synchronizedBlocks;

      @Override
      public Boolean visitSynchronized(com.sun.source.tree.SynchronizedTree node, Void unused) {
        synchronizedBlocks++;
        Boolean r = super.visitSynchronized(node, unused);
        synchronizedBlocks--;
        return r;
      }

      /**
       * A try statement catching a private nested type, which the generated class cannot write
       * in a catch clause, is lowered as one with an await is (and the statements around it): the
       * machine's exception dispatch tests the type with its class ({@link TryLowering}); so is
       * one with a resource of such a type, which a copied try could not declare. In a lambda or
       * class body, or a synchronized block, it is copied and refused.
       */
      @Override
      public Boolean visitTry(com.sun.source.tree.TryTree node, Void unused) {
        boolean inner = Boolean.TRUE.equals(super.visitTry(node, unused));
        if (opaque > 0 || synchronizedBlocks > 0) {
          return inner;
        }
        for (com.sun.source.tree.CatchTree c : node.getCatches()) {
          Element p = trees.getElement(new TreePath(new TreePath(getCurrentPath(), c), c.getParameter()));
          if (p != null && catchesPrivateType(p.asType())) {
            return true;
          }
        }
        for (Tree r : node.getResources()) {
          javax.lang.model.type.TypeMirror t = trees.getTypeMirror(new TreePath(getCurrentPath(), r));
          if (t != null && hidden.of(t) != null) {
            return true; // closed through AutoCloseable (TryLowering)
          }
        }
        return inner;
      }

      @Override
      public Boolean visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        opaque++;
        super.visitLambdaExpression(node, unused);
        opaque--;
        return false;
      }

      @Override
      public Boolean visitClass(ClassTree node, Void unused) {
        // A local class declared at the top of step hides a class of that simple name that the
        // generated code names (probe.P.v(..) for a static import): such types are qualified.
        if (node.getSimpleName().length() > 0) {
          declaredNames.add(node.getSimpleName().toString());
        }
        opaque++;
        super.visitClass(node, unused);
        opaque--;
        return false;
      }

      @Override
      public Boolean visitVariable(VariableTree node, Void unused) {
        declaredNames.add(node.getName().toString());
        declarations.computeIfAbsent(node.getName().toString(), k -> new java.util.ArrayList<>())
            .add(trees.getElement(getCurrentPath()));
        return super.visitVariable(node, unused);
      }

      @Override
      public Boolean visitIdentifier(IdentifierTree node, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        if (e != null && e.getKind() == javax.lang.model.element.ElementKind.BINDING_VARIABLE) {
          uses.computeIfAbsent(e, k -> new java.util.ArrayList<>()).add(node);
        }
        return false;
      }

      @Override
      public Boolean visitLabeledStatement(LabeledStatementTree node, Void unused) {
        labels.add(node.getLabel().toString());
        return super.visitLabeledStatement(node, unused);
      }

      @Override
      public Boolean visitAssignment(AssignmentTree node, Void unused) {
        assigned(node.getVariable());
        if (opaque == 0) {
          assignments.add(getCurrentPath());
        }
        return super.visitAssignment(node, unused);
      }

      @Override
      public Boolean visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        assigned(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Boolean visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              assigned(node.getExpression());
          default -> {}
        }
        return super.visitUnary(node, unused);
      }

      private void assigned(ExpressionTree target) {
        if (target instanceof IdentifierTree) {
          Element e = trees.getElement(new TreePath(getCurrentPath(), target));
          if (e != null) {
            reassigned.add(e);
          }
        }
      }
    }.scan(methodPath, null);
    withAwait.remove(methodPath.getLeaf());
    for (TreePath a : assignments) {
      if (!(((AssignmentTree) a.getLeaf()).getVariable() instanceof IdentifierTree)) {
        continue;
      }
      for (TreePath p = a.getParentPath();
          p != null && p.getLeaf() instanceof ExpressionTree;
          p = p.getParentPath()) {
        if (withAwait.contains(p.getLeaf())) {
          Element e = trees.getElement(new TreePath(a, ((AssignmentTree) a.getLeaf()).getVariable()));
          if (e != null && e.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE) {
            storedInSplit.add(e);
          }
          break;
        }
      }
    }
  }

  /**
   * Whether the local {@code e} is stored inside an expression that also awaits ({@code a && (e =
   * x) != null && await(f(e))}): the lowering evaluates such an expression in parts, tested
   * apart, after which javac's definite assignment cannot tell that {@code e} was stored (F186).
   */
  boolean storedInSplitExpression(Element e) {
    return storedInSplit.contains(e);
  }

  /** Whether the catch parameter type {@code t} (or an alternative of it) is a hidden type (private, or protected of another package). */
  boolean catchesPrivateType(javax.lang.model.type.TypeMirror t) {
    if (t instanceof javax.lang.model.type.UnionType u) {
      return u.getAlternatives().stream().anyMatch(a -> hidden.of(a) != null);
    }
    return hidden.of(t) != null;
  }

  /**
   * Whether {@code tree} contains an await outside lambda and class bodies, or a try statement
   * catching a private nested type or with a resource of one (lowered as one with an await is).
   */
  boolean hasAwait(Tree tree) {
    return tree != null && withAwait.contains(tree);
  }

  /** Whether {@code path} is a call of {@code Await.await}. */
  boolean isAwait(TreePath path) {
    if (!(path.getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    Element e = trees.getElement(path);
    return e instanceof ExecutableElement ex
        && ex.getSimpleName().contentEquals("await")
        && ((TypeElement) ex.getEnclosingElement()).getQualifiedName().contentEquals(
            "dev.machina.Await");
  }

  /** Whether the await at {@code path} takes a CompletionStage. */
  boolean awaitsStage(TreePath path) {
    ExecutableElement ex = (ExecutableElement) trees.getElement(path);
    return ex.getParameters().get(0).asType().toString().startsWith(
        "java.util.concurrent.CompletionStage");
  }

  /** If {@code path} is {@code Future.ready(x)}, the path of {@code x}. */
  TreePath readyArgument(TreePath path) {
    Tree t = path.getLeaf();
    while (t instanceof ParenthesizedTree p) {
      path = new TreePath(path, p.getExpression());
      t = p.getExpression();
    }
    if (!(t instanceof MethodInvocationTree call) || call.getArguments().size() != 1) {
      return null;
    }
    Element e = trees.getElement(path);
    if (e instanceof ExecutableElement ex
        && ex.getSimpleName().contentEquals("ready")
        && ((TypeElement) ex.getEnclosingElement()).getQualifiedName().contentEquals(
            "dev.machina.Future")) {
      return new TreePath(path, call.getArguments().get(0));
    }
    return null;
  }

  /**
   * Whether {@code t} is a lambda or method reference (also in parentheses or as an arm of a
   * conditional): it has a type only where it stands, so {@code return Future.ready(x -> ..)},
   * written {@code return x -> ..} in a step that returns {@code Object}, needs a cast (F58).
   */
  static boolean functional(Tree t) {
    if (t instanceof ParenthesizedTree p) {
      return functional(p.getExpression());
    }
    if (t instanceof com.sun.source.tree.ConditionalExpressionTree c) {
      return functional(c.getTrueExpression()) || functional(c.getFalseExpression());
    }
    return t instanceof com.sun.source.tree.LambdaExpressionTree
        || t instanceof com.sun.source.tree.MemberReferenceTree;
  }

  /**
   * Whether javac typed the expression at {@code path} from where it stands: a lambda or method
   * reference ({@link #functional}), an anonymous class with a diamond ({@code new Consumer<>() {
   * .. }}, F101), or a call of a generic method (or a diamond) with such an argument, whose type
   * arguments javac inferred from the target. Written elsewhere (as the
   * future a machine awaits, or a step's returned value) it needs that target type written out:
   * alone, {@code Future.ready(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey))} infers
   * {@code Object} for the entries (F65).
   */
  boolean targetTyped(TreePath path) {
    Tree t = path.getLeaf();
    if (t instanceof ParenthesizedTree p) {
      return targetTyped(new TreePath(path, p.getExpression()));
    }
    if (t instanceof ConditionalExpressionTree c) {
      return targetTyped(new TreePath(path, c.getTrueExpression()))
          || targetTyped(new TreePath(path, c.getFalseExpression()));
    }
    if (t instanceof LambdaExpressionTree || t instanceof MemberReferenceTree) {
      return true;
    }
    java.util.List<? extends ExpressionTree> arguments;
    if (t instanceof MethodInvocationTree call) {
      if (!call.getTypeArguments().isEmpty()
          || !(trees.getElement(path) instanceof ExecutableElement m)
          || m.getTypeParameters().isEmpty()) {
        return false;
      }
      arguments = call.getArguments();
    } else if (t instanceof NewClassTree n
        && n.getIdentifier() instanceof ParameterizedTypeTree type
        && type.getTypeArguments().isEmpty()) {
      if (n.getClassBody() != null) {
        return true; // an anonymous class's methods override those of the type inferred (F101)
      }
      arguments = n.getArguments();
    } else {
      return false;
    }
    for (ExpressionTree a : arguments) {
      if (targetTyped(new TreePath(path, a))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the binding variable {@code e} is used outside {@code tree}. */
  boolean usedOutside(Element e, Tree tree) {
    return usedOutside(
        e,
        trees.getSourcePositions().getStartPosition(method.unit(), tree),
        trees.getSourcePositions().getEndPosition(method.unit(), tree));
  }

  /** Whether the binding variable {@code e} is used outside the source range [s, end). */
  boolean usedOutside(Element e, long s, long end) {
    for (Tree use : uses.getOrDefault(e, java.util.List.of())) {
      long p = trees.getSourcePositions().getStartPosition(method.unit(), use);
      if (p < s || p >= end) {
        return true;
      }
    }
    return false;
  }

  /**
   * The variables the body declares (in lambdas and class bodies too) named {@code name}; an
   * element javac did not give is {@code null}.
   */
  java.util.List<Element> declarations(String name) {
    return declarations.getOrDefault(name, java.util.List.of());
  }

  Set<String> declaredNames() {
    return declaredNames;
  }

  Set<String> labels() {
    return labels;
  }

  /** Whether the local {@code e} is assigned anywhere after its declaration. */
  boolean isReassigned(Element e) {
    return reassigned.contains(e);
  }

  /** The source text of {@code tree}. */
  String source(Tree tree) {
    long s = trees.getSourcePositions().getStartPosition(method.unit(), tree);
    long e = trees.getSourcePositions().getEndPosition(method.unit(), tree);
    if (s < 0 || e < s) {
      return tree.toString();
    }
    return source.subSequence((int) s, (int) e).toString();
  }

  CharSequence text() {
    return source;
  }

  /** The statement a break or continue at {@code path} leaves or continues. */
  static Tree jumpTarget(TreePath path) {
    Tree jump = path.getLeaf();
    javax.lang.model.element.Name label =
        jump instanceof BreakTree b ? b.getLabel() : ((ContinueTree) jump).getLabel();
    boolean isContinue = jump instanceof ContinueTree;
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree t = p.getLeaf();
      if (label != null) {
        if (t instanceof LabeledStatementTree l && l.getLabel().contentEquals(label)) {
          return isContinue ? l.getStatement() : l;
        }
        continue;
      }
      switch (t.getKind()) {
        case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP:
          return t;
        case SWITCH:
          if (!isContinue) {
            return t;
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  /** The switch expression a yield at {@code path} completes. */
  Tree yieldTarget(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
        return p.getLeaf();
      }
    }
    return null;
  }

  /** Whether {@code tree} is a member select naming a type or package rather than a value. */
  boolean isTypeName(TreePath path) {
    Tree t = path.getLeaf();
    if (!(t instanceof IdentifierTree) && !(t instanceof MemberSelectTree)) {
      return false;
    }
    Element e = trees.getElement(path);
    return e != null && (e.getKind().isClass() || e.getKind().isInterface()
        || e.getKind() == javax.lang.model.element.ElementKind.PACKAGE);
  }
}
