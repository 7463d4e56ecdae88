package dev.machina.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * The virtual-thread peer of B7: blocking sockets, one virtual thread per connection (JDK 21+,
 * carriers sized by {@code -Djdk.virtualThreadScheduler.parallelism=2}).
 * {@code java -Djdk.virtualThreadScheduler.parallelism=2 -cp benchmarks.jar dev.machina.bench.B7VirtualThreadHello [port]}
 */
public final class B7VirtualThreadHello {
  private B7VirtualThreadHello() {}

  public static void main(String[] args) throws IOException {
    VirtualThreads.require();
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;
    try (ServerSocket server = new ServerSocket(port, 4096, InetAddress.getLoopbackAddress())) {
      System.out.println("B7 virtual-threads listening on 127.0.0.1:" + port);
      for (;;) {
        Socket socket = server.accept();
        VirtualThreads.start(() -> serve(socket));
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      HelloResponse scanner = new HelloResponse();
      byte[] buf = new byte[8192];
      byte[] responses = HelloResponse.BYTES;
      for (int n; (n = in.read(buf)) > 0; ) {
        int requests = scanner.scan(buf, 0, n);
        if (requests == 0) {
          continue;
        }
        int size = requests * HelloResponse.BYTES.length;
        if (responses.length < size) {
          responses = repeat(requests);
        }
        out.write(responses, 0, size);
      }
    } catch (IOException e) {
      // The client went away: nothing to do.
    }
  }

  private static byte[] repeat(int times) {
    byte[] one = HelloResponse.BYTES;
    byte[] all = Arrays.copyOf(one, one.length * times);
    for (int i = 1; i < times; i++) {
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return all;
  }
}
