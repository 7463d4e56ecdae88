package dev.machina.processor.lower;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Code#primary}: which fragments a negation may take without parentheses of its own. A
 * wrong yes changes what the generated code means ({@code !a == b}), so the no cases matter most.
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
}
