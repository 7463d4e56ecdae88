package dev.machina.processor.lower;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import dev.machina.processor.parse.PatternTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.VariableElement;

/**
 * The label of one case of a dispatching switch, as the user wrote it ({@code case RED, GREEN:},
 * {@code default:}, {@code case null, default:}, {@code case Circle c when c.r() > 1:}), with
 * its binding variables declared under fresh names, and the statements that store those the
 * case's statements (or its guard, where that is lowered apart) read into their variables.
 */
final class CaseLabels {
  private final Code code;
  private final List<Code> stores = new ArrayList<>();

  /**
   * The label of the case at {@code casePath}, whose labels are {@code labels}; its guard is
   * written only {@code withGuard} (else the guard awaits and is lowered on its own, reading the
   * bindings from their variables, and the label's guard is {@code Boolean.TRUE}).
   */
  CaseLabels(Lowerer l, TreePath casePath, List<? extends Tree> labels, boolean withGuard) {
    CaseTree c = (CaseTree) casePath.getLeaf();
    ExpressionTree guard = withGuard ? PatternTrees.guard(c) : null;
    Map<VariableElement, String> renames = new LinkedHashMap<>();
    // a record pattern naming a private type: an Object binding, its bindings component reads
    PrivateRecordPattern record = l.splicer.privateRecordLabel(casePath);
    String match = null;
    if (record != null) {
      String name = record.record.getSimpleName().toString();
      match = l.fresh(Character.toLowerCase(name.charAt(0)) + name.substring(1) + "Match");
    }
    if (!labels.isEmpty()) {
      SourcePositions positions = l.trees.getSourcePositions();
      long start = positions.getStartPosition(l.method.unit(), labels.get(0));
      long end =
          positions.getEndPosition(l.method.unit(), guard != null ? guard : labels.get(labels.size() - 1));
      if (record != null) {
        for (PrivateRecordPattern.Binding b : record.bindings) {
          if (l.facts.usedOutside(b.variable(), start, end)) {
            stores.add(l.caseBindingStore(
                b.variable(), l.splicer.recordBindingValue(casePath, b.variable(), match)));
          }
        }
        // the bindings of its nested patterns kept as patterns, as any label's
        for (TreePath binding : record.keptBindings) {
          if (l.trees.getElement(binding) instanceof VariableElement ve) {
            String local = l.fresh(ve.getSimpleName() + "Match");
            renames.put(ve, local);
            if (l.facts.usedOutside(ve, start, end)) {
              stores.add(l.caseBindingStore(ve, local));
            }
          }
        }
      }
      for (Tree label : labels) {
        if (!PatternTrees.isPattern(label) || record != null) {
          continue;
        }
        for (TreePath binding : Splicer.bindings(new TreePath(casePath, label))) {
          // Every binding gets a fresh name: one named like a member the jump writes ({@code
          // state}) would hide it there.
          VariableElement ve = (VariableElement) l.trees.getElement(binding);
          boolean unnamed = ve == null || ve.getSimpleName().toString().equals("_")
              || ve.getSimpleName().length() == 0;
          if (unnamed && (ve == null || l.hidden.of(ve.asType()) == null)) {
            continue;
          }
          // an unnamed binding of a private type is named: its case's guard tests its class
          String local = l.fresh(unnamed ? "matched" : ve.getSimpleName() + "Match");
          renames.put(ve, local);
          if (l.facts.usedOutside(ve, start, end)) {
            stores.add(l.caseBindingStore(ve, local));
          }
        }
      }
      if (guard != null) {
        // A binding the guard introduces when true that the case's statements read: stored
        // after the label like the label's own, as a guard may assign no variable declared
        // outside it (F150).
        for (TreePath binding : Splicer.bindings(new TreePath(casePath, guard))) {
          if (l.trees.getElement(binding) instanceof VariableElement ve
              && l.facts.usedOutside(ve, start, end)) {
            String local = l.fresh(ve.getSimpleName() + "Match");
            renames.put(ve, local);
            stores.add(l.caseBindingStore(ve, local));
          }
        }
      }
    }
    Code.Builder out = Code.builder();
    if (labels.isEmpty() || (labels.size() == 1 && PatternTrees.isDefault(labels.get(0)))) {
      out.text("default");
    } else {
      out.text("case ");
      boolean first = true;
      for (Tree label : labels) {
        out.text(first ? "" : ", ");
        first = false;
        if (PatternTrees.isDefault(label)) {
          out.text("default");
        } else {
          out.add(l.splicer.spliceCasePart(casePath, new TreePath(casePath, label), renames, match));
        }
      }
    }
    // the class test of a private type pattern, which its label writes as Object (Splicer)
    Code test =
        PatternTrees.guard(c) != null ? l.splicer.privateCaseTest(casePath, renames, match) : null;
    if (guard != null) {
      out.text(" when ");
      if (test != null) {
        out.add(test).text(" && (");
      }
      out.add(l.splicer.spliceCasePart(casePath, new TreePath(casePath, guard), renames, match));
      if (test != null) {
        out.text(")");
      }
    } else if (PatternTrees.guard(c) != null) {
      // Guarded still, or the case would dominate the cases after it; Boolean.TRUE is no
      // constant expression, so javac does not take the case for unguarded either. A private
      // type pattern's class test is such a guard already.
      out.text(" when ");
      if (test != null) {
        out.add(test);
      } else {
        out.type(l.env.getElementUtils().getTypeElement("java.lang.Boolean")).text(".TRUE");
      }
    }
    this.code = out.text(":").build();
  }

  /** {@code case ..:} or {@code default:}. */
  Code code() {
    return code;
  }

  /** {@code v = vMatch;} for each binding the case's statements read. */
  List<Code> stores() {
    return stores;
  }
}
