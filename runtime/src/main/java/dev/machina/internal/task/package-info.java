/**
 * Spawned tasks: {@link dev.machina.internal.task.Task} (one object per spawn that is the future's
 * context, its waker and its join handle, driven by one atomic state word whose bits are
 * documented on the class) and the {@link dev.machina.internal.task.Scheduler} interface the
 * executors implement. In: a future and a scheduler. Out: polls on the scheduler's threads and an
 * outcome delivered to joiners.
 */
package dev.machina.internal.task;
