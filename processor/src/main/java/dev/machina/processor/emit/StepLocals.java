package dev.machina.processor.emit;

import com.palantir.javapoet.TypeName;
import dev.machina.processor.lower.Block;
import dev.machina.processor.lower.MachineModel;
import dev.machina.processor.lower.Stmt;
import dev.machina.processor.lower.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variables a machine's {@code step} declares before its loop, which every state may read:
 * the awaited value {@code r}, the unboxed values of direct steps, and the variables (locals,
 * temporaries, pattern bindings) the model carries from one block to the next without a suspension
 * between ({@link Var#isCarried()}).
 */
final class StepLocals {
  private final boolean awaits;
  private final Map<Block, Stmt.Callee> direct = new HashMap<>();
  private final Map<String, TypeName> unboxed = new TreeMap<>();
  private final List<Var> carried = new ArrayList<>();

  StepLocals(MachineModel model) {
    awaits = model.blocks().stream().anyMatch(b -> b.await() != null);
    for (Block b : model.blocks()) {
      for (Stmt s : b.stmts()) {
        if (s instanceof Stmt.Suspend suspend && suspend.callee() != null) {
          Stmt.Callee c = suspend.callee();
          direct.put(suspend.resume(), c);
          if (c.value() != null) {
            unboxed.put(c.valueLocal(), TypeName.get(c.value()));
          }
        }
      }
    }
    for (Var v : model.vars()) {
      if (v.isCarried()) {
        carried.add(v);
      }
    }
  }

  /** Whether any state resumes an await, so that {@code step} needs {@code r}. */
  boolean awaits() {
    return awaits;
  }

  /** The resume points of awaits whose new machine the block before steps itself. */
  Map<Block, Stmt.Callee> direct() {
    return direct;
  }

  /** Whether a direct step returns its value boxed into {@code r}. */
  boolean boxedDirect() {
    return direct.values().stream().anyMatch(c -> c.value() == null);
  }

  /** The locals receiving unboxed values of direct steps, by name, with their types. */
  Map<String, TypeName> unboxed() {
    return unboxed;
  }

  /** The variables the model keeps as locals of {@code step} declared before its loop. */
  List<Var> carried() {
    return carried;
  }
}
