package dev.machina;

import dev.machina.internal.Machine;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written state machines shaped like generated ones, for runtime tests. */
final class Machines {
  private Machines() {}

  /**
   * {@code try { return await(f); } catch (CancellationException e) { cancelSeen++; throw e; }
   * finally { finallyRuns++; }}
   */
  static final class Awaiting<T> extends Machine<T> {
    final Future<T> inner;
    final AtomicInteger cancelSeen;
    final AtomicInteger finallyRuns;

    Awaiting(Future<T> inner, AtomicInteger cancelSeen, AtomicInteger finallyRuns) {
      this.inner = inner;
      this.cancelSeen = cancelSeen;
      this.finallyRuns = finallyRuns;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      if (state == 0) {
        awaiting = inner;
        state = 1;
      }
      Object r;
      try {
        r = awaited(cx, nested);
      } catch (CancellationException e) {
        cancelSeen.incrementAndGet();
        finallyRuns.incrementAndGet();
        throw e;
      } catch (Throwable e) {
        finallyRuns.incrementAndGet();
        throw e;
      }
      if (r == SUSPENDED) {
        return SUSPENDED;
      }
      finallyRuns.incrementAndGet();
      return r;
    }
  }

  /** {@code while (!stop.get()) { await(Future.ready(null)); iterations++; } return iterations;} */
  static final class BusyLoop extends Machine<Long> {
    final AtomicBoolean stop;
    long iterations;

    BusyLoop(AtomicBoolean stop) {
      this.stop = stop;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          if (stop.get()) {
            return iterations;
          }
          awaiting = Future.ready(null);
          state = 1;
        }
        if (awaited(cx, nested) == SUSPENDED) {
          return SUSPENDED;
        }
        iterations++;
        state = 0;
      }
    }
  }
}
