package dev.machina.sync;

/**
 * Thrown when a channel can no longer carry the message at hand: a send after the receiving side
 * closed, or a oneshot whose sender was closed without sending a value.
 */
public class ChannelClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ChannelClosedException(String message) {
    super(message);
  }
}
