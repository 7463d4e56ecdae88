package dev.machina.samples.chat;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.Machina;
import dev.machina.net.TcpStream;
import dev.machina.time.Time;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Reads text lines from a connection with a fixed buffer: lines longer than the limit end the
 * stream with an error, and a connection silent for {@code idle} fails with TimeoutException.
 */
final class LineReader {
  private final TcpStream stream;
  private final Duration idle;
  private final LineDecoder decoder;
  private final ByteBuffer buffer;

  LineReader(TcpStream stream, int maxLineBytes, Duration idle) {
    this.stream = stream;
    this.idle = idle;
    this.decoder = new LineDecoder(maxLineBytes);
    this.buffer = ByteBuffer.allocate(maxLineBytes + 2);
  }

  /**
   * The next line without its terminator, or {@code null} once the peer ended its output; fails
   * with {@link LineDecoder.LineTooLongException} or the read's IOException or TimeoutException.
   */
  @Async
  Future<String> next() {
    while (true) {
      buffer.flip();
      String line;
      try {
        line = decoder.next(buffer);
      } catch (LineDecoder.LineTooLongException tooLong) {
        return Future.failed(tooLong);
      } finally {
        buffer.compact();
      }
      if (line != null) {
        return Future.ready(line);
      }
      if (await(Time.timeout(stream.read(buffer), idle)) < 0) {
        return Future.ready(null);
      }
    }
  }
}
