package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the outcomes a stress test produced over its rounds, so the test can print them and
 * check that the races it is about actually happened (a stress test that never cancels a waiter
 * proves nothing about cancelled waiters).
 */
final class Tally {
  /** Below this many rounds (a rerun of one seed, say) the outcomes are printed, not required. */
  static final int ROUNDS_TO_REQUIRE = 20;

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void add(String outcome, long n) {
    counts.computeIfAbsent(outcome, k -> new AtomicLong()).addAndGet(n);
  }

  void add(String outcome) {
    add(outcome, 1);
  }

  /** Prints the counts; with enough rounds, fails unless each of {@code required} occurred. */
  void report(String test, int rounds, String... required) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.get()));
    System.out.println("[stress] " + test + ": " + sorted);
    if (rounds >= ROUNDS_TO_REQUIRE) {
      for (String r : required) {
        AtomicLong c = counts.get(r);
        assertTrue(c != null && c.get() > 0, test + " never produced '" + r + "': " + sorted);
      }
    }
  }
}
