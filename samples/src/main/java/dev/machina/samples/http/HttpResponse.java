package dev.machina.samples.http;

import java.nio.charset.StandardCharsets;

/** A complete HTTP/1.1 response with a small in-memory body, serialized in one piece. */
public record HttpResponse(int status, String contentType, byte[] body, boolean close, String allow) {

  /** A 200 response with {@code body} as {@code contentType}. */
  public static HttpResponse ok(String contentType, String body) {
    return new HttpResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8), false, null);
  }

  /** An error response whose body is the reason phrase and a line of explanation. */
  public static HttpResponse error(int status, String detail) {
    String text = status + " " + reason(status) + "\n" + detail + "\n";
    return new HttpResponse(
        status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false, null);
  }

  /** This response, announcing that the server closes the connection after it. */
  public HttpResponse closing() {
    return new HttpResponse(status, contentType, body, true, allow);
  }

  /** This response with an {@code Allow} header listing the methods the resource accepts. */
  public HttpResponse allowing(String methods) {
    return new HttpResponse(status, contentType, body, close, methods);
  }

  /** The bytes on the wire: status line, headers and, unless {@code head}, the body. */
  public byte[] encode(boolean head) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    sb.append("Content-Type: ").append(contentType).append("\r\n");
    sb.append("Content-Length: ").append(body.length).append("\r\n");
    if (allow != null) {
      sb.append("Allow: ").append(allow).append("\r\n");
    }
    if (close) {
      sb.append("Connection: close\r\n");
    }
    sb.append("\r\n");
    byte[] headBytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (head) {
      return headBytes;
    }
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /** The reason phrase for the status codes this server uses. */
  public static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 413: return "Content Too Large";
      case 431: return "Request Header Fields Too Large";
      case 505: return "HTTP Version Not Supported";
      default: return "Unknown";
    }
  }
}
