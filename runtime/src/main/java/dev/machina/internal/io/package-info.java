/**
 * The reactor: {@link dev.machina.internal.io.Reactor} owns a {@link java.nio.channels.Selector}
 * and dispatches readiness; {@link dev.machina.internal.io.IoSource} is one channel's
 * registration (read interest kept armed while it has a reader, write interest one-shot);
 * {@link dev.machina.internal.io.Registration} creates it lazily for the public socket classes.
 * In: "wake me when readable/writable" from any thread. Out: wakers woken on the driver thread,
 * that is the thread running a turn of the driver (usually an idle worker).
 */
package dev.machina.internal.io;
