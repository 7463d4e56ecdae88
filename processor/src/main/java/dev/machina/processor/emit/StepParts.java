package dev.machina.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.machina.processor.lower.Block;
import dev.machina.processor.lower.Region;
import dev.machina.processor.lower.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The ranges of states a {@code step} too large for one method is split into, chosen from the
 * estimated bytes of each state's {@code case} and of the exception dispatch of the try regions
 * each part catches for ({@link StepSplit}).
 *
 * @param ranges the parts' ranges of states, in order, covering every state
 */
record StepParts(List<StepSplit.Range> ranges) {
  /**
   * A {@code case} label costs a part up to 8 bytes in its state switch and 8 in its exception
   * dispatch (a {@code lookupswitch} entry each), beyond the tokens of the label itself.
   */
  private static final int LABEL_BYTES = 16;

  /** The loop, switch, {@code default} and catch of a part without its states, in bytes. */
  private static final int PART_OVERHEAD = 256;

  /**
   * Splits {@code blocks}, whose {@code case} at index {@code i} as written when it ends a part is
   * {@code cases.apply(i)}; {@code dispatch} gives the exception dispatch of a try region.
   */
  static StepParts of(
      List<Block> blocks, IntFunction<CodeBlock> cases, Function<Region, CodeBlock> dispatch) {
    int[] sizes = new int[blocks.size()];
    List<Set<Region>> regions = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      Set<Region> caught = new LinkedHashSet<>();
      sizes[i] = BytecodeEstimate.bytes(cases.apply(i).toString()) + LABEL_BYTES;
      if (b.region() != null) {
        caught.add(b.region());
      }
      for (Block other : referencedStates(b)) {
        if (other.region() != null) {
          caught.add(other.region());
          sizes[i] += LABEL_BYTES;
        }
      }
      regions.add(caught);
    }
    Map<Region, Integer> costs = new HashMap<>();
    return new StepParts(
        StepSplit.ranges(
            sizes,
            regions,
            r -> costs.computeIfAbsent(
                r, k -> BytecodeEstimate.bytes(dispatch.apply(k).toString()) + LABEL_BYTES),
            PART_OVERHEAD));
  }

  /** The states {@code b}'s statements name: where they jump, suspend to or store as a target. */
  static Set<Block> referencedStates(Block b) {
    Set<Block> out = new LinkedHashSet<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Goto g) {
        out.add(g.target());
      } else if (s instanceof Stmt.Suspend suspend) {
        out.add(suspend.resume());
        suspend.future().addBlocksTo(out);
      } else if (s instanceof Stmt.Line line) {
        line.code().addBlocksTo(out);
      } else if (s instanceof Stmt.Decl decl && decl.init() != null) {
        decl.init().addBlocksTo(out);
      }
    }
    return out;
  }
}
