package dev.machina.processor;

import com.sun.source.tree.Tree;

/**
 * Thrown by the pipeline when an {@code @Async} body uses something the processor cannot compile;
 * the entry point reports {@link #getMessage()} as an error on {@link #tree()} and goes on with the
 * other methods.
 */
public final class UnsupportedCode extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Tree tree;

  public UnsupportedCode(Tree tree, String message) {
    super(message, null, false, false);
    this.tree = tree;
  }

  /** The narrowest tree the message is about, or {@code null} for the whole method. */
  public Tree tree() {
    return tree;
  }
}
