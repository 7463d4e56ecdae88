package dev.machina.internal.time;

/**
 * A hierarchical timing wheel holding {@link Timer}s by deadline, as in tokio's
 * {@code runtime/time/wheel}: 6 levels of 64 slots with 1 ms resolution.
 *
 * <p>Level {@code l} has slots {@code 64^l} ms wide and covers {@code 64^(l+1)} ms. A timer lives
 * at the lowest level whose range, aligned to the current time {@code elapsed}, contains its
 * deadline: the level is the index of the highest bit in which {@code elapsed} and the deadline
 * differ, divided by 6; the slot is the deadline's 6-bit digit at that level. Level 0 therefore
 * holds timers due within the current 64 ms block, level 1 those within the current 4 s block, and
 * so on up to level 5 (about 2.2 years from now; farther deadlines are clamped to that horizon
 * and re-examined when they come around). When time reaches a slot at level {@code l > 0}, its
 * timers are re-inserted and so cascade down to finer levels; when it reaches a level-0 slot, its
 * timers fire. Each level keeps a 64-bit mask of occupied slots, so finding the next deadline
 * costs a few bit operations per level.
 *
 * <p>Insertion and removal are O(1) (each slot is an intrusive doubly linked list), so a cancelled
 * timer is unlinked at once. Not thread-safe: a {@link TimerShard} guards each wheel with its lock.
 * The wheel's time {@link #elapsed()} moves only in {@link #advance}; while the driver sleeps it
 * lags the clock, which is harmless: a timer is placed relative to {@code elapsed} and fires when
 * the wheel is next advanced past its deadline.
 */
public final class TimerWheel {
  static final int LEVELS = 6;
  private static final int BITS = 6;
  private static final int SLOTS = 1 << BITS;
  private static final long SLOT_MASK = SLOTS - 1;
  /** The farthest deadline the wheel represents exactly, relative to {@code elapsed}. */
  static final long MAX_DURATION = (1L << (BITS * LEVELS)) - 1;

  private final Timer[][] heads = new Timer[LEVELS][SLOTS];
  private final long[] occupied = new long[LEVELS];
  private long elapsed;
  private int size;

  /** The current time of the wheel in ms; timers due at or before it have fired. */
  public long elapsed() {
    return elapsed;
  }

  /** How many timers are linked in the wheel. */
  public int size() {
    return size;
  }

  /**
   * Links {@code timer} by its deadline; returns false (leaving it unlinked) if the deadline is
   * not after {@link #elapsed()}, in which case the caller fires it.
   */
  public boolean insert(Timer timer) {
    long when = timer.deadline;
    if (when <= elapsed) {
      return false;
    }
    if (when - elapsed > MAX_DURATION) {
      when = elapsed + MAX_DURATION;
    }
    int level = levelFor(elapsed, when);
    int slot = (int) ((when >>> (level * BITS)) & SLOT_MASK);
    Timer head = heads[level][slot];
    timer.prev = null;
    timer.next = head;
    if (head != null) {
      head.prev = timer;
    }
    heads[level][slot] = timer;
    occupied[level] |= 1L << slot;
    timer.slot = level << BITS | slot;
    size++;
    return true;
  }

  /** Unlinks {@code timer} if it is linked in this wheel; O(1). Returns whether it was linked. */
  public boolean remove(Timer timer) {
    int at = timer.slot;
    if (at < 0) {
      return false;
    }
    int level = at >>> BITS;
    int slot = at & (SLOTS - 1);
    if (timer.prev != null) {
      timer.prev.next = timer.next;
    } else {
      heads[level][slot] = timer.next;
      if (timer.next == null) {
        occupied[level] &= ~(1L << slot);
      }
    }
    if (timer.next != null) {
      timer.next.prev = timer.prev;
    }
    timer.prev = null;
    timer.next = null;
    timer.slot = -1;
    size--;
    return true;
  }

  /**
   * The time at which the wheel next has work (a slot to fire or cascade), or
   * {@link Long#MAX_VALUE} if it is empty.
   */
  public long nextDeadline() {
    if (size == 0) {
      return Long.MAX_VALUE;
    }
    for (int level = 0; level < LEVELS; level++) {
      long mask = occupied[level];
      if (mask == 0) {
        continue;
      }
      int shift = level * BITS;
      long slotRange = 1L << shift;
      long levelRange = slotRange << BITS;
      int nowSlot = (int) ((elapsed >>> shift) & SLOT_MASK);
      int slot = (Long.numberOfTrailingZeros(Long.rotateRight(mask, nowSlot)) + nowSlot) & (SLOTS - 1);
      long levelStart = elapsed & ~(levelRange - 1);
      long deadline = levelStart + slot * slotRange;
      if (deadline <= elapsed && level > 0 && slot != nowSlot) {
        deadline += levelRange;
      } else if (deadline < elapsed) {
        // The slot holding the current time at this level: it is due now.
        deadline = elapsed;
      }
      return deadline;
    }
    return Long.MAX_VALUE;
  }

  /**
   * Advances the wheel to {@code now}, firing (through {@code sink}) every timer whose deadline is
   * at or before it, in deadline order across slots. Returns how many fired.
   */
  public int advance(long now, java.util.function.Consumer<Timer> sink) {
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
    return fired;
  }

  /** Empties the lowest occupied slot that is due at {@link #elapsed}: fires or cascades its timers. */
  private int processSlotsDueAt(java.util.function.Consumer<Timer> sink) {
    int fired = 0;
    for (int level = 0; level < LEVELS; level++) {
      int shift = level * BITS;
      int slot = (int) ((elapsed >>> shift) & SLOT_MASK);
      if ((occupied[level] & (1L << slot)) == 0) {
        continue;
      }
      Timer t = heads[level][slot];
      heads[level][slot] = null;
      occupied[level] &= ~(1L << slot);
      while (t != null) {
        Timer next = t.next;
        t.prev = null;
        t.next = null;
        t.slot = -1;
        size--;
        if (!insert(t)) {
          sink.accept(t);
          fired++;
        }
        t = next;
      }
      return fired;
    }
    throw new IllegalStateException("no slot due at " + elapsed);
  }

  /** Unlinks every timer, handing each to {@code sink}; the wheel is empty afterwards. */
  public void drain(java.util.function.Consumer<Timer> sink) {
    for (int level = 0; level < LEVELS; level++) {
      for (int slot = 0; slot < SLOTS; slot++) {
        Timer t = heads[level][slot];
        heads[level][slot] = null;
        while (t != null) {
          Timer next = t.next;
          t.prev = null;
          t.next = null;
          t.slot = -1;
          size--;
          sink.accept(t);
          t = next;
        }
      }
      occupied[level] = 0;
    }
  }

  /** The level whose aligned range around {@code elapsed} contains {@code when}. */
  private static int levelFor(long elapsed, long when) {
    long masked = (elapsed ^ when) | SLOT_MASK;
    int significant = 63 - Long.numberOfLeadingZeros(masked);
    return Math.min(significant / BITS, LEVELS - 1);
  }
}
