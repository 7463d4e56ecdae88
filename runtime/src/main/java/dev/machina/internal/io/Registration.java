package dev.machina.internal.io;

import dev.machina.internal.driver.Driver;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * A non-blocking channel and its {@link IoSource}, created on the first wait with one of the
 * reactors of the runtime that polls; a socket that never has to wait never touches a reactor.
 */
public final class Registration {
  private final SelectableChannel channel;
  private volatile IoSource source;

  /** Switches {@code channel} to non-blocking mode. */
  public Registration(SelectableChannel channel) throws IOException {
    channel.configureBlocking(false);
    this.channel = channel;
  }

  /** The source to wait on, registering with the current runtime's reactor on first use. */
  public IoSource source() throws IOException {
    IoSource s = source;
    if (s != null) {
      return s;
    }
    synchronized (this) {
      if (source == null) {
        Driver driver;
        try {
          driver = Driver.current();
        } catch (IllegalStateException e) {
          throw new IOException(Driver.SHUT_DOWN, e);
        }
        source = driver.register(channel);
      }
      return source;
    }
  }

  /** Throws if the channel's reactor has shut down. */
  public void checkUsable() throws IOException {
    IoSource s = source;
    if (s != null) {
      s.checkUsable();
    }
  }

  /** Forgets the waker of a cancelled operation on the read or the write side. */
  public void cancelWait(boolean read, boolean write) {
    IoSource s = source;
    if (s != null) {
      s.clearWakers(read, write);
    }
  }

  /** Closes the channel; pending operations wake and fail with a closed-channel IOException. */
  public void close() throws IOException {
    IoSource s;
    synchronized (this) {
      s = source;
    }
    if (s != null) {
      s.close();
    } else {
      channel.close();
    }
  }
}
