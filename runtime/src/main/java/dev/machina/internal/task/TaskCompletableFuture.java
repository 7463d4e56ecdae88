package dev.machina.internal.task;

import java.util.concurrent.CompletableFuture;

/**
 * The {@link CompletableFuture} view of a task: completed with the task's outcome, and cancelling
 * it cancels the task.
 */
final class TaskCompletableFuture<T> extends CompletableFuture<T> {
  private final Task<T> task;

  /**
   * The waker of the task's last joiner still waiting, kept here once this view occupies the
   * task's joiner slot (see Task, "Joining").
   */
  volatile dev.machina.Waker joinWaker;

  TaskCompletableFuture(Task<T> task) {
    this.task = task;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    task.cancel();
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }

  @Override
  public String toString() {
    return "CompletableFuture view of " + task + " " + super.toString();
  }
}
