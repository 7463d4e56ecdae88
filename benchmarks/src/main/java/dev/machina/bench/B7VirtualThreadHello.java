package dev.machina.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

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
      for (int n; (n = in.read(buf)) > 0; ) {
        int requests = scanner.scan(buf, 0, n);
        if (requests > 0) {
          out.write(HelloResponse.responses(requests));
        }
      }
    } catch (IOException e) {
      // The client went away: nothing to do.
    }
  }
}
