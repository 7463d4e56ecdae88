package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Waker;
import dev.machina.internal.AsyncStackTraces;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The state of a {@link Oneshot} and its receiving end: one atomic state word, the outcome, and
 * the receiver's waker; {@link OneshotSender} is the sending end.
 *
 * <p>Protocol (no lock): the sender claims the cell with a CAS ({@code CLAIMED}), writes
 * {@link #outcome}, then publishes it by setting a completion bit with a volatile read-modify-write
 * and only afterwards reads {@link #waker}. The receiver writes {@link #waker} (volatile) before it
 * reads the state a second time. With both orders sequentially consistent, either the receiver's
 * second read sees the completion or the sender's read sees the newest waker: a wake is never
 * lost. A receiver that completes takes the outcome and sets {@code TAKEN}.
 */
final class OneshotCell<T> implements Oneshot.Receiver<T> {
  private static final int CLAIMED = 1;
  private static final int VALUE = 2;
  private static final int FAILURE = 4;
  private static final int SENDER_CLOSED = 8;
  private static final int RECEIVER_CLOSED = 16;
  private static final int TAKEN = 32;
  private static final int COMPLETE = VALUE | FAILURE | SENDER_CLOSED;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(OneshotCell.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  private volatile Waker waker;

  /** The value or the failure; written by the sender before a completion bit is set. */
  private Object outcome;

  boolean send(T value) {
    return complete(value, VALUE);
  }

  boolean fail(Throwable error) {
    return complete(Objects.requireNonNull(error, "error"), FAILURE);
  }

  void closeSender() {
    if (claim() == 0) {
      publish(SENDER_CLOSED);
    }
  }

  boolean isReceiverClosed() {
    return ((int) STATE.getVolatile(this) & RECEIVER_CLOSED) != 0;
  }

  private boolean complete(Object value, int kind) {
    int s = claim();
    if (s == CLAIMED) {
      throw new IllegalStateException("this oneshot has already sent its value, failure or close");
    }
    if (s == RECEIVER_CLOSED) {
      return false;
    }
    outcome = value;
    return publish(kind);
  }

  /** Claims the cell for the sender: 0 on success, else {@code CLAIMED} or {@code RECEIVER_CLOSED}. */
  private int claim() {
    for (;;) {
      int s = (int) STATE.getVolatile(this);
      if ((s & CLAIMED) != 0) {
        return CLAIMED;
      }
      if ((s & RECEIVER_CLOSED) != 0) {
        return RECEIVER_CLOSED;
      }
      if (STATE.compareAndSet(this, s, s | CLAIMED)) {
        return 0;
      }
    }
  }

  private boolean publish(int kind) {
    int before = (int) STATE.getAndBitwiseOr(this, kind);
    if ((before & RECEIVER_CLOSED) != 0) {
      outcome = null;
      return false;
    }
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
    return true;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    int s = (int) STATE.getVolatile(this);
    if ((s & COMPLETE) == 0) {
      if ((s & RECEIVER_CLOSED) != 0) {
        throw new IllegalStateException("this oneshot receiver was closed or cancelled");
      }
      waker = cx.waker();
      s = (int) STATE.getVolatile(this);
      if ((s & COMPLETE) == 0) {
        return PENDING;
      }
    }
    if ((s & (TAKEN | RECEIVER_CLOSED)) != 0) {
      throw new IllegalStateException("this oneshot receiver was polled after it completed");
    }
    if (!cx.consumeBudget()) {
      cx.waker().wake();
      return PENDING;
    }
    STATE.getAndBitwiseOr(this, TAKEN);
    waker = null;
    Object o = outcome;
    outcome = null;
    if ((s & FAILURE) != 0) {
      throw AsyncStackTraces.rethrown((Throwable) o); // the sender's, from its task or thread
    }
    if ((s & SENDER_CLOSED) != 0) {
      throw new ChannelClosedException("the oneshot sender was closed without sending a value");
    }
    return o;
  }

  @Override
  public void close() {
    cancel();
  }

  @Override
  public void cancel() {
    int before = (int) STATE.getAndBitwiseOr(this, RECEIVER_CLOSED);
    waker = null;
    if ((before & COMPLETE) != 0 && (before & TAKEN) == 0) {
      outcome = null;
    }
  }

  @Override
  public String toString() {
    return "Oneshot@" + Integer.toHexString(System.identityHashCode(this));
  }
}
