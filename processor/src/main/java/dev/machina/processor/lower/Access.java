package dev.machina.processor.lower;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How a block touches a variable it names: reads the value it had on entry, or stores it first. */
enum Access {
  /** The block may read the value the variable had on entry. */
  READ,
  /**
   * The block stores the variable before reading it: the value on entry reaches only the blocks
   * it may jump to before that store ({@link #exitsBefore}) and its exception handlers.
   */
  STORE;

  /**
   * The access of each variable {@code b} names. A pattern binding ({@code bindingStores}: the
   * blocks storing each) is stored by its storing blocks and read by the others, since a block
   * storing it reads it only after (the store is its match). Another variable is stored by a block
   * whose first statement naming it is its declaration with a value or a plain assignment {@code v
   * = e;} where {@code e} does not read it; anything else naming it first reads it.
   */
  static Map<Var, Access> of(Block b, Map<Var, Set<Block>> bindingStores) {
    Map<Var, Access> out = new LinkedHashMap<>();
    for (Stmt s : b.stmts) {
      Set<Var> named = new LinkedHashSet<>();
      Hoisting.collect(s, named);
      Var stored = storedFirst(s);
      for (Var v : named) {
        Set<Block> stores = bindingStores.get(v);
        if (out.containsKey(v)) {
          continue;
        } else if (stores != null) {
          out.put(v, stores.contains(b) ? STORE : READ);
        } else if (v == stored) {
          out.put(v, STORE);
        } else if (!(s instanceof Stmt.Decl d && d.var() == v && d.init() == null)) {
          out.put(v, READ);
        }
      }
    }
    return out;
  }

  /**
   * The successors of {@code b}, which stores {@code v}, that it may jump to before the store: those
   * named by its statements before the first naming {@code v}, and those no statement names; all
   * of them if one of those statements sets the state from a variable (the end of a finally block).
   */
  static Set<Block> exitsBefore(Block b, Var v) {
    Set<Block> before = new LinkedHashSet<>();
    Set<Block> named = new LinkedHashSet<>();
    boolean storing = false;
    for (Stmt s : b.stmts) {
      Set<Var> vars = new LinkedHashSet<>();
      Hoisting.collect(s, vars);
      if (vars.contains(v) && !(s instanceof Stmt.Decl d && d.var() == v && d.init() == null)) {
        storing = true;
      }
      Set<Block> targets = targets(s);
      named.addAll(targets);
      if (!storing) {
        if (setsStateFromVariable(code(s))) {
          return b.successors;
        }
        before.addAll(targets);
      }
    }
    Set<Block> out = new LinkedHashSet<>(b.successors);
    out.removeAll(named);
    for (Block t : before) {
      if (b.successors.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The blocks {@code s} names: where it may jump. */
  private static Set<Block> targets(Stmt s) {
    Set<Block> out = new LinkedHashSet<>();
    if (s instanceof Stmt.Goto g) {
      out.add(g.target());
    } else if (s instanceof Stmt.Suspend suspend) {
      out.add(suspend.resume());
      suspend.future().addBlocksTo(out);
    } else if (code(s) != null) {
      code(s).addBlocksTo(out);
    }
    return out;
  }

  /** Whether {@code code} sets the state from a variable: {@code state = next;}. */
  private static boolean setsStateFromVariable(Code code) {
    if (code == null) {
      return false;
    }
    if (code.format().contains("state = $L")) {
      for (Object a : code.args()) {
        if (a instanceof Var) {
          return true;
        }
      }
    }
    for (Object a : code.args()) {
      if (a instanceof Code inner && setsStateFromVariable(inner)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The variable {@code s} stores before reading it: a declaration with a value that does not name
   * it, or a line starting with a plain assignment to it ({@code v = e; ..}) that names it nowhere
   * else (so {@code e} does not read it); else {@code null}.
   */
  private static Var storedFirst(Stmt s) {
    if (s instanceof Stmt.Decl d && d.init() != null) {
      return names(d.init(), d.var()) ? null : d.var();
    }
    if (s instanceof Stmt.Line line
        && line.code().format().matches("(?s)\\$L = [^=].*")
        && line.code().args().get(0) instanceof Var v) {
      List<Object> args = line.code().args();
      for (int i = 1; i < args.size(); i++) {
        if (names(args.get(i), v)) {
          return null;
        }
      }
      return v;
    }
    return null;
  }

  /** The code of {@code s} that runs before the block ends, if any. */
  private static Code code(Stmt s) {
    if (s instanceof Stmt.Line line) {
      return line.code();
    }
    if (s instanceof Stmt.Decl d) {
      return d.init();
    }
    return null;
  }

  /** Whether {@code arg} (a code argument) names {@code v}, captured too. */
  private static boolean names(Object arg, Var v) {
    if (arg == v) {
      return true;
    }
    if (arg instanceof Captured c) {
      return c.var() == v;
    }
    if (arg instanceof Code c) {
      for (Object a : c.args()) {
        if (names(a, v)) {
          return true;
        }
      }
    }
    return false;
  }
}
