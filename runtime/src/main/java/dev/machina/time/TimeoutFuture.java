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
 * returns). The future is its own timer (a {@link DeadlineTimer}), so a timeout allocates one
 * object besides the future it guards.
 */
final class TimeoutFuture<T> extends DeadlineTimer implements Future<T> {
  private final Future<T> inner;
  private final Duration duration;
  private boolean done;

  /** Guards {@code inner} with a deadline {@code delayNanos} after {@code nowNanos}, a fresh reading. */
  TimeoutFuture(Future<T> inner, long nowNanos, long delayNanos, Duration duration) {
    super(nowNanos, delayNanos);
    this.inner = inner;
    this.duration = duration;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    Object r;
    try {
      r = inner.poll(cx);
    } catch (Throwable e) {
      finish();
      cancelTimer();
      throw e;
    }
    if (r != PENDING) {
      finish();
      cancelTimer();
      return r;
    }
    boolean elapsed;
    try {
      elapsed = pollElapsed(cx);
    } catch (Throwable e) {
      finish();
      inner.cancel();
      throw e;
    }
    if (!elapsed) {
      return PENDING;
    }
    finish();
    inner.cancel();
    throw new TimeoutException("timed out after " + Time.describe(duration));
  }

  private void finish() {
    done = true;
  }

  @Override
  public void cancel() {
    if (!done) {
      done = true;
      cancelTimer();
      inner.cancel();
    }
  }

  @Override
  public String toString() {
    return "timeout(" + inner + ", " + duration + ")";
  }
}
