package dev.machina.internal.time;

import java.util.function.Consumer;

/**
 * A hierarchical timing wheel holding {@link Timer}s by deadline: 6 levels with a resolution of
 * one tick (the {@link TimerService}'s, 2^18 ns; the wheel counts in ticks from an origin), after
 * tokio's {@code runtime/time/wheel}, except that each level holds two blocks and the next block
 * is filled ahead of time, a little at every advance, instead of all at once.
 *
 * <p>Level {@code l} has slots {@code 64^l} ticks wide; a <em>block</em> of level {@code l} is 64
 * of its slots ({@code 64^(l+1)} ticks, aligned). A timer lives at the lowest level whose current
 * block (the one holding the wheel's time {@code elapsed}) or next block contains its deadline,
 * in the slot {@code (deadline >> 6l) & 127} of that level's ring of 128 slots (the two blocks
 * never share an index). Level 0 therefore holds the timers due within the current block of 64
 * ticks (16.8 ms) and the next, level 1 those within the current block of 4096 ticks (1.07 s)
 * and the next, and so on up to level 5 (deadlines beyond 2^36 ticks, about 0.57 years, are
 * clamped to that horizon and re-examined when they come around). A level-0 slot fires when time
 * reaches it. A slot of level {@code l > 0} holds the timers of one block of level {@code l - 1};
 * whatever it still holds when time reaches its start is re-inserted then (and so cascades to
 * finer levels).
 *
 * <p>Why the next block. In tokio's layout a level-1 slot is re-inserted in one go when time
 * reaches it: with 1 ms ticks and a million timers due within a second that was 64 ms worth of
 * timers (about 64 000) re-linked in one advance, which took 8-17 ms under the shard lock, every
 * 64 ms, while every timer due meanwhile waited. Here, while time is in a block of level
 * {@code l}, the slot of level {@code l + 1} that holds the next block is emptied into level
 * {@code l} gradually: each {@link #advance} moves the share of it that the time advanced bears
 * to the time left until that slot is due ({@link #migrate}), so re-linking costs about the same
 * in every tick. A timer is still re-linked at most once per level.
 *
 * <p>Each level keeps a 128-bit mask of occupied slots and a count per slot, so finding the next
 * deadline costs a few bit operations per level. Insertion and removal are O(1) (each slot is an
 * intrusive doubly linked list), so a cancelled timer is unlinked at once. Not thread-safe: a
 * {@link TimerShard} guards each wheel with its lock. The wheel's time {@link #elapsed()} moves
 * only in {@link #advance}; while the driver sleeps it lags the clock, which is harmless: a timer
 * is placed relative to {@code elapsed} and fires when the wheel is next advanced past its
 * deadline.
 *
 * <p>Invariants: every linked timer's deadline is after {@code elapsed}; no slot whose start is
 * at or before {@code elapsed} is occupied after an advance (advance stops at each such start in
 * time order), so the ring of every level, read from {@code elapsed}'s slot onwards, is in time
 * order.
 */
public final class TimerWheel {
  static final int LEVELS = 6;
  /** A position no slot has ({@code LEVELS << 7}): what a timer records while it waits to be linked. */
  static final int UNLINKED_YET = 6 << 7;
  private static final int BITS = 6;
  /** Slots per level: two blocks of 64. */
  private static final int RING = 2 << BITS;
  private static final int RING_MASK = RING - 1;
  private static final int RING_BITS = BITS + 1;
  /** The farthest deadline the wheel represents exactly, relative to {@code elapsed}. */
  static final long MAX_DURATION = (1L << (BITS * LEVELS)) - 1;

  /** The {@link System#nanoTime()} value of tick 0. */
  private final long originNanos;
  /** log2 of the tick in nanoseconds. */
  private final int tickShift;
  /**
   * The slots' list heads and sizes, indexed by position ({@code level << 7 | slot}, what
   * {@link Timer#slot()} records): one flat array each, so reaching a slot is one load.
   */
  private final Timer[] heads = new Timer[LEVELS * RING];
  private final int[] counts = new int[LEVELS * RING];
  /**
   * Two words per level: bit {@code i} of the 128 is set while slot {@code i} is occupied, so
   * position {@code at} is bit {@code at & 63} (Java's shift distance) of word {@code at >>> 6}.
   */
  private final long[] occupied = new long[LEVELS * 2];
  private long elapsed;
  private int size;

