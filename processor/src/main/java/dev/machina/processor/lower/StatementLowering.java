package dev.machina.processor.lower;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import dev.machina.processor.parse.PatternTrees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Lowers a statement: one without awaits is kept as written (printed by the {@link Splicer}); one
 * with awaits becomes blocks joined by jumps, its loops, branches, labels and switches turned into
 * the states they resume at ({@link TryLowering} lowers {@code try}).
 */
final class StatementLowering {
  private final Lowerer l;

  StatementLowering(Lowerer lowerer) {
    this.l = lowerer;
  }

  void statement(TreePath path) {
    if (l.cur == null) {
      return;
    }
    Tree tree = path.getLeaf();
    if (tree.getKind() == Tree.Kind.BLOCK) {
      for (StatementTree s : ((BlockTree) tree).getStatements()) {
        statement(new TreePath(path, s));
      }
      return;
    }
    if (!l.facts.hasAwait(tree)) {
      structured(path);
      return;
    }
    switch (tree.getKind()) {
      case BLOCK -> {
        for (StatementTree s : ((BlockTree) tree).getStatements()) {
          statement(new TreePath(path, s));
        }
      }
      case EXPRESSION_STATEMENT -> {
        TreePath e = new TreePath(path, ((ExpressionStatementTree) tree).getExpression());
        Code c = l.expression(e);
        if (!l.facts.isAwait(e) && l.cur != null) {
          l.line(Code.builder().add(c).text(";").build());
        }
      }
      case VARIABLE -> {
        VariableTree v = (VariableTree) tree;
        VariableElement ve = (VariableElement) l.trees.getElement(path);
        // A bare initializer {..} comes back as new T[] {..}.
        Code init = l.expression(new TreePath(path, v.getInitializer()));
        l.writable.requireNameableLocal(tree, ve.asType());
        Var var = l.declare(ve);
        l.emit(new Stmt.Decl(var, init));
      }
      case IF -> ifStatement(path, (IfTree) tree);
      case WHILE_LOOP -> whileLoop(path, (WhileLoopTree) tree, null);
      case DO_WHILE_LOOP -> doWhileLoop(path, (DoWhileLoopTree) tree, null);
      case FOR_LOOP -> forLoop(path, (ForLoopTree) tree, null);
      case ENHANCED_FOR_LOOP -> forEachLoop(path, (EnhancedForLoopTree) tree, null);
      case LABELED_STATEMENT -> labeled(path, (LabeledStatementTree) tree);
      case SWITCH -> switchStatement(path, (SwitchTree) tree);
      case TRY -> new TryLowering(l).lower(path, (TryTree) tree);
      case THROW -> {
        Code e = l.expression(new TreePath(path, ((ThrowTree) tree).getExpression()));
        l.line(Code.builder().text("throw ").add(e).text(";").build());
        l.cur = null;
      }
      case RETURN -> returnStatement(path, (ReturnTree) tree);
      case YIELD -> yieldStatement(path, (YieldTree) tree);
      case ASSERT -> assertStatement(path, (AssertTree) tree);
      case SYNCHRONIZED -> synchronizedStatement(path, (SynchronizedTree) tree);
      default ->
          throw new UnsupportedCode(
              tree, "await is not supported in a " + tree.getKind().toString().toLowerCase()
                  + " statement");
    }
  }

  /**
   * {@code synchronized (l.await(f)) { .. }}: the lock is evaluated (awaits and all) before the
   * monitor is entered, then the statement is copied around it (F54); the block cannot await
   * (the checks refuse it).
   */
  void synchronizedStatement(TreePath path, SynchronizedTree tree) {
    TreePath block = new TreePath(path, tree.getBlock());
    if (l.facts.hasAwait(tree.getBlock())) {
      throw new UnsupportedCode(
          tree, "await inside synchronized is not allowed: use dev.machina.sync.Mutex");
    }
    Code lock = l.expression(new TreePath(path, tree.getExpression()));
    if (l.cur == null) {
      return;
    }
    l.line(Code.builder().text("synchronized (").add(lock).text(") ").add(l.splicer.splice(block, Map.of())).build());
    if (!Completion.canComplete(l, block)) {
      l.cur = null;
    }
  }

