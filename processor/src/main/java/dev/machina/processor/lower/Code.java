package dev.machina.processor.lower;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A fragment of generated Java in JavaPoet's format syntax ({@code $L}, {@code $T}, {@code $$})
 * whose arguments are model objects ({@link Var}, {@link Block}, {@link Handle}, type mirrors,
 * type elements, strings) that the emitter turns into names once hoisting is decided.
 */
public final class Code {
  private static final java.util.regex.Pattern DOTTED_NAME =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  /** What a method call starts with up to its argument list: {@code a.b(}, {@code $T.of(}, {@code $L(}. */
  private static final java.util.regex.Pattern CALLEE =
      java.util.regex.Pattern.compile("(\\$[LT]|[A-Za-z_][A-Za-z0-9_]*)(\\.(\\$L|[A-Za-z_][A-Za-z0-9_]*))*\\(");
  /** A number, character or string literal (a format doubles the {@code $} of its text). */
  private static final java.util.regex.Pattern LITERAL =
      java.util.regex.Pattern.compile("[0-9][0-9A-Za-z_.]*|'([^'\\\\]|\\\\[^u])'|\"([^\"\\\\$]|\\\\.|\\$\\$)*\"");

  private final String format;
  private final List<Object> args;

  private Code(String format, List<Object> args) {
    this.format = format;
    this.args = Collections.unmodifiableList(args);
  }

  /** The format string, with {@code $} in literal text doubled. */
  public String format() {
    return format;
  }

  /** The arguments, one per {@code $L} or {@code $T} in {@link #format()}. */
  public List<Object> args() {
    return args;
  }

  /** Adds to {@code out} the blocks this fragment names, in nested fragments too (jump targets). */
  public void addBlocksTo(java.util.Set<Block> out) {
    for (Object a : args) {
      if (a instanceof Block b) {
        out.add(b);
      } else if (a instanceof Code inner) {
        inner.addBlocksTo(out);
      }
    }
  }

  /** Literal text (escaped). */
  public static Code text(String text) {
    return builder().text(text).build();
  }

