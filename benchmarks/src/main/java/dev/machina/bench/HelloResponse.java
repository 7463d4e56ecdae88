package dev.machina.bench;

import java.nio.charset.StandardCharsets;

/**
 * The one response every B7 server sends, and a scanner that counts complete requests (header
 * blocks ending in an empty line) across reads, which is all a GET without a body needs.
 */
public final class HelloResponse {
  /** The body. */
  public static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

  /** The whole response: keep-alive is HTTP/1.1's default. */
  public static final byte[] BYTES =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
              + BODY.length
              + "\r\n\r\nHello, World!")
          .getBytes(StandardCharsets.US_ASCII);

  private int matched;

  /** The responses to {@code requests} pipelined requests, back to back. */
  public static byte[] responses(int requests) {
    if (requests == 1) {
      return BYTES;
    }
    byte[] all = new byte[BYTES.length * requests];
    for (int i = 0; i < requests; i++) {
      System.arraycopy(BYTES, 0, all, i * BYTES.length, BYTES.length);
    }
    return all;
  }

  /** Scans {@code n} bytes of {@code buf} from {@code off}; returns how many requests ended in them. */
  public int scan(byte[] buf, int off, int n) {
    int requests = 0;
    int m = matched;
    for (int i = off; i < off + n; i++) {
      byte b = buf[i];
      if (b == (m % 2 == 0 ? '\r' : '\n')) {
        if (++m == 4) {
          requests++;
          m = 0;
        }
      } else {
        m = b == '\r' ? 1 : 0;
      }
    }
    matched = m;
    return requests;
  }
}
