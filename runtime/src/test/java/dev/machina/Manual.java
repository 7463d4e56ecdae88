package dev.machina;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leaf future completed by hand from any thread; records polls and cancellation. For tests.
 */
public final class Manual<T> implements Future<T> {
  private static final Object NONE = new Object();
  private volatile Object value = NONE;
  private volatile Throwable error;
  private volatile Waker waker;
  public final AtomicInteger polls = new AtomicInteger();
  public volatile boolean cancelled;

  @Override
  public Object poll(Context cx) throws Throwable {
    polls.incrementAndGet();
    waker = cx.waker();
    Throwable e = error;
    if (e != null) {
      throw e;
    }
    Object v = value;
    return v == NONE ? PENDING : v;
  }

  public void complete(T v) {
    value = v;
    wakeWaiter();
  }

  public void fail(Throwable e) {
    error = e;
    wakeWaiter();
  }

  /** Wakes whoever polled last, without completing. */
  public void wakeWaiter() {
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
  }

  public boolean polled() {
    return polls.get() > 0;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }
}
