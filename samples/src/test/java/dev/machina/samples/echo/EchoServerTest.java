package dev.machina.samples.echo;

import static dev.machina.samples.SampleServers.anyLoopbackPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.JoinHandle;
import dev.machina.Machina;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerTest {
  /**
   * Concurrent connections the main test holds open: 1,000, unless the process may not open the
   * two descriptors each needs here (client and server side live in this JVM).
   */
  private static final int CONNECTIONS = connectionsTheMachineAllows(1000);

  /** Blocking client threads sharing the connections. */
  private static final int CLIENT_THREADS = 8;

  private static int connectionsTheMachineAllows(int wanted) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean) {
      UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 200;
      return (int) Math.max(50, Math.min(wanted, free / 2));
    }
    return wanted;
  }

  private EchoServer server;
  private JoinHandle<Void> serving;

  @BeforeEach
  void start() throws Exception {
    server = EchoServer.bind(anyLoopbackPort());
    serving = Machina.spawn(EchoServerAsync.serve(server));
  }

  @AfterEach
  void stop() {
    serving.cancel();
  }

  private Socket connect() throws Exception {
    Socket s = new Socket(server.address().getAddress(), server.address().getPort());
    s.setSoTimeout(60_000);
    return s;
  }

  private static byte[] payload(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  @Test
  void holdsAThousandConnectionsAndEchoesEveryByte() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        sockets.add(connect());
      }
      // Every connection is open at once. Client threads share them out; in each round a thread
      // sends on all its connections before reading any echo back, so the server holds data for
      // many connections at the same time.
      List<java.util.concurrent.Future<Long>> checked = new ArrayList<>();
      for (int t = 0; t < CLIENT_THREADS; t++) {
        List<Socket> mine = new ArrayList<>();
        for (int i = t; i < CONNECTIONS; i += CLIENT_THREADS) {
          mine.add(sockets.get(i));
        }
        long seed = t;
        checked.add(clients.submit(() -> echoRounds(mine, new Random(seed), 3)));
      }
      long bytes = 0;
      for (java.util.concurrent.Future<Long> c : checked) {
        bytes += c.get(100, TimeUnit.SECONDS);
      }
      assertTrue(bytes > CONNECTIONS * 3L, "every connection echoed in every round");
    } finally {
      clients.shutdownNow();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** Writes a random message on each socket, then reads each echo back and compares; bytes checked. */
  private static long echoRounds(List<Socket> sockets, Random random, int rounds) throws Exception {
    long bytes = 0;
    for (int round = 0; round < rounds; round++) {
      List<byte[]> sent = new ArrayList<>();
      for (Socket s : sockets) {
        byte[] message = payload(random, 1 + random.nextInt(2048));
        sent.add(message);
        s.getOutputStream().write(message);
      }
      for (int i = 0; i < sockets.size(); i++) {
        byte[] back = sockets.get(i).getInputStream().readNBytes(sent.get(i).length);
        assertArrayEquals(sent.get(i), back, "round " + round + ", connection " + i);
        bytes += back.length;
      }
    }
    return bytes;
  }

  @Test
  void largeTransfersAreEchoedExactlyWhileTheClientReadsSlowly() throws Exception {
    byte[] big = payload(new Random(7), 8 * 1024 * 1024);
    try (Socket s = connect()) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          s.getOutputStream().write(big);
          s.shutdownOutput();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      InputStream in = s.getInputStream();
      byte[] back = new byte[big.length];
      int got = 0;
      byte[] small = new byte[777]; // the server must wait for this slow reader, not buffer ahead
      for (int n; got < big.length && (n = in.read(small)) > 0; got += n) {
        System.arraycopy(small, 0, back, got, n);
      }
      writer.get(60, TimeUnit.SECONDS);
      assertEquals(big.length, got);
      assertArrayEquals(big, back);
      assertEquals(-1, in.read(), "after our half-close the server ends its output");
    }
  }

  @Test
  void halfCloseGetsTheRestThenEndOfStream() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write("last words".getBytes());
      s.shutdownOutput();
      assertEquals("last words", new String(s.getInputStream().readAllBytes()));
    }
  }

  @Test
  void aResetClientDoesNotDisturbTheOthers() throws Exception {
    try (Socket polite = connect()) {
      Socket rude = connect();
      rude.getOutputStream().write(new byte[100_000]);
      rude.setSoLinger(true, 0);
      rude.close(); // RST while the server is echoing to it
      polite.getOutputStream().write("still here".getBytes());
      assertEquals("still here", new String(polite.getInputStream().readNBytes(10)));
    }
  }
}
