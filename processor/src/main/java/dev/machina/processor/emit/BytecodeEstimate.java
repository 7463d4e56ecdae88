package dev.machina.processor.emit;

/**
 * Estimates how many bytes of bytecode javac makes of a piece of generated Java code, from the
 * number of its tokens.
 *
 * <p>A token is an identifier, keyword, literal or operator; comments, whitespace and the
 * punctuation {@code ( ) { } [ ] ; , . @} count nothing. Most tokens compile to one instruction of
 * one to five bytes (a load, a {@code getfield}, an {@code invokevirtual}, a {@code checkcast}),
 * and punctuation to none. Measured with javac 17 and 25 on the 233 {@code step} methods the
 * tests module generates (every construct the processor lowers), a method took 1.5 to 3.0 bytes
 * per token; {@link #BYTES_PER_TOKEN} is that maximum. Denser code exists (the labels of a copied
 * {@code switch} on strings take about ten bytes a token), which is why {@link StepSplit} leaves
 * a wide margin below the JVM's limit.
 */
final class BytecodeEstimate {
  /** The most bytes per token measured in a whole {@code step} method (javac 17 and 25). */
  static final int BYTES_PER_TOKEN = 3;

  private static final String OPERATORS = "=+-*/%<>!&|^~?:";
  private static final String PUNCTUATION = "(){}[];,.@";

  private BytecodeEstimate() {}

  /** The estimated bytes of bytecode of {@code java}, a fragment of a method body. */
  static int bytes(String java) {
    return tokens(java) * BYTES_PER_TOKEN;
  }

  /** The tokens of {@code java} that compile to code (see the class comment). */
  static int tokens(String java) {
    int count = 0;
    int n = java.length();
    int i = 0;
    while (i < n) {
      char c = java.charAt(i);
      if (Character.isWhitespace(c) || PUNCTUATION.indexOf(c) >= 0) {
        i++;
      } else if (java.startsWith("//", i)) {
        int end = java.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (java.startsWith("/*", i)) {
        int end = java.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"' || c == '\'') {
        i = endOfLiteral(java, i);
        count++;
      } else if (Character.isJavaIdentifierPart(c)) {
        while (i < n && Character.isJavaIdentifierPart(java.charAt(i))) {
          i++;
        }
        count++;
      } else if (OPERATORS.indexOf(c) >= 0) {
        while (i < n && OPERATORS.indexOf(java.charAt(i)) >= 0) {
          i++;
        }
        count++;
      } else {
        i++;
      }
    }
    return count;
  }

  /** The index after the string, text block or character literal starting at {@code start}. */
  private static int endOfLiteral(String java, int start) {
    char quote = java.charAt(start);
    if (quote == '"' && java.startsWith("\"\"\"", start)) {
      int end = java.indexOf("\"\"\"", start + 3);
      return end < 0 ? java.length() : end + 3;
    }
    int i = start + 1;
    while (i < java.length() && java.charAt(i) != quote) {
      i += java.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }
}
