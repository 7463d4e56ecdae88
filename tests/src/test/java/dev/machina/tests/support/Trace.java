package dev.machina.tests.support;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered log of side effects, shared by a tested body and its test: {@link #t} records a
 * label and passes a value through, so it can stand inside any expression.
 */
public final class Trace {
  private final List<String> events = new ArrayList<>();

  /** Records {@code label} and returns {@code value}. */
  public synchronized <T> T t(String label, T value) {
    events.add(label);
    return value;
  }

  /** Records {@code label}. */
  public synchronized void add(String label) {
    events.add(label);
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public synchronized String toString() {
    return events.toString();
  }
}
