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
 *
 * <p>Which interleavings occur depends on the scheduler and the machine's load, so a missing
 * outcome fails the test only when none of the required outcomes occurred at all (the test then
 * exercised nothing it is about); a single missing one is printed as a warning, since failing on
 * it would make the suite flaky on a quiet machine.
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

  /**
   * Prints the counts; with enough rounds, warns of each {@code required} outcome that never
   * occurred and fails if none did.
   */
  void report(String test, int rounds, String... required) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.get()));
    System.out.println("[stress] " + test + ": " + sorted);
    if (rounds < ROUNDS_TO_REQUIRE) {
      return;
    }
    int seen = 0;
    for (String r : required) {
      AtomicLong c = counts.get(r);
      if (c != null && c.get() > 0) {
        seen++;
      } else {
        System.out.println("[stress] warning: " + test + " never produced '" + r + "'");
      }
    }
    assertTrue(seen > 0, test + " produced none of the outcomes it is about: " + sorted);
  }
}
