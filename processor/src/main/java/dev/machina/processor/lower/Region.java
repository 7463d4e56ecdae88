package dev.machina.processor.lower;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A try region whose body spans suspensions: the exception handlers of the blocks inside it, in
 * the order Java tries them (its catch clauses, then its finally, then the enclosing region).
 */
public final class Region {
  private final Region parent;
  private final List<Catch> catches = new ArrayList<>();
  private final Finally fin;

  Region(Region parent, Finally fin) {
    this.parent = parent;
    this.fin = fin;
  }

  public Region parent() {
    return parent;
  }

  public List<Catch> catches() {
    return catches;
  }

  /** The finally (or resource closing) run when the region completes, or {@code null}. */
  public Finally fin() {
    return fin;
  }

  /**
   * A catch clause: the exception types it tests, for each the handle of its class if it is a
   * private nested type (tested with {@code isInstance}; else null), the parameter it fills (null
   * if the handler never reads it), the handler block.
   */
  public record Catch(List<TypeMirror> types, List<Handle> privateClasses, Var parameter, Block handler) {}

  /**
   * A finally block entered with a pending completion: {@code next} holds the state to go to
   * afterwards, or {@link #RETHROW} to rethrow {@code thrown}. For try-with-resources, the block
   * closes {@code resource}.
   */
  public static final class Finally {
    /** The value of {@code next} that rethrows the pending exception. */
    public static final int RETHROW = -1;

    private final Block entry;
    private final Var next;
    private final Var thrown;
    private final Region outside;

    Finally(Block entry, Var next, Var thrown, Region outside) {
      this.entry = entry;
      this.next = next;
      this.thrown = thrown;
      this.outside = outside;
    }

    public Block entry() {
      return entry;
    }

    public Var next() {
      return next;
    }

    public Var thrown() {
      return thrown;
    }

    /** The region the finally block itself runs in. */
    public Region outside() {
      return outside;
    }
  }
}
