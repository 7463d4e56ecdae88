package dev.machina.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Code#primary}, {@link Code#unary} and {@link Code#bareCast}: which fragments an operator
 * or a cast may take without parentheses of their own, and which lose theirs where any expression
 * goes. A wrong yes changes what the generated code means ({@code !a == b}), so the no cases
 * matter most.
 */
class CodeTest {
  @Test
  void namesAndWhollyParenthesizedExpressionsArePrimary() {
    assertTrue(Code.text("done").primary());
    assertTrue(Code.text("self.done").primary());
    assertTrue(Code.text("true").primary());
    assertTrue(Code.text("((Boolean) r)").primary());
    assertTrue(Code.text("(a == b)").primary());
    assertTrue(Code.text("(s.equals(\")\") && t)").primary());
    assertTrue(Code.text("(c == ')' || c == '(')").primary());
    assertTrue(Code.text("(x // a comment: )\n    || y)").primary());
    assertTrue(Code.text("(x /* ) */ || y)").primary());
    assertTrue(Code.text("(s.equals(\"\"\"\n    )\n    \"\"\") || y)").primary());
    assertTrue(Code.of("($L)", "anything + else").primary());
    assertTrue(Code.of("$L", "r").primary());
  }

  @Test
  void expressionsWithOperatorsOutsideParenthesesAreNot() {
    assertFalse(Code.text("a == b").primary());
    assertFalse(Code.text("(a) == (b)").primary());
    assertFalse(Code.text("(a) || (b)").primary());
    assertFalse(Code.text("(boolean) ((Boolean) r)").primary());
    assertFalse(Code.text("(s.equals(\")(\")) == t").primary());
    assertFalse(Code.text("(x) // )\n").primary());
    assertFalse(Code.text("f(x)").primary());
    assertFalse(Code.of("$L", "a || b").primary());
    assertFalse(Code.text("").primary());
  }

  @Test
  void callsAndLiteralsAreUnaryOperatorsAreNot() {
    assertTrue(Code.text("event").unary());
    assertTrue(Code.text("((String) r)").unary());
    assertTrue(Code.text("Links.sameOrigin(uri, body)").unary());
    assertTrue(Code.of("$L(self, x)", new Object()).unary());
    assertTrue(Code.text("\"welcome! your name?\\n\"").unary());
    assertTrue(Code.text("\"costs $5\"").unary());
    assertTrue(Code.text("'\\''").unary());
    assertTrue(Code.text("42L").unary());
    assertTrue(Code.of("(int) ($T) $L", "Integer", "r").unary());
    assertFalse(Code.text("(a) + b").unary());
    assertFalse(Code.text("(int) -x").unary());
    assertFalse(Code.text("line + \"\\n\"").unary());
    assertFalse(Code.text("\"a\" + \"b\"").unary());
    assertFalse(Code.text("\"a\\\" + b + \"\"").unary());
    assertFalse(Code.text("f(a) + g(b)").unary());
    assertFalse(Code.text("a.b(x).c(y) + 1").unary());
    assertFalse(Code.text("1 - 2").unary());
    assertFalse(Code.text("-1").unary());
    assertFalse(Code.of("$L(x)", "a + f").unary());
    assertFalse(Code.text("x -> f(x)").unary());
  }

  @Test
  void aParenthesizedCastLosesItsParentheses() {
    assertEquals("(String) r", Code.text("((String) r)").bareCast().toString());
    assertEquals("(Duration) FIELD.get(self)", Code.text("((Duration) FIELD.get(self))").bareCast().toString());
    assertEquals("(T) (a + b)", Code.text("((T) (a + b))").bareCast().toString());
    assertEquals("(int) 3", Code.text("((int) 3)").bareCast().toString());
    assertEquals("(Item) x", Code.of("(($T) $L)", "Item", "x").bareCast().toString());
  }

  @Test
  void anOperandLosesTheParenthesesOfACastOnlyWhereWhatIsCastIsUnary() {
    assertEquals("(Integer) r", Code.of("(($T) $L)", "Integer", "r").bareCastOperand().toString());
    assertEquals("(int) F.get(self)", Code.text("((int) F.get(self))").bareCastOperand().toString());
    assertEquals("(T) (a + b)", Code.text("((T) (a + b))").bareCastOperand().toString());
    assertEquals("(int) (Integer) r", Code.text("((int) (Integer) r)").bareCastOperand().toString());
    for (String kept : List.of(
        "((F) x -> x + 1)", "((F) (a0) -> a0)", "((F) $$this::m)", "((T) a.b().c)", "((T) -x)", "(a + b)")) {
      assertEquals(kept, Code.text(kept).bareCastOperand().toString(), kept);
    }
    assertEquals("(($T) $L + 1)", Code.of("(($T) $L + 1)", "T", "x").bareCastOperand().format());
  }

  @Test
  void otherParenthesesStay() {
    for (String kept : List.of(
        "(a + b)", "((a) + b)", "((a) - b)", "((x) instanceof T)", "((a) ? b : c)", "(a)",
        "((E) x).ordinal()", "(((E) x).ordinal())", "((T) r) + 1", "(T) r", "((s) == \")\")",
        "f((T) x)", "")) {
      Code c = Code.text(kept);
      assertEquals(kept, c.bareCast().toString(), kept);
    }
  }
}
