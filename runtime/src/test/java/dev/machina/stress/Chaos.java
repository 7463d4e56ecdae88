package dev.machina.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain threads that disturb a round (wakers, completers, cancellers); {@link #join()} waits for
 * them and rethrows the first failure, so an assertion on a chaos thread fails the round.
 */
final class Chaos {
  /** What a chaos thread runs. */
  @FunctionalInterface
  interface Body {
    void run() throws Throwable;
  }

  private final List<Thread> threads = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>(); // guarded by itself

  /** Adds a thread running {@code body}; it starts in {@link #start()}. */
  Chaos add(String name, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        synchronized (failures) {
          failures.add(e);
        }
      }
    }, "stress-" + name);
    t.setDaemon(true);
    threads.add(t);
    return this;
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** Waits for every thread; rethrows the first failure of any. */
  void join() throws Throwable {
    for (Thread t : threads) {
      t.join();
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        Throwable first = failures.get(0);
        failures.stream().skip(1).forEach(first::addSuppressed);
        throw first;
      }
    }
  }

  /** The numbers 0..n-1 in an order chosen by {@code random}. */
  static int[] shuffled(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[k];
      a[k] = t;
    }
    return a;
  }
}
