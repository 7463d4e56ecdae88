package dev.machina.tests.support;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;

/**
 * A leaf future completed by hand, from any thread: pending until {@link #complete} or
 * {@link #fail}, then it wakes the waker of its latest poll.
 *
 * <p>Invariant: the waker is stored and the outcome read under the same lock that completion
 * takes, so a completion racing a poll either is seen by that poll or wakes the waker it stored.
 */
public final class Gate<T> implements Future<T> {
  private final Object lock = new Object();
  private boolean done;
  private Object value;
  private Throwable error;
  private Waker waker;
  private int polls;
  private boolean cancelled;
  private Runnable onFirstPoll;

  /** A gate that runs {@code onFirstPoll} (outside its lock) the first time it is found pending. */
  public Gate(Runnable onFirstPoll) {
    this.onFirstPoll = onFirstPoll;
  }

  public Gate() {
    this(null);
  }

  /** Sets what runs the first time this gate is found pending (replacing any earlier hook). */
  public void setOnFirstPoll(Runnable hook) {
    synchronized (lock) {
      onFirstPoll = hook;
    }
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    Runnable first;
    synchronized (lock) {
      polls++;
      if (done) {
        if (error != null) {
          throw error;
        }
        return value;
      }
      waker = cx.waker();
      first = onFirstPoll;
      onFirstPoll = null;
    }
    if (first != null) {
      first.run();
    }
    return PENDING;
  }

  /** Completes the gate with {@code v} and wakes its poller; later completions are ignored. */
  public void complete(T v) {
    finish(v, null);
  }

  /** Fails the gate with {@code e} and wakes its poller; later completions are ignored. */
  public void fail(Throwable e) {
    finish(null, e);
  }

  private void finish(Object v, Throwable e) {
    Waker w;
    synchronized (lock) {
      if (done) {
        return;
      }
      done = true;
      value = v;
      error = e;
      w = waker;
      waker = null;
    }
    if (w != null) {
      w.wake();
    }
  }

  @Override
  public void cancel() {
    synchronized (lock) {
      cancelled = true;
      waker = null;
    }
  }

  /** Whether someone cancelled this future (the machine awaiting it was cancelled). */
  public boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** Whether some poll found this gate pending and stored a waker. */
  public boolean isPolled() {
    synchronized (lock) {
      return polls > 0;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "Gate(" + (done ? (error != null ? "failed " + error : "= " + value) : "pending")
          + ")";
    }
  }
}
