package dev.machina.time;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.time.DeadlineTimer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of an inner future, unless a deadline passes first: then the inner future is
 * cancelled and this one fails with {@link TimeoutException}.
 *
 * <p>Each poll polls the inner future first, so an outcome ready at the deadline wins. Once either
 * side finishes, the other is cancelled (the timer leaves the wheel before {@code cancel}
 * returns) and the inner future is let go; a completed timeout must not be polled again (it
 * throws {@link IllegalStateException}). The future is its own timer (a {@link DeadlineTimer}),
 * so a timeout allocates one object besides the future it guards.
 */
final class TimeoutFuture<T> extends DeadlineTimer implements Future<T> {
  // No "done" flag: inner is cleared once either side finishes, which also lets the inner
  // future's value be collected early, and keeps the object at 48 B (a flag made it 56).
  private Future<T> inner;
  private final Duration duration;

  /** Guards {@code inner} with a deadline {@code delayNanos} after {@code nowNanos}, a fresh reading. */
  TimeoutFuture(Future<T> inner, long nowNanos, long delayNanos, Duration duration) {
    super(nowNanos, delayNanos);
    this.inner = inner;
    this.duration = duration;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    Future<T> in = inner;
    if (in == null) {
      throw new IllegalStateException("a completed " + this + " was polled again");
    }
    Object r;
    try {
      r = in.poll(cx);
    } catch (Throwable e) {
      inner = null;
      cancelTimer();
      throw e;
    }
    if (r != PENDING) {
      inner = null;
      cancelTimer();
      return r;
    }
    boolean elapsed;
    try {
      elapsed = pollElapsed(cx);
    } catch (Throwable e) {
      inner = null;
      in.cancel();
      throw e;
    }
    if (!elapsed) {
      return PENDING;
    }
    inner = null;
    in.cancel();
    throw new TimeoutException("timed out after " + Time.describe(duration));
  }

  @Override
  public void cancel() {
    Future<T> in = inner;
    if (in != null) {
      inner = null;
      cancelTimer();
      in.cancel();
    }
  }

  @Override
  public String toString() {
    Future<T> in = inner;
    return "timeout(" + (in != null ? in : "completed") + ", " + duration + ")";
  }
}
