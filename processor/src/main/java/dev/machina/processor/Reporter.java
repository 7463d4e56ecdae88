package dev.machina.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place diagnostics are reported: attaches each message to the narrowest tree so javac
 * prints the right line, and remembers whether anything was an error.
 */
public final class Reporter {
  private final Trees trees;
  private final Messager messager;
  private boolean errors;

  /** A reporter printing through {@code env}'s trees and, for elements without source, its messager. */
  public Reporter(ProcessingEnvironment env) {
    this(Trees.instance(env), env.getMessager());
  }

  public Reporter(Trees trees, Messager messager) {
    this.trees = trees;
    this.messager = messager;
  }

  /**
   * A reporter without a messager: an element without source is then reported through
   * {@link System#err}. Prefer {@link #Reporter(ProcessingEnvironment)}.
   */
  public Reporter(Trees trees) {
    this(trees, null);
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

  /** Reports a warning on {@code path}'s leaf. */
  public void warning(TreePath path, String message) {
    warning(path.getCompilationUnit(), path.getLeaf(), message);
  }

  /** Reports an error on {@code element} (its declaration line). */
  public void error(Element element, String message) {
    errors = true;
    TreePath path = element == null ? null : trees.getPath(element);
    if (path != null) {
      trees.printMessage(Diagnostic.Kind.ERROR, message, path.getLeaf(), path.getCompilationUnit());
    } else if (messager != null) {
      // An element without source (from a class file): the messager names it without a line.
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    } else {
      System.err.println("error: " + message + (element == null ? "" : " [" + element + "]"));
    }
  }

  /** Whether any error was reported so far. */
  public boolean hadErrors() {
    return errors;
  }
}
