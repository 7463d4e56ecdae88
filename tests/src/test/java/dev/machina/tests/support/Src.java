package dev.machina.tests.support;

import dev.machina.Context;
import dev.machina.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes the futures tested bodies await, all with one {@link Mode} of completion: {@link #val}
 * for a value, {@link #fail} for a failure (so each construct is run with futures that are ready,
 * pending and failing).
 */
public final class Src {
  /** One daemon thread that completes {@link Mode#PENDING_THREAD} futures. */
  private static final ExecutorService COMPLETER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "test-completer");
            t.setDaemon(true);
            return t;
          });

  private final Mode mode;

  public Src(Mode mode) {
    this.mode = mode;
  }

  public Mode mode() {
    return mode;
  }

  /** A future of {@code v} completing as this source's mode says. */
  public <T> Future<T> val(T v) {
    return make(v, null);
  }

  /** A future failing with {@code e} (the same object) as this source's mode says. */
  public <T> Future<T> fail(Throwable e) {
    return make(null, e);
  }

  private <T> Future<T> make(T v, Throwable e) {
    switch (mode) {
      case READY:
        return e == null ? Future.ready(v) : Future.failed(e);
      case PENDING_SELF:
        return new SelfWaking<>(v, e);
      case PENDING_THREAD:
        Gate<T> g = new Gate<>();
        g.setOnFirstPoll(() -> COMPLETER.execute(() -> finish(g, v, e)));
        return g;
      default:
        throw new AssertionError(mode);
    }
  }

  private static <T> void finish(Gate<T> g, T v, Throwable e) {
    if (e == null) {
      g.complete(v);
    } else {
      g.fail(e);
    }
  }

  /** Runs {@code r} later on the completer thread. */
  public static void later(Runnable r) {
    COMPLETER.execute(r);
  }

  /** Pending on its first poll, which wakes its own waker; complete on the next poll. */
  private static final class SelfWaking<T> implements Future<T> {
    private final T value;
    private final Throwable error;
    private boolean polled;

    SelfWaking(T value, Throwable error) {
      this.value = value;
      this.error = error;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      if (!polled) {
        polled = true;
        cx.waker().wake();
        return PENDING;
      }
      if (error != null) {
        throw error;
      }
      return value;
    }
  }
}
