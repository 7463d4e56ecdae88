package dev.machina.sync;

import dev.machina.Future;
import dev.machina.Waker;

/**
 * Wakes waiting tasks without carrying data: an asynchronous event, as tokio's {@code Notify}.
 *
 * <pre>{@code
 * Notify changed = new Notify();
 * // consumer                       // producer
 * await(changed.notified());        state = next; changed.notifyOne();
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #notifyOne()} completes the oldest waiting {@code notified()} future; if none waits,
 *       it stores a single permit that the next {@code notified()} consumes at once (several
 *       notifications with nobody waiting still store one permit). So a notification sent between
 *       a consumer checking its condition and starting to wait is not lost.
 *   <li>{@link #notifyWaiters()} completes every {@code notified()} future created before the
 *       call (polled or not) that has not completed yet, and stores no permit. ({@code notifyAll}
 *       is taken by {@link Object}.)
 *   <li>Cancelling a {@code notified()} future that {@code notifyOne} already chose, but whose
 *       poll has not returned, passes the notification on to the next waiter, or stores the
 *       permit: a {@code notifyOne} is never lost.
 *   <li>Thread-safe; one lock guards the permit, the queue and the wakers; waiters are woken
 *       after it is released. A {@code notified()} that completes without waiting charges the
 *       task's cooperative budget.
 * </ul>
 */
public final class Notify {
  /**
   * What {@code notifyOne} hands the waiter it chooses: one notification, passed on to the next
   * waiter (or stored as the permit) if that waiter is cancelled before its poll returns.
   */
  static final Object NOTIFICATION = new Object();

  private final WaitQueue<Notified> waiters = new WaitQueue<>();
  /** Guarded by this object's monitor. */
  private boolean permit;
  /** Incremented under the monitor by each {@link #notifyWaiters()}. */
  private volatile int generation;

  /** A future completing at the next notification meant for it. */
  public Future<Void> notified() {
    return new Notified(this, generation);
  }

  /** Wakes the oldest waiter, or stores a permit for the next one if nobody waits. */
  public void notifyOne() {
    Waker wake;
    synchronized (this) {
      Notified n = waiters.poll();
      if (n == null) {
        permit = true;
        return;
      }
      wake = n.complete(NOTIFICATION);
    }
    wake.wake();
  }

  /** Wakes every waiter created before this call; stores no permit. */
  public void notifyWaiters() {
    Waker wake = null;
    synchronized (this) {
      generation++;
      for (Notified n; (n = waiters.poll()) != null; ) {
        wake = Wakers.plus(wake, n.complete(null));
      }
    }
    Wakers.wake(wake);
  }

  // ---- called by Notified under the monitor -------------------------------------------------

  /**
   * Whether {@code notifyWaiters} ran since a future tagged {@code generationTag} was created:
   * generations are compared as {@link Waiter#tag()}s (modulo 2<sup>29</sup>).
   */
  boolean notifiedWaitersSince(int generationTag) {
    return Waiter.asTag(generation) != generationTag;
  }

  boolean takePermit() {
    boolean had = permit;
    permit = false;
    return had;
  }

  void enqueue(Notified n) {
    waiters.add(n);
  }

  WaitQueue<Notified> waiters() {
    return waiters;
  }

  /** A {@code notifyOne} its chosen waiter gave up: the next waiter or the permit gets it. */
  Waker passOn() {
    Notified n = waiters.poll();
    if (n == null) {
      permit = true;
      return null;
    }
    return n.complete(NOTIFICATION);
  }
}
