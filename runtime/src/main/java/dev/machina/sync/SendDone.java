package dev.machina.sync;

import dev.machina.Context;

/** The outcome of a send decided when it was called: already accepted, or rejected. */
final class SendDone implements SendFuture {
  /** Shared by every send accepted at once, so the fast path allocates nothing. */
  static final SendDone SENT = new SendDone(null);

  private final ChannelClosedException error;

  SendDone(ChannelClosedException error) {
    this.error = error;
  }

  @Override
  public Object poll(Context cx) {
    if (error != null) {
      throw error;
    }
    return null;
  }

  @Override
  public boolean isSent() {
    return error == null;
  }
}
