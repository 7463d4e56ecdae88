package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;

/**
 * One {@link Receiver#recv()}: a future of the next message, or {@code null} at the end of the
 * stream; while waiting it is itself the node in the channel's receiver queue.
 *
 * <p>Phases ({@link Waiter}): {@code IDLE} -> {@code WAITING} (queued, empty buffer) ->
 * {@code HANDED} (a sender, or a cancelled receive giving its message back, handed it a message)
 * or {@code RELEASED} (the stream ended) -> {@code DONE}; or {@code CANCELLED}. A first poll that
 * finds a buffered message takes it under the channel lock and never waits. A poll that finds
 * {@code HANDED} takes the message without the lock (it is the owner, and the lock holder
 * published the message before the phase) and only counts it as taken
 * ({@link ChannelCore#handedOverTaken}). A cancel in {@code HANDED} gives the message back under
 * the lock, so a cancelled receive loses no message. 32 bytes with compressed references.
 */
final class RecvOp<T> extends Waiter implements Future<T> {
  private final ChannelCore<T> core;

  RecvOp(ChannelCore<T> core) {
    super(0);
    this.core = core;
  }

  @Override
  public Object poll(Context cx) {
    int p = phase();
    if (p == HANDED) {
      return takeHandedMessage();
    }
    if (p == RELEASED) {
      finish();
      return null;
    }
    Object result;
    Waker wake;
    ChannelCore<T> c = core;
    c.lock();
    try {
      p = phase();
      if (p == WAITING) {
        keepWaiting(cx.waker());
        return PENDING;
      }
      if (p == HANDED || p == RELEASED) {
        result = null; // handed over or ended since the read above: taken below, without the lock
        wake = null;
      } else if (p != IDLE) {
        throw new IllegalStateException("a receive was polled after it completed or was cancelled");
      } else if (!c.hasBuffered()) {
        if (c.isEnded()) {
          finish();
          return null;
        }
        startWaiting(cx.waker());
        c.receivers().add(this);
        return PENDING;
      } else if (!cx.consumeBudget()) {
        wake = cx.waker();
        result = PENDING;
      } else {
        finish();
        result = c.take();
        wake = c.admitWaitingSender();
      }
    } finally {
      c.unlock();
    }
    if (p == HANDED) {
      return takeHandedMessage();
    }
    if (p == RELEASED) {
      finish();
      return null;
    }
    Wakers.wake(wake);
    return result;
  }

  private Object takeHandedMessage() {
    Object msg = takeHanded();
    core.handedOverTaken();
    return msg;
  }

  /**
   * Stops receiving. A message already handed to this receive but not yet returned by a poll goes
   * to the next waiting receiver or back to the front of the buffer.
   */
  @Override
  @SuppressWarnings("unchecked")
  public void cancel() {
    Waker wake = null;
    ChannelCore<T> c = core;
    c.lock();
    try {
      Object handed = withdraw(c.receivers());
      if (handed != null) {
        wake = c.giveBack((T) handed);
      }
    } finally {
      c.unlock();
    }
    Wakers.wake(wake);
  }

  @Override
  public String toString() {
    return "recv() on channel@" + Integer.toHexString(System.identityHashCode(core));
  }
}
