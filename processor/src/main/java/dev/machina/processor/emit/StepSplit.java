package dev.machina.processor.emit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Decides whether a machine's {@code step} fits one method and, if not, divides its states into
 * contiguous ranges of at most {@link #PART_BYTES} estimated bytes, one method each.
 *
 * <p>The JVM refuses a method of more than 65535 bytes of code (JVMS 4.7.3); javac reports "code
 * too large". {@link BytecodeEstimate} bounds the bytes of ordinary generated code at 3 a token;
 * a method is split only above {@link #SPLIT_ABOVE}, half the limit, and each part is filled to
 * {@link #PART_BYTES}, a third of it, so that a part stays under the limit even if its code is
 * twice as dense as anything measured (a part holding a copied {@code switch} on strings, say).
 * A single state larger than that gets a part of its own: it is one block of the user's code
 * without awaits, which the plain method had to fit too.
 */
final class StepSplit {
  /** A {@code step} estimated above this many bytes is split. */
  static final int SPLIT_ABOVE = 32_768;

  /** What each part is filled to, in estimated bytes. */
  static final int PART_BYTES = 21_845;

  /**
   * For tests only: the system properties {@code machina.split.above} and {@code
   * machina.split.partBytes} replace {@link #SPLIT_ABOVE} and {@link #PART_BYTES}, so that the
   * differential fuzzer's small machines can be split too ({@code 0} and {@code 1}: every state
   * a part). A machine with local classes is then split only where it must be.
   */
  private static final int splitAbove = Integer.getInteger("machina.split.above", SPLIT_ABOVE);

  private static final int partBytes = Integer.getInteger("machina.split.partBytes", PART_BYTES);

  private StepSplit() {}

  /** A range of states, {@code first} to {@code last} inclusive, as indexes of the blocks. */
  record Range(int first, int last) {}

  /**
   * Whether a step of {@code bytes} estimated bytes is split; one whose body declares local
   * classes, which parts cannot share, only when it must be.
   */
  static boolean needed(int bytes, boolean localClasses) {
    return bytes > (localClasses ? SPLIT_ABOVE : splitAbove);
  }

  /**
   * Consecutive ranges covering states {@code 0..sizes.length - 1}, each as large as fits
   * {@link #PART_BYTES}: {@code overhead} (the part's loop, switch and {@code default}), the
   * estimated bytes of its states, {@code sizes}, and once per part the bytes {@code sharedCost}
   * gives each key of {@code shared} of its states (the exception dispatch of a try region, which
   * a part writes once for all its states in that region).
   */
  static <K> List<Range> ranges(
      int[] sizes, List<? extends Collection<K>> shared, ToIntFunction<K> sharedCost, int overhead) {
    List<Range> out = new ArrayList<>();
    Set<K> seen = new HashSet<>();
    int first = 0;
    int bytes = overhead;
    for (int i = 0; i < sizes.length; i++) {
      int cost = sizes[i];
      Set<K> added = new HashSet<>();
      for (K k : shared.get(i)) {
        if (!seen.contains(k) && added.add(k)) {
          cost += sharedCost.applyAsInt(k);
        }
      }
      if (i > first && bytes + cost > partBytes) {
        out.add(new Range(first, i - 1));
        first = i;
        bytes = overhead;
        seen.clear();
        cost = sizes[i];
        for (K k : shared.get(i)) {
          if (seen.add(k)) {
            cost += sharedCost.applyAsInt(k);
          }
        }
      } else {
        seen.addAll(added);
      }
      bytes += cost;
    }
    out.add(new Range(first, sizes.length - 1));
    return out;
  }
}
