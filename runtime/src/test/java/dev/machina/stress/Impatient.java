package dev.machina.stress;

import dev.machina.Context;
import dev.machina.Future;

/**
 * Polls a future and gives up on it after a number of pending polls chosen by the test: it then
 * cancels the future (withdrawing a waiting receive, send, lock or notification) and completes
 * with {@link #GAVE_UP}. While it still has patience it wakes its own task after a pending poll,
 * so the give-up lands while the inner future's waker may be firing from another thread.
 */
final class Impatient implements Future<Object> {
  /** The value of an impatient future that cancelled its inner future. */
  static final Object GAVE_UP = new Object() {
    @Override
    public String toString() {
      return "GAVE_UP";
    }
  };

  private final Future<?> inner;
  private int patience;

  /** Gives up on {@code inner} at its {@code patience + 1}-th pending poll; negative: never. */
  Impatient(Future<?> inner, int patience) {
    this.inner = inner;
    this.patience = patience;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    Object r = inner.poll(cx);
    if (r != PENDING || patience < 0) {
      return r;
    }
    if (patience-- == 0) {
      inner.cancel();
      return GAVE_UP;
    }
    cx.waker().wake();
    return PENDING;
  }

  @Override
  public void cancel() {
    inner.cancel();
  }
}
