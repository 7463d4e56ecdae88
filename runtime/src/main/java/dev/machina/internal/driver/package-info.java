/**
 * {@link dev.machina.internal.driver.Driver}: the per-runtime owner of the driver thread (which
 * runs the selector and the timer wheel) and of the blocking pool, attached to a
 * {@code MachinaRuntime} on first use and shut down with it.
 */
package dev.machina.internal.driver;
