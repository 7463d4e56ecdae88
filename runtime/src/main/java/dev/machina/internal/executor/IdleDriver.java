package dev.machina.internal.executor;

import java.util.function.BooleanSupplier;

/**
 * The operating-system side of a runtime (selector and timers) in a form that a worker with
 * nothing to do can run instead of parking, so the thread that sees a socket become ready is the
 * one that runs its task (see "Driving when idle" in {@link WorkStealingScheduler}).
 *
 * <p>At most one thread holds the driver at a time: {@link #tryAcquire} then {@link #turn} any
 * number of times, then {@link #release}.
 */
public interface IdleDriver {
  /** Makes the calling thread the holder; false if another thread holds it or it has stopped. */
  boolean tryAcquire();

  /**
   * Holder only: one turn (apply queued I/O interest, fire due timers, dispatch readiness). It
   * waits for an event, the next timer deadline or {@link #wakeup} unless {@code dontWait} is true
   * when checked right before the wait. Returns false, at once, if the driver has stopped (it
   * failed or shut down): then it must not be driven any more. Never throws.
   */
  boolean turn(BooleanSupplier dontWait);

  /** Holder only: gives the driver up. */
  void release();

  /** Makes the holder's current or next wait return at once (any thread). */
  void wakeup();
}
