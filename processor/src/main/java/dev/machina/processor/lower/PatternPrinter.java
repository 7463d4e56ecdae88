package dev.machina.processor.lower;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The part of a {@link Splicer} printing that writes patterns, case labels and switches naming
 * private nested types (which the generated class cannot name) and declares the bindings they
 * introduce: class tests instead of type patterns, record patterns taken apart ({@link
 * PrivateRecordPattern}), binding locals anchored before their statements, private enum labels as
 * ordinals.
 */
final class PatternPrinter {
  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;

  PatternPrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
  }

  /** The pattern variables of the bindings stored by the tests printed so far ({@link #instanceOf}). */
  final Map<Element, String> bindingLocals = new java.util.HashMap<>();
  /**
   * The name of the {@code Object} binding that stands for a case's record pattern naming a
   * private type ({@link #privateCaseLabel}), by case.
   */
  final Map<Tree, String> matchNames = new java.util.IdentityHashMap<>();
  /** Bindings of such a pattern read in its guard, printed as the component reads they are. */
  final Map<Element, Code> bindingValues = new java.util.HashMap<>();
  /** Whether a case's guard is being printed as the guard of its label (no statement around it). */
  boolean caseGuard;
  /** The bindings of kept nested patterns ({@link #keptTest}) to store, with their fresh names. */
  final Map<VariableElement, String> keptStores = new LinkedHashMap<>();
  /** The local holding the value an anchored record instanceof matches, by instanceof. */
  final Map<Tree, String> recordHolders = new java.util.IdentityHashMap<>();

  /**
   * Prints the guard {@code g} of a copied case, after the class test of the case's private
   * type pattern where it has one ({@link #privateCaseLabel}).
   */
  void guard(TreePath casePath, Tree g, Code.Builder out) {
    Code test = privateCaseTest(casePath);
    boolean operand = test != null && !Splicer.Walk.primary(g);
    if (test != null) {
      out.add(test).text(operand ? " && (" : " && ");
    }
    PrivateRecordPattern rp = privateRecordLabel(casePath);
    if (rp != null) {
      readBindings(casePath, rp);
    }
    boolean outer = caseGuard;
    caseGuard = true;
    w.emit(new TreePath(casePath, g), out);
    caseGuard = outer;
    if (rp != null) {
      rp.bindings.forEach(b -> bindingValues.remove(b.variable()));
    }
    if (operand) {
      out.text(")");
    }
  }

  /** Makes the guard of the case at {@code casePath} read the bindings of {@code rp} as component reads. */
  void readBindings(TreePath casePath, PrivateRecordPattern rp) {
    for (PrivateRecordPattern.Binding b : rp.bindings) {
      bindingValues.put(b.variable(), bindingValue(casePath, rp, b.variable()));
    }
  }

  /**
   * The private record pattern that is the only label of the case at {@code casePath}, or
   * {@code null}.
   */
  PrivateRecordPattern privateRecordLabel(TreePath casePath) {
    List<? extends Tree> labels =
        dev.machina.processor.parse.PatternTrees.labels((CaseTree) casePath.getLeaf());
    if (labels.size() != 1 || !dev.machina.processor.parse.PatternTrees.isPattern(labels.get(0))) {
      return null;
    }
    return PrivateCasePatterns.record(l, new TreePath(casePath, labels.get(0)));
  }

  /** The name of the {@code Object} binding standing for the record pattern {@code rp} of a case. */
  String matchName(TreePath casePath, PrivateRecordPattern rp) {
    return matchNames.computeIfAbsent(casePath.getLeaf(), c -> {
      return l.fresh(Names.lowerFirst(rp.record.getSimpleName().toString()) + "Match");
    });
  }

  /** The value of the binding {@code ve} of {@code rp}: its component read from the case's match. */
  Code bindingValue(TreePath casePath, PrivateRecordPattern rp, VariableElement ve) {
    for (PrivateRecordPattern.Binding b : rp.bindings) {
      if (b.variable().equals(ve)) {
        return componentRead(b.chain(), Code.text(matchName(casePath, rp)), ve.asType(), casePath.getLeaf());
      }
    }
    throw new IllegalArgumentException(ve.toString());
  }

  /**
   * The component {@code chain} reads from the {@code Object} named {@code match}: each accessor
   * called on the value before, by its handle for a private record ({@code ((int)
   * R_METHOD.invokeExact((Object) m))}), else on the value cast to the record's erasure; cast to
   * the written form of {@code as} where the erased read is not one.
   */
  Code componentRead(List<ExecutableElement> chain, Code match, TypeMirror as, Tree at) {
    Code value = match;
    TypeMirror type = l.env.getElementUtils().getTypeElement("java.lang.Object").asType();
    for (ExecutableElement accessor : chain) {
      if (w.members.viaHandle(accessor)) {
        Handle h = splicer.handles.handle(accessor);
        // an Object already, as the match and every private read is: no cast to Object first
        Code call = !w.opaque()
                && l.types.isSameType(l.hidden.written(l.types, l.env.getElementUtils(), type), l.writable.objectType())
                && l.hidden.isHidden(h.owner())
            ? Code.builder().name(h).text(".invokeExact(").add(value).text(")").build()
            : w.members.handleCall(h, value, List.of(), w.opaque());
        value = Code.builder().text("((").type(h.erasedType()).text(") ").add(call).text(")").build();
        type = h.erasedType();
      } else {
        TypeMirror owner = l.types.erasure(accessor.getEnclosingElement().asType());
        value = Code.builder().text("((").type(owner).text(") ").add(value).text(")."
            + accessor.getSimpleName() + "()").build();
        type = l.types.erasure(accessor.getReturnType());
      }
    }
    if (as == null) {
      return value;
    }
    TypeMirror written = l.hidden.written(l.types, l.env.getElementUtils(), l.writable.denotable(as));
    if (l.types.isAssignable(type, written)) {
      return value;
    }
    return Code.builder().text("((").type(written).text(") ").add(value).text(")").build();
  }

  /**
   * The tests of the record pattern {@code rp} on the case's match, in Java's order: {@code
   * ITEM_CLASS.isInstance(itemMatch) && ((Object) ..) instanceof String} (the erased read's type
   * is a supertype of the tested one's erasure, or javac would have refused the pattern).
   */
  Code recordTest(TreePath casePath, PrivateRecordPattern rp) {
    Code.Builder out = Code.builder();
    String match = matchName(casePath, rp);
    boolean first = true;
    for (PrivateRecordPattern.Test t : rp.tests) {
      out.text(first ? "" : " && ");
      first = false;
      Code read = componentRead(t.chain(), Code.text(match), null, casePath.getLeaf());
      out.add(t.kept() != null ? keptTest(read, t.kept()) : classTest(t.type(), read));
    }
    keptStores.clear(); // a case's kept bindings are stored after its label (CaseLabels)
    return out.build();
  }

  /**
   * Prints {@code kid} of the copied case at {@code casePath} if the case's body starts with it
   * and its label is a record pattern of a private type whose bindings the body reads: the
   * locals of those bindings ({@link #recordLocals}) first, in braces with a rule's body ({@code
   * -> { String n = ..; yield n + q; }}), before a group's first statement under fresh names
   * (a group's locals are in scope in the groups after it).
   */
  boolean caseBody(TreePath casePath, CaseTree c, Tree kid, Code.Builder out) {
    boolean rule = c.getCaseKind() == CaseTree.CaseKind.RULE;
    if (rule ? c.getBody() != kid : c.getStatements().isEmpty() || c.getStatements().get(0) != kid) {
      return false;
    }
    PrivateRecordPattern rp = privateRecordLabel(casePath);
    if (rp == null) {
      return false;
    }
    Code locals = recordLocals(casePath, rp, !rule);
    if (locals.isEmpty()) {
      return false;
    }
    TreePath body = new TreePath(casePath, kid);
    if (!rule) {
      out.add(locals);
      w.emit(body, out);
      return true;
    }
    out.text("{ ").add(locals);
    if (kid instanceof ExpressionTree) {
      boolean value = casePath.getParentPath().getLeaf() instanceof com.sun.source.tree.SwitchExpressionTree;
      out.text(value ? "yield " : "");
      w.emit(body, out);
      out.text("; }");
    } else {
      w.emit(body, out);
      out.text(" }");
    }
    return true;
  }

  /** Where the text after the semicolon that follows {@code from} starts. */
  long skipSemicolon(long from) {
    CharSequence src = l.facts.text();
    for (long i = from; i < src.length(); i++) {
      if (src.charAt((int) i) == ';') {
        return i + 1;
      }
    }
    return from;
  }

  /**
   * The locals a copied case with a record pattern of a private type declares for the bindings
   * its body reads, {@code String n = ((String) NAME_METHOD.invokeExact((Object) itemMatch)); }.
   */
  Code recordLocals(TreePath casePath, PrivateRecordPattern rp, boolean fresh) {
    CaseTree c = (CaseTree) casePath.getLeaf();
    Tree last = dev.machina.processor.parse.PatternTrees.guard(c) != null
        ? dev.machina.processor.parse.PatternTrees.guard(c)
        : dev.machina.processor.parse.PatternTrees.labels(c).get(0);
    Code.Builder out = Code.builder();
    for (PrivateRecordPattern.Binding b : rp.bindings) {
      VariableElement ve = b.variable();
      if (!l.facts.usedOutside(ve, splicer.start(dev.machina.processor.parse.PatternTrees.labels(c).get(0)), splicer.end(last))) {
        continue;
      }
      String name = ve.getSimpleName().toString();
      if (fresh || l.isMemberName(name)) {
        name = l.fresh(name);
        w.renames.put(ve, name);
      }
      out.type(l.hidden.written(l.types, l.env.getElementUtils(), l.writable.denotable(ve.asType())))
          .text(" " + name + " = ").add(bindingValue(casePath, rp, ve).bareCast()).text("; ");
    }
    return out.build();
  }

  /**
   * A copied switch that no longer covers every value in the generated class, which gets the
   * {@code default} that throws what javac's code throws for a value no case takes (JLS
   * 15.28.2, 14.11.3): a switch expression over a private enum without {@code default}, over
   * the ordinal; and a switch whose private type patterns became guarded {@code Object} ones,
   * where it relied on a sealed hierarchy being exhausted ({@link
   * PrivateCasePatterns#needsNoMatch}).
   */
  boolean exhaustedSwitch(TreePath p, Code.Builder out) {
    List<? extends CaseTree> cases = p.getLeaf() instanceof com.sun.source.tree.SwitchTree sw
        ? sw.getCases()
        : ((com.sun.source.tree.SwitchExpressionTree) p.getLeaf()).getCases();
    if (cases.isEmpty()) {
      return false;
    }
    boolean enumOrdinal = p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION
        && privateEnumSelector(PrivateCasePatterns.selector(p))
        && cases.stream().noneMatch(dev.machina.processor.parse.PatternTrees::isDefault);
    if (!enumOrdinal && !PrivateCasePatterns.needsNoMatch(l, p, cases)) {
      return false;
    }
    Code.Builder copied = Code.builder();
    w.copy(p, copied);
    Code c = copied.build();
    int brace = c.format().lastIndexOf('}');
    String head = c.format().substring(0, brace);
    int line = head.lastIndexOf('\n');
    boolean multiline = line >= 0 && head.substring(line + 1).isBlank();
    String label = cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE ? "default -> " : "default: ";
    Code.Builder b = Code.builder();
    if (multiline) {
      // on a line of its own before the closing brace's, indented as the case before it
      String previous = head.substring(head.lastIndexOf('\n', line - 1) + 1, line);
      String indent = previous.substring(0, previous.length() - previous.stripLeading().length());
      b.format(head.substring(0, line + 1), c.args().toArray())
          .text(indent + label).add(SwitchDispatch.noMatch(l)).text("\n")
          .text(head.substring(line + 1));
    } else {
      b.format(head.stripTrailing(), c.args().toArray()).text(" " + label).add(SwitchDispatch.noMatch(l))
          .text(" ");
    }
    out.add(b.format(c.format().substring(brace)).build());
    return true;
  }

  /**
   * {@code e instanceof P} for a private nested type {@code P}: {@code P_CLASS.isInstance(e)}.
   * With a type pattern {@code e instanceof P b}, the binding is a variable of the generated
   * code typed {@code Object} that the test assigns, {@code P_CLASS.isInstance(b = e)}: a local
   * declared before the statement (see {@link #patternAnchors}), or a variable of the machine
   * ({@link Lowerer#bindingVar}) where the printed tree is an expression or the binding is used
   * outside it. Assigned whether or not the test holds, it is read only where the binding is
   * in scope, which javac's definite assignment of it covers.
   */
  boolean privateInstanceOf(TreePath p, InstanceOfTree t, Code.Builder out) {
    Tree type = t.getPattern() != null ? t.getPattern() : t.getType();
    TypeMirror tested = l.trees.getTypeMirror(new TreePath(p, type));
    if (tested == null || l.hidden.of(tested) == null) {
      return false;
    }
    String target = null;
    Var v = null;
    if (t.getPattern() != null) {
      VariableElement ve = privateBinding(p, t);
      if (ve == null) {
        throw new UnsupportedCode(
            t, "the generated class cannot name " + l.hidden.describe(l.hidden.of(tested))
                + " of this pattern (a record pattern or an array type): test with instanceof and"
                + " cast, or make it " + l.hidden.fix(l.hidden.of(tested)));
      }
      if (caseGuard && inGuard(p)) {
        // a guard may assign no variable declared outside it (F151): the binding is the
        // guard's own pattern variable, typed Object, which flows into the case as the
        // original did
        String name = w.renames.getOrDefault(ve, ve.getSimpleName().toString());
        out.text("(");
        w.emit(new TreePath(p, t.getExpression()), out);
        out.text(" instanceof Object " + name + " && ").add(classObject(tested))
            .text(".isInstance(" + name + "))");
        return true;
      }
      target = w.renames.get(ve);
      if (target == null) {
        // a variable of the machine, whose capture copy is taken before the statement (F135)
        if (capturedWithin(new TreePath(p, t.getPattern()), ve, w.root)) {
          throw new UnsupportedCode(
              t, "the generated class keeps the binding " + ve.getSimpleName() + " of "
                  + l.hidden.describe(l.hidden.of(tested)) + " in a variable that this lambda or"
                  + " class body cannot capture: copy it to a local variable first");
        }
        v = l.bindingVar(ve);
      }
    }
    out.add(classObject(tested)).text(".isInstance(");
    if (v != null) {
      out.name(v).text(" = ");
    } else if (target != null) {
      out.text(target + " = ");
    }
    w.emit(new TreePath(p, t.getExpression()), out);
    out.text(")");
    return true;
  }

  /**
   * {@code e instanceof Item(String n, var q)} of a record pattern naming a private nested type
   * ({@link PrivateRecordPattern}): {@code (ITEM_CLASS.isInstance(itemMatch = e) && .. && ((n =
   * ((String) NAME_METHOD.invokeExact((Object) itemMatch))) == n | true) && ..)}, the match and
   * the bindings locals declared before the statement ({@link #patternAnchors}), or where the
   * printed tree is an expression or a binding is used outside it, the match a temporary and
   * the bindings variables of the machine; {@code | true} keeps a {@code NaN} from failing the
   * test. Assigned once per test, as the pattern's variables would be; read only where the
   * bindings are in scope, which javac's definite assignment of them covers.
   */
  boolean privateRecordInstanceOf(TreePath p, InstanceOfTree t, Code.Builder out) {
    if (t.getPattern() == null) {
      return false;
    }
    PrivateRecordPattern rp = PrivateRecordPattern.of(l, new TreePath(p, t.getPattern()));
    if (rp == null) {
      return false;
    }
    if (inGuard(p)) {
      throw new UnsupportedCode(
          t, "the generated class cannot bind this record pattern of a private type in a guard,"
              + " which may assign no variable declared outside it: match the record in the case's"
              + " label, or make the private types package-private");
    }
    String anchored = recordHolders.get(t);
    boolean stored = anchored == null;
    Code holder = stored ? null : Code.text(anchored);
    if (stored) {
      for (PrivateRecordPattern.Binding b : rp.bindings) {
        if (capturedWithin(new TreePath(p, t.getPattern()), b.variable(), w.root)) {
          throw new UnsupportedCode(
              t, "the generated class keeps the binding " + b.variable().getSimpleName()
                  + " of this record pattern in a variable that this lambda or class body cannot"
                  + " capture: copy it to a local variable first");
        }
      }
      Var match = l.matchVar(Names.lowerFirst(rp.record.getSimpleName().toString()) + "Match");
      holder = Code.builder().name(match).build();
    }
    out.text("(");
    for (int i = 0; i < rp.tests.size(); i++) {
      PrivateRecordPattern.Test test = rp.tests.get(i);
      if (i > 0) {
        out.text(" && ");
      }
      if (i == 0) {
        // the record's own test assigns the match: e is evaluated once
        Code.Builder e = Code.builder().add(holder).text(" = ");
        w.emit(new TreePath(p, t.getExpression()), e);
        Code value = e.build();
        out.add(classTest(test.type(), l.hidden.of(test.type()) != null
            ? value : Code.builder().text("(").add(value).text(")").build()));
        continue;
      }
      Code read = componentRead(test.chain(), holder, null, t);
      out.add(test.kept() != null ? keptTest(read, test.kept()) : classTest(test.type(), read));
    }
    for (Map.Entry<VariableElement, String> kept : keptStores.entrySet()) {
      out.text(" && ").add(l.bindingStore(kept.getKey(), kept.getValue()));
    }
    keptStores.clear();
    for (PrivateRecordPattern.Binding b : rp.bindings) {
      VariableElement ve = b.variable();
      Code read = componentRead(b.chain(), holder, ve.asType(), t);
      out.text(" && ");
      if (stored) {
        out.add(l.bindingStore(ve, read));
      } else {
        String name = w.renames.get(ve);
        out.text("((" + name + " = ").add(read).text(") == " + name + " | true)");
      }
    }
    out.text(")");
    return true;
  }

  /**
   * {@code read instanceof Point(var x, var y)}: a nested record pattern naming no private type,
   * kept as a pattern ({@link PrivateRecordPattern.Test#kept}). A binding of it that lives
   * outside the printed tree is declared under a fresh name and stored after the tests ({@link
   * #keptStores}), as {@link #instanceOf} stores one.
   */
  Code keptTest(Code read, TreePath kept) {
    for (TreePath binding : Splicer.bindings(kept)) {
      if (!(l.trees.getElement(binding) instanceof VariableElement ve) || w.renames.containsKey(ve)) {
        continue;
      }
      if (l.facts.usedOutside(ve, w.root.getLeaf()) || l.varsByElement.containsKey(ve)) {
        String local = l.fresh(ve.getSimpleName() + "Match");
        w.renames.put(ve, local);
        keptStores.put(ve, local);
      } else if (l.isMemberName(ve.getSimpleName().toString())) {
        // renamed for the rest of this printing, as instanceOf's: flow scoping may put it in
        // scope of the generated code after the statement (if (!(.. instanceof
        // Pt(var x, int awaiting))) throw ..; awaiting = ..), F47's case
        w.renames.put(ve, l.fresh(ve.getSimpleName() + "Match"));
      }
    }
    Code.Builder pattern = Code.builder();
    w.emit(kept, pattern);
    keptStores.keySet().forEach(w.renames::remove);
    return Code.builder().add(read).text(" instanceof ").add(pattern.build()).build();
  }

  /** {@code P_CLASS.isInstance(value)} for a private nested type, else {@code value instanceof T}. */
  Code classTest(TypeMirror type, Code value) {
    if (l.hidden.of(type) != null) {
      return Code.builder().add(classObject(type)).text(".isInstance(").add(value).text(")").build();
    }
    return Code.builder().add(value).text(" instanceof ").type(type).build();
  }

  /**
   * The binding of {@code t}'s pattern if it is a type pattern of a private nested type (not an
   * array of one), which {@link #privateInstanceOf} lowers; else {@code null}.
   */
  VariableElement privateBinding(TreePath p, InstanceOfTree t) {
    if (!(t.getPattern() instanceof com.sun.source.tree.BindingPatternTree bp)) {
      return null;
    }
    Element e = l.trees.getElement(new TreePath(new TreePath(p, bp), bp.getVariable()));
    if (!(e instanceof VariableElement ve)
        || l.hidden.of(ve.asType()) == null
        || ve.asType().getKind() == TypeKind.ARRAY) {
      return null;
    }
    return ve;
  }

  /** Whether the binding {@code ve} lives outside the printed tree: a variable of the machine. */
  boolean storedBinding(VariableElement ve) {
    return l.facts.usedOutside(ve, w.root.getLeaf()) || l.varsByElement.containsKey(ve);
  }

  /**
   * Whether the expression at {@code p} is part of a case's guard, outside any lambda or class
   * body in it.
   */
  boolean inGuard(TreePath p) {
    for (TreePath x = p; x.getParentPath() != null; x = x.getParentPath()) {
      Tree parent = x.getParentPath().getLeaf();
      if (parent instanceof CaseTree c) {
        return dev.machina.processor.parse.PatternTrees.guard(c) == x.getLeaf();
      }
      if (parent instanceof LambdaExpressionTree || parent instanceof ClassTree
          || parent instanceof com.sun.source.tree.StatementTree) {
        return false;
      }
    }
    return false;
  }

  /** Whether a lambda or class body inside {@code within} reads or writes {@code ve}. */
  boolean capturedWithin(TreePath pattern, VariableElement ve, TreePath within) {
    boolean[] captured = {false};
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (ve.equals(l.trees.getElement(getCurrentPath()))) {
          for (TreePath x = getCurrentPath(); x != null && x.getLeaf() != within.getLeaf(); x = x.getParentPath()) {
            if (x.getLeaf() instanceof LambdaExpressionTree || x.getLeaf() instanceof ClassTree) {
              captured[0] = true;
            }
          }
        }
        return null;
      }
    }.scan(within, null);
    return captured[0];
  }

  /**
   * Where a type pattern of a private nested type declares its binding as a local of the
   * printed code: the innermost statement around the {@code instanceof} that stands in a block
   * or a case's statements (the local is declared before it, so that flow scoping's later
   * statements see it) or as a branch or loop body (the local and the statement go in braces).
   */
  record PatternAnchor(Form form, List<VariableElement> bindings, List<TreePath> records) {}

  /**
   * How a {@link PatternAnchor} declares its bindings: before the statement; in braces with it;
   * in a block replacing a lambda's expression body, returning it or (a void lambda) not.
   */
  private enum Form { BEFORE, BRACES, RETURN, VOID }

  Map<Tree, PatternAnchor> anchors;

  /** The statements of the printed tree before which bindings are declared ({@link PatternAnchor}). */
  Map<Tree, PatternAnchor> patternAnchors() {
    if (anchors != null) {
      return anchors;
    }
    anchors = new java.util.IdentityHashMap<>();
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitInstanceOf(InstanceOfTree node, Void unused) {
        TreePath ip = getCurrentPath();
        VariableElement ve = privateBinding(ip, node);
        if (ve != null && !storedBinding(ve) && !inGuard(ip)) {
          anchor(ip, ve);
        }
        PrivateRecordPattern rp = node.getPattern() == null ? null
            : PrivateRecordPattern.of(l, new TreePath(ip, node.getPattern()));
        if (rp != null && !inGuard(ip)
            && rp.bindings.stream().noneMatch(b -> storedBinding(b.variable()))) {
          lastAnchor = null;
          for (PrivateRecordPattern.Binding b : rp.bindings) {
            anchor(ip, b.variable());
          }
          if (rp.bindings.isEmpty()) {
            anchor(ip, null);
          }
          if (lastAnchor != null) { // else an expression: the match is a temporary
            anchors.get(lastAnchor.getLeaf()).records().add(ip);
          }
        }
        return super.visitInstanceOf(node, unused);
      }
    }.scan(w.root, null);
    return anchors;
  }

  /** Finds the {@link PatternAnchor} of the binding {@code ve} tested at {@code ip}. */
  void anchor(TreePath ip, VariableElement ve) {
    boolean loop = false; // evaluated again by a loop around it, inside the anchor
    for (TreePath x = ip; ; x = x.getParentPath()) {
      Tree leaf = x.getLeaf();
      if (leaf == w.root.getLeaf()) {
        if (leaf instanceof com.sun.source.tree.StatementTree && !(leaf instanceof ClassTree)) {
          add(x, Form.BEFORE, loop, ve);
        }
        return; // an expression: a variable of the machine (privateInstanceOf)
      }
      Tree parent = x.getParentPath().getLeaf();
      if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == leaf) {
        // an expression body: a block declaring it, returning the value unless the lambda is void
        ExecutableType fn = w.members.functionType(l.trees.getTypeMirror(x.getParentPath()));
        add(x, fn != null && fn.getReturnType().getKind() == TypeKind.VOID ? Form.VOID : Form.RETURN, loop, ve);
        return;
      }
      if (parent instanceof ClassTree) {
        throw new UnsupportedCode(
            ip.getLeaf(), "the generated class declares " + bindingWhat(ve)
                + " as a variable before the statement, which a field's initializer does not have:"
                + " initialize the field in an initializer block");
      }
      boolean statement = leaf instanceof com.sun.source.tree.StatementTree && !(leaf instanceof ClassTree);
      switch (parent.getKind()) {
        case BLOCK -> {
          add(x, Form.BEFORE, loop, ve);
          return;
        }
        case CASE -> {
          if (statement) {
            add(x, ((CaseTree) parent).getCaseKind() == CaseTree.CaseKind.RULE ? Form.BRACES : Form.BEFORE, loop, ve);
            return;
          }
        }
        case IF -> {
          if (statement) { // a branch
            add(x, Form.BRACES, loop, ve);
            return;
          }
        }
        case WHILE_LOOP -> {
          if (((com.sun.source.tree.WhileLoopTree) parent).getStatement() == leaf) {
            add(x, Form.BRACES, loop, ve);
            return;
          }
          loop = true; // the condition
        }
        case DO_WHILE_LOOP -> {
          if (((com.sun.source.tree.DoWhileLoopTree) parent).getStatement() == leaf) {
            add(x, Form.BRACES, loop, ve);
            return;
          }
          loop = true;
        }
        case ENHANCED_FOR_LOOP -> {
          if (((com.sun.source.tree.EnhancedForLoopTree) parent).getStatement() == leaf) {
            add(x, Form.BRACES, loop, ve);
            return;
          }
        }
        case FOR_LOOP -> {
          com.sun.source.tree.ForLoopTree f = (com.sun.source.tree.ForLoopTree) parent;
          if (f.getStatement() == leaf) {
            add(x, Form.BRACES, loop, ve);
            return;
          }
          loop |= f.getCondition() == leaf || f.getUpdate().contains(leaf);
        }
        default -> {}
      }
    }
  }

  /** The statement {@link #add} anchored the last binding before. */
  TreePath lastAnchor;

  /**
   * {@code the binding it of the private type Item}, or for a binding of a record pattern
   * naming a private type, {@code the binding n of a record pattern} ({@code null}: its match).
   */
  String bindingWhat(VariableElement ve) {
    if (ve == null) {
      return "the match of a record pattern";
    }
    TypeElement te = l.hidden.of(ve.asType());
    return "the binding " + ve.getSimpleName()
        + (te != null ? " of " + l.hidden.describe(te) : " of a record pattern");
  }

  void add(TreePath anchor, Form form, boolean loop, VariableElement ve) {
    lastAnchor = anchor;
    if (ve == null) {
      anchors.computeIfAbsent(anchor.getLeaf(), k -> new PatternAnchor(form, new ArrayList<>(), new ArrayList<>()));
      return;
    }
    if (loop && capturedWithin(anchor, ve, anchor)) {
      throw new UnsupportedCode(
          anchor.getLeaf(), "the generated class declares " + bindingWhat(ve)
              + " before this loop, which tests it again: a lambda or class body cannot capture"
              + " it; copy it to a local variable first");
    }
    PatternAnchor a = anchors.get(anchor.getLeaf());
    if (a == null) {
      a = new PatternAnchor(form, new ArrayList<>(), new ArrayList<>());
      anchors.put(anchor.getLeaf(), a);
    }
    a.bindings().add(ve);
  }

  /**
   * The anchor statement {@code p} with the locals of its bindings declared before it ({@code
   * Object i2;}), or in braces with it.
   */
  void declareBindings(TreePath p, PatternAnchor anchor, Code.Builder out) {
    Code.Builder decl = Code.builder();
    java.util.Set<Element> inRecords = new java.util.HashSet<>();
    for (TreePath ip : anchor.records()) {
      // the record's match, and its bindings as locals of their own (written) types
      PrivateRecordPattern rp =
          PrivateRecordPattern.of(l, new TreePath(ip, ((InstanceOfTree) ip.getLeaf()).getPattern()));
      String holder = l.fresh(Names.lowerFirst(rp.record.getSimpleName().toString()) + "Match");
      recordHolders.put(ip.getLeaf(), holder);
      decl.text("Object " + holder + "; ");
      for (PrivateRecordPattern.Binding b : rp.bindings) {
        VariableElement ve = b.variable();
        String name = l.fresh(ve.getSimpleName().toString());
        w.renames.put(ve, name);
        inRecords.add(ve);
        decl.type(l.hidden.written(l.types, l.env.getElementUtils(), l.writable.denotable(ve.asType())))
            .text(" " + name + "; ");
      }
    }
    for (VariableElement ve : anchor.bindings()) {
      if (inRecords.contains(ve)) {
        continue;
      }
      String name = l.fresh(ve.getSimpleName().toString());
      w.renames.put(ve, name);
      decl.text("Object " + name + "; ");
    }
    anchors.remove(p.getLeaf());
    if (anchor.form() != Form.BEFORE) {
      out.text("{ ").add(decl.build()).text(anchor.form() == Form.RETURN ? "return " : "");
      w.emit(p, out);
      out.text(anchor.form() == Form.BRACES ? " }" : "; }");
      return;
    }
    // on a line of its own where the statement starts one, else before it on its line
    int col = 0;
    boolean first = true;
    CharSequence src = l.facts.text();
    for (long i = splicer.start(p.getLeaf()) - 1; i >= 0 && src.charAt((int) i) != '\n'; i--) {
      col++;
      first &= Character.isWhitespace(src.charAt((int) i));
    }
    if (first) {
      String indent = p.getLeaf() == w.root.getLeaf() ? "" : " ".repeat(Math.max(0, col - w.column));
      Code d = decl.build();
      out.add(Code.builder().format(d.format().stripTrailing(), d.args().toArray()).build())
          .text("\n" + indent);
    } else {
      out.add(decl.build());
    }
    w.emit(p, out);
  }

  /** The {@code Class} of the private nested type {@code type} or of an array of it. */
  Code classObject(TypeMirror type) {
    Code.Builder b = Code.builder().name(splicer.handles.classHandle(l.hidden.of(type)));
    for (TypeMirror x = type; x instanceof ArrayType a; x = a.getComponentType()) {
      b.text(".arrayType()");
    }
    return b.build();
  }

  /** The cases of the switch whose selector {@code p} is, or {@code null} if it is none. */
  List<? extends CaseTree> switchedCases(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    return parent instanceof com.sun.source.tree.SwitchTree sw && sw.getExpression() == p.getLeaf()
        ? sw.getCases()
        : parent instanceof com.sun.source.tree.SwitchExpressionTree se && se.getExpression() == p.getLeaf()
            ? se.getCases()
            : null;
  }

  /**
   * Whether {@code p} is the selector of a switch whose labels are all patterns, {@code null}
   * or {@code default}: the generated class switches over the {@code Object} it keeps, its
   * private type patterns written as {@code Object} ones ({@link #privateCaseLabel}).
   */
  boolean patternSelector(TreePath p) {
    List<? extends CaseTree> cases = switchedCases(p);
    if (cases == null) {
      return false;
    }
    for (CaseTree c : cases) {
      for (Tree label : dev.machina.processor.parse.PatternTrees.labels(c)) {
        if (!dev.machina.processor.parse.PatternTrees.isPattern(label)
            && !dev.machina.processor.parse.PatternTrees.isDefault(label)
            && !dev.machina.processor.parse.PatternTrees.isNull(label)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A type pattern of a private nested type (or an array of one) as a case label, {@code case
   * Circle c}: the generated class cannot name the type, so the label is the pattern {@code
   * Object c} and the case's guard tests the class ({@link #privateCaseTest}), here as {@code
   * when CIRCLE_CLASS.isInstance(c)} where the case has no guard of its own.
   */
  boolean privateCaseLabel(TreePath p, Code.Builder out) {
    PrivateRecordPattern rp = PrivateCasePatterns.record(l, p);
    if (rp != null) {
      // Object itemMatch when ITEM_CLASS.isInstance(itemMatch) && ..: the bindings are read
      // from it where the guard and the body use them
      CaseTree c = (CaseTree) p.getParentPath().getLeaf();
      out.text("Object " + matchName(p.getParentPath(), rp));
      if (dev.machina.processor.parse.PatternTrees.guard(c) == null) {
        out.text(" when ").add(recordTest(p.getParentPath(), rp));
      }
      return true;
    }
    VariableElement ve = PrivateCasePatterns.binding(l, p);
    if (ve == null) {
      return false;
    }
    com.sun.source.tree.BindingPatternTree b =
        (com.sun.source.tree.BindingPatternTree) dev.machina.processor.parse.PatternTrees.pattern(p.getLeaf());
    if (b.getVariable().getModifiers().getFlags().contains(Modifier.FINAL)) {
      out.text("final ");
    }
    out.type(l.hidden.written(l.types, l.env.getElementUtils(), ve.asType()))
        .text(" " + caseBindingName(ve));
    CaseTree c = (CaseTree) p.getParentPath().getLeaf();
    Code test = privateCaseTest(p.getParentPath());
    if (test != null && dev.machina.processor.parse.PatternTrees.guard(c) == null) {
      out.text(" when ").add(test);
    }
    return true;
  }

  /**
   * {@code CIRCLE_CLASS.isInstance(c)}, the class test of the case at {@code casePath} whose
   * label is a type pattern of a private nested type that is not unconditional for the
   * selector's type; {@code null} for any other case.
   */
  Code privateCaseTest(TreePath casePath) {
    List<? extends Tree> labels =
        dev.machina.processor.parse.PatternTrees.labels((CaseTree) casePath.getLeaf());
    if (labels.size() != 1 || !dev.machina.processor.parse.PatternTrees.isPattern(labels.get(0))) {
      return null;
    }
    PrivateRecordPattern rp = PrivateCasePatterns.record(l, new TreePath(casePath, labels.get(0)));
    if (rp != null) {
      return recordTest(casePath, rp);
    }
    VariableElement ve = PrivateCasePatterns.binding(l, new TreePath(casePath, labels.get(0)));
    if (ve == null || !PrivateCasePatterns.tested(l, casePath.getParentPath(), ve)) {
      return null;
    }
    return Code.builder().add(classObject(ve.asType()))
        .text(".isInstance(" + caseBindingName(ve) + ")").build();
  }

  /** The name the printed code gives the binding {@code ve} of a case label; a fresh one for {@code _}. */
  String caseBindingName(VariableElement ve) {
    String name = ve.getSimpleName().toString();
    if (name.isEmpty() || name.equals("_")) {
      return w.renames.computeIfAbsent(ve, x -> l.fresh("matched"));
    }
    return w.renames.getOrDefault(ve, name);
  }

  /**
   * Whether {@code p} is the selector of a switch over a private enum whose labels are all
   * constants (no pattern, no {@code null}): the generated class switches on its ordinal.
   */
  boolean privateEnumSelector(TreePath p) {
    List<? extends CaseTree> cases = switchedCases(p);
    TypeMirror type = l.trees.getTypeMirror(p);
    if (cases == null || type == null || !(l.types.asElement(type) instanceof TypeElement te)
        || te.getKind() != ElementKind.ENUM || !l.hidden.isHidden(te)) {
      return false;
    }
    for (CaseTree c : cases) {
      for (Tree label : dev.machina.processor.parse.PatternTrees.labels(c)) {
        if (dev.machina.processor.parse.PatternTrees.isPattern(label)
            || label.getKind() == Tree.Kind.NULL_LITERAL
            || label.getKind().name().equals("NULL_LITERAL")
            || l.facts.source(label).trim().equals("null")) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A constant of a private enum as a case label: its ordinal, {@code 1 /* SLOW *}{@code /},
   * the switch being over the selector's ordinal ({@link #privateEnumSelector}).
   */
  boolean privateEnumLabel(TreePath p, Element e, Code.Builder out) {
    if (e.getKind() != ElementKind.ENUM_CONSTANT
        || !l.hidden.isHidden((TypeElement) e.getEnclosingElement())) {
      return false;
    }
    Tree parent = p.getParentPath().getLeaf();
    if (!(parent instanceof CaseTree c && c.getExpressions().contains(p.getLeaf()))
        && !parent.getKind().name().equals("CONSTANT_CASE_LABEL")) {
      return false;
    }
    int ordinal = 0;
    for (Element x : e.getEnclosingElement().getEnclosedElements()) {
      if (x.equals(e)) {
        break;
      }
      if (x.getKind() == ElementKind.ENUM_CONSTANT) {
        ordinal++;
      }
    }
    out.text(ordinal + " /* " + e.getSimpleName() + " */");
    return true;
  }

  /**
   * {@code x instanceof P} whose pattern {@code P} (a type pattern {@code T b} or a record
   * pattern {@code Point(int x, var y)}, nested at any depth) binds variables used outside this
   * tree: each such binding becomes a field assigned by the test, {@code (x instanceof T bMatch
   * && (b = bMatch) == bMatch)}; a primitive one is assigned by {@code ((b = bMatch) == bMatch
   * || true)}, which a {@code NaN} does not make false.
   */
  boolean instanceOf(TreePath p, InstanceOfTree t, Code.Builder out) {
    Tree pattern = t.getPattern();
    if (pattern == null) {
      return false;
    }
    TreePath pp = new TreePath(p, pattern);
    Map<VariableElement, String> stored = new LinkedHashMap<>();
    Map<VariableElement, String> hiding = new LinkedHashMap<>();
    for (TreePath binding : Splicer.bindings(pp)) {
      VariableElement ve = (VariableElement) l.trees.getElement(binding);
      if (ve == null || w.renames.containsKey(ve)) {
        continue; // renamed by the caller, which stores it (a guard's binding: CaseLabels)
      }
      if (l.facts.usedOutside(ve, w.root.getLeaf()) || l.varsByElement.containsKey(ve)) {
        stored.put(ve, l.fresh(ve.getSimpleName() + "Match"));
      } else if (l.isMemberName(ve.getSimpleName().toString())) {
        // Renamed for the rest of this printing: flow scoping may put it in scope of the
        // generated code after the statement (if (!(o instanceof String state)) return ..;).
        hiding.put(ve, l.fresh(ve.getSimpleName() + "Match"));
      }
    }
    w.renames.putAll(hiding);
    if (stored.isEmpty()) {
      return false;
    }
    out.text("(");
    w.emit(new TreePath(p, t.getExpression()), out);
    out.text(" instanceof ");
    w.renames.putAll(stored);
    w.emit(pp, out);
    stored.keySet().forEach(w.renames::remove);
    bindingLocals.putAll(stored);
    stored.forEach((ve, local) -> out.text(" && ").add(l.bindingStore(ve, local)));
    out.text(")");
    return true;
  }

  /** A binding variable of {@link Splicer.Walk#renames}, declared under its new name. */
  boolean renamedBinding(
      TreePath p, com.sun.source.tree.VariableTree t, Code.Builder out) {
    Element e = l.trees.getElement(p);
    if (e == null || !w.renames.containsKey(e)) {
      return false;
    }
    Tree type = t.getType();
    String text = l.facts.source(t);
    if (type == null || splicer.start(type) < 0 || splicer.end(type) <= splicer.start(type)
        || text.startsWith("var ") || text.startsWith("var\t")) {
      out.text("var");
    } else {
      w.emit(new TreePath(p, type), out);
    }
    out.text(" " + w.renames.get(e));
    return true;
  }
}
