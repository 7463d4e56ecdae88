package dev.machina.samples.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.x request: method, target, version and headers (names lower-cased, each
 * with the list of its values in arrival order).
 */
public record HttpRequest(
    String method, String target, String version, Map<String, List<String>> headers) {

  /** The first value of header {@code name} (any case), or {@code null} when absent. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  /** The target without its query string, as routes are matched. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /**
   * Whether the client asked to keep the connection open after the response: the default in
   * HTTP/1.1 unless it sent {@code Connection: close}; in HTTP/1.0 only with
   * {@code Connection: keep-alive}.
   */
  public boolean keepAlive() {
    String connection = header("connection");
    boolean close = hasToken(connection, "close");
    if (version.equals("HTTP/1.1")) {
      return !close;
    }
    return !close && hasToken(connection, "keep-alive");
  }

  /** Whether the request announces a body (Content-Length above zero or any Transfer-Encoding). */
  public boolean hasBody() {
    if (header("transfer-encoding") != null) {
      return true;
    }
    String length = header("content-length");
    return length != null && !length.equals("0");
  }

  private static boolean hasToken(String headerValue, String token) {
    if (headerValue == null) {
      return false;
    }
    for (String part : headerValue.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }
}
