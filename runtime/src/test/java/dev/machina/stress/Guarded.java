package dev.machina.stress;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.Machine;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Hand-written form of {@code entered[i]++; try { return await(inner); } catch
 * (CancellationException e) { cancelSeen[i]++; throw e; } finally { finallyRuns[i]++; }}, shaped
 * like a generated machine: counts, per task, how often its body started, saw the cancellation and
 * ran its finally block.
 */
final class Guarded<T> extends Machine<T> {
  /** Per-task counters shared by the machines of one round. */
  static final class Counters {
    final AtomicIntegerArray entered;
    final AtomicIntegerArray cancelSeen;
    final AtomicIntegerArray finallyRuns;

    Counters(int n) {
      entered = new AtomicIntegerArray(n);
      cancelSeen = new AtomicIntegerArray(n);
      finallyRuns = new AtomicIntegerArray(n);
    }
  }

  private final Future<T> inner;
  private final Counters counters;
  private final int index;

  Guarded(Future<T> inner, Counters counters, int index) {
    this.inner = inner;
    this.counters = counters;
    this.index = index;
  }

  @Override
  protected Object step(Context cx, int nested) throws Throwable {
    if (state == 0) {
      counters.entered.incrementAndGet(index);
      awaiting = inner;
      state = 1;
    }
    Object r;
    try {
      r = awaited(cx, nested);
    } catch (CancellationException e) {
      counters.cancelSeen.incrementAndGet(index);
      counters.finallyRuns.incrementAndGet(index);
      throw e;
    } catch (Throwable e) {
      counters.finallyRuns.incrementAndGet(index);
      throw e;
    }
    if (r == SUSPENDED) {
      return SUSPENDED;
    }
    counters.finallyRuns.incrementAndGet(index);
    return r;
  }
}
