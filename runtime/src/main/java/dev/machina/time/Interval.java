package dev.machina.time;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.time.SleepFuture;
import java.time.Duration;

/**
 * Ticks at a fixed period: {@code await(interval.tick())} completes at each tick, the first one
 * at once (or at the start given to {@link Time#interval(Duration, Duration)}).
 *
 * <p>A tick that is taken late follows the {@link MissedTickBehavior} (default
 * {@link MissedTickBehavior#BURST}). Each {@code tick()} completes with the {@link System#nanoTime()}
 * value the tick was scheduled for. {@code tick()} is safe to cancel (say, when it loses a
 * {@code select} or a timeout): the tick it waited for is not consumed, and the next
 * {@code tick()} waits for the same instant. Use an interval from one task at a time.
 */
public final class Interval {
  /** How late a tick may come (ms) before the missed-tick behaviour applies. */
  public static final long LATE_MILLIS = 5;

  private final long periodNanos;
  private long nextNanos;
  private MissedTickBehavior behavior = MissedTickBehavior.BURST;

  Interval(long startNanos, long periodNanos) {
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("the period must be positive");
    }
    this.nextNanos = startNanos;
    this.periodNanos = periodNanos;
  }

  /** Sets what happens after a missed tick; returns this interval. */
  public Interval missedTickBehavior(MissedTickBehavior behavior) {
    this.behavior = java.util.Objects.requireNonNull(behavior, "behavior");
    return this;
  }

  /** The behaviour after a missed tick. */
  public MissedTickBehavior missedTickBehavior() {
    return behavior;
  }

  /** The period. */
  public Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /** Makes the next tick due one period from now. */
  public void reset() {
    nextNanos = System.nanoTime() + periodNanos;
  }

  /** A future completing at the next tick with the {@code nanoTime} it was scheduled for. */
  public Future<Long> tick() {
    return new Tick();
  }

  /** Moves the schedule past the tick due at {@code due}, taken at {@code now}. */
  private void advance(long due, long now) {
    long late = now - due;
    if (late <= LATE_MILLIS * 1_000_000L) {
      nextNanos = due + periodNanos;
      return;
    }
    switch (behavior) {
      case BURST -> nextNanos = due + periodNanos;
      case DELAY -> nextNanos = now + periodNanos;
      case SKIP -> nextNanos = due + periodNanos * (late / periodNanos + 1);
      default -> throw new AssertionError(behavior);
    }
  }

  /** One wait for the next tick; the interval advances only when it completes. */
  private final class Tick implements Future<Long> {
    private SleepFuture sleep;

    @Override
    public Object poll(Context cx) throws Throwable {
      long due = nextNanos;
      if (sleep == null || sleep.deadlineNanos() != due) {
        sleep = new SleepFuture(due);
      }
      if (sleep.poll(cx) == PENDING) {
        return PENDING;
      }
      sleep = null;
      advance(due, System.nanoTime());
      return due;
    }

    @Override
    public void cancel() {
      if (sleep != null) {
        sleep.cancel();
        sleep = null;
      }
    }

    @Override
    public String toString() {
      return "tick() of an interval every " + java.time.Duration.ofNanos(periodNanos);
    }
  }
}
