package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A future waiting for a {@link Notify}; while it waits it is itself the queue node.
 *
 * <p>States: {@code IDLE} -> {@code WAITING} (queued) -> {@code CHOSEN} (by {@code notifyOne}) or
 * {@code WOKEN} (by {@code notifyWaiters}) -> {@code DONE}; or {@code CANCELLED}. Transitions into
 * {@code WAITING}, {@code CHOSEN} and {@code WOKEN} happen under the Notify's monitor; leaving
 * {@code CHOSEN} is a CAS so that a poll and a cancel cannot both claim the notification.
 */
final class Notified extends WaitNode implements Future<Void> {
  private static final int IDLE = 0;
  private static final int WAITING = 1;
  private static final int CHOSEN = 2;
  private static final int WOKEN = 3;
  private static final int DONE = 4;
  private static final int CANCELLED = 5;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Notified.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Notify notify;
  /** The {@code notifyWaiters} count when this future was created. */
  private final int generation;
  private volatile int state;
  /** Guarded by the Notify's monitor. */
  private Waker waker;

  Notified(Notify notify, int generation) {
    this.notify = notify;
    this.generation = generation;
  }

  @Override
  public Object poll(Context cx) {
    int s = state;
    if ((s == CHOSEN && STATE.compareAndSet(this, CHOSEN, DONE)) || s == WOKEN) {
      state = DONE;
      return null;
    }
    synchronized (notify) {
      s = state;
      if (s == CHOSEN || s == WOKEN) {
        state = DONE;
        waker = null;
        return null;
      }
      if (s == WAITING) {
        waker = cx.waker();
        return PENDING;
      }
      if (s != IDLE) {
        throw new IllegalStateException("a notified() future was polled after it completed");
      }
      if (notify.generation() != generation) {
        state = WOKEN;
      } else if (notify.takePermit()) {
        state = CHOSEN;
      } else {
        waker = cx.waker();
        state = WAITING;
        notify.enqueue(this);
        return PENDING;
      }
    }
    if (cx.consumeBudget()) {
      state = DONE;
      return null;
    }
    cx.waker().wake();
    return PENDING;
  }

  /** Under the monitor, on a waiting future just removed from the queue. */
  Waker choose() {
    state = CHOSEN;
    Waker w = waker;
    waker = null;
    return w;
  }

  /** Under the monitor, on a waiting future just removed from the queue. */
  Waker wakeWithAll() {
    state = WOKEN;
    Waker w = waker;
    waker = null;
    return w;
  }

  @Override
  public void cancel() {
    Waker wake = null;
    synchronized (notify) {
      int s = state;
      if (s == WAITING) {
        notify.dequeue(this);
        state = CANCELLED;
        waker = null;
      } else if (s == CHOSEN && STATE.compareAndSet(this, CHOSEN, CANCELLED)) {
        wake = notify.passOn();
      } else if (s == IDLE || s == WOKEN) {
        state = CANCELLED;
      }
    }
    Wakers.wake(wake);
  }
}
