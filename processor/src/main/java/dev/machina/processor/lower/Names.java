package dev.machina.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.TypeCastTree;

/** Readable names for states: {@code await(http.get(url))} is {@code AWAIT_HTTP_GET}. */
final class Names {
  private Names() {}

  /** What an await waits for, as an upper-case constant fragment. */
  static String awaitName(ExpressionTree future) {
    String n = describe(future);
    return n.isEmpty() ? "FUTURE" : n;
  }

  private static String describe(ExpressionTree e) {
    if (e instanceof ParenthesizedTree p) {
      return describe(p.getExpression());
    }
    if (e instanceof TypeCastTree c) {
      return describe(c.getExpression());
    }
    if (e instanceof IdentifierTree id) {
      return constantName(id.getName().toString());
    }
    if (e instanceof MemberSelectTree s) {
      String owner = lastName(s.getExpression());
      return constantName((owner.isEmpty() ? "" : owner + "_") + s.getIdentifier());
    }
    if (e instanceof MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      if (select instanceof MemberSelectTree s) {
        String owner = lastName(s.getExpression());
        return constantName((owner.isEmpty() ? "" : owner + "_") + s.getIdentifier());
      }
      return constantName(select.toString());
    }
    if (e instanceof NewClassTree n) {
      return constantName("new_" + lastName(n.getIdentifier()));
    }
    return "";
  }

  private static String lastName(ExpressionTree e) {
    if (e instanceof IdentifierTree id) {
      String n = id.getName().toString();
      return n.equals("this") ? "" : n;
    }
    if (e instanceof MemberSelectTree s) {
      return s.getIdentifier().toString();
    }
    if (e instanceof MethodInvocationTree call) {
      return lastName(call.getMethodSelect());
    }
    if (e instanceof ParenthesizedTree p) {
      return lastName(p.getExpression());
    }
    return "";
  }

  /** {@code httpGet} or {@code "x.y"} as {@code HTTP_GET} / {@code X_Y}. */
  static String constantName(String text) {
    StringBuilder out = new StringBuilder();
    char prev = '_';
    for (int i = 0; i < text.length() && out.length() < 40; i++) {
      char c = text.charAt(i);
      if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
        out.append('_');
      }
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toUpperCase(c));
        prev = c;
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
        prev = '_';
      }
    }
    while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    if (out.length() > 0 && Character.isDigit(out.charAt(0))) {
      out.insert(0, 'V');
    }
    return out.toString();
  }

  /** {@code name} with its first letter in lower case: the base of a match's name ({@code itemMatch}). */
  static String lowerFirst(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
