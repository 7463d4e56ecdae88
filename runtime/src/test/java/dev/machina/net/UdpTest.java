package dev.machina.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.testing.MiniRuntime;
import dev.machina.time.Time;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UdpTest {
  final MiniRuntime rt = new MiniRuntime("udp-test");

  @AfterEach
  void close() throws InterruptedException {
    rt.close();
  }

  /** Receives datagrams and sends each back to its sender, {@code count} times. */
  static Future<Void> echo(UdpSocket socket, int count) {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    return new Future<>() {
      int left = count;
      Future<InetSocketAddress> receive;
      Future<Integer> send;
      InetSocketAddress from;

      @Override
      public Object poll(Context cx) throws Throwable {
        while (left > 0) {
          if (send == null) {
            if (receive == null) {
              buf.clear();
              receive = socket.receive(buf);
            }
            Object r = receive.poll(cx);
            if (r == PENDING) {
              return PENDING;
            }
            receive = null;
            from = (InetSocketAddress) r;
            buf.flip();
            send = socket.send(buf, from);
          }
          if (send.poll(cx) == PENDING) {
            return PENDING;
          }
          send = null;
          left--;
        }
        return null;
      }
    };
  }

  @Test
  void roundTripWithABlockingClient() throws Exception {
    try (UdpSocket server = UdpSocket.bind("127.0.0.1", 0);
        DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> done = rt.spawn(echo(server, 20));
      client.setSoTimeout(10_000);
      for (int i = 0; i < 20; i++) {
        byte[] msg = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(msg, msg.length, server.localAddress()));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        assertEquals("datagram " + i,
            new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
      }
      done.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoMachinaSocketsTalkAndACancelledReceiveTakesNothing() throws Throwable {
    try (UdpSocket a = UdpSocket.bind("127.0.0.1", 0);
        UdpSocket b = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
      ByteBuffer in = ByteBuffer.allocate(64);
      assertThrows(TimeoutException.class,
          () -> rt.blockOn(Time.timeout(b.receive(in), Duration.ofMillis(30))));
      int sent = rt.blockOn(a.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), b.localAddress()));
      assertEquals(3, sent);
      InetSocketAddress from = rt.blockOn(b.receive(in));
      assertEquals(a.localAddress(), from);
      assertEquals(3, in.position());
    }
  }
}
