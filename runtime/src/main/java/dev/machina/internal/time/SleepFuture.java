package dev.machina.internal.time;

import dev.machina.Context;
import dev.machina.Future;

/**
 * A future that completes (with {@code null}) once {@link System#nanoTime()} reaches its
 * deadline; the timer itself, so a sleep allocates one object. Scheduling, waking and
 * cancellation are {@link DeadlineTimer}'s; when the runtime shuts down a pending sleep fails with
 * {@link java.util.concurrent.CancellationException}.
 */
public final class SleepFuture extends DeadlineTimer implements Future<Void> {
  /** A sleep until {@code deadlineNanos}, a {@link System#nanoTime()} value. */
  public SleepFuture(long deadlineNanos) {
    super(deadlineNanos);
  }

  private SleepFuture(long nowNanos, long delayNanos) {
    super(nowNanos, delayNanos);
  }

  /**
   * A sleep of {@code delayNanos} from {@code nowNanos}, a {@link System#nanoTime()} reading the
   * caller has just taken: its first poll schedules it without reading the clock again.
   */
  public static SleepFuture after(long nowNanos, long delayNanos) {
    return new SleepFuture(nowNanos, delayNanos);
  }

  @Override
  public Object poll(Context cx) {
    return pollElapsed(cx) ? null : PENDING;
  }

  /** Removes the timer from its wheel before returning; does nothing once it fired. */
  @Override
  public void cancel() {
    cancelTimer();
  }

  @Override
  public String toString() {
    long left = deadlineNanos() - System.nanoTime();
    return String.format(
        java.util.Locale.ROOT,
        left >= 0 ? "sleep(due in %.1f ms)" : "sleep(due %.1f ms ago)", Math.abs(left) / 1e6);
  }
}
