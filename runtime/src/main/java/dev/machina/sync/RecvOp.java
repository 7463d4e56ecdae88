package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One {@link Receiver#recv()}: a future of the next message, or {@code null} at the end of the
 * stream; while waiting it is itself the node in the channel's receiver queue.
 *
 * <p>States: {@code IDLE} (not yet waiting) -> {@code WAITING} (queued) -> {@code DELIVERED}
 * (a sender or a cancelled receiver handed it {@link #message}) or {@code ENDED}; then
 * {@code DONE} once a poll returned, or {@code CANCELLED}. Every transition but the last happens
 * under the channel monitor. Leaving {@code DELIVERED} is a CAS, so a poll that takes the message
 * without the monitor and a {@link #cancel} that gives it back cannot both have it.
 */
final class RecvOp<T> extends WaitNode implements Future<T> {
  private static final int IDLE = 0;
  private static final int WAITING = 1;
  private static final int DELIVERED = 2;
  private static final int ENDED = 3;
  private static final int DONE = 4;
  private static final int CANCELLED = 5;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(RecvOp.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ChannelCore<T> core;
  private volatile int state;
  /** Guarded by the channel monitor. */
  private Waker waker;
  /** Written under the monitor before {@code state} becomes {@code DELIVERED}. */
  private T message;

  RecvOp(ChannelCore<T> core) {
    this.core = core;
  }

  @Override
  public Object poll(Context cx) {
    int s = state;
    if (s == DELIVERED && STATE.compareAndSet(this, DELIVERED, DONE)) {
      T msg = takeMessage();
      core.handedOverTaken();
      return msg;
    }
    if (s == ENDED) {
      state = DONE;
      return null;
    }
    Object result;
    Waker wake;
    synchronized (core) {
      s = state;
      if (s == WAITING) {
        waker = cx.waker();
        return PENDING;
      }
      if (s == ENDED) {
        state = DONE;
        return null;
      }
      if (s == DELIVERED) {
        state = DONE;
        result = takeMessage();
        wake = null;
      } else if (s != IDLE) {
        throw new IllegalStateException("a receive was polled after it completed or was cancelled");
      } else if (!core.hasBuffered()) {
        if (core.isEnded()) {
          state = DONE;
          return null;
        }
        waker = cx.waker();
        state = WAITING;
        core.waitToReceive(this);
        return PENDING;
      } else if (!cx.consumeBudget()) {
        wake = cx.waker();
        result = PENDING;
      } else {
        state = DONE;
        result = core.take();
        wake = core.admitWaitingSender();
      }
    }
    if (s == DELIVERED) {
      core.handedOverTaken();
    }
    Wakers.wake(wake);
    return result;
  }

  private T takeMessage() {
    T msg = message;
    message = null;
    waker = null;
    return msg;
  }

  /** Under the monitor, on a {@code WAITING} op just removed from the queue. */
  Waker deliver(T msg) {
    message = msg;
    state = DELIVERED;
    Waker w = waker;
    waker = null;
    return w;
  }

  /** Under the monitor, on a {@code WAITING} op just removed from the queue: the stream ended. */
  Waker end() {
    state = ENDED;
    Waker w = waker;
    waker = null;
    return w;
  }

  /**
   * Stops receiving. A message already handed to this receive but not yet returned by a poll goes
   * to the next waiting receiver or back to the front of the buffer.
   */
  @Override
  public void cancel() {
    Waker wake = null;
    synchronized (core) {
      int s = state;
      if (s == WAITING) {
        core.stopWaitingToReceive(this);
        state = CANCELLED;
        waker = null;
      } else if (s == DELIVERED && STATE.compareAndSet(this, DELIVERED, CANCELLED)) {
        wake = core.giveBack(takeMessage());
      } else if (s == IDLE || s == ENDED) {
        state = CANCELLED;
      }
    }
    Wakers.wake(wake);
  }
}
