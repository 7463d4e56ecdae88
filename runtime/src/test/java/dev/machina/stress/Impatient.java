package dev.machina.stress;

import dev.machina.Context;
import dev.machina.Future;
import java.util.SplittableRandom;

/**
 * Polls a future and may give up on it, as the test's seed decides: it then cancels the future
 * (withdrawing a waiting receive, send, lock or notification) and completes with
 * {@link #GAVE_UP}.
 *
 * <p>Two ways to give up. A <em>patient</em> one gives up at its {@code patience + 1}-th pending
 * poll, waking its own task after each earlier one, so the cancel lands while the inner future's
 * waker may be firing on another thread. A <em>blind</em> one waits for the inner future's wake
 * and then cancels it without polling it: the wake usually means the inner future was just
 * granted its message, lock, permits or notification, so this is the cancel of a waiter that was
 * chosen but has not taken what it was given, which must pass it on.
 */
final class Impatient implements Future<Object> {
  /** The value of an impatient future that cancelled its inner future. */
  static final Object GAVE_UP = new Object() {
    @Override
    public String toString() {
      return "GAVE_UP";
    }
  };

  private static final int BLIND = -2;

  private final Future<?> inner;
  private int patience;
  private boolean polled;

  /** Gives up at the {@code patience + 1}-th pending poll; negative: never, {@code BLIND}: blind. */
  private Impatient(Future<?> inner, int patience) {
    this.inner = inner;
    this.patience = patience;
  }

  /**
   * {@code inner}, given up on in {@code impatientPercent} percent of the cases (half of them
   * blindly), chosen by {@code random}.
   */
  static Impatient of(Future<?> inner, SplittableRandom random, int impatientPercent) {
    if (random.nextInt(100) >= impatientPercent) {
      return new Impatient(inner, -1);
    }
    return new Impatient(inner, random.nextBoolean() ? BLIND : random.nextInt(4));
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    if (patience == BLIND && polled) {
      inner.cancel(); // woken, most likely because inner just completed: cancel it unread
      return GAVE_UP;
    }
    polled = true;
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