  /**
   * A wheel whose tick 0 is the {@link System#nanoTime()} value {@code originNanos} and whose tick
   * is {@code 2^tickShift} ns: a timer's deadline (nanoTime) is rounded up to a tick.
   */
  TimerWheel(long originNanos, int tickShift) {
    this.originNanos = originNanos;
    this.tickShift = tickShift;
  }

  /** A wheel counting in the deadlines' own unit (tick 0 at 0, one unit per tick; for tests). */
  TimerWheel() {
    this(0, 0);
  }

  /** The tick of {@code timer}'s deadline, rounded up (0 for a deadline before tick 0). */
  private long tickOf(Timer timer) {
    long d = timer.deadline - originNanos;
    return d <= 0 ? 0 : (d + (1L << tickShift) - 1) >>> tickShift;
  }

  /** The current time of the wheel in ticks; timers due at or before it have fired. */
  public long elapsed() {
    return elapsed;
  }

  /** How many timers are linked in the wheel. */
  public int size() {
    return size;
  }

  /** How many timers are linked at {@code level} (for tests). */
  int sizeAt(int level) {
    int n = 0;
    for (int slot = 0; slot < RING; slot++) {
      n += counts[level << RING_BITS | slot];
    }
    return n;
  }

  /** Whether {@link #insert} would refuse {@code timer}: its deadline is not after {@link #elapsed()}. */
  boolean isDue(Timer timer) {
    return tickOf(timer) <= elapsed;
  }

  /**
   * Links {@code timer} by its deadline; returns false (leaving it unlinked) if the deadline is
   * not after {@link #elapsed()}, in which case the caller fires it.
   */
  public boolean insert(Timer timer) {
    long when = tickOf(timer);
    if (when <= elapsed) {
      return false;
    }
    if (when - elapsed > MAX_DURATION) {
      when = elapsed + MAX_DURATION;
    }
    int level = levelFor(elapsed, when);
    int slot = (int) ((when >>> (level * BITS)) & RING_MASK);
    link(timer, level, slot);
    return true;
  }

  private void link(Timer timer, int level, int slot) {
    int at = level << RING_BITS | slot;
    Timer head = heads[at];
    timer.prev = null;
    timer.next = head;
    if (head != null) {
      head.prev = timer;
    }
    heads[at] = timer;
    counts[at]++;
    occupied[at >>> BITS] |= 1L << at;
    timer.setSlot(at);
    size++;
  }

  /** Unlinks {@code timer} if it is linked in this wheel; O(1). Returns whether it was linked. */
  public boolean remove(Timer timer) {
    int at = timer.slot();
    if (at < 0) {
      return false;
    }
    if (timer.prev != null) {
      timer.prev.next = timer.next;
    } else {
      heads[at] = timer.next;
      if (timer.next == null) {
        occupied[at >>> BITS] &= ~(1L << at);
      }
    }
    if (timer.next != null) {
      timer.next.prev = timer.prev;
    }
    timer.prev = null;
    timer.next = null;
    timer.setSlot(-1);
    counts[at]--;
    size--;
    return true;
  }

  /**
   * The time at which the wheel next has work (a slot to fire or re-insert), or
   * {@link Long#MAX_VALUE} if it is empty.
   */
  public long nextDeadline() {
    if (size == 0) {
      return Long.MAX_VALUE;
    }
    long best = Long.MAX_VALUE;
    for (int level = 0; level < LEVELS; level++) {
      int shift = level * BITS;
      int now = (int) ((elapsed >>> shift) & RING_MASK);
      int slot = firstOccupied(occupied[level * 2], occupied[level * 2 + 1], now);
      if (slot < 0) {
        continue;
      }
      int ahead = (slot - now) & RING_MASK;
      long due;
      if (ahead == 0) {
        due = elapsed; // the slot holding the current time: due now
      } else {
        due = ((elapsed >>> shift) + ahead) << shift;
      }
      if (due < best) {
        best = due;
      }
    }
    return best;
  }

  /**
   * The first set bit of the 128-bit mask {@code hi:lo} at or after {@code from}, wrapping; -1 if
   * none.
   */
  private static int firstOccupied(long lo, long hi, int from) {
    if (from < 64) {
      long m = lo & (-1L << from);
      if (m != 0) {
        return Long.numberOfTrailingZeros(m);
      }
      if (hi != 0) {
        return 64 + Long.numberOfTrailingZeros(hi);
      }
      return lo != 0 ? Long.numberOfTrailingZeros(lo) : -1;
    }
    long m = hi & (-1L << (from - 64));
    if (m != 0) {
      return 64 + Long.numberOfTrailingZeros(m);
    }
    if (lo != 0) {
      return Long.numberOfTrailingZeros(lo);
    }
    return hi != 0 ? 64 + Long.numberOfTrailingZeros(hi) : -1;
  }

