/**
 * The reactor: {@link dev.machina.internal.io.Reactor} owns a {@link java.nio.channels.Selector}
 * and dispatches readiness; {@link dev.machina.internal.io.IoSource} is one channel's
 * registration with one-shot interest; {@link dev.machina.internal.io.Registration} creates it
 * lazily for the public socket classes. In: "wake me when readable/writable" from any thread.
 * Out: wakers woken on the driver thread.
 */
package dev.machina.internal.io;
