package dev.machina;

/**
 * A handle that schedules a pending future's task to be polled again.
 *
 * <p>Contract (as Rust's {@code Waker}): every {@code wake()} guarantees at least one later poll
 * of the task; several wakes may merge into one poll; {@code wake()} may be called from any
 * thread, any number of times, also after the task has completed (then it does nothing). Only the
 * waker passed to the most recent poll needs to be woken.
 */
@FunctionalInterface
public interface Waker {
  /** Schedules the task that owns this waker to be polled again. */
  void wake();

  /** A waker that does nothing: for polling a future once outside any task. */
  static Waker noop() {
    return NoopWaker.INSTANCE;
  }
}

/** The waker that ignores wake-ups. */
enum NoopWaker implements Waker {
  INSTANCE;

  @Override
  public void wake() {}
}
