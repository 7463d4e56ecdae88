package dev.machina.sync;

import dev.machina.Waker;

/**
 * A fair counting semaphore's state, guarded by its own monitor: the free permits and the queue
 * of {@link PermitRequest}s waiting for some.
 *
 * <p>Invariant, whenever the monitor is free: either no request waits, or the oldest waiting
 * request wants more permits than are free. Requests are granted strictly in arrival order, so a
 * large request at the head holds back smaller ones behind it (no starvation). Permits granted to
 * a request move out of {@link #available} at the moment of the grant.
 */
final class PermitQueue {
  private int available;
  private final WaitQueue<PermitRequest<?>> waiters = new WaitQueue<>();

  PermitQueue(int permits) {
    if (permits < 0) {
      throw new IllegalArgumentException("permits must not be negative, was " + permits);
    }
    this.available = permits;
  }

  // ---- called under the monitor -------------------------------------------------------------

  int available() {
    return available;
  }

  /** Takes {@code n} permits if they are free and nobody waits before; returns whether it did. */
  boolean tryTake(int n) {
    if (waiters.isEmpty() && available >= n) {
      available -= n;
      return true;
    }
    return false;
  }

  void enqueue(PermitRequest<?> request) {
    waiters.add(request);
  }

  /** Removes a waiting request; returns the wakers of requests this lets through. */
  Waker dequeue(PermitRequest<?> request) {
    boolean wasHead = waiters.peek() == request;
    waiters.remove(request);
    return wasHead ? grantWaiters() : null;
  }

  /** Returns {@code n} permits; returns the wakers of the requests this grants. */
  Waker add(int n) {
    if (n < 0 || available + n < available) {
      throw new IllegalArgumentException("cannot release " + n + " permits");
    }
    available += n;
    return grantWaiters();
  }

  private Waker grantWaiters() {
    Waker wake = null;
    for (PermitRequest<?> head; (head = waiters.peek()) != null && head.permits <= available; ) {
      waiters.poll();
      available -= head.permits;
      wake = Wakers.plus(wake, head.grant());
    }
    return wake;
  }
}
