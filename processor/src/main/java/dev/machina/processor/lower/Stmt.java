package dev.machina.processor.lower;

import javax.lang.model.type.PrimitiveType;

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
   * block) and clears fields that are dead from there on. When {@code callee} is not null the
   * future is a new machine of that class, which the block steps at once itself (a direct call
   * the JIT can inline) instead of leaving it to {@code Machine.awaited}.
   */
  record Suspend(Code future, Block resume, Callee callee) implements Stmt {
    Suspend(Code future, Block resume) {
      this(future, resume, null);
    }
  }

  /**
   * The machine an await of a call to an {@code @Async} method builds, when its class is known:
   * a method of the same generated file that no override can replace.
   *
   * @param machineClass the simple name of the machine class (nested in the generated class)
   * @param local the name of the local holding the new machine
   * @param value the primitive type the callee's step returns unboxed, or {@code null}
   * @param valueLocal the local of {@code step} receiving that unboxed value, or {@code null}
   */
  record Callee(String machineClass, String local, PrimitiveType value, String valueLocal) {}

  /** A comment line. */
  record Comment(String text) implements Stmt {}
}
