package dev.machina.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Futures;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.MachinaRuntime;
import dev.machina.net.TcpListener;
import dev.machina.net.TcpStream;
import dev.machina.net.UdpSocket;
import dev.machina.testing.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reactor, timers and blocking pool wired into MachinaRuntime, and its shutdown. */
@Timeout(60)
class RtNetTest {
  static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  /** Accepts connections forever, spawning an echo task for each. */
  static Future<Void> acceptLoop(TcpListener listener, AtomicInteger accepted) {
    return new Future<>() {
      Future<TcpStream> accept;

      @Override
      public Object poll(Context cx) throws Throwable {
        while (true) {
          if (accept == null) {
            accept = listener.accept();
          }
          Object r = accept.poll(cx);
          if (r == PENDING) {
            return PENDING;
          }
          accept = null;
          accepted.incrementAndGet();
          Machina.spawn(echo((TcpStream) r));
        }
      }

      @Override
      public void cancel() {
        if (accept != null) {
          accept.cancel();
        }
      }
    };
  }

  /** Echoes until end of stream, then closes. */
  static Future<Void> echo(TcpStream stream) {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    return new Future<>() {
      Future<?> op;
      boolean writing;

      @Override
      public Object poll(Context cx) throws Throwable {
        while (true) {
          if (op == null) {
            op = writing ? stream.writeAll(buf) : stream.read(buf);
          }
          Object r = op.poll(cx);
          if (r == PENDING) {
            return PENDING;
          }
          op = null;
          if (writing) {
            buf.clear();
          } else if ((Integer) r < 0) {
            stream.close();
            return null;
          } else {
            buf.flip();
          }
          writing = !writing;
        }
      }
    };
  }

