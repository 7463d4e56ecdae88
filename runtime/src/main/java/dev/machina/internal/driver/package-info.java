/**
 * {@link dev.machina.internal.driver.Driver}: the per-runtime owner of the selector and the timer
 * wheel (run in turns by the runtime's idle workers, or by a thread of its own when built
 * directly) and of the blocking pool, attached to a {@code MachinaRuntime} on first use and shut
 * down with it.
 */
package dev.machina.internal.driver;
