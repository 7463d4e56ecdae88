package dev.machina.internal.executor;

import dev.machina.Context;
import dev.machina.Waker;
import dev.machina.internal.task.Task;

/**
 * The context a worker polls its tasks with, and its LIFO slot: one per worker at a time, pointed
 * at the task being polled, so that a task need not carry a context (and its budget field) of its
 * own. The worker replaces it every few thousand batches so that it stays in the young generation
 * (see {@code Worker.CONTEXT_BATCHES}). A future keeps {@code cx.waker()}, which is the task
 * itself, never the context.
 */
final class TaskContext extends Context {
  /** The task being polled (or polled last); written and read by the worker's thread only. */
  Task<?> task;
  /** The task woken last by the one being polled, run right after that poll (see Worker). */
  Task<?> lifo;

  @Override
  public Waker waker() {
    return task;
  }

  @Override
  public String toString() {
    return "TaskContext[" + task + "]";
  }
}