  @Test
  void echoServerOnAWorkStealingRuntimeServesAThousandBlockingClients() throws Exception {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-echo").build();
        TcpListener listener = TcpListener.bind(LOOPBACK)) {
      AtomicInteger accepted = new AtomicInteger();
      JoinHandle<Void> server = rt.spawn(acceptLoop(listener, accepted));
      int port = listener.localAddress().getPort();
      List<Socket> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 1_000; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
          s.setSoTimeout(20_000);
          clients.add(s);
        }
        for (int round = 0; round < 2; round++) {
          for (int i = 0; i < clients.size(); i++) {
            clients.get(i).getOutputStream().write(bytes(i + 1000 * round, 3_000));
          }
          for (int i = 0; i < clients.size(); i++) {
            assertArrayEquals(bytes(i + 1000 * round, 3_000),
                clients.get(i).getInputStream().readNBytes(3_000), "client " + i);
          }
        }
        assertEquals(1_000, accepted.get());
      } finally {
        for (Socket s : clients) {
          s.close();
        }
      }
      server.cancel();
    }
  }

  static byte[] bytes(int seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Reads exactly {@code n} bytes in pieces of at most 1000 and returns them. */
  static Future<byte[]> readAll(TcpStream s, int n) {
    ByteBuffer all = ByteBuffer.allocate(n);
    return new Future<>() {
      Future<Integer> read;

      @Override
      public Object poll(Context cx) throws Throwable {
        while (all.hasRemaining()) {
          if (read == null) {
            read = s.read(all.slice().limit(Math.min(1000, all.remaining())));
          }
          Object r = read.poll(cx);
          if (r == PENDING) {
            return PENDING;
          }
          read = null;
          int k = (Integer) r;
          if (k < 0) {
            throw new java.io.EOFException();
          }
          all.position(all.position() + k);
        }
        return all.array();
      }
    };
  }

  @Test
  void oneTaskWritesWhileAnotherReadsTheSameStreamOnManyConnections() throws Throwable {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-duplex").build();
        TcpListener listener = TcpListener.bind(LOOPBACK)) {
      JoinHandle<Void> server = rt.spawn(acceptLoop(listener, new AtomicInteger()));
      int conns = 40;
      int size = 512 * 1024;
      List<JoinHandle<byte[]>> readers = new ArrayList<>();
      List<JoinHandle<Void>> writers = new ArrayList<>();
      List<TcpStream> streams = new ArrayList<>();
      for (int i = 0; i < conns; i++) {
        TcpStream s = rt.blockOn(TcpStream.connect(listener.localAddress()));
        streams.add(s);
        // Both directions at once: the echo only drains our writes if we drain its replies.
        readers.add(rt.spawn(readAll(s, size)));
        writers.add(rt.spawn(s.writeAll(bytes(i, size))));
      }
      rt.blockOn(Futures.joinAll(writers));
      List<byte[]> got = rt.blockOn(Futures.joinAll(readers));
      for (int i = 0; i < conns; i++) {
        assertArrayEquals(bytes(i, size), got.get(i), "connection " + i);
        streams.get(i).close();
      }
      server.cancel();
    }
  }

  @Test
  void machinaSleepAndTimeoutRunOnTheDefaultRuntime() throws Throwable {
    long start = System.nanoTime();
    Machina.blockOn(Machina.sleep(Duration.ofMillis(30)));
    assertTrue(System.nanoTime() - start >= 30_000_000L, "never early");
    assertThrows(TimeoutException.class,
        () -> Machina.blockOn(Futures.timeout(Machina.sleep(Duration.ofSeconds(30)), Duration.ofMillis(20))));
    assertEquals("x", Machina.blockOn(Futures.timeout(Future.ready("x"), Duration.ofSeconds(1))));
  }

  @Test
  void aClientAndAServerTalkThroughTheRuntime() throws Throwable {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-pair").build();
        TcpListener listener = TcpListener.bind(LOOPBACK)) {
      JoinHandle<Void> server = rt.spawn(acceptLoop(listener, new AtomicInteger()));
      TcpStream client = rt.blockOn(TcpStream.connect(listener.localAddress(), Duration.ofSeconds(5)));
      byte[] msg = bytes(1, 100_000);
      JoinHandle<Void> writer = rt.spawn(client.writeAll(msg));
      byte[] back = rt.blockOn(client.readExactly(msg.length));
      rt.blockOn(writer);
      assertArrayEquals(msg, back);
      client.shutdownOutput();
      assertEquals(-1, rt.blockOn(client.read(new byte[1])));
      client.close();
      server.cancel();
    }
  }

  @Test
  void shutdownCancelsTimersFailsPendingIoClosesSocketsAndLeavesNoThreads() throws Throwable {
    MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-shut").build();
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpListener listener = TcpListener.bind(LOOPBACK);
      UdpSocket udp = UdpSocket.bind(LOOPBACK);
      TcpStream stream = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      Socket other = peer.accept();
      // Tasks parked on a timer, an accept, a read, a receive and a blocking call.
      JoinHandle<Void> sleeper = rt.spawn(Machina.sleep(Duration.ofHours(1)));
      JoinHandle<TcpStream> acceptor = rt.spawn(listener.accept());
      JoinHandle<InetSocketAddress> receiver = rt.spawn(udp.receive(ByteBuffer.allocate(16)));
      // A read polled by hand (as from another runtime) after joining this runtime's reactor.
      AtomicInteger wakes = new AtomicInteger();
      Context manual = Context.of(wakes::incrementAndGet);
      Future<Integer> read = stream.read(new byte[8]);
      rt.blockOn(cx -> {
        assertEquals(Future.PENDING, read.poll(manual));
        return null;
      });
      rt.blockOn(Machina.sleep(Duration.ofMillis(50)));
      assertEquals(List.of("rt-shut-0", "rt-shut-1"), Threads.named("rt-shut"),
          "the workers drive the selector and the timers: no driver thread");

      rt.shutdown();

      assertEquals(List.of(), Threads.awaitNone("rt-shut", 10_000), "no thread left behind");
      for (JoinHandle<?> h : List.of(sleeper, acceptor, receiver)) {
        Throwable e = h.toCompletableFuture().handle((v, x) -> x).get(10, TimeUnit.SECONDS);
        assertInstanceOf(CancellationException.class, e, "tasks are cancelled: " + h);
      }
      assertTrue(wakes.get() > 0, "the pending read was woken");
      IOException e = assertThrows(IOException.class, () -> read.poll(manual));
      assertTrue(e.getMessage().contains("shut down"), e.getMessage());
      assertTrue(!stream.isOpen(), "the socket with a pending read was closed");
      other.setSoTimeout(10_000);
      assertEquals(-1, other.getInputStream().read(), "the peer saw the close");
      // A sleep polled outside the runtime afterwards cannot join its wheel.
      assertThrows(IllegalStateException.class,
          () -> rt.blockOn(Machina.sleep(Duration.ofSeconds(1))));
      listener.close();
      udp.close();
    }
  }

  @Test
  void aRuntimeThatNeverSleepsNorWaitsStartsNoDriverThread() {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(1).threadNamePrefix("rt-lazy").build()) {
      assertEquals(3, rt.blockOn(Future.ready(3)));
      assertTrue(Threads.named("rt-lazy-driver").isEmpty());
    }
  }
}
