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
 * Decides which variables become fields (those referenced from more than one block, so alive
 * across a suspension) and which reference fields each suspension clears because no block
 * reachable from the resumption point reads them.
 */
final class Hoisting {
  private Hoisting() {}

  /**
   * Marks fields; returns the fields to clear at each suspension. A pattern binding ({@code
   * bindingStores}: the blocks storing each) read in other blocks than the one storing it is
   * carried in a local of {@code step} instead of a field unless it is live where a step begins
   * (a resumption point, or the start).
   */
  static Map<Stmt.Suspend, List<Var>> analyze(List<Block> blocks, Map<Var, Set<Block>> bindingStores) {
    Map<Block, Set<Var>> refs = new IdentityHashMap<>();
    Map<Var, Set<Block>> where = new HashMap<>();
    for (Block b : blocks) {
      Set<Var> r = new LinkedHashSet<>();
      for (Stmt s : b.stmts) {
        collect(s, r);
      }
      refs.put(b, r);
      for (Var v : r) {
        where.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(b);
      }
    }
    Map<Block, Set<Block>> edges = new IdentityHashMap<>();
    for (Block b : blocks) {
      Set<Block> e = new LinkedHashSet<>(b.successors);
      for (Region r = b.region(); r != null; r = r.parent()) {
        r.catches().forEach(c -> e.add(c.handler()));
        if (r.fin() != null) {
          e.add(r.fin().entry());
        }
      }
      edges.put(b, e);
    }
    List<Block> entries = entries(blocks);
    where.forEach(
        (v, bs) -> {
          if (bs.size() <= 1 || v.isField()) {
            return;
          }
          Set<Block> stores = bindingStores.get(v);
          if (stores != null && carriable(v) && !readAfterEntry(v, stores, entries, refs, edges)) {
            v.carry();
          } else {
            v.makeField();
          }
        });
    Map<Block, Set<Block>> reach = new IdentityHashMap<>();
    for (Block b : blocks) {
      reach.put(b, reachable(b, edges));
    }
    Map<Block, Set<Var>> live = new IdentityHashMap<>();
    for (Block b : blocks) {
      Set<Var> l = new LinkedHashSet<>();
      for (Block x : reach.get(b)) {
        l.addAll(refs.getOrDefault(x, Set.of()));
      }
      live.put(b, l);
    }
    // Forward: the reference fields that may hold a value on entry to each block.
    Map<Block, Set<Var>> held = new IdentityHashMap<>();
    blocks.forEach(b -> held.put(b, new LinkedHashSet<>()));
    Map<Stmt.Suspend, List<Var>> cleared = new IdentityHashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Block a : blocks) {
        Set<Var> now = new LinkedHashSet<>(held.get(a));
        for (Var v : refs.get(a)) {
          if (v.isField() && v.isReference() && !v.isPinned()) {
            now.add(v);
          }
        }
        Stmt last = a.stmts.isEmpty() ? null : a.stmts.get(a.stmts.size() - 1);
        if (last instanceof Stmt.Suspend suspend) {
          List<Var> dead = new ArrayList<>();
          for (Var v : now) {
            // A pattern binding is dead where every way to a read passes a block storing it.
            Set<Block> stores = bindingStores.get(v);
            if (stores != null
                ? !readAfterEntry(v, stores, List.of(suspend.resume()), refs, edges)
                : !live.get(suspend.resume()).contains(v)) {
              dead.add(v);
            }
          }
          cleared.put(suspend, dead);
          now.removeAll(dead);
        }
        for (Block next : edges.get(a)) {
          if (held.containsKey(next) && held.get(next).addAll(now)) {
            changed = true;
          }
        }
      }
    }
    return cleared;
  }

  /** Where a call of {@code step} may begin: the first block, resumption points, finally blocks. */
  private static List<Block> entries(List<Block> blocks) {
    List<Block> out = new ArrayList<>();
    if (!blocks.isEmpty()) {
      out.add(blocks.get(0));
    }
    for (Block b : blocks) {
      if (b.await() != null) {
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

  /**
   * Whether a block reading {@code v} can be reached from {@code entries} (where a call of {@code
   * step} may begin) without passing a block that stores it: then the value would have to
   * outlive a call of {@code step}.
   */
  private static boolean readAfterEntry(
      Var v,
      Set<Block> stores,
      List<Block> entries,
      Map<Block, Set<Var>> refs,
      Map<Block, Set<Block>> edges) {
    Set<Block> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Block> work = new ArrayDeque<>(entries);
    while (!work.isEmpty()) {
      Block b = work.poll();
      if (!seen.add(b) || stores.contains(b)) {
        continue;
      }
      if (refs.getOrDefault(b, Set.of()).contains(v)) {
        return true;
      }
      work.addAll(edges.getOrDefault(b, Set.of()));
    }
    return false;
  }

  /**
   * Whether {@code v} can be declared before the loop of {@code step} with its own type (not an
   * intersection, nor a local class, declared inside).
   */
  private static boolean carriable(Var v) {
    return v.intersection() == null && v.inferred() == null && !v.isPinned()
        && !LocalTypes.mentionsLocal(v.type());
  }

  private static Set<Block> reachable(Block from, Map<Block, Set<Block>> edges) {
    Set<Block> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Block> work = new ArrayDeque<>();
    work.add(from);
    while (!work.isEmpty()) {
      Block b = work.poll();
      if (seen.add(b)) {
        work.addAll(edges.getOrDefault(b, Set.of()));
      }
    }
    return seen;
  }

  private static void collect(Stmt s, Set<Var> out) {
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