  /** A format with arguments, as in JavaPoet's {@code CodeBlock.of}. */
  public static Code of(String format, Object... args) {
    return builder().format(format, args).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the fragment is a plain identifier-like text with no arguments. */
  boolean isEmpty() {
    return format.isEmpty();
  }

  /**
   * Whether the fragment is an expression an operator such as {@code !} takes as it is: a
   * variable's name, a dotted name, or one parenthesized expression, {@code (..)} from its first
   * character to its last. Parentheses inside string, character and text block literals and
   * comments do not count; arguments are atoms.
   */
  boolean primary() {
    return format.equals("$L") && (args.get(0) instanceof Var
            || args.get(0) instanceof CharSequence name && DOTTED_NAME.matcher(name).matches())
        || DOTTED_NAME.matcher(format).matches()
        || !format.isEmpty() && closingParenthesis(format, 0) == format.length() - 1;
  }

  /**
   * Whether the fragment is an operand a cast takes as it is, {@code (T) x}: a {@link #primary}
   * expression, a method call {@code a.b(..)}, a literal, or a cast of one of these.
   */
  boolean unary() {
    if (primary() || LITERAL.matcher(format).matches()) {
      return true;
    }
    int typeEnd = closingParenthesis(format, 0);
    if (typeEnd > 0 && typeEnd + 2 < format.length() && format.charAt(typeEnd + 1) == ' ') {
      // a cast of a unary operand, (int) (Integer) r
      String head = format.substring(0, typeEnd + 2);
      return new Code(format.substring(typeEnd + 2), new ArrayList<>(args.subList(placeholders(head), args.size())))
          .unary();
    }
    java.util.regex.Matcher callee = CALLEE.matcher(format);
    if (!callee.lookingAt() || closingParenthesis(format, callee.end() - 1) != format.length() - 1) {
      return false;
    }
    // a $L in the callee names a model object (a handle, a helper, a variable), not text
    return args.stream().limit(placeholders(format.substring(0, callee.end())))
        .noneMatch(a -> a instanceof CharSequence || a instanceof Code);
  }

  /**
   * This fragment without its outer parentheses where it is a parenthesized cast, {@code ((T)
   * x)} or {@code ((T) x.y())}, for a context that takes any expression (an argument, an
   * initializer, the right side of an assignment); otherwise this fragment. The cast binds
   * tighter than every binary operator, so it reads the same in an operand too.
   */
  public Code bareCast() {
    if (closingParenthesis(format, 0) != format.length() - 1 || format.length() < 2
        || format.charAt(1) != '(') {
      return this;
    }
    int typeEnd = closingParenthesis(format, 1);
    if (typeEnd < 0 || typeEnd + 2 >= format.length() - 1 || format.charAt(typeEnd + 1) != ' ') {
      return this;
    }
    // (T) x, (T) (x), (T) $L, (T) "s": an operand follows; (a) + b or (a) instanceof T is no cast
    char next = format.charAt(typeEnd + 2);
    boolean operand = Character.isJavaIdentifierStart(next) && next != '$'
            && !format.startsWith("instanceof", typeEnd + 2)
        || Character.isDigit(next) || next == '(' || next == '"' || next == '\''
        || format.startsWith("$L", typeEnd + 2) || format.startsWith("$T", typeEnd + 2);
    return operand ? new Code(format.substring(1, format.length() - 1), new ArrayList<>(args)) : this;
  }

  /**
   * {@link #bareCast} for an operand of an operator ({@code (T) r < 0} for {@code ((T) r) < 0}):
   * only where what is cast is {@link #unary} itself, since a cast binds tighter than every
   * binary operator but a cast lambda would take the operator into its body.
   */
  public Code bareCastOperand() {
    Code bare = bareCast();
    if (bare == this) {
      return this;
    }
    int typeEnd = closingParenthesis(bare.format, 0);
    String head = bare.format.substring(0, typeEnd + 2);
    Code operand =
        new Code(bare.format.substring(typeEnd + 2), new ArrayList<>(args.subList(placeholders(head), args.size())));
    return operand.unary() ? bare : this;
  }

  /** How many arguments ({@code $L}, {@code $T}; not {@code $$}) {@code format} takes. */
  private static int placeholders(String format) {
    int n = 0;
    for (int i = 0; i + 1 < format.length(); i++) {
      if (format.charAt(i) == '$') {
        n += format.charAt(i + 1) == '$' ? 0 : 1;
        i++;
      }
    }
    return n;
  }

  /**
   * The index of the parenthesis closing the one at {@code open} in {@code format}, or -1 if
   * {@code format} has no opening parenthesis there or never closes it. Parentheses inside string,
   * character and text block literals and comments do not count.
   */
  private static int closingParenthesis(String format, int open) {
    if (open >= format.length() || format.charAt(open) != '(') {
      return -1;
    }
    int depth = 0;
    for (int i = open; i < format.length(); i++) {
      char c = format.charAt(i);
      if (format.startsWith("\"\"\"", i)) {
        int end = format.indexOf("\"\"\"", i + 3);
        while (end > 0 && format.charAt(end - 1) == '\\') {
          end = format.indexOf("\"\"\"", end + 1);
        }
        if (end < 0) {
          return -1;
        }
        i = end + 2;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < format.length() && format.charAt(j) != c) {
          j += format.charAt(j) == '\\' ? 2 : 1;
        }
        i = j;
      } else if (format.startsWith("//", i)) {
        int end = format.indexOf('\n', i);
        if (end < 0) {
          return -1;
        }
        i = end;
      } else if (format.startsWith("/*", i)) {
        int end = format.indexOf("*/", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    int a = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '$' && i + 1 < format.length()) {
        char k = format.charAt(++i);
        if (k == '$') {
          out.append('$');
        } else {
          out.append(args.get(a++));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Builds a {@link Code}. */
  public static final class Builder {
    private final StringBuilder format = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    /** Appends literal source text. */
    public Builder text(String text) {
      format.append(text.replace("$", "$$"));
      return this;
    }

    /** Appends a name or other literal argument ($L). */
    public Builder name(Object arg) {
      format.append("$L");
      args.add(arg);
      return this;
    }

    /** Appends a type ($T): a TypeMirror or TypeElement. */
    public Builder type(Object type) {
      format.append("$T");
      args.add(type);
      return this;
    }

    /** Appends a format in $L/$T/$$ syntax with its arguments. */
    public Builder format(String fmt, Object... fmtArgs) {
      format.append(fmt);
      Collections.addAll(args, fmtArgs);
      return this;
    }

    /** Appends another fragment. */
    public Builder add(Code code) {
      format.append(code.format);
      args.addAll(code.args);
      return this;
    }

    public boolean isEmpty() {
      return format.length() == 0;
    }

    public Code build() {
      return new Code(format.toString(), new ArrayList<>(args));
    }
  }
}
