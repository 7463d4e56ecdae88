package dev.machina.processor.check;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Code that javac fails on when it attributes a class a second time, after the processor has:
 * variables whose inferred type it cannot resolve again, and (javac after 17) type annotations in
 * field initializers. Each is an error on its own line that says what to write.
 *
 * <p>The processor attributes every class with {@code @Async} methods (to lower them) and classes
 * whose calls the checks resolve; javac attributes a class's superclass and enclosing class first.
 * After processing, javac attributes all of them again, and then:
 *
 * <ul>
 *   <li>it resolves by name the types it wrote into the tree for {@code var} and for implicitly
 *       typed lambda parameters the first time: an anonymous class's ({@code var o = new Object()
 *       {..}}: "cannot find symbol: class p.Outer$1", without a line) and a wildcard's capture
 *       ({@code l.forEach(n -> ..)} over a {@code List<? extends Number>}: "cannot find symbol:
 *       class <captured wildcard>") resolve to nothing ({@code var} of a capture is safe: javac
 *       writes the capture's bound there);
 *   <li>javac 25 (not 17) crashes with an {@code AssertionError} in {@code Annotate} on a type
 *       annotation inside a field's initializer ({@code static final Object A = new
 *       ArrayList<@Nullable Object>();}), though not inside an initializer block.
 * </ul>
 *
 * <p>No public API undoes either, so the processor reports them instead of letting javac fail on
 * code that compiles without it.
 */
public final class ReattributionRule {
  /**
   * Whether the javac running the processor is one found to crash on type annotations in field
   * initializers of a class attributed twice: 25 does, 17 does not; those between were not tried
   * and are treated as 25, a clear error being better than a crash of the compiler.
   */
  private static final boolean TYPE_ANNOTATIONS_CRASH_IN_FIELD_INITIALIZERS =
      Runtime.version().feature() > 17;

  private final Trees trees;
  /** Per top-level class, the top-level classes javac attributes with it ({@link #attributedWith}). */
  private final Map<Tree, List<TreePath>> closures = new IdentityHashMap<>();
  /** Top-level classes scanned, and whether each had such a variable. */
  private final Map<ClassTree, Boolean> checked = new IdentityHashMap<>();
  /** Top-level classes with such a variable, or attributed with one that has: not to be attributed again. */
  private final Set<ClassTree> refused = Collections.newSetFromMap(new IdentityHashMap<>());

  public ReattributionRule(Trees trees) {
    this.trees = trees;
  }

  /**
   * Reports each such variable of the classes javac attributes with the top-level class around
   * {@code path} (each class once); returns whether any has one.
   */
  public boolean check(TreePath path, Reporter reporter) {
    TreePath top = topLevelClass(path);
    if (top == null) {
      return false;
    }
    boolean found = false;
    // Checked once per call site the checks resolve: the closure is computed once per class.
    for (TreePath t : closures.computeIfAbsent(top.getLeaf(), k -> attributedWith(top))) {
      found |= checkTopLevel(t, reporter);
    }
    if (found) {
      refused.add((ClassTree) top.getLeaf());
    }
    return found;
  }

