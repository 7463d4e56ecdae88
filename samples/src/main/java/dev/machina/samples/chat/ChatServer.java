package dev.machina.samples.chat;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.net.TcpListener;
import dev.machina.net.TcpStream;
import dev.machina.sync.Channel;
import dev.machina.sync.Receiver;
import dev.machina.sync.Semaphore;
import dev.machina.sync.Sender;
import dev.machina.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The chat sample: a line-based chat room over TCP. A client's first line is its name; each later
 * line goes to everyone in the room; {@code /quit} leaves. Each connection has a reading session
 * and a writing task joined by a bounded channel; the {@link ChatRoom} task connects them all.
 *
 * <p>Memory is bounded: at most {@link #MAX_CLIENTS} clients, lines of at most {@link #MAX_LINE}
 * bytes, and at most {@link #OUTBOX} lines queued for each client.
 */
public final class ChatServer {
  /** Longest line accepted, in bytes; a longer one ends the session. */
  public static final int MAX_LINE = 1024;

  /** Lines waiting for a client that does not read; beyond this it is dropped. */
  public static final int OUTBOX = 256;

  /** A client silent for this long is disconnected. */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** Most clients connected at once; further ones wait in the listen queue. */
  public static final int MAX_CLIENTS = 1000;

  private final TcpListener listener;
  private final Semaphore clients = new Semaphore(MAX_CLIENTS);

  private ChatServer(TcpListener listener) {
    this.listener = listener;
  }

  /** A server listening on {@code address} (port 0 picks a free port). */
  public static ChatServer bind(InetSocketAddress address) throws IOException {
    return new ChatServer(TcpListener.bind(address));
  }

  /** The address the server listens on. */
  public InetSocketAddress address() throws IOException {
    return listener.localAddress();
  }

  /** Runs the room and accepts clients into it, until cancelled. */
  @Async
  public Future<Void> serve() throws IOException {
    Channel<ChatRoom.Event> events = Channel.bounded(1024);
    JoinHandle<Void> room = Machina.spawn(new ChatRoom().run(events.receiver()));
    try (listener; Sender<ChatRoom.Event> toRoom = events.sender()) {
      while (true) {
        Semaphore.Permit permit = await(clients.acquire());
        TcpStream connection = await(listener.accept());
        Machina.spawn(session(connection, toRoom.clone(), permit));
      }
    } finally {
      room.cancel();
    }
  }

  /** One client: asks its name, then forwards its lines to the room until it leaves. */
  @Async
  static Future<Void> session(
      TcpStream connection, Sender<ChatRoom.Event> toRoom, Semaphore.Permit permit) {
    Channel<String> outbox = Channel.bounded(OUTBOX);
    try (permit; connection; toRoom) {
      await(Time.timeout(connection.writeAll(utf8("welcome! your name?\n")), IDLE_TIMEOUT));
      String name = await(Time.timeout(connection.readLine(MAX_LINE), IDLE_TIMEOUT));
      if (name == null || name.isBlank()) {
        return Future.ready(null);
      }
      JoinHandle<Void> writer = Machina.spawn(write(connection, outbox.receiver()));
      await(toRoom.send(new ChatRoom.Joined(name.strip(), outbox.sender())));
      try {
        String line;
        while ((line = await(Time.timeout(connection.readLine(MAX_LINE), IDLE_TIMEOUT))) != null
            && !line.equals("/quit")) {
          await(toRoom.send(new ChatRoom.Said(outbox.sender(), line)));
        }
      } finally {
        await(toRoom.send(new ChatRoom.Left(outbox.sender())));
      }
      await(writer);
    } catch (Exception goneIdleOrTooLong) {
      // IOException, TimeoutException or a line over MAX_LINE: the connection is closed above
    }
    return Future.ready(null);
  }

  /** Writes the lines the room sends to this client until the room closes its outbox. */
  @Async
  static Future<Void> write(TcpStream connection, Receiver<String> outbox) {
    try {
      for (String line; (line = await(outbox.recv())) != null; ) {
        await(Time.timeout(connection.writeAll(utf8(line + "\n")), IDLE_TIMEOUT));
      }
      connection.shutdownOutput();
    } catch (Exception goneOrNotReading) { // IOException or TimeoutException
      outbox.close();
    }
    return Future.ready(null);
  }

  private static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
