package dev.machina.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsOnLfAndCrlf() throws Exception {
    LineDecoder d = new LineDecoder(10);
    ByteBuffer in = bytes("héllo\r\nworld\n\npart");
    assertEquals("héllo", d.next(in));
    assertEquals("world", d.next(in));
    assertEquals("", d.next(in));
    assertNull(d.next(in));
    assertEquals(4, in.remaining());
  }

  @Test
  void linesAtTheLimitPassAndLongerOnesAreRefused() throws Exception {
    LineDecoder d = new LineDecoder(4);
    assertEquals("abcd", d.next(bytes("abcd\r\n")));
    assertNull(d.next(bytes("abcd\r")));
    assertThrows(LineDecoder.LineTooLongException.class, () -> d.next(bytes("abcde\n")));
    assertThrows(LineDecoder.LineTooLongException.class, () -> d.next(bytes("abcdef")));
  }
}
