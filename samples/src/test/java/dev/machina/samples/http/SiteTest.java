package dev.machina.samples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SiteTest {
  private static HttpRequest get(String method, String target, Map<String, List<String>> headers) {
    return new HttpRequest(method, target, "HTTP/1.1", headers);
  }

  @Test
  void routes() {
    assertEquals("Hello, world!\n",
        new String(Site.respond(get("GET", "/hello", Map.of())).body(), StandardCharsets.UTF_8));
    assertEquals(200, Site.respond(get("GET", "/docs/6", Map.of())).status());
    assertEquals(404, Site.respond(get("GET", "/docs/7", Map.of())).status());
    assertEquals(404, Site.respond(get("GET", "/nope", Map.of())).status());
    assertEquals(405, Site.respond(get("POST", "/", Map.of())).status());
  }

  @Test
  void requestBodiesAreRefusedAndTheConnectionClosed() {
    HttpResponse r = Site.respond(get("GET", "/", Map.of("content-length", List.of("5"))));
    assertEquals(413, r.status());
    assertTrue(r.close());
  }

  @Test
  void encodesHeadWithoutBodyForHead() {
    HttpResponse r = Site.respond(get("HEAD", "/hello", Map.of()));
    String wire = new String(r.encode(true), StandardCharsets.ISO_8859_1);
    assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: 14\r\n\r\n", wire);
  }
}
