/**
 * The executors: {@link dev.machina.internal.executor.WorkStealingScheduler} (worker threads
 * with local ring queues, a LIFO slot, a global injector, stealing and a lost-wake-up-free
 * parking protocol, documented on the class; one worker is the single-thread flavour) and
 * {@link dev.machina.internal.executor.BlockOn}, which runs a future on a non-worker thread by
 * parking it between polls.
 */
package dev.machina.internal.executor;
