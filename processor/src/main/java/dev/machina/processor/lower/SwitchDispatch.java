package dev.machina.processor.lower;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.parse.PatternTrees;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Writes the dispatching switch of a lowered switch ({@code switch (sh) { case Circle cMatch
 * when ..: c = cMatch; state = CASE_CIRCLE; continue; .. }}), Java 17 constants and Java 21
 * patterns alike, over all its cases or, after a guard that awaited and was false, over the
 * cases after that guard.
 */
final class SwitchDispatch {
  private final Lowerer l;
  /** The switch statement or expression. */
  private final TreePath path;
  private final List<? extends CaseTree> cases;
  private final TreePath selector;

  SwitchDispatch(Lowerer l, TreePath path, List<? extends CaseTree> cases) {
    this.l = l;
    this.path = path;
    this.cases = cases;
    this.selector = new TreePath(path, path.getLeaf() instanceof SwitchTree s
        ? s.getExpression() : ((SwitchExpressionTree) path.getLeaf()).getExpression());
  }

  /**
   * The dispatching switch over {@code cases} from {@code from} on: each case jumps to its block,
   * or to its guard's block where the guard awaits. Without a {@code default} label, the values
   * no case takes go to {@code exit} if it is given (a switch statement of Java 17). Otherwise
   * javac's own {@code default} of an exhaustive pattern switch stands, except where the
   * dispatch is a plain switch statement that Java would not check: a switch expression over an
   * enum (its dispatch is a statement, for which an enum constant added after compiling simply
   * matches no case), a dispatch after a false guard over fewer cases than the user's
   * switch, and one whose private type patterns are guarded {@code Object} patterns ({@link
   * PrivateCasePatterns#needsNoMatch}). Those get a {@code default} where no unconditional pattern remains, throwing what
   * javac's code throws for a value no case takes ({@link #noMatch}).
   */
  Code code(Code sel, int from, List<Block> caseBlocks, List<Block> guardBlocks, Block exit) {
    Code.Builder out = Code.builder().text("switch ").add(sel).text(" {\n");
    boolean total = false;
    for (int i = from; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      List<? extends Tree> labels = PatternTrees.labels(c);
      total |= PatternTrees.isDefault(c) || unconditional(c, labels);
      Block guard = guardBlocks.get(i);
      CaseLabels header = new CaseLabels(l, new TreePath(path, c), labels, guard == null);
      out.text("  ").add(header.code()).text(" ");
      for (Code store : header.stores()) {
        out.add(store).text(" ");
      }
      out.add(l.jump(guard != null ? guard : caseBlocks.get(i), l.finallies.size(), false))
          .text("\n");
    }
    if (!total && exit != null) {
      out.text("  default: ").add(l.jump(exit, l.finallies.size(), false)).text("\n");
    } else if (!total && (from > 0
        || path.getLeaf() instanceof SwitchExpressionTree && !mustBeExhaustive()
        || PrivateCasePatterns.needsNoMatch(l, path, cases))) {
      out.text("  default: ").add(noMatch()).text("\n");
    }
    return out.text("}").build();
  }

  /**
   * {@code throw new MatchException(null, null);} where the source is Java 21 or later, else
   * {@code throw new IncompatibleClassChangeError();}: what javac throws when no case of an
   * exhaustive switch takes the value (an enum constant or a subclass of a sealed type added
   * after the switch was compiled; JLS 15.28.2, 14.11.3).
   */
  private Code noMatch() {
    return noMatch(l);
  }

  /** What {@link #noMatch()} writes, for the lowering {@code l}. */
  static Code noMatch(Lowerer l) {
    if (l.env.getSourceVersion().ordinal() >= 21) {
      return Code.of("throw new $T(null, null);",
          l.env.getElementUtils().getTypeElement("java.lang.MatchException"));
    }
    return Code.of("throw new $T();",
        l.env.getElementUtils().getTypeElement("java.lang.IncompatibleClassChangeError"));
  }

  /**
   * Whether {@code c} is an unguarded type pattern whose type the selector's (erased) type is a
   * subtype of (JLS 14.30.3): no {@code default} may stand beside it.
   */
  private boolean unconditional(CaseTree c, List<? extends Tree> labels) {
    if (PatternTrees.guard(c) != null) {
      return false;
    }
    for (Tree label : labels) {
      if (PatternTrees.isPattern(label)
          && PatternTrees.pattern(label) instanceof com.sun.source.tree.BindingPatternTree b) {
        TreePath variable = new TreePath(new TreePath(new TreePath(new TreePath(path, c), label),
            b), b.getVariable());
        Element e = l.trees.getElement(variable);
        if (e != null && l.types.isSubtype(
            l.types.erasure(l.typeOf(selector)), l.types.erasure(e.asType()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The name of the block of a case: {@code CASE_RED}, {@code CASE_CIRCLE}, {@code DEFAULT}. */
  static String caseBlockName(List<? extends Tree> labels) {
    if (labels.isEmpty() || PatternTrees.isDefault(labels.get(0))) {
      return "DEFAULT";
    }
    Tree first = labels.get(0);
    if (PatternTrees.isPattern(first)) {
      Tree pattern = PatternTrees.pattern(first);
      Tree type = PatternTrees.isRecordPattern(pattern)
          ? PatternTrees.deconstructor(pattern)
          : pattern instanceof com.sun.source.tree.BindingPatternTree b ? b.getVariable().getType()
          : null;
      String name = type == null ? "" : type.toString().replaceAll("<.*", "");
      name = name.substring(name.lastIndexOf('.') + 1);
      return name.isEmpty() ? "CASE" : "CASE_" + Names.constantName(name);
    }
    return "CASE_" + Names.constantName(first.toString());
  }

  /**
   * Whether the switch must be exhaustive (JLS 14.11.1.1, 14.11.2): it has a pattern or {@code
   * null} label, or its selector is of none of the types a switch of Java 17 takes. Its
   * dispatching switch, with the same labels, then is exhaustive too, and gets no {@code default}
   * (which an unconditional pattern would not allow).
   */
  boolean mustBeExhaustive() {
    for (CaseTree c : cases) {
      for (Tree label : PatternTrees.labels(c)) {
        if (PatternTrees.isPattern(label) || PatternTrees.isNull(label)) {
          return true;
        }
      }
    }
    TypeMirror t = l.typeOf(selector);
    if (t.getKind().isPrimitive()) {
      return false;
    }
    Element e = l.types.asElement(t);
    if (e == null) {
      return true;
    }
    if (e.getKind() == ElementKind.ENUM) {
      return false;
    }
    String name = ((TypeElement) e).getQualifiedName().toString();
    return !List.of("java.lang.String", "java.lang.Integer", "java.lang.Character",
            "java.lang.Short", "java.lang.Byte")
        .contains(name);
  }
}
