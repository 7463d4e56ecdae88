package dev.machina.processor.check;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.ExecutableElement;

/**
 * An {@code @Async} method under check: its element and, when it has source, the path to its
 * declaration.
 */
record AsyncMethod(ExecutableElement element, TreePath path) {
  /** The declaration tree, or null for a method without source. */
  MethodTree tree() {
    return path == null ? null : (MethodTree) path.getLeaf();
  }
}
