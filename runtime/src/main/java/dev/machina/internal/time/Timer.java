package dev.machina.internal.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pending deadline: an entry of a {@link TimerWheel} inside one {@link TimerShard}, scheduled
 * and cancelled through a {@link TimerService} from any thread, fired by the driver thread.
 *
 * <p>The state, the wheel position and a flag of the subclass share one int ({@link #bits}), so
 * that a sleep, the commonest timer, is 40 bytes (B6 keeps a million of them alive at once; the
 * young collector copies every one).
 *
 * <p>Invariants: the state (bits 0-1) moves at most once, from {@code WAITING} to {@code FIRED}
 * or to {@code CANCELLED}, and only while the timer's shard lock is held (or, for a timer never
 * scheduled, by a CAS), so whoever changes it owns the outcome: a timer fires at most once and a
 * cancelled one never fires. The wheel position (bits 3 and up) and the links {@code prev} and
 * {@code next} are read and written under the shard lock only, except that a timer taken out of
 * the wheel to fire is chained through {@code next} by the driver, which alone holds it then; a
 * position write keeps the other bits (every writer of {@link #bits} after scheduling holds the
 * lock, and before it only the owner and a cancelling CAS write them). {@code deadline} and the
 * flag (bit 2) are written before the timer is scheduled (the shard lock publishes them) and only
 * read afterwards. {@code shard} is set once, when the timer is scheduled, by the thread that
 * schedules it.
 */
public abstract class Timer {
  static final int WAITING = 0;
  static final int FIRED = 1;
  static final int CANCELLED = 2;
  private static final int STATE_MASK = 3;
  /** A flag for the subclass ({@link DeadlineTimer}: read the clock before scheduling). */
  static final int FLAG = 4;
  private static final int POSITION_SHIFT = 3;
  private static final int LOW_MASK = (1 << POSITION_SHIFT) - 1;

  private static final VarHandle BITS;

  static {
    try {
      BITS = MethodHandles.lookup().findVarHandle(Timer.class, "bits", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The deadline, a {@link System#nanoTime()} value (the wheel rounds it up to its tick, so a timer
   * never fires early). Set before the timer is scheduled, then only read.
   */
  long deadline;

  /** State (bits 0-1), {@link #FLAG} (bit 2), wheel position + 1 (bits 3 and up; 0: unlinked). */
  private volatile int bits;

  /** The shard whose wheel holds (or held) the timer; {@code null} until it is scheduled. */
  TimerShard shard;

  // Wheel links, under the shard lock.
  Timer prev;
  Timer next;

  protected Timer() {}

  /** Whether the deadline has passed and the timer fired. */
  public final boolean hasFired() {
    return (bits & STATE_MASK) == FIRED;
  }

  /** Whether the timer was cancelled (by a cancel or a shutdown) before it fired. */
  public final boolean isCancelled() {
    return (bits & STATE_MASK) == CANCELLED;
  }

  /** The state: {@code WAITING}, {@code FIRED} or {@code CANCELLED}. */
  final int state() {
    return bits & STATE_MASK;
  }

  /** Sets {@link #FLAG}; only before the timer is published (its constructor). */
  final void setFlag() {
    BITS.set(this, (int) BITS.get(this) | FLAG);
  }

  /** Whether {@link #FLAG} is set. */
  final boolean hasFlag() {
    return ((int) BITS.get(this) & FLAG) != 0;
  }

  /** The wheel position ({@code level << 7 | slot}), -1 while not linked; under the shard lock. */
  final int slot() {
    return ((int) BITS.get(this) >>> POSITION_SHIFT) - 1;
  }

  /** Sets the wheel position ({@code -1}: unlinked), keeping the rest; under the shard lock. */
  final void setSlot(int slot) {
    BITS.set(this, ((int) BITS.get(this) & LOW_MASK) | ((slot + 1) << POSITION_SHIFT));
  }

  /**
   * Marks the timer fired, under its shard lock; a volatile write, so that a poll storing a new
   * waker and then reading the state, and the driver writing the state and then reading the waker
   * (in {@link #onFire}), cannot both miss the other's write.
   */
  final void setFired() {
    bits = (bits & ~STATE_MASK) | FIRED;
  }

  /**
   * Marks the timer cancelled, under its shard lock. A release write suffices: nobody waits on
   * the change, decisions are taken under the lock, and a later poll sees it through the lock or
   * the hand-off that made it run.
   */
  final void setCancelled() {
    BITS.setRelease(this, ((int) BITS.get(this) & ~STATE_MASK) | CANCELLED);
  }

  /** Cancels a timer that was never scheduled; returns false if it was no longer waiting. */
  final boolean cancelUnscheduled() {
    for (;;) {
      int b = bits;
      if ((b & STATE_MASK) != WAITING) {
        return false;
      }
      if (BITS.compareAndSet(this, b, (b & ~STATE_MASK) | CANCELLED)) {
        return true;
      }
    }
  }

  /**
   * Called on the driver thread once, after the timer is marked fired and outside any lock; must
   * be quick and must not block (it usually wakes a waker).
   */
  protected abstract void onFire();

  /**
   * Called once when the service shuts down with this timer still pending (after it is marked
   * cancelled), on the thread that shuts the service down, outside any lock.
   */
  protected void onShutdown() {
    onFire();
  }
}
