package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Waker;
import java.util.ArrayDeque;

/**
 * A {@link Sender#send} that could not be accepted at once: sends its message on its first poll,
 * or waits, as the node in the channel's sender queue, until a receive makes room.
 *
 * <p>States: {@code IDLE} -> {@code WAITING} (queued) -> {@code ACCEPTED} (message buffered) or
 * {@code REJECTED} (the receiving side closed), or {@code CANCELLED}. All transitions happen under
 * the channel lock; {@code ACCEPTED} and {@code REJECTED} are final and read without it.
 */
final class SendOp<T> extends WaitNode implements SendFuture {
  private static final int IDLE = 0;
  private static final int WAITING = 1;
  private static final int ACCEPTED = 2;
  private static final int REJECTED = 3;
  private static final int CANCELLED = 4;

  private final ChannelCore<T> core;
  private volatile int state;
  /** Guarded by the channel lock. */
  private Waker waker;
  /** Guarded by the channel lock; cleared once accepted or abandoned. */
  private T message;

  SendOp(ChannelCore<T> core, T message) {
    this.core = core;
    this.message = message;
  }

  @Override
  public Object poll(Context cx) {
    int s = state;
    if (s == ACCEPTED) {
      return null;
    }
    if (s == REJECTED) {
      throw closed();
    }
    Waker wake;
    core.lock();
    try {
      s = state;
      if (s == ACCEPTED) {
        return null;
      }
      if (s == REJECTED) {
        throw closed();
      }
      if (s == WAITING) {
        waker = cx.waker();
        return PENDING;
      }
      if (s != IDLE) {
        throw new IllegalStateException("a send was polled after it was cancelled");
      }
      if (!core.isOpen()) {
        state = REJECTED;
        message = null;
        throw closed();
      }
      if (!cx.consumeBudget()) {
        wake = cx.waker();
      } else {
        wake = core.offer(message);
        if (wake == null) {
          waker = cx.waker();
          state = WAITING;
          core.senders().add(this);
          return PENDING;
        }
        message = null;
        state = ACCEPTED;
      }
    } finally {
      core.unlock();
    }
    wake.wake();
    return state == ACCEPTED ? null : PENDING;
  }

  /** Under the channel lock, on a {@code WAITING} op just removed from the queue: buffers it. */
  Waker accept(ArrayDeque<T> buffer) {
    buffer.addLast(message);
    message = null;
    state = ACCEPTED;
    Waker w = waker;
    waker = null;
    return w;
  }

  /** Under the channel lock, on a {@code WAITING} op just removed from the queue: rejected. */
  Waker reject() {
    message = null;
    state = REJECTED;
    Waker w = waker;
    waker = null;
    return w;
  }

  @Override
  public boolean isSent() {
    return state == ACCEPTED;
  }

  /** Withdraws the message unless the channel already accepted it ({@link #isSent()} says which). */
  @Override
  public void cancel() {
    core.lock();
    try {
      int s = state;
      if (s == WAITING) {
        core.senders().remove(this);
      }
      if (s == IDLE || s == WAITING) {
        state = CANCELLED;
        message = null;
        waker = null;
      }
    } finally {
      core.unlock();
    }
  }

  private static ChannelClosedException closed() {
    return new ChannelClosedException("the channel is closed: its receiver closed or every sender closed");
  }

  @Override
  public String toString() {
    return "send() on channel@" + Integer.toHexString(System.identityHashCode(core));
  }
}
