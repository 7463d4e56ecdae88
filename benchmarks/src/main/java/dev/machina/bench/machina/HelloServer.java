package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.Machina;
import dev.machina.bench.HelloResponse;
import dev.machina.net.TcpListener;
import dev.machina.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** B7, Machina's side: an HTTP/1.1 hello server, one task per connection, on Machina's reactor. */
public final class HelloServer {
  private HelloServer() {}

  /** Accepts connections until the listener closes, serving each in its own task. */
  @Async
  public static Future<Void> serve(TcpListener listener) {
    boolean open = true;
    while (open) {
      TcpStream stream = await(listener.accept());
      Machina.spawn(connection(stream));
    }
    return Future.ready(null);
  }

  /** Answers every complete request on {@code stream} until the client closes it. */
  @Async
  static Future<Void> connection(TcpStream stream) {
    HelloResponse scanner = new HelloResponse();
    ByteBuffer in = ByteBuffer.allocate(8192);
    try {
      stream.setNoDelay(true);
      int n = await(stream.read(in));
      while (n > 0) {
        int requests = scanner.scan(in.array(), 0, n);
        if (requests > 0) {
          await(stream.writeAll(HelloResponse.responses(requests)));
        }
        in.clear();
        n = await(stream.read(in));
      }
    } catch (IOException e) {
      // The client went away.
    } finally {
      closeQuietly(stream);
    }
    return Future.ready(null);
  }

  private static void closeQuietly(TcpStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing to do.
    }
  }
}
