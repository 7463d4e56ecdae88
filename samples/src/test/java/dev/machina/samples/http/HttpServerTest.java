package dev.machina.samples.http;

import static dev.machina.samples.SampleServers.anyLoopbackPort;
import static dev.machina.samples.SampleServers.readResponse;
import static dev.machina.samples.SampleServers.readToEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.JoinHandle;
import dev.machina.Machina;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerTest {
  private HttpServer server;
  private JoinHandle<Void> serving;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.bind(anyLoopbackPort());
    serving = Machina.spawn(HttpServerAsync.serve(server));
  }

  @AfterEach
  void stop() {
    serving.cancel();
  }

  private URI uri(String path) throws Exception {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Socket raw() throws Exception {
    Socket s = new Socket(server.address().getAddress(), server.address().getPort());
    s.setSoTimeout(20_000);
    return s;
  }

  @Test
  void servesTheRoutesToTheJdkClient() throws Exception {
    HttpResponse<String> hello = get("/hello");
    assertEquals(200, hello.statusCode());
    assertEquals("Hello, world!\n", hello.body());
    assertEquals("text/plain; charset=utf-8", hello.headers().firstValue("content-type").orElseThrow());
    assertTrue(get("/").body().contains("<a href=\"/docs/1\">"));
    assertTrue(get("/docs/3?x=1").body().contains("Chapter 3"));
    assertEquals(404, get("/missing").statusCode());
    HttpResponse<String> head = client.send(
        HttpRequest.newBuilder(uri("/about")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    HttpResponse<String> post = client.send(
        HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
  }

  @Test
  void answersManyRequestsFromConcurrentJdkClients() throws Exception {
    var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
    for (int i = 0; i < 200; i++) {
      futures.add(client.sendAsync(HttpRequest.newBuilder(uri("/docs/" + (1 + i % 6))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < futures.size(); i++) {
      HttpResponse<String> r = futures.get(i).get(30, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("Chapter " + (1 + i % 6)));
    }
  }

  @Test
  void keepsTheConnectionAliveAcrossPipelinedRequests() throws Exception {
    try (Socket s = raw()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(("GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /docs/2 HTTP/1.1\r\nHost: t\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      String first = readResponse(in);
      assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
      assertTrue(first.endsWith("Hello, world!\n"), first);
      assertTrue(readResponse(in).contains("Chapter 2"));
      out.write("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String last = readResponse(in);
      assertTrue(last.contains("\r\nConnection: close\r\n"), last);
      assertEquals(-1, in.read(), "the server closes after Connection: close");
    }
  }

  @Test
  void malformedRequestGets400AndTheConnectionClosed() throws Exception {
    for (String bad : new String[] {
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\nNo colon here\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\n  folded\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n"}) {
      try (Socket s = raw()) {
        s.getOutputStream().write(bad.getBytes(StandardCharsets.ISO_8859_1));
        String reply = readToEnd(s.getInputStream(), 4096);
        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), bad + " -> " + reply);
        assertTrue(reply.contains("\r\nConnection: close\r\n"), reply);
      }
    }
  }

  @Test
  void oversizedHeadersAreRefused() throws Exception {
    HttpResponse<String> viaClient = client.send(HttpRequest.newBuilder(uri("/hello"))
            .header("X-Big", "x".repeat(HttpServer.MAX_HEAD)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(431, viaClient.statusCode());
    try (Socket s = raw()) {
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: t\r\nX-Endless: ".getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[1024];
      java.util.Arrays.fill(chunk, (byte) 'a');
      try {
        for (int i = 0; i < 64; i++) { // 64 KiB never ending header: the server answers early
          out.write(chunk);
        }
      } catch (java.net.SocketException closedByServer) {
        // the server may close before we finish writing
      }
      String reply = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      assertEquals("HTTP/1.1 431", reply);
    }
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    HttpServer impatient = HttpServer.bind(anyLoopbackPort(), Duration.ofMillis(200));
    JoinHandle<Void> servingImpatient = Machina.spawn(HttpServerAsync.serve(impatient));
    try (Socket silent = new Socket(impatient.address().getAddress(), impatient.address().getPort());
        Socket halfway = new Socket(impatient.address().getAddress(), impatient.address().getPort())) {
      silent.setSoTimeout(20_000);
      halfway.setSoTimeout(20_000);
      halfway.getOutputStream().write("GET / HTTP/1.1\r\nHost:".getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(-1, silent.getInputStream().read(), "a silent client is disconnected");
      assertEquals(-1, halfway.getInputStream().read(), "a client stuck mid-head is disconnected");
    } finally {
      servingImpatient.cancel();
    }
  }

  @Test
  void aClientThatNeverReadsItsResponsesIsDisconnected() throws Exception {
    HttpServer impatient = HttpServer.bind(anyLoopbackPort(), Duration.ofMillis(200));
    JoinHandle<Void> servingImpatient = Machina.spawn(HttpServerAsync.serve(impatient));
    try (Socket greedy = new Socket(impatient.address().getAddress(), impatient.address().getPort())) {
      byte[] request = "GET /docs/1 HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
      OutputStream out = greedy.getOutputStream();
      // Pipeline requests and never read: the server's writes fill the buffers and time out.
      java.io.IOException ended = null;
      for (int i = 0; i < 10_000_000 && ended == null; i++) {
        try {
          out.write(request);
        } catch (java.io.IOException closedByServer) {
          ended = closedByServer;
        }
      }
      assertTrue(ended != null, "the server closed the connection");
    } finally {
      servingImpatient.cancel();
    }
  }
}
