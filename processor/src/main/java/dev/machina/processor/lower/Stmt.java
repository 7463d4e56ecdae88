package dev.machina.processor.lower;

/** A statement of a block; the emitter prints each kind. */
public sealed interface Stmt {
  /** A statement printed as is (with its trailing semicolon or braces). */
  record Line(Code code) implements Stmt {}

  /** A local declaration: {@code T v = init;} for a local, {@code v = init;} for a field. */
  record Decl(Var var, Code init) implements Stmt {}

  /** The end of a block: go on with {@code target} (falls through when it comes next). */
  record Goto(Block target) implements Stmt {}

  /**
   * The end of a block at an await: stores the future, sets the state to {@code resume} (the next
   * block) and clears fields that are dead from there on.
   */
  record Suspend(Code future, Block resume) implements Stmt {}

  /** A comment line. */
  record Comment(String text) implements Stmt {}
}
