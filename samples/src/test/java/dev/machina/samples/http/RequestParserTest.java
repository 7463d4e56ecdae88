package dev.machina.samples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestParserTest {
  private final RequestParser parser = new RequestParser(1024);

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private int statusOf(String raw) {
    return assertThrows(BadRequestException.class, () -> parser.parse(bytes(raw))).status();
  }

  @Test
  void parsesRequestLineAndHeaders() throws Exception {
    HttpRequest r = parser.parse(bytes(
        "GET /docs/1?x=2 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\naccept: text/html\r\n\r\n"));
    assertEquals("GET", r.method());
    assertEquals("/docs/1?x=2", r.target());
    assertEquals("/docs/1", r.path());
    assertEquals("a", r.header("HOST"));
    assertEquals(List.of("*/*", "text/html"), r.headers().get("accept"));
    assertTrue(r.keepAlive());
  }

  @Test
  void incompleteHeadLeavesBufferUntouched() throws Exception {
    ByteBuffer in = bytes("GET / HTTP/1.1\r\nHost: a\r\n");
    assertNull(parser.parse(in));
    assertEquals(0, in.position());
  }

  @Test
  void pipelinedRequestsAreParsedOneAtATime() throws Exception {
    ByteBuffer in = bytes("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c");
    assertEquals("/a", parser.parse(in).target());
    assertEquals("/b", parser.parse(in).target());
    assertNull(parser.parse(in));
    assertEquals(6, in.remaining());
  }

  @Test
  void acceptsBareLineFeedsAndLeadingEmptyLines() throws Exception {
    HttpRequest r = parser.parse(bytes("\r\nGET / HTTP/1.0\nX: y\n\n"));
    assertEquals("HTTP/1.0", r.version());
    assertFalse(r.keepAlive());
  }

  @Test
  void keepAliveFollowsConnectionHeader() throws Exception {
    assertFalse(parser.parse(bytes("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")).keepAlive());
    assertTrue(parser.parse(bytes("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).keepAlive());
  }

  @Test
  void malformedRequestLinesAre400() {
    assertEquals(400, statusOf("GET /\r\n\r\n"));
    assertEquals(400, statusOf("GET  / HTTP/1.1\r\nHost: h\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1 extra\r\nHost: h\r\n\r\n"));
    assertEquals(400, statusOf("G(T / HTTP/1.1\r\nHost: h\r\n\r\n"));
    assertEquals(400, statusOf("GET nopath HTTP/1.1\r\nHost: h\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTX/1.1\r\nHost: h\r\n\r\n"));
    assertEquals(400, statusOf("hello world\r\n\r\n"));
    assertEquals(505, statusOf("GET / HTTP/2.0\r\nHost: h\r\n\r\n"));
  }

  @Test
  void garbageIsRefusedBeforeTheHeadEnds() {
    assertEquals(400, statusOf(" GET / HTTP/1.1\r\n"));
    assertEquals(400, statusOf("\u0001\u0002\u0003"));
  }

  @Test
  void malformedHeadersAre400() {
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost : h\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n  folded\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nX: a\u0000b\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"));
    assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n"));
    assertEquals(400, statusOf(
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
  }

  @Test
  void oversizedHeadIs431EvenBeforeItEnds() {
    String big = "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(2000);
    assertEquals(431, statusOf(big));
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 101; i++) {
      many.append("X").append(i).append(":1\r\n");
    }
    assertEquals(431, assertThrows(BadRequestException.class,
        () -> new RequestParser(8192).parse(bytes(many + "\r\n"))).status());
  }

  @Test
  void endlessEmptyLinesAreBounded() {
    assertEquals(431, statusOf("\r\n".repeat(600)));
  }
}
