package dev.machina.samples.http;

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
 * The HTTP sample: an HTTP/1.1 server with keep-alive serving {@link Site}, one {@code @Async}
 * task per connection.
 *
 * <p>A refused request gets its status and then a lingering close: the server ends its output and
 * drops what the client still sends (a bounded amount, for a bounded time), so that closing with
 * unread input does not reset the connection before the client has read the refusal.
 *
 * <p>Each connection holds at most one {@link #MAX_HEAD}-byte input buffer and one response; a head
 * must arrive within {@link #REQUEST_TIMEOUT} of the previous response (or of the connection), and
 * a response must be taken by the client within as long, or the server closes the connection; and at most {@link #MAX_CONNECTIONS} connections are served at
 * once (the accept loop waits for a free permit). So no client can make its memory grow unbounded.
 */
public final class HttpServer {
  /** Largest request head accepted; a larger one is answered with 431. */
  public static final int MAX_HEAD = 8 * 1024;

  /** Longest wait for a complete request head, or for the client to take a response. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Most connections served at the same time. */
  public static final int MAX_CONNECTIONS = 10_000;

  /** After refusing a request, how much more input the server reads and drops before closing. */
  private static final int LINGER_BYTES = 64 * 1024;

  private final TcpListener listener;
  private final Duration requestTimeout;
  private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

  private HttpServer(TcpListener listener, Duration requestTimeout) {
    this.listener = listener;
    this.requestTimeout = requestTimeout;
  }

  /** A server listening on {@code address} (port 0 picks a free port). */
  public static HttpServer bind(InetSocketAddress address) throws IOException {
    return bind(address, REQUEST_TIMEOUT);
  }

  /** A server closing connections that send no complete request head within {@code requestTimeout}. */
  public static HttpServer bind(InetSocketAddress address, Duration requestTimeout) throws IOException {
    return new HttpServer(TcpListener.bind(address), requestTimeout);
  }

  /** The address the server listens on. */
  public InetSocketAddress address() throws IOException {
    return listener.localAddress();
  }

  /** Accepts connections and serves each in its own task, until cancelled. */
  @Async
  public Future<Void> serve() throws IOException {
    try (listener) {
      while (true) {
        Semaphore.Permit permit = await(connections.acquire());
        TcpStream connection = await(listener.accept());
        Machina.spawn(serveConnection(connection, permit));
      }
    }
  }

  /** Answers the requests of one connection in order until it closes, idles or misbehaves. */
  @Async
  Future<Void> serveConnection(TcpStream connection, Semaphore.Permit permit) {
    RequestParser parser = new RequestParser(MAX_HEAD);
    ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    try (permit; connection) {
      while (true) {
        HttpRequest request;
        in.flip();
        try {
          request = parser.parse(in);
        } catch (BadRequestException bad) {
          HttpResponse refusal = HttpResponse.error(bad.status(), bad.getMessage()).closing();
          await(Time.timeout(connection.writeAll(refusal.encode(false)), requestTimeout));
          await(lingeringClose(connection, in));
          return Future.ready(null);
        } finally {
          in.compact();
        }
        if (request == null) {
          Duration left = Duration.ofNanos(deadline - System.nanoTime());
          if (left.isNegative() || await(Time.timeout(connection.read(in), left)) < 0) {
            return Future.ready(null);
          }
          continue;
        }
        HttpResponse response = Site.respond(request);
        if (!request.keepAlive() && !response.close()) {
          response = response.closing();
        }
        byte[] bytes = response.encode(request.method().equals("HEAD"));
        await(Time.timeout(connection.writeAll(bytes), requestTimeout));
        if (response.close()) {
          if (request.hasBody()) {
            await(lingeringClose(connection, in));
          }
          return Future.ready(null);
        }
        deadline = System.nanoTime() + requestTimeout.toNanos();
      }
    } catch (Exception idleOrGone) { // TimeoutException (idle) or IOException (peer gone)
      return Future.ready(null); // an idle client or a peer that went away: just close
    }
  }

  /** Ends our output, then reads and drops up to {@link #LINGER_BYTES} until the client closes. */
  @Async
  Future<Void> lingeringClose(TcpStream connection, ByteBuffer scratch) throws IOException {
    connection.shutdownOutput();
    int dropped = 0;
    while (dropped < LINGER_BYTES) {
      scratch.clear();
      int n = await(Time.timeout(connection.read(scratch), requestTimeout));
      if (n < 0) {
        break;
      }
      dropped += n;
    }
    return Future.ready(null);
  }
}