  /**
   * Advances the wheel to {@code now}, firing (through {@code sink}) every timer whose deadline is
   * at or before it, in deadline order, then moves a share of each next block down a level (see
   * the class comment). Returns how many fired.
   */
  public int advance(long now, Consumer<Timer> sink) {
    long from = elapsed;
    int fired = 0;
    while (true) {
      long next = nextDeadline();
      if (next > now) {
        break;
      }
      if (next > elapsed) {
        elapsed = next;
      }
      fired += processSlotsDueAt(sink);
    }
    if (now > elapsed) {
      elapsed = now;
    }
    if (elapsed > from) {
      migrate(elapsed - from);
    }
    return fired;
  }

  /**
   * Empties every slot whose start is {@link #elapsed}'s (one per level at most): re-inserts its
   * timers, firing those that are due. A timer re-inserted from level {@code l} lands below the
   * slots being emptied (the current slot of level {@code l' >= 1} is a block of level
   * {@code l' - 1} that holds the current time), or is due and fires, so one pass suffices.
   */
  private int processSlotsDueAt(Consumer<Timer> sink) {
    int fired = 0;
    boolean any = false;
    for (int level = LEVELS - 1; level >= 0; level--) {
      int slot = (int) ((elapsed >>> (level * BITS)) & RING_MASK);
      if ((occupied[level * 2 + (slot >>> BITS)] & (1L << slot)) == 0) {
        continue;
      }
      any = true;
      Timer t = detach(level, slot);
      while (t != null) {
        Timer next = t.next;
        t.next = null;
        if (!insert(t)) {
          sink.accept(t);
          fired++;
        }
        t = next;
      }
    }
    if (!any) {
      throw new IllegalStateException("no slot due at " + elapsed);
    }
    return fired;
  }

  /** Unlinks the whole list of a slot and returns its head (chained through {@code next}). */
  private Timer detach(int level, int slot) {
    int at = level << RING_BITS | slot;
    Timer head = heads[at];
    heads[at] = null;
    occupied[at >>> BITS] &= ~(1L << at);
    size -= counts[at];
    counts[at] = 0;
    for (Timer t = head; t != null; t = t.next) {
      t.prev = null;
      t.setSlot(-1);
    }
    return head;
  }

  /**
   * After the time advanced by {@code advanced} ticks: for each level {@code l} below the top,
   * moves into level {@code l} (or lower) the share {@code advanced / (advanced + left)} of the
   * slot of level {@code l + 1} that holds the next block of level {@code l}, {@code left} being
   * the ticks until that slot is due. The slot is thus emptied evenly over the block before it,
   * and what a skipped advance leaves is re-inserted when it comes due.
   */
  private void migrate(long advanced) {
    for (int level = 0; level < LEVELS - 1; level++) {
      int shift = (level + 1) * BITS;
      long nextBlock = (elapsed >>> shift) + 1;
      int slot = (int) (nextBlock & RING_MASK);
      int at = (level + 1) << RING_BITS | slot;
      int n = counts[at];
      if (n == 0) {
        continue;
      }
      long left = (nextBlock << shift) - elapsed;
      int move = advanced >= left ? n : (int) Math.ceil((double) n * advanced / (advanced + left));
      for (int i = 0; i < move; i++) {
        Timer t = heads[at];
        remove(t);
        insert(t);
      }
    }
  }

  /** Unlinks every timer, handing each to {@code sink}; the wheel is empty afterwards. */
  public void drain(Consumer<Timer> sink) {
    for (int level = 0; level < LEVELS; level++) {
      for (int slot = 0; slot < RING; slot++) {
        Timer t = heads[level << RING_BITS | slot] != null ? detach(level, slot) : null;
        while (t != null) {
          Timer next = t.next;
          t.next = null;
          sink.accept(t);
          t = next;
        }
      }
    }
  }

  /**
   * The lowest level whose current or next block contains {@code when} (after {@code elapsed});
   * the top level for anything farther.
   */
  private static int levelFor(long elapsed, long when) {
    for (int level = 0; level < LEVELS - 1; level++) {
      int shift = (level + 1) * BITS;
      if ((when >>> shift) - (elapsed >>> shift) <= 1) {
        return level;
      }
    }
    return LEVELS - 1;
  }
}
