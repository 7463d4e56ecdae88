package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;

/**
 * A future waiting for a {@link Notify}; while it waits it is itself the queue node.
 *
 * <p>Phases ({@link Waiter}): {@code IDLE} -> {@code WAITING} (queued) -> {@code HANDED} (chosen
 * by {@code notifyOne}, holding its {@link Notify#NOTIFICATION}) or {@code RELEASED} (woken by
 * {@code notifyWaiters}) -> {@code DONE}; or {@code CANCELLED}. Moves into {@code WAITING},
 * {@code HANDED} and {@code RELEASED} happen under the Notify's monitor (a first poll that finds
 * the permit or a newer generation and has no budget left also parks itself in {@code HANDED} or
 * {@code RELEASED} for its next poll); a poll leaves {@code HANDED} without the monitor, and a
 * cancel in {@code HANDED} passes the notification on under it, so a {@code notifyOne} is never
 * lost. The {@code notifyWaiters} generation seen at creation is the {@link Waiter#tag()}, so the
 * future is 32 bytes with compressed references: header, two links, the word, the slot and the
 * Notify.
 */
final class Notified extends Waiter implements Future<Void> {
  private final Notify notify;

  Notified(Notify notify, int generation) {
    super(generation);
    this.notify = notify;
  }

  @Override
  public Object poll(Context cx) {
    int p = phase();
    if (p != HANDED && p != RELEASED) {
      Object handed;
      synchronized (notify) {
        p = phase();
        if (p == WAITING) {
          keepWaiting(cx.waker());
          return PENDING;
        }
        if (p == IDLE) {
          if (notify.notifiedWaitersSince(tag())) {
            handed = null;
          } else if (notify.takePermit()) {
            handed = Notify.NOTIFICATION;
          } else {
            startWaiting(cx.waker());
            notify.enqueue(this);
            return PENDING;
          }
        } else if (p == HANDED || p == RELEASED) {
          handed = null; // completed since the read above: finished below
        } else {
          throw new IllegalStateException("a notified() future was polled after it completed");
        }
      }
      if (p == IDLE) {
        // Completed without waiting: charge the budget, or keep the outcome for the next poll.
        if (cx.consumeBudget()) {
          finish();
          return null;
        }
        handToSelf(handed);
        cx.waker().wake();
        return PENDING;
      }
    }
    finish();
    return null;
  }

  @Override
  public void cancel() {
    Waker wake = null;
    synchronized (notify) {
      if (withdraw(notify.waiters()) != null) {
        wake = notify.passOn();
      }
    }
    Wakers.wake(wake);
  }

  @Override
  public String toString() {
    return "notified() on Notify@" + Integer.toHexString(System.identityHashCode(notify));
  }
}
