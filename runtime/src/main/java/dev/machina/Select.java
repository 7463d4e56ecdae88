package dev.machina;

import java.util.List;

/**
 * The future of {@link Futures#select}: completes with the outcome (value or failure) of the first
 * child to complete, after cancelling the others.
 */
final class Select<T> extends Branches<T> {
  Select(List<? extends Future<?>> futures) {
    super(futures);
    if (futures.isEmpty()) {
      throw new IllegalArgumentException("select needs at least one future");
    }
  }

  @Override
  Object onValue(int index, Object value) {
    cancelChildren();
    return value;
  }

  @Override
  Object onFailure(int index, Throwable error) throws Throwable {
    cancelChildren();
    throw error;
  }

  @Override
  Object whenEmpty() {
    throw new AssertionError("unreachable: select of nothing is rejected");
  }

  @Override
  public String toString() {
    return "Futures.select(" + size() + " futures, pending: " + pendingChildren() + ")";
  }
}
