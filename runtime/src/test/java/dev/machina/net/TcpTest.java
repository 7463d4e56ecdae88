package dev.machina.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.testing.MiniRuntime;
import dev.machina.time.Time;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TcpTest {
  static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  final MiniRuntime rt = new MiniRuntime("tcp-test");

  @AfterEach
  void close() throws InterruptedException {
    rt.close();
  }

  EchoServer startEcho() throws IOException {
    TcpListener listener = TcpListener.bind(LOOPBACK);
    EchoServer server = new EchoServer(listener, rt::spawn);
    rt.spawn(server);
    return server;
  }

  static byte[] payload(int seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    assertEquals(n, b.length, "stream ended early");
    return b;
  }

  @Test
  void echoesEveryByteToAThousandConcurrentBlockingClients() throws Exception {
    EchoServer server = startEcho();
    int port = server.listener.localAddress().getPort();
    int clients = 1_000;
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(20_000);
        sockets.add(s);
      }
      // Every connection is open at once; each carries its own bytes, in three rounds.
      for (int round = 0; round < 3; round++) {
        int size = 1 + round * 7_000;
        for (int i = 0; i < clients; i++) {
          sockets.get(i).getOutputStream().write(payload(i * 31 + round, size));
        }
        for (int i = 0; i < clients; i++) {
          assertArrayEquals(payload(i * 31 + round, size),
              readFully(sockets.get(i).getInputStream(), size), "connection " + i);
        }
      }
      assertEquals(clients, server.accepted.get());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.finished.get() + server.failed.get() < clients && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(clients, server.finished.get() + server.failed.get(), "every handler ended");
  }

  @Test
  void echoesAMegabyteInBothDirectionsAtOnce() throws Exception {
    EchoServer server = startEcho();
    byte[] data = payload(5, 4 << 20);
    try (Socket s = new Socket("127.0.0.1", server.listener.localAddress().getPort())) {
      s.setSoTimeout(20_000);
      CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
        try {
          return readFully(s.getInputStream(), data.length);
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      s.getOutputStream().write(data);
      s.shutdownOutput();
      assertArrayEquals(data, reader.get(30, TimeUnit.SECONDS));
      assertEquals(-1, s.getInputStream().read(), "the server closes after the half-close");
    }
  }

  @Test
  void halfCloseIsSeenAsEndOfStreamAndTheOtherDirectionStillWorks() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        other.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        other.shutdownOutput();
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), rt.blockOn(s.readExactly(5)));
        assertEquals(-1, rt.blockOn(s.read(new byte[16])), "end of stream after a half-close");
        // We can still write after the peer's half-close, and close our side.
        rt.blockOn(s.writeAll("back".getBytes(StandardCharsets.US_ASCII)));
        s.shutdownOutput();
        assertEquals("back", new String(other.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
      } finally {
        s.close();
      }
    }
  }

  @Test
  void readExactlyFailsWithEofExceptionWhenTheStreamEndsEarly() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        other.getOutputStream().write(new byte[3]);
        other.close();
        EOFException e = assertThrows(EOFException.class, () -> rt.blockOn(s.readExactly(10)));
        assertTrue(e.getMessage().contains("3 of 10"), e.getMessage());
      } finally {
        s.close();
      }
    }
  }

  @Test
  void peerResetSurfacesAsIoExceptionOnRead() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      CompletableFuture<Integer> read = rt.spawn(s.read(new byte[16]));
      Socket other = peer.accept();
      other.setSoLinger(true, 0); // close sends RST
      Thread.sleep(20);
      other.close();
      Throwable e = read.handle((v, x) -> x).get(10, TimeUnit.SECONDS);
      assertInstanceOf(IOException.class, e, "a reset fails the pending read: " + e);
      s.close();
    }
  }

  @Test
  void writingToAResetPeerFailsWithIoException() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      Socket other = peer.accept();
      other.setSoLinger(true, 0);
      other.close();
      byte[] chunk = new byte[64 * 1024];
      // Broken pipe or reset: the first write may still be accepted by the kernel.
      IOException e = assertThrows(IOException.class, () -> {
        for (int i = 0; i < 100; i++) {
          rt.blockOn(s.writeAll(chunk));
        }
      });
      assertTrue(e.getMessage() != null, "the JDK's message: " + e);
      s.close();
    }
  }

  @Test
  void aSlowReaderMakesTheWriterWaitWithoutBufferingMore() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        other.setReceiveBufferSize(64 * 1024);
        int total = 64 << 20;
        ByteBuffer data = ByteBuffer.allocate(total);
        for (int i = 0; i < total; i++) {
          data.put(i, (byte) (i * 7));
        }
        data.clear();
        CompletableFuture<Void> writer = rt.spawn(s.writeAll(data));
        // Wait (bounded) until the writer has filled the kernel buffers and stalled.
        int inFlight = -1;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
          Thread.sleep(200);
          int now = writer.isDone() ? total : data.position();
          if (now == inFlight && now > 0) {
            break;
          }
          inFlight = now;
        }
        // The reader has read nothing: the writer is stuck at what the kernel buffers hold.
        assertTrue(!writer.isDone(), "the writer waits for the reader");
        assertTrue(inFlight > 0 && inFlight < 16 << 20, "only kernel buffers are in flight: " + inFlight);
        Thread.sleep(200);
        assertEquals(inFlight, data.position(), "no progress without the reader");
        // Now read slowly, in small pieces, and check every byte.
        InputStream in = other.getInputStream();
        byte[] piece = new byte[1 << 16];
        int got = 0;
        while (got < total) {
          int n = in.read(piece);
          assertTrue(n > 0);
          for (int k = 0; k < n; k++) {
            if (piece[k] != (byte) ((got + k) * 7)) {
              throw new AssertionError("byte " + (got + k) + " differs");
            }
          }
          got += n;
        }
        writer.get(20, TimeUnit.SECONDS);
      } finally {
        s.close();
      }
    }
  }

  @Test
  void aCancelledReadExactlyLosesNoBytes() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        OutputStream out = other.getOutputStream();
        out.write("abc".getBytes(StandardCharsets.US_ASCII));
        // readExactly(6) gathers "abc" then times out and is cancelled.
        assertThrows(TimeoutException.class,
            () -> rt.blockOn(Time.timeout(s.readExactly(6), Duration.ofMillis(100))));
        out.write("defghi".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("abcdef".getBytes(StandardCharsets.US_ASCII), rt.blockOn(s.readExactly(6)));
        byte[] rest = new byte[8];
        int n = rt.blockOn(s.read(rest));
        assertEquals("ghi", new String(rest, 0, n, StandardCharsets.US_ASCII));
        // A plain read that times out takes nothing either.
        assertThrows(TimeoutException.class,
            () -> rt.blockOn(Time.timeout(s.read(new byte[4]), Duration.ofMillis(50))));
        out.write('z');
        assertArrayEquals(new byte[] {'z'}, rt.blockOn(s.readExactly(1)));
      } finally {
        s.close();
      }
    }
  }

  @Test
  void connectToAClosedPortFailsWithIoException() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    assertThrows(java.net.ConnectException.class,
        () -> rt.blockOn(TcpStream.connect(new InetSocketAddress("127.0.0.1", port))));
  }

  @Test
  void connectTimesOutWhenThePeerNeverAnswers() throws Throwable {
    // A listener that never accepts and whose backlog is full drops new SYNs: connects hang.
    try (java.nio.channels.ServerSocketChannel full = java.nio.channels.ServerSocketChannel.open()) {
      full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      List<Socket> fillers = new ArrayList<>();
      boolean hung = false;
      try {
        for (int i = 0; i < 16 && !hung; i++) {
          Socket f = new Socket();
          fillers.add(f);
          try {
            f.connect(full.getLocalAddress(), 200);
          } catch (SocketTimeoutException e) {
            hung = true;
          }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(hung, "this kernel does not drop SYNs");
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
            () -> rt.blockOn(TcpStream.connect(full.getLocalAddress(), Duration.ofMillis(100))));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      } finally {
        for (Socket f : fillers) {
          f.close();
        }
      }
    }
  }

  @Test
  void addressesAndAcceptCancellation() throws Throwable {
    try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
      InetSocketAddress at = listener.localAddress();
      assertEquals("127.0.0.1", at.getAddress().getHostAddress());
      assertTrue(at.getPort() > 0);
      // An accept that times out is cancelled and loses no connection.
      assertThrows(TimeoutException.class,
          () -> rt.blockOn(Time.timeout(listener.accept(), Duration.ofMillis(30))));
      try (Socket client = new Socket("127.0.0.1", at.getPort())) {
        TcpStream accepted = rt.blockOn(listener.accept());
        assertEquals(client.getLocalPort(), accepted.remoteAddress().getPort());
        assertEquals(at.getPort(), accepted.localAddress().getPort());
        accepted.close();
        assertTrue(!accepted.isOpen());
      }
    }
  }

  @Test
  void closingAStreamFailsItsPendingRead() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        CompletableFuture<Integer> read = rt.spawn(s.read(new byte[4]));
        Thread.sleep(30);
        s.close();
        Throwable e = read.handle((v, x) -> x).get(10, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, e);
        assertEquals(-1, other.getInputStream().read(), "the peer sees the close");
      }
    }
  }

  @Test
  void readLineSplitsLinesAndLeavesTheRestForOtherReads() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect("127.0.0.1", peer.getLocalPort(), Duration.ofSeconds(5)));
      try (Socket other = peer.accept()) {
        OutputStream out = other.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: h\u00e9\r\n\r\nBODY".getBytes(StandardCharsets.UTF_8));
        assertEquals("GET / HTTP/1.1", rt.blockOn(s.readLine(1024)));
        assertEquals("Host: h\u00e9", rt.blockOn(s.readLine(1024)));
        assertEquals("", rt.blockOn(s.readLine(1024)));
        assertArrayEquals("BODY".getBytes(StandardCharsets.US_ASCII), rt.blockOn(s.readExactly(4)));
        // A readLine cancelled halfway keeps what it had read.
        out.write("par".getBytes(StandardCharsets.US_ASCII));
        assertThrows(TimeoutException.class,
            () -> rt.blockOn(Time.timeout(s.readLine(1024), Duration.ofMillis(50))));
        out.write("tial\nlast".getBytes(StandardCharsets.US_ASCII));
        assertEquals("partial", rt.blockOn(s.readLine(1024)));
        other.shutdownOutput();
        assertEquals("last", rt.blockOn(s.readLine(1024)), "the unterminated last line");
        assertEquals(null, rt.blockOn(s.readLine(1024)), "then end of stream");
      } finally {
        s.close();
      }
    }
  }

  @Test
  void readLineRefusesLinesLongerThanTheLimit() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect("localhost", peer.getLocalPort()));
      try (Socket other = peer.accept()) {
        other.getOutputStream().write("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        assertEquals("0123456789abcdef".length(), 16);
        other.getOutputStream().write("\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("0123456789abcdef", rt.blockOn(s.readLine(16)), "exactly the limit is fine");
        byte[] flood = new byte[100_000];
        java.util.Arrays.fill(flood, (byte) 'x');
        other.getOutputStream().write(flood);
        IOException e = assertThrows(IOException.class, () -> rt.blockOn(s.readLine(1000)));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
      } finally {
        s.close();
      }
    }
  }

  @Test
  void connectingToAnUnresolvedAddressFailsWithUnknownHost() {
    assertThrows(java.net.UnknownHostException.class,
        () -> rt.blockOn(TcpStream.connect(InetSocketAddress.createUnresolved("nowhere.invalid", 80))));
  }

  @Test
  void interestIsOneShotSoAnUnreadReadySocketDoesNotSpinTheDriver() throws Throwable {
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        Future<Integer> read = s.read(new byte[4]);
        rt.blockOn(c -> {
          assertEquals(Future.PENDING, read.poll(Context.of(wakes::incrementAndGet)));
          return null;
        });
        other.getOutputStream().write(1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wakes.get() == 0 && System.nanoTime() < end) {
          Thread.sleep(5);
        }
        assertEquals(1, wakes.get(), "woken once");
        // Nobody reads: the event that finds no waker must disarm the interest, or the driver would spin.
        Thread driver = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("tcp-test-driver")).findFirst().orElseThrow();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getThreadCpuTime(driver.getId());
        Thread.sleep(300);
        long cpu = mx.getThreadCpuTime(driver.getId()) - cpu0;
        assertEquals(1, wakes.get(), "no further wake without a new wait");
        assertTrue(cpu < 100_000_000L, "the driver idles: " + cpu / 1_000_000 + " ms of CPU");
        assertEquals(1, rt.blockOn(read), "the byte is still there");
      } finally {
        s.close();
      }
    }
  }

  /** Polls a future once outside any runtime (for checks that need no waiting). */
  static Object pollOnce(Future<?> f) throws Throwable {
    return f.poll(Context.of(() -> {}));
  }
}
