package dev.machina.samples.chat;

import static dev.machina.samples.SampleServers.anyLoopbackPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.JoinHandle;
import dev.machina.Machina;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatServerTest {
  private ChatServer server;
  private JoinHandle<Void> serving;

  @BeforeEach
  void start() throws Exception {
    server = ChatServer.bind(anyLoopbackPort());
    serving = Machina.spawn(ChatServerAsync.serve(server));
  }

  @AfterEach
  void stop() {
    serving.cancel();
  }

  /** A plain blocking chat client. */
  private final class Client implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final PrintWriter out;

    Client(String name) throws Exception {
      socket = new Socket(server.address().getAddress(), server.address().getPort());
      socket.setSoTimeout(30_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
      assertEquals("welcome! your name?", in.readLine());
      out.println(name);
    }

    String line() throws Exception {
      return in.readLine();
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
    }
  }

  @Test
  void twoClientsTalk() throws Exception {
    try (Client alice = new Client("alice")) {
      assertEquals("* in the room: nobody yet", alice.line());
      assertEquals("* alice joined", alice.line());
      try (Client bob = new Client("bob")) {
        assertEquals("* in the room: alice", bob.line());
        assertEquals("* bob joined", bob.line());
        assertEquals("* bob joined", alice.line());
        alice.out.println("hi bob, ça va?");
        assertEquals("alice: hi bob, ça va?", bob.line());
        assertEquals("alice: hi bob, ça va?", alice.line());
        bob.out.println("/quit");
        assertNull(bob.line(), "the server ends bob's stream after /quit");
        assertEquals("* bob left", alice.line());
      }
    }
  }

  @Test
  void aLineOverTheLimitEndsOnlyThatSession() throws Exception {
    try (Client alice = new Client("alice")) {
      assertEquals("* in the room: nobody yet", alice.line());
      assertEquals("* alice joined", alice.line());
      try (Client mallory = new Client("mallory")) {
        assertEquals("* mallory joined", alice.line());
        mallory.out.print("x".repeat(ChatServer.MAX_LINE * 4));
        mallory.out.flush();
        assertEquals("* mallory left", alice.line());
      }
      alice.out.println("still up");
      assertEquals("alice: still up", alice.line());
    }
  }

  @Test
  void aClientThatStopsReadingIsDroppedInsteadOfBufferedForever() throws Exception {
    try (Client alice = new Client("alice")) {
      assertEquals("* in the room: nobody yet", alice.line());
      assertEquals("* alice joined", alice.line());
      try (Client sleeper = new Client("sleeper")) {
        assertEquals("* sleeper joined", alice.line());
        sleeper.socket.setReceiveBufferSize(4096); // only makes the drop come sooner
        // sleeper never reads: its socket buffers fill, then its outbox, then the room drops it.
        String chunk = "y".repeat(ChatServer.MAX_LINE - 100);
        String dropped = "* sleeper was dropped (not reading)";
        boolean seen = false;
        for (int i = 0; i < 20_000 && !seen; i++) {
          alice.out.println(chunk);
          String echoed = alice.line();
          seen = echoed.equals(dropped);
          if (!seen) {
            assertEquals("alice: " + chunk, echoed);
          }
        }
        assertTrue(seen, "the room dropped the client that does not read");
      }
    }
  }
}
