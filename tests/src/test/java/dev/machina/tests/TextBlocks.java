package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/**
 * Text blocks (JLS 3.10.6) copied into the machine: their content keeps the indentation of its
 * lines relative to the closing delimiter, whatever column the statement or the text block
 * starts at (FINDINGS F120).
 */
public final class TextBlocks {
  private TextBlocks() {}

  /** A text block as an await's argument, the lines indented by less than its column. */
  @Async
  static Future<String> asAnAwaitsArgument(Src s) {
    String a = "x" + await(s.val("""
        {
          "k": [1, 2]
        }
        """));
    return Future.ready(a);
  }

  /** A text block after an await in the same expression, with escapes and a joined line. */
  @Async
  static Future<String> besideAnAwait(Src s) {
    String a = await(s.val("<")) + """
          ab "c" \t d
            e\sf
          g\
          h
        """ + await(s.val(">"));
    return Future.ready(a);
  }

  /** A text block in a statement copied whole, nested in blocks of a lowered statement. */
  @Async
  static Future<String> inACopiedStatement(boolean flag, Src s) {
    String a = "";
    if (flag) {
      a = await(s.val("["));
      if (a.length() > 0) {
        a += """
              one
            two""";
      }
    }
    return Future.ready(a + await(s.val("]")));
  }
}
