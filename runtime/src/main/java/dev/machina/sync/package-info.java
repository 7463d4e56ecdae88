/**
 * Asynchronous channels and locks for Machina tasks: {@link dev.machina.sync.Oneshot},
 * {@link dev.machina.sync.Channel} (bounded and unbounded, many producers and consumers),
 * {@link dev.machina.sync.Mutex}, {@link dev.machina.sync.Semaphore} and
 * {@link dev.machina.sync.Notify}.
 *
 * <p>Every waiting operation is a lazy {@link dev.machina.Future} that waits without blocking a
 * thread, and shares these rules:
 * <ul>
 *   <li><b>Wakers.</b> A pending future stores the waker of its latest poll under the primitive's
 *       lock; whoever completes it reads that waker under the same lock and wakes it after
 *       releasing the lock. A completion is thus never missed, whatever thread it comes from.
 *   <li><b>Cancellation.</b> {@code cancel()} on a waiting future removes it from the queue; if a
 *       message, permit or notification had already been handed to it but not yet returned by a
 *       poll, it goes back to the next waiter (or the buffer, or the pool of permits). Nothing is
 *       lost by cancelling. A future is polled and cancelled by its owner, one thread at a time.
 *   <li><b>Budget.</b> An operation that completes without waiting charges the task's cooperative
 *       budget ({@link dev.machina.Context#consumeBudget()}; a oneshot receiver charges it on every
 *       poll that completes, as tokio's does); when the budget is spent it wakes its
 *       task and reports pending instead, keeping what it would have returned for the next poll.
 *   <li><b>Allocation.</b> A waiting future is its own queue node (and, for locks, its own guard),
 *       so an operation allocates at most its future.
 * </ul>
 */
package dev.machina.sync;
