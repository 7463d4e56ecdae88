package dev.machina.time;

/**
 * What an {@link Interval} does after a tick came late by more than {@value Interval#LATE_MILLIS}
 * ms (the task was busy, the machine was suspended): the choices of tokio's
 * {@code MissedTickBehavior}. Example with a 10 ms period, ticks due at 0, 10, 20, 30, ..., and a
 * tick at 0 that the task only takes at 35:
 */
public enum MissedTickBehavior {
  /**
   * Catch up: the missed ticks (due at 10, 20, 30) complete at once, one per {@code tick()}, then
   * the schedule goes on at 40, 50, ... The default, as in tokio: the number of ticks over a long
   * run matches the elapsed time.
   */
  BURST,
  /** Restart the schedule from the late tick: the next ticks are due at 45, 55, 65, ... */
  DELAY,
  /** Drop the missed ticks and keep the original phase: the next tick is due at 40, then 50, ... */
  SKIP
}
