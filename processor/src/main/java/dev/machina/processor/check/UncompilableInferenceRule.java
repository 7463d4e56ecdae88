package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Variables whose inferred type javac cannot compile a second time, in a class the processor
 * attributed: a type naming an anonymous class ({@code var o = new Object() {..};},
 * {@code Stream.of(new Object() {..}).forEach(x -> ..)}), and an implicitly typed lambda parameter
 * whose type is the capture of a wildcard ({@code List<? extends Number> l; l.forEach(n -> ..)}).
 *
 * <p>javac (17 to 25 at least) writes the type it infers for {@code var} and for an implicitly
 * typed lambda parameter back into the tree, as a type name. When an annotation processor has
 * attributed the class (every class with {@code @Async} methods, and classes whose calls the
 * checks resolve), javac attributes it again after processing and resolves that name: an
 * anonymous class's ({@code p.Outer$1}) and a capture's ({@code <captured wildcard>}) cannot be
 * resolved, and it fails with {@code cannot find symbol}, without a line or on a line that shows
 * nothing wrong, on code that compiles without the processor. ({@code var} of a capture is
 * safe: javac writes the capture's bound there.) No public API undoes it, so each such variable
 * is an error on its own line that says what to write.
 */
public final class UncompilableInferenceRule {
  private final Trees trees;
  private final Set<ClassTree> checked = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Top-level classes with such a variable: not to be attributed again. */
  private final Set<ClassTree> refused = Collections.newSetFromMap(new IdentityHashMap<>());

  public UncompilableInferenceRule(Trees trees) {
    this.trees = trees;
  }

  /**
   * Reports each such variable of the top-level class around {@code path} (once per class);
   * returns whether there was one.
   */
  public boolean check(TreePath path, Reporter reporter) {
    TreePath top = topLevelClass(path);
    if (top == null || !checked.add((ClassTree) top.getLeaf())) {
      return false;
    }
    CompilationUnitTree unit = top.getCompilationUnit();
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        if (e != null && e.getKind() != ElementKind.FIELD) {
          String problem = null;
          if (mentionsAnonymous(e.asType(), 0)) {
            problem = anonymousMessage(tree);
          } else {
            // Only an inferred type can be a capture: an implicitly typed lambda parameter's
            // (var's type is the capture's bound).
            TypeVariable capture = capture(e.asType(), 0);
            if (capture != null) {
              problem = captureMessage(tree, capture);
            }
          }
          if (problem != null) {
            found[0] = true;
            reporter.error(unit, tree, problem);
          }
        }
        return super.visitVariable(tree, null);
      }
    }.scan(top, null);
    if (found[0]) {
      refused.add((ClassTree) top.getLeaf());
    }
    return found[0];
  }

  /** Whether {@code tree} is a top-level class found to have such a variable. */
  boolean refused(ClassTree tree) {
    return refused.contains(tree);
  }

  private static String captureMessage(VariableTree tree, TypeVariable capture) {
    String name = tree.getName().toString();
    return "the type javac infers for the lambda parameter '"
        + name
        + "' is a capture of a wildcard ("
        + capture.toString().replaceFirst("^capture#\\d+ of ", "")
        + "), which javac cannot compile again once an annotation processor (Machina) has read"
        + " this class (it then reports \"cannot find symbol: class <captured wildcard>\"):"
        + " give the lambda's parameters their types where its target allows, as in '("
        + capture.getUpperBound()
        + " "
        + name
        + ") -> ..', or move this code out of the class that holds @Async methods";
  }

  private static String anonymousMessage(VariableTree tree) {
    String name = tree.getName().toString();
    return "the type javac infers for '"
        + name
        + "' is an anonymous class, which javac cannot compile again once an annotation"
        + " processor (Machina) has read this class (it then reports \"cannot find symbol\" for"
        + " a class named like Outer$1): declare '"
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
    if (t instanceof DeclaredType d) {
      for (TypeMirror arg : d.getTypeArguments()) {
        TypeVariable c = capture(arg, depth + 1);
        if (c != null) {
          return c;
        }
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
