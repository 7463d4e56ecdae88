package dev.machina.time;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.time.SleepFuture;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of an inner future, unless a deadline passes first: then the inner future is
 * cancelled and this one fails with {@link TimeoutException}.
 *
 * <p>Each poll polls the inner future first, so an outcome ready at the deadline wins. Once either
 * side finishes, the other is cancelled (the timer leaves the wheel before {@code cancel} returns).
 */
final class TimeoutFuture<T> implements Future<T> {
  private final Future<T> inner;
  private final SleepFuture timer;
  private final Duration duration;
  private boolean done;

  TimeoutFuture(Future<T> inner, SleepFuture timer, Duration duration) {
    this.inner = inner;
    this.timer = timer;
    this.duration = duration;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    Object r;
    try {
      r = inner.poll(cx);
    } catch (Throwable e) {
      finish();
      timer.cancel();
      throw e;
    }
    if (r != PENDING) {
      finish();
      timer.cancel();
      return r;
    }
    Object t;
    try {
      t = timer.poll(cx);
    } catch (Throwable e) {
      finish();
      inner.cancel();
      throw e;
    }
    if (t == PENDING) {
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
      timer.cancel();
      inner.cancel();
    }
  }

  @Override
  public String toString() {
    return "timeout(" + inner + ", " + duration + ")";
  }
}
