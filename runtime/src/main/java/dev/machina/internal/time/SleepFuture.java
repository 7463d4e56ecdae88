package dev.machina.internal.time;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.internal.driver.Driver;
import java.util.concurrent.CancellationException;

/**
 * A future that completes (with {@code null}) once {@link System#nanoTime()} reaches its
 * deadline; the timer itself, so a sleep allocates one object.
 *
 * <p>The timer is scheduled on the first poll that finds the deadline ahead, with the driver of
 * the runtime polling it; a sleep whose deadline has passed completes without touching the wheel.
 * Invariant: {@link #poll} stores the waker before reading the timer state and {@link #onFire}
 * reads the waker after the state changed, so a timer firing during a poll is never missed.
 */
public final class SleepFuture extends Timer implements Future<Void> {
  private final long deadlineNanos;
  private TimerService service;
  private volatile Waker waker;

  /** A sleep until {@code deadlineNanos}, a {@link System#nanoTime()} value. */
  public SleepFuture(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** The deadline, a {@link System#nanoTime()} value. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    if (hasFired()) {
      return null;
    }
    if (service == null) {
      if (System.nanoTime() - deadlineNanos >= 0) {
        return null;
      }
      waker = cx.waker();
      service = Driver.current().timers();
      service.schedule(this, deadlineNanos);
    } else {
      waker = cx.waker();
    }
    if (hasFired()) {
      return null;
    }
    if (isCancelled()) {
      throw new CancellationException("timer cancelled: " + Driver.SHUT_DOWN);
    }
    return PENDING;
  }

  @Override
  protected void onFire() {
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
  }

  /** Removes the timer from the wheel at once; does nothing once it fired. */
  @Override
  public void cancel() {
    waker = null;
    if (service != null) {
      service.cancel(this);
    }
  }

  @Override
  public String toString() {
    return "sleep(until nanoTime " + deadlineNanos + ")";
  }
}
