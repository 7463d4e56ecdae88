package dev.machina.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place diagnostics are reported: attaches each message to the narrowest tree so javac
 * prints the right line, and remembers whether anything was an error.
 */
public final class Reporter {
  private final Trees trees;
  private boolean errors;

  public Reporter(Trees trees) {
    this.trees = trees;
  }

  /** Reports an error on {@code tree} inside {@code unit}. */
  public void error(CompilationUnitTree unit, Tree tree, String message) {
    errors = true;
    trees.printMessage(Diagnostic.Kind.ERROR, message, tree, unit);
  }

  /** Reports a warning on {@code tree} inside {@code unit}. */
  public void warning(CompilationUnitTree unit, Tree tree, String message) {
    trees.printMessage(Diagnostic.Kind.WARNING, message, tree, unit);
  }

  /** Reports an error on {@code path}'s leaf. */
  public void error(TreePath path, String message) {
    error(path.getCompilationUnit(), path.getLeaf(), message);
  }

  /** Reports an error on {@code element} (its declaration line). */
  public void error(Element element, String message) {
    errors = true;
    TreePath path = trees.getPath(element);
    if (path != null) {
      trees.printMessage(Diagnostic.Kind.ERROR, message, path.getLeaf(), path.getCompilationUnit());
    } else {
      // Element without source (should not happen for @Async methods): report without a line.
      trees.printMessage(Diagnostic.Kind.ERROR, message + " [" + element + "]", null, null);
    }
  }

  /** Whether any error was reported so far. */
  public boolean hadErrors() {
    return errors;
  }
}