  /**
   * {@code top} and the top-level classes javac attributes along with it: attributing a class
   * attributes its superclass and its enclosing class first, and a class's body includes its
   * nested, local and anonymous classes, so the closure over the superclasses of every class
   * declared in them that are in the sources being compiled.
   */
  private List<TreePath> attributedWith(TreePath top) {
    List<TreePath> out = new ArrayList<>();
    Set<Tree> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<TreePath> work = new ArrayDeque<>(List.of(top));
    seen.add(top.getLeaf());
    while (!work.isEmpty()) {
      TreePath t = work.pop();
      out.add(t);
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          if (trees.getElement(getCurrentPath()) instanceof TypeElement te
              && te.getSuperclass() instanceof DeclaredType sup) {
            TreePath supPath = trees.getPath(sup.asElement());
            TreePath supTop = supPath == null ? null : topLevelClass(supPath);
            if (supTop != null && seen.add(supTop.getLeaf())) {
              work.add(supTop);
            }
          }
          return super.visitClass(tree, null);
        }
      }.scan(t, null);
    }
    return out;
  }

  private boolean checkTopLevel(TreePath top, Reporter reporter) {
    Boolean known = checked.get((ClassTree) top.getLeaf());
    if (known != null) {
      return known;
    }
    CompilationUnitTree unit = top.getCompilationUnit();
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (TYPE_ANNOTATIONS_CRASH_IN_FIELD_INITIALIZERS
            && getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
            && tree.getInitializer() != null) {
          AnnotatedTypeTree annotated = firstTypeAnnotation(tree.getInitializer());
          if (annotated != null) {
            found[0] = true;
            reporter.error(unit, annotated, typeAnnotationMessage(tree));
          }
        }
        Element e = trees.getElement(getCurrentPath());
        if (e != null && e.getKind() != ElementKind.FIELD) {
          String problem = null;
          if (mentionsAnonymous(e.asType(), 0)) {
            problem = anonymousMessage(tree);
          } else {
            // Only an inferred type can be a capture: an implicitly typed lambda parameter's
            // (var's type is the capture's bound).
            TypeVariable capture = capture(e.asType(), 0);
            TypeVariable foreign =
                capture == null && implicitLambdaParameter(getCurrentPath())
                    ? outOfScope(e.asType(), inScope(getCurrentPath()), 0)
                    : null;
            if (capture != null) {
              problem = captureMessage(tree, capture);
            } else if (foreign != null) {
              problem = outOfScopeMessage(tree, foreign);
            }
          }
          if (problem != null) {
            found[0] = true;
            reporter.error(unit, tree, problem);
          }
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (tree.getTypeArguments().isEmpty()
            && trees.getElement(getCurrentPath()) instanceof ExecutableElement m
            && !m.getTypeParameters().isEmpty()) {
          for (ExpressionTree a : tree.getArguments()) {
            ExpressionTree x = a;
            while (x instanceof ParenthesizedTree p) {
              x = p.getExpression();
            }
            if (x instanceof ConditionalExpressionTree c) {
              TreePath cp = TreePath.getPath(getCurrentPath(), c);
              TypeElement local = cp == null ? null : localMeetingOfGenericCalls(cp, c);
              if (local != null) {
                found[0] = true;
                reporter.error(unit, c, localConditionalMessage(local));
              }
            }
          }
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(top, null);
    checked.put((ClassTree) top.getLeaf(), found[0]);
    if (found[0]) {
      refused.add((ClassTree) top.getLeaf());
    }
    return found[0];
  }

  /** Whether {@code tree} is a top-level class found to have such a variable. */
  boolean refused(ClassTree tree) {
    return refused.contains(tree);
  }

  /**
   * Whether attributing the top-level class at {@code top} would attribute a refused one: itself,
   * or the top-level class of a superclass of it or of its member classes (transitively). Read
   * from the elements alone, which attributes nothing; local and anonymous classes are not
   * looked into.
   */
  boolean attributesRefused(TreePath top) {
    Set<Element> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Element> work = new ArrayDeque<>();
    work.add(trees.getElement(top));
    while (!work.isEmpty()) {
      Element e = work.pop();
      if (e == null || !seen.add(e)) {
        continue;
      }
      TreePath path = trees.getPath(e);
      TreePath owner = path == null ? null : topLevelClass(path);
      if (owner != null && refused.contains((ClassTree) owner.getLeaf())) {
        return true;
      }
      if (e instanceof TypeElement te) {
        if (te.getSuperclass() instanceof DeclaredType sup) {
          work.add(sup.asElement());
        }
        for (Element member : te.getEnclosedElements()) {
          if (member instanceof TypeElement) {
            work.add(member);
          }
        }
      }
    }
    return false;
  }

  private static String captureMessage(VariableTree tree, TypeVariable capture) {
    String name = tree.getName().toString();
    return "the type javac infers for the lambda parameter '"
        + name
        + "' is a capture of a wildcard ("
        + capture.toString().replaceFirst("^capture#\\d+ of ", "")
        + "), which javac cannot compile again once an annotation processor (Machina) has read"
        + " this class (it holds @Async methods, or is the superclass of one that does; javac then"
        + " reports \"cannot find symbol: class <captured wildcard>\"):"
        + " give the lambda's parameters their types where its target allows, as in '("
        + capture.getUpperBound()
        + " "
        + name
        + ") -> ..', or move this code into a class that neither holds @Async methods nor is a"
        + " superclass of one that does";
  }

  private static String outOfScopeMessage(VariableTree tree, TypeVariable v) {
    String name = tree.getName().toString();
    Element owner = v.asElement().getEnclosingElement();
    return "the type javac infers for the lambda parameter '"
        + name
        + "' is the type variable "
        + v
        + (owner == null || owner.getSimpleName().isEmpty() ? "" : " of " + owner.getSimpleName())
        + ", which does not stand in scope here (javac made it up for an inference variable"
        + " bounded by itself, as E of <E extends Enum<E>>) and which javac cannot compile again"
        + " once an annotation processor (Machina) has read this class (it holds @Async methods,"
        + " or is the superclass of one that does; javac then reports \"cannot find symbol: class "
        + v
        + "\"): give the call its type arguments or the lambda's parameters their types, or move"
        + " this code into a class that neither holds @Async methods nor is a superclass of one"
        + " that does";
  }

  /** Whether {@code path} is a lambda parameter without a type written. */
  private boolean implicitLambdaParameter(TreePath path) {
    if (!(path.getParentPath().getLeaf() instanceof LambdaExpressionTree)) {
      return false;
    }
    VariableTree v = (VariableTree) path.getLeaf();
    // javac 25 gives the type it infers a start and no end
    return v.getType() == null
        || trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), v.getType()) < 0
        || trees.getSourcePositions().getEndPosition(path.getCompilationUnit(), v.getType()) < 0;
  }

  /** The type parameters of the methods and classes around {@code path}. */
  private Set<Element> inScope(TreePath path) {
    Set<Element> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof ClassTree) {
        Element e = trees.getElement(p);
        if (e instanceof Parameterizable g) {
          out.addAll(g.getTypeParameters());
        }
      }
    }
    return out;
  }

  /**
   * A type variable in {@code t} (itself, an array's component, a type argument, a wildcard's or
   * intersection's bound) that is none of {@code scope}, or null.
   */
  static TypeVariable outOfScope(TypeMirror t, Set<Element> scope, int depth) {
    if (depth > 8 || t == null) {
      return null;
    }
    if (t instanceof TypeVariable v) {
      return scope.contains(v.asElement()) ? null : v;
    }
    if (t instanceof ArrayType a) {
      return outOfScope(a.getComponentType(), scope, depth + 1);
    }
    if (t instanceof WildcardType w) {
      TypeVariable c = outOfScope(w.getExtendsBound(), scope, depth + 1);
      return c != null ? c : outOfScope(w.getSuperBound(), scope, depth + 1);
    }
    List<? extends TypeMirror> parts =
        t instanceof DeclaredType d ? d.getTypeArguments()
            : t instanceof IntersectionType i ? i.getBounds()
            : List.of();
    for (TypeMirror part : parts) {
      TypeVariable c = outOfScope(part, scope, depth + 1);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** The first type annotation inside {@code tree}, or null. */
  private static AnnotatedTypeTree firstTypeAnnotation(Tree tree) {
    AnnotatedTypeTree[] first = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAnnotatedType(AnnotatedTypeTree t, Void unused) {
        if (first[0] == null) {
          first[0] = t;
        }
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree t, Void unused) {
        // An anonymous class is attributed as a class of its own: javac 25 compiles
        // new ArrayList<@Nullable Object>() {} in an initializer.
        return t.getClassBody() != null ? null : super.visitNewClass(t, null);
      }
    }.scan(tree, null);
    return first[0];
  }

  private static String typeAnnotationMessage(VariableTree tree) {
    return "javac "
        + Runtime.version().feature()
        + " crashes (an AssertionError in its Annotate phase) on a type annotation inside the"
        + " initializer of the field '"
        + tree.getName()
        + "' once an annotation processor (Machina) has read this class (it holds @Async"
        + " methods, or is the superclass of one that does); javac 17 does not: assign the field"
        + " in an initializer block (static { .. } or { .. }) instead, or move the expression"
        + " into a method";
  }

  /**
   * The local class in which the operands of the conditional at {@code p} meet, where both are
   * calls of generic methods (without type arguments) of different types and the conditional is
   * itself an argument of a generic call: javac's second attribution reuses the types the first
   * cached for such arguments, and looks the first attribution's local class up in the source
   * file ("cannot access Base: bad source file", "duplicate class"; javac 17 crashes; F184).
   * {@code null} otherwise.
   */
  private TypeElement localMeetingOfGenericCalls(TreePath p, ConditionalExpressionTree c) {
    if (!genericCall(new TreePath(p, c.getTrueExpression()))
        || !genericCall(new TreePath(p, c.getFalseExpression()))) {
      return null;
    }
    TypeMirror t = trees.getTypeMirror(p);
    TypeMirror a = trees.getTypeMirror(new TreePath(p, c.getTrueExpression()));
    TypeMirror b = trees.getTypeMirror(new TreePath(p, c.getFalseExpression()));
    if (!(t instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement te)
        || te.getNestingKind() != NestingKind.LOCAL || a == null || b == null
        || a.toString().equals(b.toString())) {
      return null;
    }
    return te;
  }

  private boolean genericCall(TreePath p) {
    return p.getLeaf() instanceof MethodInvocationTree mi
        && mi.getTypeArguments().isEmpty()
        && trees.getElement(p) instanceof ExecutableElement m
        && !m.getTypeParameters().isEmpty();
  }

  private static String localConditionalMessage(TypeElement local) {
    return "the operands of this conditional are generic calls that meet in the local class "
        + local.getSimpleName()
        + ", which javac cannot compile again as the argument of a generic call once an"
        + " annotation processor (Machina) has read this class (it holds @Async methods, or is the"
        + " superclass of one that does; javac then reports \"cannot access "
        + local.getSimpleName()
        + "\" and \"duplicate class\", or crashes): keep the conditional in a local variable of type "
        + local.getSimpleName()
        + " first";
  }

  private static String anonymousMessage(VariableTree tree) {
    String name = tree.getName().toString();
    return "the type javac infers for '"
        + name
        + "' is an anonymous class, which javac cannot compile again once an annotation"
        + " processor (Machina) has read this class (it holds @Async methods, or is the superclass"
        + " of one that does; javac then reports \"cannot find symbol\" for a class named like"
        + " Outer$1): declare '"
        + name
        + "' with a named type (the anonymous class's supertype, or a local class instead of"
        + " the anonymous one)";
  }

  private static TreePath topLevelClass(TreePath path) {
    TreePath top = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree
          && p.getParentPath() != null
          && p.getParentPath().getLeaf() instanceof CompilationUnitTree) {
        top = p;
      }
    }
    return top;
  }

  /**
   * The capture of a wildcard in {@code t} (itself, an array's component or a type argument), or
   * null. A capture is a type variable whose name javac made up, which is no identifier.
   */
  static TypeVariable capture(TypeMirror t, int depth) {
    if (depth > 8 || t == null) {
      return null;
    }
    if (t instanceof TypeVariable v) {
      return SourceVersion.isIdentifier(v.asElement().getSimpleName()) ? null : v;
    }
    if (t instanceof ArrayType a) {
      return capture(a.getComponentType(), depth + 1);
    }
    if (t instanceof WildcardType w) {
      TypeVariable c = capture(w.getExtendsBound(), depth + 1);
      return c != null ? c : capture(w.getSuperBound(), depth + 1);
    }
    List<? extends TypeMirror> parts =
        t instanceof DeclaredType d ? d.getTypeArguments()
            : t instanceof IntersectionType i ? i.getBounds()
            : List.of();
    for (TypeMirror part : parts) {
      TypeVariable c = capture(part, depth + 1);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  static boolean mentionsAnonymous(TypeMirror t, int depth) {
    if (depth > 8 || t == null) {
      return false;
    }
    if (t instanceof ArrayType a) {
      return mentionsAnonymous(a.getComponentType(), depth + 1);
    }
    if (t instanceof WildcardType w) {
      return mentionsAnonymous(w.getExtendsBound(), depth + 1)
          || mentionsAnonymous(w.getSuperBound(), depth + 1);
    }
    if (t instanceof IntersectionType i) {
      return i.getBounds().stream().anyMatch(b -> mentionsAnonymous(b, depth + 1));
    }
    if (t instanceof DeclaredType d) {
      if (d.asElement() instanceof TypeElement te
          && te.getNestingKind() == NestingKind.ANONYMOUS) {
        return true;
      }
      return d.getTypeArguments().stream().anyMatch(a -> mentionsAnonymous(a, depth + 1));
    }
    return false;
  }
}
