package dev.machina.bench;

import java.util.Arrays;

/** Percentiles of timer lateness, in milliseconds. */
final class Lateness {
  private final long[] sorted;

  Lateness(long[] lateNanos) {
    sorted = lateNanos.clone();
    Arrays.sort(sorted);
  }

  /** The lateness at quantile {@code q} (0..1), in ms. */
  double percentileMillis(double q) {
    int i = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
    return sorted[i] / 1e6;
  }

  @Override
  public String toString() {
    return String.format(
        "p50=%.3fms p99=%.3fms p999=%.3fms max=%.3fms",
        percentileMillis(0.5),
        percentileMillis(0.99),
        percentileMillis(0.999),
        percentileMillis(1.0));
  }
}
