/**
 * Time on the runtime's timing wheel: {@link dev.machina.time.Time#sleep},
 * {@link dev.machina.time.Time#sleepUntil}, {@link dev.machina.time.Time#timeout} and
 * {@link dev.machina.time.Interval} with its {@link dev.machina.time.MissedTickBehavior}.
 * {@code Machina.sleep} and {@code Futures.timeout} are shortcuts to the same futures.
 */
package dev.machina.time;
