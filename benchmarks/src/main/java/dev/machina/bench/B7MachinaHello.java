package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.machina.HelloServerAsync;
import dev.machina.net.TcpListener;

/**
 * Machina's side of B7: the hello server of {@link dev.machina.bench.machina.HelloServer} on a
 * runtime of two worker threads. {@code java -cp benchmarks.jar dev.machina.bench.B7MachinaHello [port]}
 */
public final class B7MachinaHello {
  private B7MachinaHello() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build()) {
      TcpListener listener = TcpListener.bind("127.0.0.1", port);
      System.out.println("B7 machina listening on 127.0.0.1:" + port);
      rt.blockOn(rt.spawn(HelloServerAsync.serve(listener)));
    }
  }
}
