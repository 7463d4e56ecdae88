package dev.machina.internal.blocking;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.internal.AsyncStackTraces;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A blocking call queued on a {@link BlockingPool}, and the future of its outcome.
 *
 * <p>Invariants: {@code state} goes QUEUED -> RUNNING -> DONE, or QUEUED -> CANCELLED (the call
 * never starts). The outcome fields are written before the volatile write of DONE and read after
 * reading it; {@link #poll} stores the waker before reading the state and {@link #finish} reads
 * the waker after writing it, so a completion racing a poll always wakes the latest waker.
 */
final class BlockingTask<T> implements Future<T> {
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int CANCELLED = 3;
  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<BlockingTask> STATE =
      AtomicIntegerFieldUpdater.newUpdater(BlockingTask.class, "state");

  private final Callable<T> call;
  private volatile int state;
  private volatile Waker waker;
  private Object value;
  private Throwable error;

  BlockingTask(Callable<T> call) {
    this.call = call;
  }

  /** Claims the task for a pool thread; false if it was cancelled first. */
  boolean start() {
    return STATE.compareAndSet(this, QUEUED, RUNNING);
  }

  /** Runs the call (after {@link #start}), keeping its outcome for {@link #finish}. */
  void call() {
    try {
      value = call.call();
    } catch (Throwable t) {
      error = t;
    }
  }

  /** The pool shut down before the call started: it fails with CancellationException. */
  void reject(String reason) {
    if (STATE.compareAndSet(this, QUEUED, RUNNING)) {
      error = new CancellationException(reason);
      finish();
    }
  }

  /** Publishes the outcome and wakes the waiting task. */
  void finish() {
    state = DONE;
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    if (state != DONE) {
      waker = cx.waker();
      int s = state;
      if (s == CANCELLED) {
        throw new CancellationException("blocking call cancelled");
      }
      if (s != DONE) {
        return PENDING;
      }
    }
    waker = null;
    if (error != null) {
      throw AsyncStackTraces.rethrown(error); // thrown on a pool thread
    }
    return value;
  }

  /**
   * Abandons the outcome: a call that has not started never runs; one already running finishes
   * on its thread (Java cannot stop it safely) and its result is dropped.
   */
  @Override
  public void cancel() {
    STATE.compareAndSet(this, QUEUED, CANCELLED);
    waker = null;
  }

  @Override
  public String toString() {
    return "spawnBlocking(" + call + ")";
  }
}
