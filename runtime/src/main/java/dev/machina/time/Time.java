package dev.machina.time;

import dev.machina.Future;
import dev.machina.internal.time.SleepFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Sleeps, deadlines, intervals and timeouts, on the timing wheel of the runtime that polls them.
 *
 * <p>Timers never complete early. Deadlines are kept in ticks of 0.26 ms, and a driver waiting
 * for one wakes at the selector's whole-millisecond timeout, so on an idle runtime a timer fires
 * at most about 1.3 ms after its deadline. As in tokio, a deadline is fixed when the future is
 * created ({@code sleep(d)} ends {@code d} after the call, even if the future
 * is first awaited later); the timer joins the wheel on the first poll. Cancelling a pending timer
 * (or a timeout whose inner future finished) removes it from the wheel before {@code cancel}
 * returns, from any thread. When the runtime shuts down, pending timers fail with
 * {@link java.util.concurrent.CancellationException}.
 */
public final class Time {
  /** Durations are capped here (about 73 years) so that deadlines never overflow. */
  private static final long MAX_NANOS = Long.MAX_VALUE / 4;

  private Time() {}

  /** A future completing (with {@code null}) once {@code duration} has elapsed. */
  public static Future<Void> sleep(Duration duration) {
    return SleepFuture.after(System.nanoTime(), toNanos(duration));
  }

  /** A future completing once the wall clock reaches {@code instant} (measured as a duration now). */
  public static Future<Void> sleepUntil(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return sleep(Duration.between(Instant.now(), instant));
  }

  /** A future completing once {@link System#nanoTime()} reaches {@code deadlineNanos}. */
  public static Future<Void> sleepUntilNanoTime(long deadlineNanos) {
    return new SleepFuture(deadlineNanos);
  }

  /** An interval whose first tick is due at once and the next ones every {@code period}. */
  public static Interval interval(Duration period) {
    return new Interval(System.nanoTime(), positive(period));
  }

  /** An interval whose first tick is due after {@code initialDelay}, then every {@code period}. */
  public static Interval interval(Duration initialDelay, Duration period) {
    return new Interval(System.nanoTime() + toNanos(initialDelay), positive(period));
  }

  /**
   * The outcome of {@code future}, or a failure with {@link java.util.concurrent.TimeoutException}
   * if it has not completed within {@code duration}; on timeout {@code future} is cancelled.
   */
  public static <T> Future<T> timeout(Future<T> future, Duration duration) {
    Objects.requireNonNull(future, "future");
    return new TimeoutFuture<>(future, System.nanoTime(), toNanos(duration), duration);
  }

  /** {@code duration} in nanoseconds, negative durations as 0, huge ones capped. */
  static long toNanos(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      return 0;
    }
    if (duration.getSeconds() >= MAX_NANOS / 1_000_000_000L) {
      return MAX_NANOS;
    }
    return duration.toNanos();
  }

  private static long positive(Duration period) {
    long n = toNanos(period);
    if (n <= 0) {
      throw new IllegalArgumentException("the period must be positive: " + period);
    }
    return n;
  }

  static String describe(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + " ms" : d.toString();
  }
}
