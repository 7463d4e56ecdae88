package dev.machina.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.function.Predicate;
import javax.lang.model.element.Element;

/**
 * Attributes the root classes again in the last round after an error, so that javac, which skips
 * its own attribution once processing reported an error, still reports every error of the code.
 *
 * <p>Resolving a body attributes its class in the processor; errors raised in an earlier round
 * then stopped javac before its attribution phase, and that round's "cannot find symbol" errors,
 * which javac drops from rounds that are not the last (a later round may generate the symbol),
 * were never reported: a type error in a class with {@code @Async} methods hid every unresolved
 * name of the compilation. javac shows all the last round's diagnostics, and reports each position
 * once, so attributing there reports what plain javac would.
 */
final class AttributeAfterErrors {
  private AttributeAfterErrors() {}

  /** Attributes each of {@code roots} (top-level classes) that {@code skip} does not refuse. */
  static void attribute(Trees trees, Iterable<? extends Element> roots, Predicate<TreePath> skip) {
    for (Element root : roots) {
      TreePath path = trees.getPath(root);
      if (path != null && path.getLeaf() instanceof ClassTree && !skip.test(path)) {
        TreePath inside = firstBodyPart(path);
        if (inside != null) {
          trees.getElement(inside); // a tree without a symbol: javac attributes the class
        }
      }
    }
  }

  /** A method body, field initializer or initializer block of the class or a nested one. */
  private static TreePath firstBodyPart(TreePath cls) {
    for (Tree member : ((ClassTree) cls.getLeaf()).getMembers()) {
      if (member instanceof MethodTree m && m.getBody() != null) {
        return new TreePath(new TreePath(cls, m), m.getBody());
      }
      if (member instanceof VariableTree v && v.getInitializer() != null) {
        return new TreePath(new TreePath(cls, v), v.getInitializer());
      }
      if (member instanceof BlockTree b) {
        return new TreePath(cls, b);
      }
    }
    for (Tree member : ((ClassTree) cls.getLeaf()).getMembers()) {
      if (member instanceof ClassTree nested) {
        TreePath found = firstBodyPart(new TreePath(cls, nested));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
