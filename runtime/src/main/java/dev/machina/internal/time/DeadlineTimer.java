package dev.machina.internal.time;

import dev.machina.Context;
import dev.machina.Waker;
import dev.machina.internal.driver.Driver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A timer for a {@link System#nanoTime()} deadline that wakes the waker of the last poll: the
 * base of the futures that wait for a deadline ({@link SleepFuture}, the timeout future), so that
 * each is its own wheel entry and allocates one object.
 *
 * <p>The timer is scheduled on the first {@link #pollElapsed}, on the timer service of the driver
 * of the runtime polling it. A timer made by {@link #DeadlineTimer(long)} reads the clock on that
 * poll and reports the deadline passed without touching the wheel if it has; one made by
 * {@link #DeadlineTimer(long, long)} from a clock reading just taken skips that second reading (a
 * deadline that passed in between is found by the wheel, at once or on the driver's next turn,
 * never early).
 *
 * <p>Invariants: the first poll stores the waker before scheduling, and the shard lock publishes
 * it to the driver; a later poll stores the new waker (volatile) before reading the state, and
 * the driver writes the state (volatile) before {@link #onFire} reads the waker, so a timer firing
 * during a poll is never missed. {@link #cancelTimer} unlinks the timer from its wheel before it
 * returns.
 */
public abstract class DeadlineTimer extends Timer {
  private static final VarHandle WAKER;

  static {
    try {
      WAKER = MethodHandles.lookup().findVarHandle(DeadlineTimer.class, "waker", Waker.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // The deadline (nanoTime) is Timer.deadline, and "read the clock before scheduling" is
  // Timer.FLAG: a sleep is 40 B (it was 56 with its own copies).
  private volatile Waker waker;

  /** A timer for {@code deadlineNanos}, a {@link System#nanoTime()} value. */
  protected DeadlineTimer(long deadlineNanos) {
    this.deadline = deadlineNanos;
    setFlag();
  }

  /**
   * A timer {@code delayNanos} after {@code nowNanos}, a {@link System#nanoTime()} reading the
   * caller has just taken: its first poll schedules it without reading the clock again (a delay
   * of zero or less is due at once).
   */
  protected DeadlineTimer(long nowNanos, long delayNanos) {
    this.deadline = delayNanos <= 0 ? nowNanos : nowNanos + delayNanos;
    if (delayNanos <= 0) {
      setFlag();
    }
  }

  /** The deadline, a {@link System#nanoTime()} value. */
  public final long deadlineNanos() {
    return deadline;
  }

  /**
   * Whether the deadline has passed; if not, the timer is scheduled (on the first call) and
   * {@code cx}'s waker will be woken when it fires.
   *
   * @throws CancellationException if the runtime's timers were shut down
   */
  protected final boolean pollElapsed(Context cx) {
    if (shard == null) {
      return pollFirst(cx);
    }
    waker = cx.waker();
    int s = state();
    if (s == FIRED) {
      return true;
    }
    if (s == CANCELLED) {
      throw shutDown();
    }
    return false;
  }

  private boolean pollFirst(Context cx) {
    long deadlineNanos = deadline;
    if (hasFlag() && System.nanoTime() - deadlineNanos >= 0) {
      return true;
    }
    WAKER.set(this, cx.waker()); // plain: the shard lock taken by schedule publishes it
    if (Driver.current().timers().schedule(this, deadlineNanos)) {
      return false;
    }
    if (isCancelled()) {
      throw shutDown();
    }
    return true; // due by the wheel's time already
  }

  private static CancellationException shutDown() {
    return new CancellationException("timer cancelled: " + Driver.SHUT_DOWN);
  }

  @Override
  protected final void onFire() {
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
  }

  /** Removes the timer from its wheel before returning; does nothing once it fired. */
  protected final void cancelTimer() {
    TimerShard s = shard;
    if (s != null) {
      s.cancel(this);
      // No fence needed: a timer cancelled here never reads its waker again, and one that fired
      // first may wake it once more, which wakers allow.
      WAKER.setOpaque(this, (Waker) null);
    }
  }
}
