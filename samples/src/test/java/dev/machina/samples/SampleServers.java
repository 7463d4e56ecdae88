package dev.machina.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the sample tests: loopback addresses and reading raw responses. */
public final class SampleServers {
  private SampleServers() {}

  /** Loopback with port 0: the system picks a free port. */
  public static InetSocketAddress anyLoopbackPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** Reads one HTTP response (head and Content-Length body) from {@code in}, as text. */
  public static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection ended inside a response head: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Reads until the peer closes; fails if more than {@code max} bytes arrive. */
  public static String readToEnd(InputStream in, int max) throws IOException {
    byte[] all = in.readNBytes(max + 1);
    if (all.length > max) {
      throw new IOException("more than " + max + " bytes");
    }
    return new String(all, StandardCharsets.ISO_8859_1);
  }
}
