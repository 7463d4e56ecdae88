package dev.machina.internal.task;

/**
 * Where a {@link Task} goes when it becomes runnable; implemented by the executors.
 *
 * <p>Every call hands over a task whose {@code SCHEDULED} bit the caller has just set (or, for
 * {@link #reschedule}, kept set at the end of a poll): the scheduler then owns the one pending run
 * of that task and must either run it once ({@link Task#run}) or abort it ({@link Task#abort}).
 */
public interface Scheduler {
  /** Queues a task that was spawned or woken (from any thread). */
  void schedule(Task<?> task);

  /**
   * Queues a task woken because a task it joins has completed (from any thread). An executor may
   * put it behind the work already queued, where {@link #schedule} would run it next: a joiner of
   * many tasks then finds a batch of them complete when it runs, instead of running after each one
   * to find the next still queued.
   */
  default void scheduleJoiner(Task<?> task) {
    schedule(task);
  }

  /**
   * Queues a task that was woken while it was being polled, or that yielded; called by the
   * thread that just polled it. Implementations put it behind the tasks already queued.
   */
  void reschedule(Task<?> task);

  /** Reports the failure of a task that nobody joined. Must not throw. */
  void reportUnhandled(Throwable failure);

  /**
   * Called when {@code task} fails before anyone joined it: reports the failure unless the task is
   * joined soon after ({@link Task#isJoined}); by default at once. Must not throw.
   */
  default void reportUnlessJoined(Task<?> task, Throwable failure) {
    reportUnhandled(failure);
  }
}
