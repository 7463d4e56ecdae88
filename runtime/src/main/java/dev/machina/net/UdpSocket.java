package dev.machina.net;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.io.Registration;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * A UDP socket: {@link #send} and {@link #receive} datagrams without blocking the thread.
 *
 * <p>A datagram larger than the receive buffer's remaining space is truncated, as with
 * {@link DatagramChannel}. Both operations are safe to cancel: a pending receive has taken no
 * datagram and a pending send has sent nothing. One task may receive while another sends. When
 * the runtime shuts down, pending operations fail with an IOException and the socket is closed.
 */
public final class UdpSocket implements Closeable {
  private final DatagramChannel channel;
  private final Registration registration;

  private UdpSocket(DatagramChannel channel) throws IOException {
    this.channel = channel;
    this.registration = new Registration(channel);
  }

  /** Binds a socket to {@code address} (port 0 picks a free port; see {@link #localAddress()}). */
  public static UdpSocket bind(SocketAddress address) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.bind(address);
      return new UdpSocket(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Binds a socket to {@code host} and {@code port}. */
  public static UdpSocket bind(String host, int port) throws IOException {
    return bind(new InetSocketAddress(host, port));
  }

  /** The address the socket is bound to, with the actual port. */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /**
   * A future sending the remaining bytes of {@code src} as one datagram to {@code target},
   * completing with the number of bytes sent.
   */
  public Future<Integer> send(ByteBuffer src, SocketAddress target) {
    return new Send(Objects.requireNonNull(src, "src"), Objects.requireNonNull(target, "target"));
  }

  /**
   * A future receiving one datagram into {@code dst}, completing with the sender's address; the
   * datagram's bytes are between the buffer's old and new position.
   */
  public Future<InetSocketAddress> receive(ByteBuffer dst) {
    return new Receive(Objects.requireNonNull(dst, "dst"));
  }

  /** Closes the socket; pending operations fail. */
  @Override
  public void close() throws IOException {
    registration.close();
  }

  @Override
  public String toString() {
    try {
      return "UdpSocket(" + channel.getLocalAddress() + ")";
    } catch (IOException e) {
      return "UdpSocket(closed)";
    }
  }

  private final class Send implements Future<Integer> {
    private final ByteBuffer src;
    private final SocketAddress target;

    Send(ByteBuffer src, SocketAddress target) {
      this.src = src;
      this.target = target;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      registration.checkUsable();
      int size = src.remaining();
      int n = channel.send(src, target);
      if (n != 0 || size == 0) {
        return n;
      }
      registration.source().awaitWritable(cx.waker());
      return PENDING;
    }

    @Override
    public void cancel() {
      registration.cancelWait(false, true);
    }

    @Override
    public String toString() {
      return "send(to " + target + ") on " + UdpSocket.this;
    }
  }

  private final class Receive implements Future<InetSocketAddress> {
    private final ByteBuffer dst;

    Receive(ByteBuffer dst) {
      this.dst = dst;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      registration.checkUsable();
      SocketAddress from = channel.receive(dst);
      if (from != null) {
        return from;
      }
      registration.source().awaitReadable(cx.waker());
      return PENDING;
    }

    @Override
    public void cancel() {
      registration.cancelWait(true, false);
    }

    @Override
    public String toString() {
      return "receive() on " + UdpSocket.this;
    }
  }
}
