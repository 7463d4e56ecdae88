package dev.machina.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses HTTP/1.x request heads out of a buffer of received bytes, refusing malformed or oversized
 * input: the server reads at most {@code maxHeadBytes} before it either has a head or says no, so
 * no client can make it buffer more.
 *
 * <p>Lines end with CRLF (a bare LF is accepted too, as RFC 9112 allows); the head ends at the
 * first empty line. Header names must be tokens followed directly by a colon; folded lines, control
 * characters, too many headers and a missing {@code Host} in HTTP/1.1 are answered with 400, a
 * head larger than the limit with 431, and an HTTP version other than 1.0 and 1.1 with 505.
 */
public final class RequestParser {
  private static final int MAX_HEADERS = 100;

  private final int maxHeadBytes;

  /** A parser accepting request heads of at most {@code maxHeadBytes} bytes. */
  public RequestParser(int maxHeadBytes) {
    if (maxHeadBytes < 16) {
      throw new IllegalArgumentException("maxHeadBytes too small: " + maxHeadBytes);
    }
    this.maxHeadBytes = maxHeadBytes;
  }

  /** The largest head, in bytes, this parser accepts. */
  public int maxHeadBytes() {
    return maxHeadBytes;
  }

  /**
   * Parses one request head from {@code in} (in read mode). Returns it and advances {@code in}
   * past it, or returns {@code null} and leaves {@code in} untouched when the head is not complete
   * yet; throws when the bytes can never form an acceptable head.
   */
  public HttpRequest parse(ByteBuffer in) throws BadRequestException {
    int start = in.position();
    int end = headEnd(in, start, Math.min(in.limit(), start + maxHeadBytes));
    if (end < 0) {
      if (in.remaining() >= maxHeadBytes) {
        throw new BadRequestException(431, "request head larger than " + maxHeadBytes + " bytes");
      }
      skipLeadingEmptyLinesCheck(in, start);
      return null;
    }
    byte[] head = new byte[end - start];
    in.get(head);
    return parseHead(head);
  }

  /** Rejects a buffer that starts with bytes no request line can start with, without waiting. */
  private static void skipLeadingEmptyLinesCheck(ByteBuffer in, int start) throws BadRequestException {
    for (int i = start; i < in.limit(); i++) {
      byte b = in.get(i);
      if (b == ' ' || b == '\t') {
        throw new BadRequestException(400, "request line starts with whitespace");
      }
      if (b < 0x20 && b != '\r' && b != '\n') {
        throw new BadRequestException(400, "control character in request line");
      }
      if (b != '\r' && b != '\n') {
        return;
      }
    }
  }

  /** Index just past the empty line ending the head, or -1 if none before {@code limit}. */
  private static int headEnd(ByteBuffer in, int start, int limit) {
    boolean lineEmpty = true; // true at the start of each line
    boolean seenText = false; // leading empty lines before the request line are ignored
    for (int i = start; i < limit; i++) {
      byte b = in.get(i);
      if (b == '\n') {
        if (lineEmpty && seenText) {
          return i + 1;
        }
        lineEmpty = true;
      } else if (b != '\r') {
        lineEmpty = false;
        seenText = true;
      }
    }
    return -1;
  }

  private static HttpRequest parseHead(byte[] head) throws BadRequestException {
    List<String> lines = splitLines(head);
    int first = 0;
    while (first < lines.size() && lines.get(first).isEmpty()) {
      first++; // RFC 9112 2.2: ignore at least one empty line before the request line
    }
    String[] parts = lines.get(first).split(" ", -1);
    if (parts.length != 3) {
      throw new BadRequestException(400, "malformed request line");
    }
    String method = parts[0];
    String target = parts[1];
    String version = parts[2];
    if (method.isEmpty() || !isToken(method)) {
      throw new BadRequestException(400, "malformed method");
    }
    if (!isTarget(target)) {
      throw new BadRequestException(400, "malformed request target");
    }
    if (!version.startsWith("HTTP/") || !version.matches("HTTP/\\d\\.\\d")) {
      throw new BadRequestException(400, "malformed HTTP version");
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new BadRequestException(505, "HTTP version not supported: " + version);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    for (int i = first + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        break;
      }
      if (++count > MAX_HEADERS) {
        throw new BadRequestException(431, "more than " + MAX_HEADERS + " header fields");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequestException(400, "malformed header field");
      }
      String name = line.substring(0, colon);
      if (!isToken(name)) {
        throw new BadRequestException(400, "malformed header name");
      }
      String value = line.substring(colon + 1).strip();
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
          throw new BadRequestException(400, "control character in header value");
        }
      }
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }
    if (version.equals("HTTP/1.1") && !headers.containsKey("host")) {
      throw new BadRequestException(400, "HTTP/1.1 request without Host");
    }
    List<String> lengths = headers.get("content-length");
    if (lengths != null && (lengths.size() != 1 || !lengths.get(0).matches("\\d{1,18}"))) {
      throw new BadRequestException(400, "malformed Content-Length");
    }
    return new HttpRequest(method, target, version, headers);
  }

  private static List<String> splitLines(byte[] head) {
    List<String> lines = new ArrayList<>();
    int lineStart = 0;
    for (int i = 0; i < head.length; i++) {
      if (head[i] == '\n') {
        int lineEnd = i > lineStart && head[i - 1] == '\r' ? i - 1 : i;
        lines.add(new String(head, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
        lineStart = i + 1;
      }
    }
    return lines;
  }

  /** RFC 9110 token: visible ASCII except delimiters. */
  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Origin-form ("/path?q"), absolute-form ("http://h/p") or "*", without spaces or controls. */
  private static boolean isTarget(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return s.charAt(0) == '/' || s.equals("*") || s.startsWith("http://") || s.startsWith("https://");
  }
}
