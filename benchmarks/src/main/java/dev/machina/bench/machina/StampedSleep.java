package dev.machina.bench.machina;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.internal.driver.Driver;
import dev.machina.internal.time.Timer;

/**
 * A diagnostic sleep for {@code B6LatenessParts}: the same wheel entry as {@code Time.sleep}'s
 * future, plus the {@link System#nanoTime()} at which the driver fired it, so that lateness
 * splits into fire delay (fired - deadline) and run delay (polled - fired).
 */
final class StampedSleep extends Timer implements Future<Void> {
  private final long deadlineNanos;
  private volatile Waker waker;
  private boolean scheduled;
  /** When the driver fired the timer ({@code 0} if it never went into the wheel). */
  long firedAt;

  StampedSleep(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public Object poll(Context cx) {
    if (!scheduled) {
      long now = System.nanoTime();
      if (now - deadlineNanos >= 0) {
        firedAt = now;
        return null;
      }
      waker = cx.waker();
      scheduled = true;
      if (!Driver.current().timers().schedule(this, deadlineNanos)) {
        firedAt = System.nanoTime();
        return null;
      }
      return PENDING;
    }
    waker = cx.waker();
    return hasFired() ? null : PENDING;
  }

  @Override
  protected void onFire() {
    firedAt = System.nanoTime();
    waker.wake();
  }
}
