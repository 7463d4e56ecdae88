package dev.machina.internal;

/**
 * A service that lives as long as a runtime (a timer wheel, a reactor, a blocking pool),
 * attached with {@code MachinaRuntime.driver(type, factory)} and shut down with the runtime.
 *
 * <p>Shutdown order: the runtime first stops its workers and aborts the tasks still queued (their
 * cancellation may still call into the drivers), then shuts down its drivers in the reverse order
 * of their attachment, each once.
 */
public interface RuntimeDriver {
  /** Releases the driver's threads and resources; called once, from the runtime's shutdown. */
  void shutdown();
}
