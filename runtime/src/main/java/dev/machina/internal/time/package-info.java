/**
 * Timer machinery: a hierarchical {@link dev.machina.internal.time.TimerWheel} (single-threaded),
 * {@link dev.machina.internal.time.TimerShard}s that each guard one wheel with a lock, the
 * {@link dev.machina.internal.time.TimerService} that spreads timers over the shards, lets any
 * thread schedule and cancel (applied before the call returns) and lets the driver fire them, and
 * {@link dev.machina.internal.time.DeadlineTimer}, the timer that wakes a waker, base of
 * {@link dev.machina.internal.time.SleepFuture} and of the timeout future. In: deadlines from any
 * thread. Out: wakers woken on the driver thread.
 */
package dev.machina.internal.time;
