package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A request for permits from a {@link PermitQueue}: the future, its queue node while it waits, and
 * (once granted) the handle that gives the permits back, all in one object.
 *
 * <p>States: {@code IDLE} -> {@code WAITING} (queued) -> {@code GRANTED} (permits set aside for it)
 * -> {@code HELD} (a poll returned it) -> {@code RELEASED}; or {@code CANCELLED}. Transitions into
 * {@code WAITING} and {@code GRANTED} happen under the queue's monitor; leaving {@code GRANTED} and
 * {@code HELD} is a CAS, so a poll that takes a grant without the monitor and a cancel that hands
 * it back cannot both win, and a double release returns the permits once.
 *
 * @param <R> what the future completes with: this object seen as a permit or a guard
 */
abstract class PermitRequest<R> extends WaitNode implements Future<R> {
  static final int IDLE = 0;
  static final int WAITING = 1;
  static final int GRANTED = 2;
  static final int HELD = 3;
  static final int RELEASED = 4;
  static final int CANCELLED = 5;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PermitRequest.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final PermitQueue queue;
  final int permits;
  private volatile int state;
  /** Guarded by the queue's monitor. */
  private Waker waker;

  PermitRequest(PermitQueue queue, int permits, boolean held) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
    this.queue = queue;
    this.permits = permits;
    this.state = held ? HELD : IDLE;
  }

  @Override
  public final Object poll(Context cx) {
    if (state == GRANTED && STATE.compareAndSet(this, GRANTED, HELD)) {
      return this;
    }
    synchronized (queue) {
      int s = state;
      if (s == GRANTED) {
        state = HELD;
        waker = null;
        return this;
      }
      if (s == WAITING) {
        waker = cx.waker();
        return PENDING;
      }
      if (s != IDLE) {
        throw new IllegalStateException("an acquire was polled after it completed or was cancelled");
      }
      if (queue.tryTake(permits)) {
        if (cx.consumeBudget()) {
          state = HELD;
          return this;
        }
        state = GRANTED;
      } else {
        waker = cx.waker();
        state = WAITING;
        queue.enqueue(this);
        return PENDING;
      }
    }
    cx.waker().wake();
    return PENDING;
  }

  /** Under the monitor, on a waiting request just removed from the queue. */
  final Waker grant() {
    state = GRANTED;
    Waker w = waker;
    waker = null;
    return w;
  }

  /**
   * Stops waiting. Permits already granted to this request but not yet returned by its poll go
   * back, to the next waiting request first.
   */
  @Override
  public final void cancel() {
    Waker wake = null;
    synchronized (queue) {
      int s = state;
      if (s == WAITING) {
        state = CANCELLED;
        waker = null;
        wake = queue.dequeue(this);
      } else if (s == GRANTED && STATE.compareAndSet(this, GRANTED, CANCELLED)) {
        wake = queue.add(permits);
      } else if (s == IDLE) {
        state = CANCELLED;
      }
    }
    Wakers.wake(wake);
  }

  /** Gives the held permits back; later calls do nothing. */
  final void release() {
    if (state == HELD && STATE.compareAndSet(this, HELD, RELEASED)) {
      Waker wake;
      synchronized (queue) {
        wake = queue.add(permits);
      }
      Wakers.wake(wake);
    }
  }

  /** Whether a poll returned this request and it has not been released. */
  final boolean isHeld() {
    return state == HELD;
  }

  /** Marks held permits as released without returning them to the queue. */
  final boolean drop() {
    return state == HELD && STATE.compareAndSet(this, HELD, RELEASED);
  }
}
