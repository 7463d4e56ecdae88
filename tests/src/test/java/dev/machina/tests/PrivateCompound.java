package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/**
 * Compound assignment to a private field across an await (FINDINGS F7); stores of primitive
 * values into private fields of the narrow box types, which Java converts to the primitive first
 * (FINDINGS F17).
 */
public final class PrivateCompound {
  private int secret = 7;
  private Short boxedShort;
  private Character boxedChar = 'a';
  private static Byte boxedByte;
  private char plainChar;
  private byte plainByte;
  private String text = "t";

  @Async
  Future<String> narrowBoxes(Src s) {
    boxedShort = 5;
    boxedShort++;
    boxedByte = 7;
    --boxedByte;
    boxedChar++;
    int x = await(s.val(1));
    boxedChar--;
    ++boxedChar;
    boxedShort = null;
    String wasNull = "" + boxedShort;
    boxedShort = 300;
    plainChar = 66;
    plainChar += await(s.val(1));
    plainByte = 100;
    plainByte += await(s.val(100));
    text += x; // a reference, not a box: no primitive cast
    return Future.ready(
        text + " " + wasNull + " " + boxedShort + " " + boxedByte + " " + boxedChar + " " + plainChar + " "
            + plainByte + " " + x);
  }

  @Async
  Future<Integer> bump(Src s) {
    secret += await(s.val(1));
    return Future.ready(secret);
  }
}
