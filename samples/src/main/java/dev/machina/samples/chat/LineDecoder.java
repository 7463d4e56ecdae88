package dev.machina.samples.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into UTF-8 text lines of bounded length: a client sending an endless line is
 * refused instead of growing the server's memory.
 */
public final class LineDecoder {
  private final int maxLineBytes;

  /** A decoder accepting lines of at most {@code maxLineBytes} bytes, terminator excluded. */
  public LineDecoder(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * The next complete line in {@code in} (read mode) without its LF or CRLF, advancing past it; or
   * {@code null}, leaving {@code in} untouched, when no complete line is there yet.
   *
   * @throws LineTooLongException when more than the limit arrived without a line end
   */
  public String next(ByteBuffer in) throws LineTooLongException {
    int start = in.position();
    int scanEnd = Math.min(in.limit(), start + maxLineBytes + 2);
    for (int i = start; i < scanEnd; i++) {
      if (in.get(i) == '\n') {
        int end = i > start && in.get(i - 1) == '\r' ? i - 1 : i;
        if (end - start > maxLineBytes) {
          throw new LineTooLongException(maxLineBytes);
        }
        byte[] bytes = new byte[end - start];
        in.get(bytes);
        in.position(i + 1);
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    if (in.remaining() > maxLineBytes + 1) {
      throw new LineTooLongException(maxLineBytes);
    }
    return null;
  }

  /** A line exceeded the decoder's limit. */
  public static final class LineTooLongException extends Exception {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int limit) {
      super("line longer than " + limit + " bytes", null, false, false);
    }
  }
}
