package dev.machina.bench.machina;

import dev.machina.Context;
import dev.machina.Future;

/**
 * A future that is pending on its first poll and ready with its value on the next, standing for
 * a guarded call that finishes in time; its driver polls it again itself, so it keeps no waker.
 */
final class PendingOnce implements Future<Integer> {
  private final Integer value;
  private boolean polled;

  PendingOnce(Integer value) {
    this.value = value;
  }

  @Override
  public Object poll(Context cx) {
    if (!polled) {
      polled = true;
      return PENDING;
    }
    return value;
  }
}
