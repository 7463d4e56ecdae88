package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Decides whether an {@code await} may stand where it is: directly in the body of an
 * {@code @Async} method, outside {@code synchronized}; not in a lambda, an anonymous or local
 * class body, a method without {@code @Async}, a constructor or an initializer.
 */
final class AwaitPlacementRule {
  /** A misplaced await: the message, and the {@code @Async} method it makes invalid (or null). */
  record Finding(String message, ExecutableElement asyncMethod) {}

  private final Trees trees;

  AwaitPlacementRule(Trees trees) {
    this.trees = trees;
  }

  /**
   * Checks the await call or {@code Await::await} reference at {@code await}; returns what is wrong
   * with it, or null if it is well placed.
   */
  Finding check(TreePath await) {
    // The innermost function the await belongs to, and whether a synchronized block comes first.
    boolean inSynchronized = false;
    TreePath boundary = null;
    TreePath boundaryChild = await;
    for (TreePath p = await.getParentPath(); p != null; boundaryChild = p, p = p.getParentPath()) {
      Tree.Kind kind = p.getLeaf().getKind();
      if (kind == Tree.Kind.SYNCHRONIZED) {
        // The lock expression runs before the monitor is entered: an await there is fine (F54).
        if (boundaryChild.getLeaf() == ((SynchronizedTree) p.getLeaf()).getBlock()) {
          inSynchronized = true;
        }
      } else if (kind == Tree.Kind.LAMBDA_EXPRESSION
          || kind == Tree.Kind.METHOD
          || p.getLeaf() instanceof ClassTree
          || p.getLeaf() instanceof CompilationUnitTree) {
        boundary = p;
        break;
      }
    }
    if (boundary == null) {
      return null; // not inside a compilation unit: nothing to say
    }
    ExecutableElement outerAsync = enclosingAsyncMethod(boundary);
    boolean reference = await.getLeaf() instanceof MemberReferenceTree;
    Tree leaf = boundary.getLeaf();
    if (leaf.getKind() == Tree.Kind.METHOD && MachinaSymbols.mayBeAsync((MethodTree) leaf)) {
      Element element = trees.getElement(boundary);
      if (MachinaSymbols.isAsync(element)) {
        ExecutableElement method = (ExecutableElement) element;
        if (reference) {
          return new Finding(Messages.awaitMethodReference(), method);
        }
        return inSynchronized
            ? new Finding(Messages.awaitInSynchronized(Messages.methodContext(method)), method)
            : null;
      }
    }
    if (reference) {
      return new Finding(Messages.awaitMethodReference(), outerAsync);
    }
    if (outerAsync != null) {
      String context = Messages.methodContext(outerAsync);
      return new Finding(insideFunctionMessage(boundary, context, true), outerAsync);
    }
    // No @Async method anywhere around: the best message names the member the await is in.
    TreePath member = enclosingMember(boundary, boundaryChild);
    String context = describeMember(member);
    if (leaf.getKind() == Tree.Kind.LAMBDA_EXPRESSION || isLocalOrAnonymous(leaf, boundary)) {
      return new Finding(insideFunctionMessage(boundary, context, false), null);
    }
    return new Finding(outsideAsyncMessage(member), null);
  }

  /** The message for an await in a lambda or a local/anonymous class body. */
  private String insideFunctionMessage(TreePath boundary, String context, boolean inAsync) {
    TreePath function = boundary;
    if (function.getLeaf().getKind() == Tree.Kind.METHOD) {
      function = function.getParentPath(); // the method's class
    }
    if (function.getLeaf().getKind() == Tree.Kind.LAMBDA_EXPRESSION) {
      return inAsync ? Messages.awaitInLambda(context) : Messages.awaitInLambdaOutsideAsync(context);
    }
    Element type = trees.getElement(function);
    boolean anonymous = type instanceof TypeElement
        && ((TypeElement) type).getNestingKind() == NestingKind.ANONYMOUS;
    if (inAsync) {
      return anonymous
          ? Messages.awaitInAnonymousClass(context)
          : Messages.awaitInLocalClass(type == null ? "?" : type.getSimpleName().toString(), context);
    }
    String className = anonymous ? "an anonymous class body"
        : "local class " + (type == null ? "?" : type.getSimpleName());
    return Messages.awaitInClassOutsideAsync(className, context);
  }

  private boolean isLocalOrAnonymous(Tree leaf, TreePath boundary) {
    TreePath classPath = leaf.getKind() == Tree.Kind.METHOD ? boundary.getParentPath() : boundary;
    if (!(classPath.getLeaf() instanceof ClassTree)) {
      return false;
    }
    Element type = trees.getElement(classPath);
    return type instanceof TypeElement && MachinaSymbols.inLocalOrAnonymousClass((TypeElement) type);
  }

  /** The nearest {@code @Async} method enclosing {@code from}, crossing lambdas and classes. */
  private ExecutableElement enclosingAsyncMethod(TreePath from) {
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      if (p.getLeaf().getKind() == Tree.Kind.METHOD && MachinaSymbols.mayBeAsync((MethodTree) p.getLeaf())) {
        Element element = trees.getElement(p);
        if (MachinaSymbols.isAsync(element)) {
          return (ExecutableElement) element;
        }
      }
    }
    return null;
  }

  /**
   * The outermost member (method, constructor, field or initializer block of a named class) around
   * the await, for naming it in the message.
   */
  private static TreePath enclosingMember(TreePath boundary, TreePath child) {
    TreePath member = null;
    TreePath previous = child;
    for (TreePath p = boundary; p != null; previous = p, p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree && !(previous.getLeaf() instanceof ClassTree)) {
        member = previous;
      }
    }
    return member;
  }

  private String describeMember(TreePath member) {
    if (member == null) {
      return "this code";
    }
    Element element = trees.getElement(member);
    Tree leaf = member.getLeaf();
    TypeElement owner = (TypeElement) trees.getElement(member.getParentPath());
    if (leaf.getKind() == Tree.Kind.METHOD && element instanceof ExecutableElement) {
      return element.getKind() == ElementKind.CONSTRUCTOR
          ? Messages.constructorContext(owner)
          : Messages.methodContext((ExecutableElement) element);
    }
    if (leaf.getKind() == Tree.Kind.VARIABLE && element instanceof VariableElement) {
      return Messages.fieldContext((VariableElement) element);
    }
    return Messages.initializerContext(owner);
  }

  private String outsideAsyncMessage(TreePath member) {
    if (member == null) {
      return Messages.awaitOutsideAsync("this code");
    }
    Element element = trees.getElement(member);
    Tree leaf = member.getLeaf();
    TypeElement owner = (TypeElement) trees.getElement(member.getParentPath());
    String ownerName = owner == null ? "this class" : owner.getSimpleName().toString();
    if (leaf.getKind() == Tree.Kind.METHOD && element instanceof ExecutableElement) {
      return element.getKind() == ElementKind.CONSTRUCTOR
          ? Messages.awaitInConstructor(ownerName)
          : Messages.awaitOutsideAsync(Messages.methodContext((ExecutableElement) element));
    }
    if (leaf.getKind() == Tree.Kind.VARIABLE && element != null) {
      return Messages.awaitInFieldInitializer(element.getSimpleName().toString());
    }
    return Messages.awaitInInitializerBlock(ownerName);
  }
}
