package dev.machina.processor.lower;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The point just inside the opening brace of a local class hoisted to the top of {@code step},
 * where the emitter declares one final field per captured local, initialised from the machine's
 * field when an instance is created: each instance keeps the values of its creation, as Java's
 * captured variables do, even when the declaration runs again in a later loop iteration.
 */
public final class Snapshot {
  private final Set<Var> vars = new LinkedHashSet<>();
  private final boolean guarded;

  Snapshot(boolean guarded) {
    this.guarded = guarded;
  }

  /**
   * Whether the class extends another class, whose constructor may call an overridden method
   * before the copies are initialised: its reads then fall back to the machine's fields (which
   * hold the values being captured while the instance is being created).
   */
  public boolean guarded() {
    return guarded;
  }

  /** A read of the captured {@code var} inside the class body. */
  public record Read(Snapshot snapshot, Var var) {}

  void add(Var v) {
    vars.add(v);
  }

  /** The captured variables, in order of first use in the class body. */
  public List<Var> vars() {
    return new ArrayList<>(vars);
  }
}
