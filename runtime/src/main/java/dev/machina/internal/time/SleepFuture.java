package dev.machina.internal.time;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.internal.driver.Driver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A future that completes (with {@code null}) once {@link System#nanoTime()} reaches its
 * deadline; the timer itself, so a sleep allocates one object.
 *
 * <p>The timer is scheduled on the first poll, on the timer service of the driver of the runtime
 * polling it. A sleep made by {@link #SleepFuture(long)} reads the clock on that poll and
 * completes without touching the wheel if its deadline has passed; one made by {@link #after}
 * from a clock reading just taken skips that second reading (a deadline that passed in between is
 * found by the wheel, at once or on the driver's next turn, never early).
 *
 * <p>Invariants: the first poll stores the waker before scheduling, and the shard lock publishes
 * it to the driver; a later poll stores the new waker (volatile) before reading the state, and
 * the driver writes the state (volatile) before {@link #onFire} reads the waker, so a timer firing
 * during a poll is never missed. {@link #cancel} unlinks the timer from its wheel before it
 * returns.
 */
public final class SleepFuture extends Timer implements Future<Void> {
  private static final VarHandle WAKER;

  static {
    try {
      WAKER = MethodHandles.lookup().findVarHandle(SleepFuture.class, "waker", Waker.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long deadlineNanos;
  private final boolean readClockFirst;
  private volatile Waker waker;

  /** A sleep until {@code deadlineNanos}, a {@link System#nanoTime()} value. */
  public SleepFuture(long deadlineNanos) {
    this(deadlineNanos, true);
  }

  private SleepFuture(long deadlineNanos, boolean readClockFirst) {
    this.deadlineNanos = deadlineNanos;
    this.readClockFirst = readClockFirst;
  }

  /**
   * A sleep of {@code delayNanos} from {@code nowNanos}, a {@link System#nanoTime()} reading the
   * caller has just taken: its first poll schedules it without reading the clock again (a delay
   * of zero or less is due at once).
   */
  public static SleepFuture after(long nowNanos, long delayNanos) {
    return delayNanos <= 0
        ? new SleepFuture(nowNanos, true)
        : new SleepFuture(nowNanos + delayNanos, false);
  }

  /** The deadline, a {@link System#nanoTime()} value. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    if (shard == null) {
      return pollFirst(cx);
    }
    waker = cx.waker();
    int s = state();
    if (s == FIRED) {
      return null;
    }
    if (s == CANCELLED) {
      throw new CancellationException("timer cancelled: " + Driver.SHUT_DOWN);
    }
    return PENDING;
  }

  private Object pollFirst(Context cx) {
    if (readClockFirst && System.nanoTime() - deadlineNanos >= 0) {
      return null;
    }
    WAKER.set(this, cx.waker()); // plain: the shard lock taken by schedule publishes it
    if (Driver.current().timers().schedule(this, deadlineNanos)) {
      return PENDING;
    }
    if (isCancelled()) {
      throw new CancellationException("timer cancelled: " + Driver.SHUT_DOWN);
    }
    return null; // due by the wheel's time already
  }

  @Override
  protected void onFire() {
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
  }

  /** Removes the timer from its wheel before returning; does nothing once it fired. */
  @Override
  public void cancel() {
    TimerShard s = shard;
    if (s != null) {
      s.cancel(this);
      // No fence needed: a timer cancelled here never reads its waker again, and one that fired
      // first may wake it once more, which wakers allow.
      WAKER.setOpaque(this, (Waker) null);
    }
  }

  @Override
  public String toString() {
    return "sleep(until nanoTime " + deadlineNanos + ")";
  }
}
