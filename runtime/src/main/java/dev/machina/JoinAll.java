package dev.machina;

import java.util.List;
import java.util.function.Function;

/**
 * The future of {@link Futures#joinAll}: waits for every child, completes with all their values
 * (in the children's order, passed through {@code finish}), or fails with the first failure after
 * cancelling the children still running.
 */
final class JoinAll<R> extends Branches<R> {
  private final Object[] values;
  private final Function<Object[], ?> finish;
  private int remaining;

  JoinAll(List<? extends Future<?>> futures, Function<Object[], ?> finish) {
    super(futures);
    this.values = new Object[size()];
    this.remaining = size();
    this.finish = finish;
  }

  @Override
  Object onValue(int index, Object value) {
    values[index] = value;
    if (--remaining == 0) {
      return finish.apply(values);
    }
    return PENDING;
  }

  @Override
  Object onFailure(int index, Throwable error) throws Throwable {
    cancelChildren();
    throw error;
  }

  @Override
  Object whenEmpty() {
    return finish.apply(values);
  }

  @Override
  public String toString() {
    return "Futures.joinAll(" + size() + " futures, " + remaining + " pending: "
        + pendingChildren() + ")";
  }
}
