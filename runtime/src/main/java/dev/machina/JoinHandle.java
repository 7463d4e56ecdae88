package dev.machina;

import java.util.concurrent.CompletableFuture;

/**
 * The handle of a spawned task: a {@link Future} of the task's outcome (its value, or its failure
 * as the original Throwable), through which the task can also be cancelled.
 *
 * <p>Awaiting the handle, polling it, or taking its {@link #toCompletableFuture() view} counts as
 * joining the task: a task that fails before anybody joined it has its failure reported to the
 * runtime's unhandled-failure handler (and still kept for a late joiner).
 *
 * <p>A handle may be polled from any task; the most recent poller is woken on completion.
 *
 * @param <T> the type of the task's value
 */
public interface JoinHandle<T> extends Future<T> {
  /**
   * Cancels the task: at its next poll the task's future is cancelled (a state machine then
   * throws {@link java.util.concurrent.CancellationException} at its pending await and runs its
   * {@code finally} blocks, which may still await), and once it has finished the handle completes
   * with a {@code CancellationException}. Does nothing if the task has already completed; a task
   * that completes while the request is on its way keeps its outcome.
   */
  @Override
  void cancel();

  /** Whether the task has completed (with a value, a failure, or by cancellation). */
  boolean isDone();

  /**
   * The task's outcome as a {@link CompletableFuture} (always the same object); a failure is
   * delivered as the original Throwable. Cancelling the CompletableFuture cancels the task.
   */
  CompletableFuture<T> toCompletableFuture();
}
