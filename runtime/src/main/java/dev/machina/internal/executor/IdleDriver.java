package dev.machina.internal.executor;

import java.util.function.BooleanSupplier;

/**
 * The operating-system side of a runtime (one selector per worker, and the timers) in a form its
 * workers drive: a worker with nothing to do waits in its own selector instead of parking, and a
 * busy one polls it between tasks, so the thread that sees a socket become ready is the one that
 * runs its task (see "Driving when idle" in {@link WorkStealingScheduler}).
 *
 * <p>{@code worker} is the worker's index; each method except {@link #wakeup} is called by that
 * worker's thread only.
 */
public interface IdleDriver {
  /**
   * One turn of an idle worker on its own selector: applies queued interest, fires due timers if
   * this worker holds the timer role (taken if free, kept until {@link #stopDriving}), takes a
   * non-waiting turn for peers busy too long to poll theirs, and dispatches readiness. It waits
   * for an event, the next timer deadline or {@link #wakeup} unless {@code dontWait} is true when
   * checked right before the wait. Returns false, at once, if the driver has stopped (it failed
   * or shut down): then it must not be driven any more. Never throws.
   */
  boolean turn(int worker, BooleanSupplier dontWait);

  /**
   * A turn that does not wait, for a busy worker between tasks: its own selector if no helper
   * holds it, and the timers if no other thread drives them. Never throws.
   */
  void poll(int worker);

  /** The worker stops driving (it has tasks to run): it gives up the timer role if it holds it. */
  void stopDriving(int worker);

  /** Makes the worker's current or next wait in its selector return at once (any thread). */
  void wakeup(int worker);
}
