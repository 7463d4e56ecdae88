package dev.machina.processor.testing;

import dev.machina.Context;
import dev.machina.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Futures for tests of generated machines: pending once (woken at once, or from another thread),
 * then complete or failed; and a trace recording evaluation order.
 */
public final class Later {
  private Later() {}

  /** Every event logged by {@link #log}, in order. */
  public static final List<String> TRACE = new ArrayList<>();

  /** Logs {@code event} and returns {@code value}. */
  public static <T> T log(String event, T value) {
    TRACE.add(event);
    return value;
  }

  /** A future that is pending on its first poll (waking the waker at once), then {@code value}. */
  public static <T> Future<T> value(T value) {
    return new Once<>(value, null, false);
  }

  /** Like {@link #value} but woken from another thread. */
  public static <T> Future<T> fromThread(T value) {
    return new Once<>(value, null, true);
  }

  /** A future pending once, then failing with {@code error}. */
  public static <T> Future<T> failure(Throwable error) {
    return new Once<>(null, error, false);
  }

  /** Pending once, then {@code value}; counts cancellations. */
  static final class Once<T> implements Future<T> {
    private final T value;
    private final Throwable error;
    private final boolean thread;
    private boolean polled;

    Once(T value, Throwable error, boolean thread) {
      this.value = value;
      this.error = error;
      this.thread = thread;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      if (!polled) {
        polled = true;
        if (thread) {
          Thread t = new Thread(cx.waker()::wake);
          t.start();
        } else {
          cx.waker().wake();
        }
        return PENDING;
      }
      if (error != null) {
        throw error;
      }
      return value;
    }
  }

  /** A future that never completes and records whether it was cancelled. */
  public static final class Never<T> implements Future<T> {
    public boolean cancelled;

    @Override
    public Object poll(Context cx) {
      return PENDING;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
