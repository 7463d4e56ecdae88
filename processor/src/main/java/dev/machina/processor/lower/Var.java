package dev.machina.processor.lower;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A variable of the lowered body: a parameter, a local declared where the body was flattened, a
 * catch parameter, or a temporary. The emitter makes it a field of the machine when its value
 * lives across a suspension ({@link Hoisting}), a local otherwise.
 */
public final class Var {
  /** What a variable stands for. */
  public enum Kind {
    PARAMETER,
    LOCAL,
    TEMPORARY,
    /** Assigned outside the state switch (catch parameters, finally bookkeeping). */
    BOOKKEEPING
  }

  private String name;
  private final TypeMirror type;
  private final Kind kind;
  private boolean field;
  private boolean carried;
  private boolean defaulted;
  private boolean binding;
  private boolean pinned;
  private List<TypeMirror> intersection;
  private TypeMirror inferred;
  private java.util.Map<TypeMirror, TypeMirror> captureBounds = java.util.Map.of();

  Var(String name, TypeMirror type, Kind kind) {
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.field = kind == Kind.PARAMETER || kind == Kind.BOOKKEEPING;
  }

  public String name() {
    return name;
  }

  /** The exact (denotable) type of the variable. */
  public TypeMirror type() {
    return type;
  }

  /**
   * The (denotable) bounds of the variable's type if javac typed it by an intersection ({@code
   * var x = c ? 1 : "s"}, {@code Object & Serializable & Comparable<..> & ..}), which no field
   * can be declared with: the field has the main bound ({@link #type()}) and reads cast it back
   * to {@code (B1 & B2 & ..)}, so every member of the intersection stays reachable. Else null.
   */
  public List<TypeMirror> intersection() {
    return intersection;
  }

  void intersection(List<TypeMirror> bounds) {
    intersection = List.copyOf(bounds);
  }

  /**
   * The type javac inferred if it has an intersection as a type argument ({@code var l =
   * List.of(new StringBuilder(), "s")}: {@code List<Serializable & Comparable<..> &
   * CharSequence>}); the field is then typed {@link #type()} (a wildcard of one bound) and reads
   * go through a generic helper whose type variables stand for the intersections. Else null.
   */
  public TypeMirror inferred() {
    return inferred;
  }

  void inferred(TypeMirror t) {
    inferred = t;
  }

  /**
   * For an {@link #inferred()} type with captures among its type arguments (a temporary of
   * {@code HashSet.empty()} whose type argument javac inferred from a later argument's wildcard,
   * F112): each capture, by identity, and its denotable upper bound ({@code null} for {@code
   * Object}). The generic reader declares a type variable of that bound for it, which javac
   * infers again from where the read stands.
   */
  public java.util.Map<TypeMirror, TypeMirror> captureBounds() {
    return captureBounds;
  }

  void captureBounds(java.util.Map<TypeMirror, TypeMirror> bounds) {
    captureBounds = bounds;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the variable is kept in a field of the machine. */
  public boolean isField() {
    return field;
  }

  void makeField() {
    field = true;
  }

  /**
   * Whether the variable is a local of {@code step} declared before its loop: named in several
   * blocks, but every read follows a store in the same call of {@code step} (a pattern binding a
   * dispatch stores for the case it jumps to, a local stored before an if whose branches read it
   * before any suspension), so that it need not be a field (see {@link Hoisting}).
   */
  public boolean isCarried() {
    return carried;
  }

  void carry() {
    carried = true;
  }

  /**
   * Whether the variable is a pattern binding that generated code stores ({@code (x = xMatch) ==
   * xMatch}): as a local it is declared with a default value, since javac cannot tell that a
   * read follows a store where the test was kept in a temporary, and it is not effectively final.
   */
  public boolean isStoredBinding() {
    return binding;
  }

  void storedBinding() {
    binding = true;
  }

  /**
   * Whether the variable, a local declared without a value, is first stored inside an expression
   * the lowering splits at an await ({@link BodyFacts#storedInSplitExpression}): as a local it is
   * declared with a default value, which javac needs, and it is not effectively final (F186).
   */
  public boolean isDefaulted() {
    return defaulted;
  }

  void defaulted() {
    defaulted = true;
  }

  /** Renames a local that would clash with a variable of a statement copied beside it. */
  void rename(String newName) {
    name = newName;
  }

  /** Keeps the variable in a field that is never cleared (a local class reads it). */
  void pin() {
    field = true;
    pinned = true;
  }

  /** Whether a local class declared in the body reads this field directly. */
  public boolean isPinned() {
    return pinned;
  }

  /** Whether the field holds a reference that should be cleared once dead. */
  public boolean isReference() {
    return !type.getKind().isPrimitive();
  }

  @Override
  public String toString() {
    return name;
  }
}
