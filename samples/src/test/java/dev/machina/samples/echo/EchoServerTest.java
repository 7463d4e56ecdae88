package dev.machina.samples.echo;

import static dev.machina.samples.SampleServers.anyLoopbackPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    Random random = new Random(42);
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        sockets.add(connect());
      }
      // Every connection is open at once; each sends its own message before any is read back.
      List<byte[]> sent = new ArrayList<>();
      for (Socket s : sockets) {
        byte[] message = payload(random, 1 + random.nextInt(2048));
        sent.add(message);
        s.getOutputStream().write(message);
      }
      for (int i = 0; i < CONNECTIONS; i++) {
        byte[] back = sockets.get(i).getInputStream().readNBytes(sent.get(i).length);
        assertArrayEquals(sent.get(i), back, "connection " + i);
      }
      // Second round on the same connections: they are still served.
      for (int i = 0; i < CONNECTIONS; i += 7) {
        sockets.get(i).getOutputStream().write(new byte[] {(byte) i});
        assertEquals(i & 0xff, sockets.get(i).getInputStream().read());
      }
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
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