  /** A statement without awaits: kept as written (with names substituted). */
  void structured(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree.getKind() == Tree.Kind.VARIABLE) {
      VariableTree v = (VariableTree) tree;
      Element e = l.trees.getElement(path);
      if (e instanceof VariableElement ve && e.getKind() == ElementKind.LOCAL_VARIABLE) {
        Code init =
            v.getInitializer() == null
                ? null
                : arrayInitializer(v, l.splicer.splice(new TreePath(path, v.getInitializer()), Map.of()), ve);
        l.writable.requireNameableLocal(v, ve.asType());
        Var var = l.declare(ve);
        if (init == null && l.facts.storedInSplitExpression(ve)) {
          var.defaulted();
        }
        l.emit(new Stmt.Decl(var, init));
        return;
      }
    }
    if (tree.getKind() == Tree.Kind.EMPTY_STATEMENT) {
      return;
    }
    if (tree instanceof com.sun.source.tree.ClassTree) {
      // Declared once at the top of step() so that every block can name it.
      l.localClasses.add(l.splicer.spliceLocalClass(path));
      return;
    }
    if (tree.getKind() == Tree.Kind.EXPRESSION_STATEMENT) {
      Code c = l.splicer.splice(path, Map.of());
      if (!c.format().stripTrailing().endsWith(";")) {
        c = Code.builder().add(c).text(";").build();
      }
      l.line(c);
      return;
    }
    l.line(l.splicer.splice(path, Map.of()));
    if (!Completion.canComplete(l, path)) {
      l.cur = null;
    }
  }

  /** {@code int[] a = {1, 2}} becomes {@code a = new int[] {1, 2}} once a may be a field. */
  Code arrayInitializer(VariableTree v, Code init, VariableElement e) {
    if (v.getInitializer() instanceof com.sun.source.tree.NewArrayTree n && n.getType() == null) {
      return l.arrayCreation(e.asType(), init);
    }
    return init;
  }

  /**
   * {@code assert c : d;} with awaits: nothing runs unless assertions are enabled for the user's
   * class; then {@code c}, and {@code d} only if {@code c} is false (JLS 14.10).
   */
  void assertStatement(TreePath path, AssertTree tree) {
    Block end = l.newBlock("END_ASSERT");
    l.line(
        Code.builder()
            .format("if (!$L) { ", l.assertionsFlag())
            .add(l.jump(end, l.finallies.size(), false))
            .text(" }")
            .build());
    Code holds = l.expression(new TreePath(path, tree.getCondition()));
    l.line(
        Code.builder()
            .text("if (")
            .add(holds)
            .text(") { ")
            .add(l.jump(end, l.finallies.size(), false))
            .text(" }")
            .build());
    Code.Builder fail =
        Code.builder()
            .format("throw new $T(", l.env.getElementUtils().getTypeElement("java.lang.AssertionError"));
    if (tree.getDetail() != null) {
      fail.add(l.expression(new TreePath(path, tree.getDetail())));
    }
    l.line(fail.text(");").build());
    l.cur = null;
    l.place(end);
  }

  void ifStatement(TreePath path, IfTree tree) {
    TreePath condition = new TreePath(path, tree.getCondition());
    StatementTree then = tree.getThenStatement();
    StatementTree otherwise = tree.getElseStatement();
    if (!l.facts.hasAwait(then) && (otherwise == null || !l.facts.hasAwait(otherwise))) {
      Code cond = l.expression(condition);
      Code.Builder b = Code.builder().text("if ").add(cond).text(" ");
      b.add(l.splicer.spliceBranch(new TreePath(path, then)));
      if (otherwise != null) {
        b.text(" else ").add(l.splicer.spliceBranch(new TreePath(path, otherwise)));
      }
      l.line(b.build());
      boolean completes =
          otherwise == null
              || Completion.canComplete(l, new TreePath(path, then))
              || Completion.canComplete(l, new TreePath(path, otherwise));
      if (!completes) {
        l.cur = null;
      }
      return;
    }
    Code whenFalse = whenFalse(condition);
    Block elseBlock = otherwise != null ? l.newBlock("ELSE") : null;
    Block end = l.newBlock("END_IF");
    l.line(
        Code.builder()
            .text("if (")
            .add(whenFalse)
            .text(") { ")
            .add(l.jump(elseBlock != null ? elseBlock : end, l.finallies.size(), false))
            .text(" }")
            .build());
    statement(new TreePath(path, then));
    l.goTo(end);
    if (elseBlock != null) {
      l.place(elseBlock);
      statement(new TreePath(path, otherwise));
      l.goTo(end);
    }
    l.place(end);
  }

  void scope(Tree tree, TreePath labeled, Lowerer.Scope scope) {
    l.scopes.put(tree, scope);
    if (labeled != null) {
      l.scopes.put(labeled.getLeaf(), scope);
    }
  }

  boolean isTrue(TreePath condition) {
    return ConstantCondition.isTrue(l.trees, condition);
  }

  /**
   * The test of a jump taken when {@code condition} is false: the operand of a negation as it is
   * written (so {@code while (!done)} reads {@code if (done)}), a comparison turned round ({@code
   * if (a != null)} for {@code a == null}, {@code if (n < 0)} for {@code n >= 0} of integers:
   * {@link ExpressionLowering#negatedComparison}), else the negated condition, in
   * parentheses of its own unless it is a name or has them ({@code !((Boolean) r)}, not
   * {@code !(((Boolean) r))}).
   */
  Code whenFalse(TreePath condition) {
    TreePath p = withoutParentheses(condition);
    if (p.getLeaf().getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      UnaryTree not = (UnaryTree) p.getLeaf();
      // the whole test of an if: a cast needs no parentheses there
      return l.expression(withoutParentheses(new TreePath(p, not.getExpression()))).bareCast();
    }
    Code turned = l.negatedComparison(p);
    if (turned != null) {
      return turned;
    }
    Code cond = l.expression(p);
    return cond.primary()
        ? Code.builder().text("!").add(cond).build()
        : Code.builder().text("!(").add(cond).text(")").build();
  }

  static TreePath withoutParentheses(TreePath path) {
    while (path.getLeaf() instanceof ParenthesizedTree paren) {
      path = new TreePath(path, paren.getExpression());
    }
    return path;
  }

  /**
   * Starts the head of a loop that awaits, {@code head} (just placed), with the budget charge of
   * one iteration ({@code Machine.loopYields}): a loop whose awaits all complete at once still
   * yields to other tasks. The machine resumes at {@code head} after such a yield.
   */
  void chargeIteration(Block head) {
    l.line(
        Code.of(
            "if (loopYields($L)) { state = $L; $L; } // cooperative budget",
            l.names.cx(),
            head,
            MachineModel.suspend(l.value)));
  }

  /** A loop's test: {@code if (!(condition)) { <jump to exit> }}, unless the condition is {@code true}. */
  private void leaveUnless(TreePath condition, Block exit) {
    if (!isTrue(condition)) {
      l.line(
          Code.builder()
              .text("if (")
              .add(whenFalse(condition))
              .text(") { ")
              .add(l.jump(exit, l.finallies.size(), false))
              .text(" }")
              .build());
    }
  }

  void whileLoop(TreePath path, WhileLoopTree tree, TreePath labeled) {
    Block head = l.newBlock("LOOP");
    Block exit = l.newBlock("LOOP_END");
    l.goTo(head);
    l.place(head);
    chargeIteration(head);
    leaveUnless(new TreePath(path, tree.getCondition()), exit);
    scope(tree, labeled, new Lowerer.Scope(exit, head, null, l.finallies.size()));
    statement(new TreePath(path, tree.getStatement()));
    l.goTo(head);
    l.place(exit);
  }

  void doWhileLoop(TreePath path, DoWhileLoopTree tree, TreePath labeled) {
    Block body = l.newBlock("DO");
    Block cond = l.newBlock("DO_CONDITION");
    Block exit = l.newBlock("DO_END");
    l.goTo(body);
    l.place(body);
    chargeIteration(body);
    scope(tree, labeled, new Lowerer.Scope(exit, cond, null, l.finallies.size()));
    statement(new TreePath(path, tree.getStatement()));
    l.goTo(cond);
    l.place(cond);
    TreePath condition = new TreePath(path, tree.getCondition());
    if (isTrue(condition)) {
      // do { .. } while (true) ends only by a break: after it, only the breaks reach the exit.
      l.goTo(body);
    } else {
      Code c = l.expression(condition);
      l.line(
          Code.builder()
              .text("if ")
              .add(c)
              .text(" { ")
              .add(l.jump(body, l.finallies.size(), false))
              .text(" }")
              .build());
      l.goTo(exit);
    }
    l.place(exit);
  }

  void forLoop(TreePath path, ForLoopTree tree, TreePath labeled) {
    for (StatementTree s : tree.getInitializer()) {
      statement(new TreePath(path, s));
    }
    Block head = l.newBlock("FOR");
    Block update = l.newBlock("FOR_UPDATE");
    Block exit = l.newBlock("FOR_END");
    l.goTo(head);
    l.place(head);
    chargeIteration(head);
    if (tree.getCondition() != null) {
      leaveUnless(new TreePath(path, tree.getCondition()), exit);
    }
    scope(tree, labeled, new Lowerer.Scope(exit, update, null, l.finallies.size()));
    statement(new TreePath(path, tree.getStatement()));
    l.goTo(update);
    l.place(update);
    for (ExpressionStatementTree u : tree.getUpdate()) {
      statement(new TreePath(path, u));
    }
    l.goTo(head);
    l.place(exit);
  }

  void forEachLoop(TreePath path, EnhancedForLoopTree tree, TreePath labeled) {
    TreePath exprPath = new TreePath(path, tree.getExpression());
    TypeMirror iterableType = l.writable.denotable(l.typeOf(exprPath));
    Code iterable = l.expression(exprPath);
    TreePath varPath = new TreePath(path, tree.getVariable());
    VariableElement element = (VariableElement) l.trees.getElement(varPath);
    Block head = l.newBlock("FOR_EACH");
    Block exit = l.newBlock("FOR_EACH_END");
    Block continueTarget = head;
    Code next;
    if (iterableType.getKind() == TypeKind.ARRAY) {
      Var array = l.temp("array", iterableType);
      l.emit(new Stmt.Decl(array, iterable));
      Var index = l.temp("index", l.types.getPrimitiveType(TypeKind.INT));
      l.emit(new Stmt.Decl(index, Code.text("0")));
      l.goTo(head);
      l.place(head);
      chargeIteration(head);
      l.line(
          Code.builder()
              .format("if ($L >= $L.length) { ", index, array)
              .add(l.jump(exit, l.finallies.size(), false))
              .text(" }")
              .build());
      next = Code.of("$L[$L++]", array, index);
    } else {
      TypeElement iteratorElement =
          l.env.getElementUtils().getTypeElement("java.util.Iterator");
      TypeMirror elementType = iterableElement(l.typeOf(exprPath));
      if (elementType == null) {
        elementType = l.writable.boxed(element.asType());
      }
      TypeMirror iteratorType =
          l.types.getDeclaredType(iteratorElement, l.types.getWildcardType(elementType, null));
      Var iterator = l.temp("iterator", iteratorType);
      // (List) x.iterator() would call iterator() on x: a cast, conditional, assignment or
      // switch expression is no primary, so it is parenthesized first (F89).
      boolean primary = switch (tree.getExpression().getKind()) {
        case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION, PARENTHESIZED, NEW_CLASS, ARRAY_ACCESS -> true;
        default -> false;
      };
      Code receiver = primary ? iterable : Code.builder().text("(").add(iterable).text(")").build();
      l.emit(new Stmt.Decl(iterator, Code.builder().add(receiver).text(".iterator()").build()));
      l.goTo(head);
      l.place(head);
      chargeIteration(head);
      l.line(
          Code.builder()
              .format("if (!$L.hasNext()) { ", iterator)
              .add(l.jump(exit, l.finallies.size(), false))
              .text(" }")
              .build());
      next = Code.of("$L.next()", iterator);
    }
    TypeMirror elements = iterableType.getKind() == TypeKind.ARRAY
        ? ((ArrayType) iterableType).getComponentType()
        : iterableElement(l.typeOf(exprPath));
    if (elements != null && l.hidden.of(elements) != null && l.hidden.of(element.asType()) == null) {
      // elements of a private nested type are kept as Object: the loop variable of a type the
      // generated class can name, a supertype, gets the cast Java's widening did not need (F145)
      next = Code.of("($T) $L", l.writable.denotable(element.asType()), next);
    }
    Var v = l.declare(element);
    l.emit(new Stmt.Decl(v, next));
    scope(tree, labeled, new Lowerer.Scope(exit, continueTarget, null, l.finallies.size()));
    statement(new TreePath(path, tree.getStatement()));
    l.goTo(head);
    l.place(exit);
  }

  /**
   * The element type {@code E} of the {@code Iterable<E>} that {@code t} is, made denotable
   * ({@code Object} for a raw or unbounded one), or {@code null} if it cannot be found. Not the
   * loop variable's type: {@code for (int i : List<Character>)} unboxes and widens each element.
   */
  TypeMirror iterableElement(TypeMirror t) {
    TypeElement iterable = l.env.getElementUtils().getTypeElement("java.lang.Iterable");
    Deque<TypeMirror> todo = new ArrayDeque<>(List.of(t));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      TypeMirror x = todo.poll();
      if (!seen.add(x.toString())) {
        continue;
      }
      if (x.getKind() == TypeKind.DECLARED
          && ((DeclaredType) x).asElement().equals(iterable)) {
        List<? extends TypeMirror> args = ((DeclaredType) x).getTypeArguments();
        if (args.isEmpty()) {
          return l.writable.objectType();
        }
        TypeMirror a = args.get(0);
        if (a instanceof javax.lang.model.type.WildcardType w) {
          a = w.getExtendsBound() != null ? w.getExtendsBound() : l.writable.objectType();
        }
        return l.writable.denotable(a);
      }
      todo.addAll(l.types.directSupertypes(x));
    }
    return null;
  }

  void labeled(TreePath path, LabeledStatementTree tree) {
    TreePath body = new TreePath(path, tree.getStatement());
    switch (body.getLeaf().getKind()) {
      case WHILE_LOOP -> whileLoop(body, (WhileLoopTree) body.getLeaf(), path);
      case DO_WHILE_LOOP -> doWhileLoop(body, (DoWhileLoopTree) body.getLeaf(), path);
      case FOR_LOOP -> forLoop(body, (ForLoopTree) body.getLeaf(), path);
      case ENHANCED_FOR_LOOP -> forEachLoop(body, (EnhancedForLoopTree) body.getLeaf(), path);
      default -> {
        Block exit = l.newBlock(tree.getLabel().toString().toUpperCase() + "_END");
        scope(tree, null, new Lowerer.Scope(exit, null, null, l.finallies.size()));
        statement(body);
        l.goTo(exit);
        l.place(exit);
      }
    }
  }

  void returnStatement(TreePath path, ReturnTree tree) {
    TreePath e = new TreePath(path, tree.getExpression());
    TreePath readyArgument = l.facts.readyArgument(e);
    // lowered first: the jumps of its conditionals stay on the line of their test
    Code value =
        readyArgument != null ? l.typedValue(readyArgument, l.expression(readyArgument)) : l.expression(e);
    Code done;
    l.separator = "\n";
    try {
      done = readyArgument != null ? l.returnValue(value, false) : l.returnFuture(value, false);
    } finally {
      l.separator = " ";
    }
    l.line(done);
    l.cur = null;
  }

  void yieldStatement(TreePath path, YieldTree tree) {
    Lowerer.Scope s = l.scopes.get(l.facts.yieldTarget(path));
    TreePath valuePath = new TreePath(path, tree.getValue());
    l.line(l.store(s.yieldVar, valuePath, l.expression(valuePath)));
    l.goTo(s.breakTarget);
  }

  void switchStatement(TreePath path, SwitchTree tree) {
    Block exit = l.newBlock("SWITCH_END");
    lowerSwitch(path, tree.getExpression(), tree.getCases(), exit, null);
    l.place(exit);
  }

  /**
   * Lowers a switch with awaits: a dispatching switch on the selector jumps to one block per case.
   * A case with pattern labels (Java 21) keeps its labels and guard as written, so javac still
   * checks exhaustiveness and dominance and matches {@code null} as the user's switch would; its
   * binding variables that the case's statements read are declared under fresh names there and
   * stored into their variables before the jump. A guard that awaits is left out of the dispatch:
   * the case jumps to a block evaluating it ({@code GUARD_CIRCLE}), which goes on to the case's
   * block if it holds and otherwise to another dispatch of the selector over the cases after it
   * ({@code GUARD_CIRCLE_FALSE}), as Java tries the next case; the selector is then kept in a
   * temporary, evaluated once.
   */
  void lowerSwitch(
      TreePath path, ExpressionTree selector, List<? extends CaseTree> cases, Block exit, Var yield) {
    TreePath selectorPath = new TreePath(path, selector);
    Code sel = l.expression(selectorPath);
    List<Block> caseBlocks = new ArrayList<>();
    List<Block> guardBlocks = new ArrayList<>();
    SwitchDispatch dispatch = new SwitchDispatch(l, path, cases);
    for (CaseTree c : cases) {
      Block b = l.newBlock(SwitchDispatch.caseBlockName(PatternTrees.labels(c)));
      caseBlocks.add(b);
      boolean awaits = l.facts.hasAwait(PatternTrees.guard(c));
      guardBlocks.add(awaits ? l.newBlock(b.name().replaceFirst("^CASE", "GUARD")) : null);
    }
    if (guardBlocks.stream().anyMatch(java.util.Objects::nonNull)) {
      Var kept = l.temp("selector", l.typeOf(selectorPath));
      l.line(Code.builder().format("$L = ", kept).add(sel).text(";").build());
      sel = Code.of("($L)", kept);
    }
    // A switch expression never leaves by its end: a value no case takes throws (noMatch).
    Block end = dispatch.mustBeExhaustive() || yield != null ? null : exit;
    l.line(dispatch.code(sel, 0, caseBlocks, guardBlocks, end));
    l.cur = null;
    Lowerer.Scope scope = new Lowerer.Scope(exit, null, yield, l.finallies.size());
    l.scopes.put(path.getLeaf(), scope);
    for (int i = 0; i < cases.size(); i++) {
      Block guard = guardBlocks.get(i);
      if (guard == null) {
        continue;
      }
      l.place(guard);
      Block otherwise = l.newBlock(guard.name() + "_FALSE");
      TreePath guardPath = new TreePath(new TreePath(path, cases.get(i)), PatternTrees.guard(cases.get(i)));
      l.line(Code.builder().text("if (").add(whenFalse(guardPath)).text(") { ")
          .add(l.jump(otherwise, l.finallies.size(), false)).text(" }").build());
      l.goTo(caseBlocks.get(i));
      l.place(otherwise);
      l.line(dispatch.code(sel, i + 1, caseBlocks, guardBlocks, null));
      l.cur = null;
    }
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      TreePath cp = new TreePath(path, c);
      l.place(caseBlocks.get(i));
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        TreePath bp = new TreePath(cp, body);
        if (body instanceof ExpressionTree) {
          Code v = l.expression(bp);
          if (yield != null) {
            l.line(l.store(yield, bp, v));
          } else if (l.cur != null && !l.facts.isAwait(bp)) {
            l.line(Code.builder().add(v).text(";").build());
          }
        } else {
          statement(bp);
        }
        l.goTo(exit);
      } else {
        for (StatementTree s : c.getStatements()) {
          statement(new TreePath(cp, s));
        }
        l.goTo(i + 1 < cases.size() ? caseBlocks.get(i + 1) : exit);
      }
    }
  }
}
