/**
 * Timer machinery: a hierarchical {@link dev.machina.internal.time.TimerWheel} (single-threaded),
 * the {@link dev.machina.internal.time.TimerService} that lets any thread schedule and cancel
 * through lock-free stacks, and {@link dev.machina.internal.time.SleepFuture}, the timer that is
 * also a future. In: deadlines from any thread. Out: wakers woken on the driver thread.
 */
package dev.machina.internal.time;
