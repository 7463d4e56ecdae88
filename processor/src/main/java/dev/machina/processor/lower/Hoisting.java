package dev.machina.processor.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which variables become fields (those whose value may be read after a call of {@code
 * step} begins, so alive across a suspension), which are locals of {@code step}, and which
 * reference fields each suspension clears because every way from it to a read passes a store.
 */
final class Hoisting {
  private Hoisting() {}

  /**
   * Marks fields and locals of {@code step}; returns the fields to clear at each suspension. A
   * variable named in one block only is a local of that block. One named in several is a field
   * only if its value may be read after a call of {@code step} begins (the start, a resumption
   * point, a finally block, a loop head the budget's yield resumes): that is, if a block reading it
   * can be reached from there without passing a block that stores it ({@link Liveness}).
   * Otherwise every read follows a store in the same call, and it is a local of {@code step}
   * declared before its loop. {@code bindingStores}: the blocks storing each pattern binding.
   */
  static Map<Stmt.Suspend, List<Var>> analyze(List<Block> blocks, Map<Var, Set<Block>> bindingStores) {
    Liveness liveness = new Liveness(blocks, bindingStores);
    Map<Var, Integer> namedIn = new HashMap<>();
    for (Block b : blocks) {
      Set<Var> r = new LinkedHashSet<>();
      for (Stmt s : b.stmts) {
        collect(s, r);
      }
      r.forEach(v -> namedIn.merge(v, 1, Integer::sum));
    }
    List<Block> entries = entries(blocks);
    namedIn.forEach(
        (v, count) -> {
          if (count <= 1 || v.isField()) {
            return;
          }
          if (carriable(v) && entries.stream().noneMatch(e -> liveness.liveAt(v, e))) {
            v.carry();
          } else {
            v.makeField();
          }
        });
    // Forward: the reference fields that may hold a value on entry to each block.
    Map<Block, Set<Var>> held = new IdentityHashMap<>();
    blocks.forEach(b -> held.put(b, new LinkedHashSet<>()));
    Map<Stmt.Suspend, List<Var>> cleared = new IdentityHashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Block a : blocks) {
        Set<Var> now = new LinkedHashSet<>(held.get(a));
        for (Var v : liveness.accesses(a).keySet()) {
          if (v.isField() && v.isReference() && !v.isPinned()) {
            now.add(v);
          }
        }
        Stmt last = a.stmts.isEmpty() ? null : a.stmts.get(a.stmts.size() - 1);
        if (last instanceof Stmt.Suspend suspend) {
          List<Var> dead = new ArrayList<>();
          for (Var v : now) {
            if (!liveness.liveAt(v, suspend.resume())) {
              dead.add(v);
            }
          }
          cleared.put(suspend, dead);
          now.removeAll(dead);
        }
        Set<Block> next = new LinkedHashSet<>(a.successors);
        next.addAll(Liveness.handlers(a));
        for (Block n : next) {
          if (held.containsKey(n) && held.get(n).addAll(now)) {
            changed = true;
          }
        }
      }
    }
    return cleared;
  }

  /**
   * Where a call of {@code step} may begin: the first block, resumption points, finally blocks,
   * and blocks that jump to themselves (a loop head, where the budget's yield resumes).
   */
  private static List<Block> entries(List<Block> blocks) {
    List<Block> out = new ArrayList<>();
    if (!blocks.isEmpty()) {
      out.add(blocks.get(0));
    }
    for (Block b : blocks) {
      if (b.await() != null || b.successors.contains(b) || namesItself(b)) {
        out.add(b);
      }
      for (Region r = b.region(); r != null; r = r.parent()) {
        if (r.fin() != null) {
          out.add(r.fin().entry());
        }
      }
      for (Stmt s : b.stmts) {
        if (s instanceof Stmt.Suspend suspend) {
          out.add(suspend.resume());
        }
      }
    }
    return out;
  }

  private static boolean namesItself(Block b) {
    for (Stmt s : b.stmts) {
      if (s instanceof Stmt.Line line && names(line.code(), b)) {
        return true;
      }
    }
    return false;
  }

  private static boolean names(Code code, Block b) {
    for (Object a : code.args()) {
      if (a == b || (a instanceof Code inner && names(inner, b))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code v} can be declared before the loop of {@code step} with its own type (not an
   * intersection, nor a local class, declared inside, nor an anonymous class, which has no name).
   */
  private static boolean carriable(Var v) {
    return v.intersection() == null && v.inferred() == null && !v.isPinned()
        && !LocalTypes.mentionsLocal(v.type())
        && !(v.type() instanceof javax.lang.model.type.DeclaredType d
            && ((javax.lang.model.element.TypeElement) d.asElement()).getNestingKind()
                == javax.lang.model.element.NestingKind.ANONYMOUS);
  }

  /** Adds the variables {@code s} names to {@code out}. */
  static void collect(Stmt s, Set<Var> out) {
    if (s instanceof Stmt.Line line) {
      collect(line.code(), out);
    } else if (s instanceof Stmt.Decl decl) {
      out.add(decl.var());
      if (decl.init() != null) {
        collect(decl.init(), out);
      }
    } else if (s instanceof Stmt.Suspend suspend) {
      collect(suspend.future(), out);
    }
  }

  static void collect(Code code, Set<Var> out) {
    for (Object a : code.args()) {
      if (a instanceof Var v) {
        out.add(v);
      } else if (a instanceof Captured c) {
        out.add(c.var());
      } else if (a instanceof Code inner) {
        collect(inner, out);
      }
    }
  }
}
