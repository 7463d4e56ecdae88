package dev.machina.testing;

import java.util.List;
import java.util.stream.Collectors;

/** Finds live threads by name, to check that a runtime leaves none behind. */
public final class Threads {
  private Threads() {}

  /** The names of live threads whose name starts with {@code prefix}. */
  public static List<String> named(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .sorted()
        .collect(Collectors.toList());
  }

  /** Waits up to {@code millis} for no thread named {@code prefix*} to be alive; returns them. */
  public static List<String> awaitNone(String prefix, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    List<String> left = named(prefix);
    while (!left.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(10);
      left = named(prefix);
    }
    return left;
  }
}
