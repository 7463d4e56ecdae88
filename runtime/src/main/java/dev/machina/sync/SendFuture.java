package dev.machina.sync;

import dev.machina.Future;

/**
 * The future returned by {@link Sender#send}: completes (with {@code null}) once the channel has
 * accepted the message, or throws {@link ChannelClosedException} if the channel closed first.
 *
 * <p>{@link #cancel()} withdraws the message if the channel has not accepted it yet; after a
 * cancel, {@link #isSent()} tells whether the message went through anyway.
 */
public interface SendFuture extends Future<Void> {
  /**
   * Whether the channel has accepted the message: it is in the buffer or was handed to a
   * receiver, and will be received unless the receiving side closes.
   */
  boolean isSent();
}
