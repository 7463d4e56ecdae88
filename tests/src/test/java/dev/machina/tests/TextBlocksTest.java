package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Expected values are what the same bodies give as plain Java (FINDINGS F120). */
@Timeout(20)
class TextBlocksTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void textBlocksKeepTheirIndentation(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("x{\n  \"k\": [1, 2]\n}\n", block(TextBlocksAsync.asAnAwaitsArgument(s)));
    assertEquals("<  ab \"c\" \t d\n    e f\n  g  h\n>", block(TextBlocksAsync.besideAnAwait(s)));
    assertEquals("[  one\ntwo]", block(TextBlocksAsync.inACopiedStatement(true, s)));
    assertEquals("]", block(TextBlocksAsync.inACopiedStatement(false, s)));
  }
}
