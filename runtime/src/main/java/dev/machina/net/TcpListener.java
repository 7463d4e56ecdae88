package dev.machina.net;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.io.Registration;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP server socket: {@code await(listener.accept())} yields each incoming connection.
 *
 * <pre>{@code
 * TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 8080));
 * while (true) {
 *   TcpStream client = await(listener.accept());
 *   Machina.spawn(handle(client));
 * }
 * }</pre>
 *
 * <p>{@link #accept()} is safe to cancel: a pending accept holds no connection, so none is lost.
 * Accept from one task at a time. Closing the listener wakes a pending accept, which then fails
 * with {@link java.nio.channels.ClosedChannelException}; so does shutting down the runtime.
 */
public final class TcpListener implements Closeable {
  /** The length of the queue of connections not yet accepted. */
  static final int BACKLOG = 1024;

  private final ServerSocketChannel channel;
  private final Registration registration;

  private TcpListener(ServerSocketChannel channel) throws IOException {
    this.channel = channel;
    this.registration = new Registration(channel);
  }

  /** Binds a listener to {@code address} (port 0 picks a free port; see {@link #localAddress()}). */
  public static TcpListener bind(SocketAddress address) throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.bind(address, BACKLOG);
      return new TcpListener(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Binds a listener to {@code host} (a name or literal address) and {@code port}. */
  public static TcpListener bind(String host, int port) throws IOException {
    return bind(new InetSocketAddress(host, port));
  }

  /** The address the listener is bound to, with the actual port. */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** A future of the next incoming connection. */
  public Future<TcpStream> accept() {
    return new Accept();
  }

  /** Closes the listener; a pending accept fails. */
  @Override
  public void close() throws IOException {
    registration.close();
  }

  @Override
  public String toString() {
    try {
      return "TcpListener(" + channel.getLocalAddress() + ")";
    } catch (IOException e) {
      return "TcpListener(closed)";
    }
  }

  /** One accept: tries the socket, and waits for readiness only when no connection is queued. */
  private final class Accept implements Future<TcpStream> {
    @Override
    public Object poll(Context cx) throws Throwable {
      registration.checkUsable();
      SocketChannel ch = channel.accept();
      if (ch != null) {
        return TcpStream.adopt(ch);
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
      return "accept() on " + TcpListener.this;
    }
  }
}
