package dev.machina.processor.lower;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each variable, the blocks on entry to which its value may still be read: a block reading it
 * first, or one from which a jump before its store (or an exception, which may leave a block
 * anywhere) leads to such a block without passing a store.
 */
final class Liveness {
  private final Map<Block, Map<Var, Access>> accesses = new IdentityHashMap<>();
  private final Map<Block, Set<Block>> jumpsFrom = new IdentityHashMap<>();
  private final Map<Block, Set<Block>> raisesFrom = new IdentityHashMap<>();
  private final Map<Var, Set<Block>> live = new HashMap<>();
  private final List<Block> blocks;

  /** {@code bindingStores}: the blocks storing each pattern binding (see {@link Access#of}). */
  Liveness(List<Block> blocks, Map<Var, Set<Block>> bindingStores) {
    this.blocks = blocks;
    for (Block b : blocks) {
      accesses.put(b, Access.of(b, bindingStores));
      for (Block next : b.successors) {
        jumpsFrom.computeIfAbsent(next, k -> new LinkedHashSet<>()).add(b);
      }
      for (Block handler : handlers(b)) {
        raisesFrom.computeIfAbsent(handler, k -> new LinkedHashSet<>()).add(b);
      }
    }
  }

  /** The catch and finally blocks an exception thrown anywhere in {@code b} may go to. */
  static Set<Block> handlers(Block b) {
    Set<Block> out = new LinkedHashSet<>();
    for (Region r = b.region(); r != null; r = r.parent()) {
      r.catches().forEach(c -> out.add(c.handler()));
      if (r.fin() != null) {
        out.add(r.fin().entry());
      }
    }
    return out;
  }

  /** How {@code b} touches the variables it names. */
  Map<Var, Access> accesses(Block b) {
    return accesses.getOrDefault(b, Map.of());
  }

  /** Whether the value {@code v} holds on entry to {@code b} may be read later. */
  boolean liveAt(Var v, Block b) {
    return live.computeIfAbsent(v, this::liveBlocks).contains(b);
  }

  private Set<Block> liveBlocks(Var v) {
    Set<Block> out = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Block> work = new ArrayDeque<>();
    for (Block b : blocks) {
      if (accesses(b).get(v) == Access.READ && out.add(b)) {
        work.add(b);
      }
    }
    while (!work.isEmpty()) {
      Block b = work.poll();
      for (Block from : jumpsFrom.getOrDefault(b, Set.of())) {
        if ((accesses(from).get(v) != Access.STORE || Access.exitsBefore(from, v).contains(b))
            && out.add(from)) {
          work.add(from);
        }
      }
      for (Block from : raisesFrom.getOrDefault(b, Set.of())) {
        if (out.add(from)) {
          work.add(from);
        }
      }
    }
    return out;
  }
}
