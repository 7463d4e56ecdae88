package dev.machina.samples.echo;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.Machina;
import dev.machina.net.TcpListener;
import dev.machina.net.TcpStream;
import dev.machina.sync.Semaphore;
import dev.machina.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The echo sample: a TCP server writing back every byte it receives, one task per connection.
 * Reading the next bytes only after the previous ones are written back keeps each connection's
 * memory at one buffer, however slowly the client reads.
 */
public final class EchoServer {
  /** A connection that sends nothing, or reads nothing we write, for this long is closed. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Most connections served at the same time. */
  public static final int MAX_CONNECTIONS = 10_000;

  private final TcpListener listener;
  private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

  private EchoServer(TcpListener listener) {
    this.listener = listener;
  }

  /** A server listening on {@code address} (port 0 picks a free port). */
  public static EchoServer bind(InetSocketAddress address) throws IOException {
    return new EchoServer(TcpListener.bind(address));
  }

  /** The address the server listens on. */
  public InetSocketAddress address() throws IOException {
    return listener.localAddress();
  }

  /** Accepts connections and echoes each in its own task, until cancelled. */
  @Async
  public Future<Void> serve() throws IOException {
    try (listener) {
      while (true) {
        Semaphore.Permit permit = await(connections.acquire());
        TcpStream connection = await(listener.accept());
        Machina.spawn(echo(connection, permit));
      }
    }
  }

  /** Writes back what {@code connection} sends until it ends its output, then ends ours. */
  @Async
  static Future<Void> echo(TcpStream connection, Semaphore.Permit permit) {
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    try (permit; connection) {
      while (await(Time.timeout(connection.read(buffer), IDLE_TIMEOUT)) >= 0) {
        buffer.flip();
        await(Time.timeout(connection.writeAll(buffer), IDLE_TIMEOUT));
        buffer.clear();
      }
      connection.shutdownOutput();
    } catch (Exception idleOrGone) { // TimeoutException (idle) or IOException (peer gone)
      // the connection is closed by try-with-resources
    }
    return Future.ready(null);
  }
}
