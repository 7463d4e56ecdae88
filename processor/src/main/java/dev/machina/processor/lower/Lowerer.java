package dev.machina.processor.lower;

import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.UnsupportedCode;
import dev.machina.processor.parse.AsyncMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Lowers the body of an {@code @Async} method into blocks of a state machine: statements and
 * expressions without awaits are kept as structured Java (through {@link Splicer}); statements
 * with awaits are flattened into blocks joined by jumps ({@link StatementLowering}, {@link
 * TryLowering}), and expressions with awaits are linearised into temporaries in Java's
 * evaluation order ({@link ExpressionLowering}). It holds what they share: the blocks, the
 * machine's variables and the types generated code can write ({@link WritableTypes}).
 */
public final class Lowerer {
  final ProcessingEnvironment env;
  final Trees trees;
  final Types types;
  final HiddenTypes hidden;
  /** Tells the awaited values passed raw to a parameter typed by a receiver's capture (F132). */
  final CaptureArguments captureArguments;
  final WritableTypes writable;
  final AsyncMethod method;
  final BodyFacts facts;
  final Splicer splicer;
  final StatementLowering statements = new StatementLowering(this);

  private final List<Block> blocks = new ArrayList<>();
  private final List<Block> deferred = new ArrayList<>();
  private final List<Var> vars = new ArrayList<>();
  final Map<Element, Var> varsByElement = new HashMap<>();
  /**
   * Names that generated code writes unqualified where a variable would hide them: members of
   * {@code Machine} and of every generated machine, {@code Future} (an await of a
   * CompletionStage is {@code Future.from(stage)}) and {@code Overrides} (the dispatch prologue
   * of a factory rethrows through {@code Overrides.rethrow}). No variable of the machine may take
   * one of these names (nor the generated class's name).
   */
  private static final Set<String> MEMBER_NAMES =
      Set.of("state", "awaiting", "SUSPENDED", "RETHROW", "MAX_NESTED", "Future", "Overrides");

  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> blockNames = new HashSet<>();
  final Map<Tree, Scope> scopes = new IdentityHashMap<>();
  /** The blocks storing each pattern binding the lowered code keeps in a variable. */
  private final Map<Var, Set<Block>> bindingStores = new IdentityHashMap<>();
  final List<Region.Finally> finallies = new ArrayList<>();
  final Map<Region.Finally, Set<Block>> finallyTargets = new IdentityHashMap<>();
  final MachineModel.Names names;

  Block cur;
  Region region;
  private Block returnFuture;
  private Block returnValue;
  /**
   * Value returns inside finally blocks, each with its own variable and block (tail returns there
   * likewise get their own): such a return may run while another is pending (its finally is this
   * one), and if an exception it meets on its way out is caught within the finally, the pending
   * return goes on with its own value.
   */
  private final List<Block> nestedValueReturns = new ArrayList<>();
  /** How many finally blocks enclose the code being lowered. */
  int finallyBodies;
  private Var resultFuture;
  private Var resultValue;
  private final Map<Block, Block> hops = new IdentityHashMap<>();
  final List<Code> localClasses = new ArrayList<>();
  /** Between the statements of a jump: one line each where the jump stands alone. */
  String separator = " ";
  /**
   * Whether jumps name the machine's {@code state} and {@code awaiting} as {@code this.state} and
   * {@code this.awaiting}: inside a statement of the user's spliced whole, where a variable it
   * declares (a for-each or catch variable named {@code state}, say) keeps its name and would hide
   * the field.
   */
  boolean qualifyMembers;

  /** Machine classes of the {@code @Async} methods generated into this file (see {@link #lower}). */
  private Map<ExecutableElement, Sibling> siblings = Map.of();

  /** The primitive this machine's step returns unboxed ({@link PrimitiveValue}), or {@code null}. */
  PrimitiveType value;

  /** The local of {@code step} holding the unboxed value of a direct step, by primitive kind. */
  private final Map<TypeKind, String> unboxedResults = new java.util.EnumMap<>(TypeKind.class);

  /** Where break, continue and yield go for a lowered statement. */
  static final class Scope {
    final Block breakTarget;
    final Block continueTarget;
    final Var yieldVar;
    final int finallyDepth;

    Scope(Block breakTarget, Block continueTarget, Var yieldVar, int finallyDepth) {
      this.breakTarget = breakTarget;
      this.continueTarget = continueTarget;
      this.yieldVar = yieldVar;
      this.finallyDepth = finallyDepth;
    }
  }

  /** The factory's dispatch field ({@link MachineModel#overridesField}), which no variable takes. */
  private String overridesField;

  /** The name of the assertions flag once an {@code assert} needs it, else {@code null}. */
  private String assertionsFlag;

  public Lowerer(ProcessingEnvironment env, Trees trees, AsyncMethod method) {
    this.env = env;
    this.trees = trees;
    this.types = env.getTypeUtils();
    this.hidden = new HiddenTypes(method.owner());
    this.captureArguments = new CaptureArguments(trees, types, env.getElementUtils(), hidden);
    this.writable = new WritableTypes(types, env.getElementUtils(), hidden);
    this.method = method;
    this.facts = new BodyFacts(trees, method, hidden);
    usedNames.addAll(facts.declaredNames());
    usedNames.addAll(MEMBER_NAMES);
    usedNames.add(method.generatedClass()); // generated code calls its factories through it
    this.names =
        new MachineModel.Names(
            internal("self"),
            internal("cx"),
            internal("depth"),
            internal("r"),
            internal("t"),
            internal("suppressed"),
            internal("machine"));
    this.splicer = new Splicer(this);
  }

  private final Map<Integer, String> lambdaParameters = new HashMap<>();

  /**
   * The machine's static flag telling whether assertions are enabled for the user's class (see
   * {@link MachineModel#assertionsFlag}); named, and so declared, on first use.
   */
  String assertionsFlag() {
    if (assertionsFlag == null) {
      assertionsFlag = internal("ASSERTIONS");
    }
    return assertionsFlag;
  }

  /**
   * The name of parameter {@code i} of the lambdas written for method references ({@code -1}:
   * their bound receiver), clashing with no name of the body; each lambda scopes its own, so all
   * share them.
   */
  String lambdaParameter(int i) {
    return lambdaParameters.computeIfAbsent(i, k -> internal(k < 0 ? "receiver" : "a" + k));
  }

  /** A new identifier for generated code, clashing with no name of the body. */
  String fresh(String name) {
    return internal(name);
  }

  /**
   * Whether generated code writes {@code name} unqualified in {@code step} ({@code state},
   * {@code awaiting}, ..., the generated class): a variable of the body so named, declared by a
   * statement copied whole, hides it for the rest of that statement, and a pattern binding for
   * the rest of the block when flow scoping puts it there.
   */
  boolean isMemberName(String name) {
    return MEMBER_NAMES.contains(name) || name.equals(method.generatedClass());
  }

  private String internal(String name) {
    String n = name;
    for (int i = 2; usedNames.contains(n) || facts.labels().contains(n); i++) {
      n = name + i;
    }
    usedNames.add(n);
    return n;
  }

  /**
   * Lowers the whole body into the machine {@code self}. {@code siblings} names the machine class
   * of each {@code @Async} method generated into the same file as this one: an await of a call to
   * one of them that no override can replace steps the new machine directly.
   */
  public MachineModel lower(Sibling self, Map<ExecutableElement, Sibling> siblings) {
    String machineName = self.machineClass();
    this.siblings = siblings;
    this.value = self.value();
    overridesField = MachineModel.overridesField(machineName);
    usedNames.add(overridesField);
    for (VariableElement p : method.parameters()) {
      Var v = newVar(p.getSimpleName().toString(), p.asType(), Var.Kind.PARAMETER);
      varsByElement.put(p, v);
    }
    Block start = newBlock("START");
    start.targeted = true;
    place(start);
    TreePath body = new TreePath(method.path(), method.tree().getBody());
    statements.statement(body);
    if (cur != null) {
      throw new UnsupportedCode(method.tree(), "@Async method can complete without returning");
    }
    for (Block b : deferred) {
      blocks.add(b);
    }
    blocks.addAll(nestedValueReturns);
    if (returnValue != null) {
      blocks.add(returnValue);
    }
    if (returnFuture != null) {
      blocks.add(returnFuture);
    }
    Map<Stmt.Suspend, List<Var>> cleared = Hoisting.analyze(blocks, bindingStores);
    renameClashingLocals();
    refuseAnonymousMembersOfFields(body);
    return new MachineModel(
        method,
        machineName,
        List.copyOf(blocks),
        List.copyOf(vars),
        splicer.handles.all(),
        splicer.shapes.all(),
        names,
        cleared,
        List.copyOf(localClasses),
        java.util.Set.copyOf(facts.declaredNames()),
        assertionsFlag,
        value);
  }

  /**
   * Renames each variable left a local of {@code step} whose name a variable of the body that is
   * not lowered also has: a statement copied whole keeps its own variables' names, and one
   * declaring that name in the same block (or anywhere, for a local declared before the loop)
   * would redeclare it ({@code { int x = await(f); .. } for (int x = 0; ..) ..}, F82).
   */
  private void renameClashingLocals() {
    for (Var v : vars) {
      if (v.kind() == Var.Kind.LOCAL && !v.isField()
          && facts.declarations(v.name()).stream().anyMatch(e -> !varsByElement.containsKey(e))) {
        v.rename(internal(v.name()));
      }
    }
  }

  /**
   * A field's type is written as a supertype when the variable holds an anonymous class ({@code
   * var o = new Object() { int n; }}), so the anonymous class's own members cannot be reached
   * through it: an error on the first such use, rather than a compile error in generated code.
   */
  private void refuseAnonymousMembersOfFields(TreePath body) {
    Map<Element, Var> anonymous = new java.util.HashMap<>();
    varsByElement.forEach(
        (e, v) -> {
          if (v.isField()
              && v.type() instanceof DeclaredType d
              && ((TypeElement) d.asElement()).getNestingKind() == NestingKind.ANONYMOUS) {
            anonymous.put(e, v);
          }
        });
    if (anonymous.isEmpty()) {
      return;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        Element target = trees.getElement(new TreePath(getCurrentPath(), node.getExpression()));
        Var v = target == null ? null : anonymous.get(target);
        Element member = trees.getElement(getCurrentPath());
        if (v != null
            && member != null
            && member.getEnclosingElement() == ((DeclaredType) v.type()).asElement()
            && !overridesSupertypeMethod(member, (TypeElement) member.getEnclosingElement())) {
          throw new UnsupportedCode(
              node,
              v.name() + " holds an anonymous class and lives across an await, so its own member "
                  + node.getIdentifier() + " cannot be reached from the generated machine:"
                  + " declare a local class instead");
        }
        return super.visitMemberSelect(node, unused);
      }
    }.scan(body, null);
  }

  /**
   * Whether {@code member} of anonymous class {@code anon} overrides a method of the supertype
   * its fields are declared with (its superclass, or its interface when that is {@code Object}),
   * so that a call through that type reaches it.
   */
  private boolean overridesSupertypeMethod(Element member, TypeElement anon) {
    if (!(member instanceof ExecutableElement method)) {
      return false;
    }
    TypeMirror sup = anon.getSuperclass();
    if (!anon.getInterfaces().isEmpty() && sup.toString().equals("java.lang.Object")) {
      sup = anon.getInterfaces().get(0);
    }
    var elements = env.getElementUtils();
    for (Element m : elements.getAllMembers((TypeElement) types.asElement(sup))) {
      if (m instanceof ExecutableElement overridden && elements.overrides(method, overridden, anon)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- blocks and jumps

  Block newBlock(String base) {
    return newBlock(base, null);
  }

  Block newBlock(String base, AwaitSite site) {
    String n = base;
    // A state constant must not be hidden by a variable of the body of the same name, nor share
    // the machine's namespace with a variable or temporary named before it (F185).
    for (int i = 2; usedNames.contains(n) || !blockNames.add(n); i++) {
      n = base + "_" + i;
    }
    return new Block(n, null, site);
  }

  /** Makes {@code b} the current block if anything jumps to it; otherwise code is unreachable. */
  void place(Block b) {
    if (!b.targeted) {
      cur = null;
      return;
    }
    b.setRegion(region);
    blocks.add(b);
    b.placed = true;
    cur = b;
  }

  void emit(Stmt s) {
    if (cur != null) {
      cur.stmts.add(s);
    }
  }

  void line(Code c) {
    emit(new Stmt.Line(c));
  }

  /** Ends the current block with a jump to {@code target}. */
  void goTo(Block target) {
    if (cur == null) {
      return;
    }
    target.targeted = true;
    cur.successors.add(target);
    cur.stmts.add(new Stmt.Goto(target));
    cur = null;
  }

  /**
   * Code jumping to {@code target} from the current block, leaving the finally blocks entered
   * after {@code depth}. {@code nested} when the code sits inside a loop of the user's.
   */
  Code jump(Block target, int depth, boolean nested) {
    List<Region.Finally> crossing = new ArrayList<>(finallies.subList(depth, finallies.size()));
    java.util.Collections.reverse(crossing);
    Block to = target;
    target.targeted = true;
    Code.Builder out = Code.builder();
    if (!crossing.isEmpty()) {
      Region.Finally first = crossing.get(0);
      Block next = chain(crossing.subList(1, crossing.size()), target);
      finallyTargets.computeIfAbsent(first, k -> new LinkedHashSet<>()).add(next);
      out.format("$L = $L;" + separator, first.next(), next);
      to = first.entry();
      to.targeted = true;
    }
    if (cur != null) {
      cur.successors.add(to);
    }
    out.format("$L = $L;" + separator + "continue", member("state"), to);
    if (nested) {
      out.format(" $L", Label.DRIVER);
    }
    return out.text(";").build();
  }

  /**
   * {@code name}, a field of the machine, qualified where {@link #qualifyMembers} says and the
   * body declares a variable of that name, which could hide the field there.
   */
  private String member(String name) {
    return qualifyMembers && facts.declaredNames().contains(name) ? "this." + name : name;
  }

  /** A block that passes through the finally blocks {@code rest} (innermost first) to target. */
  private Block chain(List<Region.Finally> rest, Block target) {
    if (rest.isEmpty()) {
      return target;
    }
    Region.Finally f = rest.get(0);
    Block next = chain(rest.subList(1, rest.size()), target);
    Block hop = newBlock("LEAVE_" + f.entry().name());
    hop.targeted = true;
    hop.setRegion(f.entry().region());
    finallyTargets.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(next);
    f.entry().targeted = true;
    hop.successors.add(f.entry());
    hop.stmts.add(new Stmt.Line(Code.of("$L = $L;", f.next(), next)));
    hop.stmts.add(new Stmt.Goto(f.entry()));
    deferred.add(hop);
    hops.put(hop, f.entry());
    return hop;
  }

  /** Code completing the machine with the outcome of the future {@code future}. */
  Code returnFuture(Code returned, boolean nested) {
    Code future = returned.bareCast(); // returned or stored: any expression goes
    if (returnFuture == null) {
      returnFuture = newBlock("AWAIT_RESULT", new AwaitSite(method.fileName(), -1, "return"));
      returnFuture.targeted = true;
      returnFuture.stmts.add(new Stmt.Line(Code.of("return $L;", names.result())));
    }
    if (finallies.isEmpty()) {
      if (cur != null) {
        cur.successors.add(returnFuture);
      }
      Code.Builder out =
          Code.builder()
              .format(
                  "$L = $L;" + separator + "$L = $L;" + separator + "continue",
                  member("awaiting"),
                  future,
                  member("state"),
                  returnFuture);
      if (nested) {
        out.format(" $L", Label.DRIVER);
      }
      return out.text(";").build();
    }
    if (finallyBodies > 0) {
      // As for value returns (nestedValueReturns): its own variable, awaited by its own block.
      Var own = newVar("resultFuture", method.returnType(), Var.Kind.TEMPORARY);
      Block b = newBlock("RETURN_FUTURE");
      b.targeted = true;
      b.stmts.add(new Stmt.Suspend(Code.of("$L", own), returnFuture));
      b.successors.add(returnFuture);
      deferred.add(b);
      return Code.builder()
          .format("$L = $L;" + separator, own, future)
          .add(jump(b, 0, nested))
          .build();
    }
    if (resultFuture == null) {
      resultFuture = newVar("resultFuture", method.returnType(), Var.Kind.TEMPORARY);
      Block b = newBlock("RETURN_FUTURE");
      b.targeted = true;
      b.stmts.add(new Stmt.Suspend(Code.of("$L", resultFuture), returnFuture));
      b.successors.add(returnFuture);
      deferred.add(b);
      hops.put(b, returnFuture);
    }
    Block target = hopTarget(returnFuture, "RETURN_FUTURE");
    return Code.builder()
        .format("$L = $L;" + separator, resultFuture, future)
        .add(jump(target, 0, nested))
        .build();
  }

  private Block hopTarget(Block tail, String name) {
    for (Map.Entry<Block, Block> e : hops.entrySet()) {
      if (e.getValue() == tail && e.getKey().name().startsWith(name)) {
        return e.getKey();
      }
    }
    throw new AssertionError(name);
  }

  /**
   * {@code value}, given the result type where javac typed it from there: a lambda or method
   * reference (F58), or a generic call inferred from it (F65).
   */
  Code typedValue(TreePath readyArgument, Code value) {
    TypeMirror type = trees.getTypeMirror(readyArgument);
    if (type != null && hidden.of(type) != null) {
      // a value of a private nested type is an Object here: cast to the result type it widens to
      Code operand = value.unary() ? value : Code.builder().text("(").add(value).text(")").build();
      value = Code.builder().text("((").type(writable.denotable(method.resultType())).text(") ").add(operand).text(")").build();
    }
    if (!facts.targetTyped(readyArgument)) {
      return value;
    }
    return withTarget(method.resultType(), value);
  }

  /**
   * {@code value} in an invocation context of type {@code type}: an argument of {@code
   * Function.<type>identity().apply(..)}. It types a lambda, a method reference, a conditional of
   * them and a generic call's inference as the target they stood in did, where a cast would type
   * only the first two.
   */
  Code withTarget(TypeMirror type, Code value) {
    return Code.builder()
        .type(env.getElementUtils().getTypeElement("java.util.function.Function"))
        .text(".<")
        .type(type)
        .text(">identity().apply(")
        .add(value)
        .text(")")
        .build();
  }

  /** Code completing the machine with {@code value} (for {@code return Future.ready(value)}). */
  Code returnValue(Code returned, boolean nested) {
    Code value = returned.bareCast(); // returned or stored: any expression goes
    if (finallies.isEmpty()) {
      return Code.builder().text("return ").add(value).text(";").build();
    }
    if (finallyBodies > 0) {
      Var own = newVar("result", writable.boxed(method.resultType()), Var.Kind.TEMPORARY);
      Block b = newBlock("RETURN_VALUE");
      b.targeted = true;
      b.stmts.add(new Stmt.Line(Code.of("return $L;", own)));
      nestedValueReturns.add(b);
      return Code.builder()
          .format("$L = $L;" + separator, own, value)
          .add(jump(b, 0, nested))
          .build();
    }
    if (resultValue == null) {
      resultValue = newVar("result", writable.boxed(method.resultType()), Var.Kind.TEMPORARY);
      returnValue = newBlock("RETURN_VALUE");
      returnValue.targeted = true;
      returnValue.stmts.add(new Stmt.Line(Code.of("return $L;", resultValue)));
    }
    return Code.builder()
        .format("$L = $L;" + separator, resultValue, value)
        .add(jump(returnValue, 0, nested))
        .build();
  }

  // ---------------------------------------------------------------- variables

  Var newVar(String name, TypeMirror type, Var.Kind kind) {
    String base = name.isEmpty() ? "unnamed" : name; // an unnamed variable (`_`, Java 22)
    String n = base;
    // Nor may it take a state constant's name: a temporary of Phase.START is no START (F185).
    for (int i = 2;
        (blockNames.contains(n) || !usedNames.add(n)) && !(i == 2 && ownName(base, kind));
        i++) {
      n = base + i;
    }
    Var v = new Var(n, writable.denotable(type), kind);
    if (type.getKind() == TypeKind.INTERSECTION) {
      List<TypeMirror> bounds = new ArrayList<>();
      for (TypeMirror b : ((javax.lang.model.type.IntersectionType) type).getBounds()) {
        if (!types.isSameType(b, writable.objectType())) {
          bounds.add(writable.denotable(b));
        }
      }
      if (bounds.size() > 1) {
        v.intersection(bounds);
      }
    } else if (kind == Var.Kind.LOCAL
        && type.getKind() == TypeKind.DECLARED
        && WritableTypes.nestedIntersection(type, 0)
        && !WritableTypes.namesCapture(type)) {
      v.inferred(type);
    }
    vars.add(v);
    return v;
  }

  /**
   * Makes the temporary {@code v}, of {@code type}, read through a generic reader if captures
   * stand among its type arguments (HashSet<capture of ? extends U>, javac inferring
   * HashSet.empty() from a later argument): the field has wildcards, which a read cannot give
   * back to the inference that needs the capture; the reader's type variables javac infers
   * again from the call the read is an argument of (F112).
   */
  void readCapturesInferred(Var v, TypeMirror type) {
    if (v.inferred() != null || v.intersection() != null) {
      return;
    }
    Map<TypeMirror, TypeMirror> captures = writable.captureBounds(type);
    if (captures == null) {
      return;
    }
    v.inferred(type);
    v.captureBounds(captures);
  }

  /** Whether {@link #readCapturesInferred} reads a temporary of {@code type} through a generic reader. */
  boolean capturesAmongArguments(TypeMirror type) {
    return writable.captureBounds(type) != null;
  }

  private boolean ownName(String base, Var.Kind kind) {
    // A user variable keeps its name the first time it is seen (it is in usedNames already),
    // unless a member of the machine has it: as a field or local it would hide that member.
    if (kind == Var.Kind.TEMPORARY
        || kind == Var.Kind.BOOKKEEPING
        || MEMBER_NAMES.contains(base)
        || base.equals(method.generatedClass())
        || base.equals(overridesField)) {
      return false;
    }
    for (Var v : vars) {
      if (v.name().equals(base)) {
        return false;
      }
    }
    return facts.declaredNames().contains(base);
  }

  Var declare(VariableElement element) {
    Var v = newVar(element.getSimpleName().toString(), element.asType(), Var.Kind.LOCAL);
    varsByElement.put(element, v);
    return v;
  }

  Var temp(String base, TypeMirror type) {
    // Names made from the code may be keywords: getClass() and C.class give "class",
    // getInt() "int", C.this "this" (F51).
    return newVar(SourceVersion.isName(base) ? base : base + "Value", type, Var.Kind.TEMPORARY);
  }

  TypeMirror typeOf(TreePath path) {
    TypeMirror t = trees.getTypeMirror(path);
    if (t == null) {
      Element e = trees.getElement(path);
      if (e != null) {
        t = e.asType();
      }
    }
    if (t == null || t.getKind() == TypeKind.ERROR) {
      throw new UnsupportedCode(path.getLeaf(), "cannot determine the type of this expression");
    }
    return t;
  }

  /**
   * {@code new T[] init} for a bare initializer {@code init} ({@code {a, b}}) of array type
   * {@code type}, which is no expression on its own; erased, as {@code new List<String>[]} is
   * not allowed.
   */
  Code arrayCreation(TypeMirror type, Code init) {
    if (hidden.of(type) != null) {
      return init; // created with its class already (Splicer.privateArray)
    }
    return Code.builder().format("new $T ", types.erasure(writable.denotable(type))).add(init).build();
  }

  // ---------------------------------------------------------------- expressions

  /** Lowers an expression; code before it goes to the current block. */
  Code expression(TreePath path) {
    return new ExpressionLowering(this).lower(path);
  }

  /** {@link ExpressionLowering#negatedComparison}. */
  Code negatedComparison(TreePath path) {
    return new ExpressionLowering(this).negatedComparison(path);
  }

  /**
   * {@code (v = local) == local}, the test that stores the pattern binding {@code local} (a
   * local of the generated code) into the variable of {@code binding}, made a field; for a
   * primitive, {@code ((v = local) == local || true)}, which a {@code NaN} does not make false.
   */
  Code bindingStore(VariableElement binding, String local) {
    Var v = bindingVar(binding);
    Code store = Code.builder().text("(").name(v).text(" = " + local + ") == " + local).build();
    return binding.asType().getKind().isPrimitive()
        ? Code.builder().text("(").add(store).text(" || true)").build()
        : store;
  }

  /**
   * {@code ((v = value) == v || true)}, the test that stores {@code value}, a component a record
   * pattern binds, into the variable of {@code binding} (see {@link #bindingStore(VariableElement,
   * String)}).
   */
  Code bindingStore(VariableElement binding, Code value) {
    Var v = bindingVar(binding);
    return Code.builder().text("((").name(v).text(" = ").add(value).text(") == ").name(v)
        .text(" || true)").build();
  }

  /**
   * A temporary {@code Object} declared in the current block, holding the value a record pattern
   * of a private type matches while its test reads the components.
   */
  Var matchVar(String base) {
    Var v = temp(base, writable.objectType());
    emit(new Stmt.Decl(v, null));
    return v;
  }

  /**
   * The variable of the pattern binding {@code binding} that a test assigns (a field, or a local
   * declared in the current block: {@link Hoisting} decides).
   */
  Var bindingVar(VariableElement binding) {
    Var v = varsByElement.get(binding);
    if (v == null) {
      v = declare(binding);
      // Declared here if it stays a local of this block (Hoisting decides).
      emit(new Stmt.Decl(v, null));
    }
    storedBinding(v);
    return v;
  }

  /** {@code v = local;}, storing the pattern binding {@code local} of a case label. */
  Code caseBindingStore(VariableElement binding, String local) {
    return caseBindingStore(binding, Code.text(local));
  }

  /** {@code v = value;}: the store of a case's binding from the code of its value. */
  Code caseBindingStore(VariableElement binding, Code value) {
    Var v = varsByElement.get(binding);
    if (v == null) {
      v = declare(binding);
    }
    storedBinding(v);
    return Code.builder().name(v).text(" = ").add(value).text(";").build();
  }

  /** Notes that the current block stores the pattern binding {@code v} (see {@link Hoisting}). */
  private void storedBinding(Var v) {
    v.storedBinding();
    if (v.intersection() != null || v.inferred() != null) {
      v.makeField(); // no local declaration can name its type
    } else if (cur != null) {
      bindingStores.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(cur);
    } else {
      v.makeField(); // unreachable code: kept as it was, a field
    }
  }

  /** Lowers a switch expression with awaits into a temporary. */
  Code switchExpression(TreePath path, SwitchExpressionTree tree) {
    Var result = temp("switchResult", typeOf(path));
    Block exit = newBlock("SWITCH_END");
    statements.lowerSwitch(path, tree.getExpression(), tree.getCases(), exit, result);
    place(exit);
    return Code.of("$L", result);
  }

  /** Lowers a conditional expression with awaits in a branch into a temporary. */
  Code conditional(TreePath path, ConditionalExpressionTree tree) {
    Var result = temp("choice", typeOf(path));
    Code whenFalse = statements.whenFalse(new TreePath(path, tree.getCondition()));
    Block otherwise = newBlock("ELSE");
    Block end = newBlock("END_CHOICE");
    line(
        Code.builder()
            .text("if (")
            .add(whenFalse)
            .text(") { ")
            .add(jump(otherwise, finallies.size(), false))
            .text(" }")
            .build());
    TreePath truePath = new TreePath(path, tree.getTrueExpression());
    emit(new Stmt.Line(store(result, truePath, expression(truePath))));
    goTo(end);
    place(otherwise);
    TreePath falsePath = new TreePath(path, tree.getFalseExpression());
    emit(new Stmt.Line(store(result, falsePath, expression(falsePath))));
    goTo(end);
    place(end);
    return Code.of("$L", result);
  }

  /**
   * {@code target = value;} for a temporary of a switch or conditional. Where the temporary's
   * type names a local type its field is an {@code Object}, which gives a lambda, method
   * reference or diamond no target type; an argument of a call with the type given does.
   */
  Code store(Var target, TreePath valuePath, Code value) {
    TypeMirror valueType = trees.getTypeMirror(valuePath);
    if (valueType != null && hidden.of(valueType) != null && hidden.of(target.type()) == null
        && !types.isSameType(target.type(), writable.objectType())) {
      // a value of a private nested type is an Object here: cast to the supertype it widens to
      value = Code.builder().text("((").type(writable.denotable(target.type())).text(") ").add(value).text(")").build();
    }
    return Code.builder().add(assignment(target, (ExpressionTree) valuePath.getLeaf(), value))
        .text(";").build();
  }

  /** {@code target = value}, the target type written out as {@link #store} says. */
  Code assignment(Var target, ExpressionTree valueTree, Code value) {
    Code.Builder b = Code.builder().format("$L = ", target);
    if (LocalTypes.mentionsLocal(target.type()) && LocalTypes.needsTarget(valueTree)) {
      b.type(env.getElementUtils().getTypeElement("java.util.function.Function"))
          .text(".<").type(target.type()).text(">identity().apply(").add(value).text(")");
    } else {
      b.add(value.bareCast());
    }
    return b.build();
  }

  /** {@code a && b} / {@code a || b} with an await in {@code b}. */
  Code shortCircuit(TreePath path, ExpressionTree left, ExpressionTree right, boolean and) {
    Var result = temp(and ? "both" : "either", types.getPrimitiveType(TypeKind.BOOLEAN));
    Code a = expression(new TreePath(path, left));
    emit(new Stmt.Decl(result, a));
    Block end = newBlock(and ? "END_AND" : "END_OR");
    line(
        Code.builder()
            .format(and ? "if (!$L) { " : "if ($L) { ", result)
            .add(jump(end, finallies.size(), false))
            .text(" }")
            .build());
    Code b = expression(new TreePath(path, right));
    line(Code.builder().format("$L = ", result).add(b.bareCast()).text(";").build());
    goTo(end);
    place(end);
    return Code.of("$L", result);
  }

  /**
   * Suspends at an await of {@code future}; returns the code for its value. {@code callee} is
   * the machine class of the {@code @Async} call {@code future} is, when it is known (see
   * {@link #knownCallee}), else it is {@code null}; {@code unboxedByContext} tells whether javac
   * unboxes the await's value where it stands.
   */
  Code await(
      TreePath awaitPath,
      Code future,
      TypeMirror valueType,
      boolean stage,
      Sibling callee,
      boolean unboxedByContext) {
    MethodInvocationTree call = (MethodInvocationTree) awaitPath.getLeaf();
    long line =
        awaitPath
            .getCompilationUnit()
            .getLineMap()
            .getLineNumber(
                trees.getSourcePositions().getStartPosition(awaitPath.getCompilationUnit(), call));
    String text = facts.source(call).replaceAll("\\s+", " ");
    AwaitSite site = new AwaitSite(method.fileName(), line, text);
    Block resume =
        newBlock("AWAIT_" + Names.awaitName(call.getArguments().get(0)), site);
    resume.targeted = true;
    Code f =
        stage
            ? Code.builder()
                .format("$T.from(", env.getElementUtils().getTypeElement("dev.machina.Future"))
                .add(future)
                .text(")")
                .build()
            : future;
    Stmt.Callee direct = null;
    if (callee != null && !stage) {
      if (hidden.mentions(valueType)) {
        // the factory returns Future<R> for a hidden result, R inferred as Object in a cast
        TypeElement futureType = env.getElementUtils().getTypeElement("dev.machina.Future");
        f = Code.builder().text("(").type(types.getDeclaredType(futureType, types.getWildcardType(null, null)))
            .text(") ").add(f).build();
      }
      String c = callee.machineClass();
      PrimitiveType v = callee.value();
      direct =
          new Stmt.Callee(
              c,
              fresh(Character.toLowerCase(c.charAt(0)) + c.substring(1)),
              v,
              v == null ? null : unboxedResult(v));
    }
    if (cur != null) {
      cur.successors.add(resume);
      cur.stmts.add(new Stmt.Suspend(f, resume, direct));
    }
    place(resume);
    if (direct == null && valueType.getKind() == TypeKind.INTERSECTION) {
      // c ? new X() : new Y() of classes meeting in A & B: cast to all the bounds, so the value
      // is still a B where the body uses it as one (F129), as a variable's read is (Var.intersection)
      List<TypeMirror> bounds = new ArrayList<>();
      for (TypeMirror b : ((javax.lang.model.type.IntersectionType) valueType).getBounds()) {
        if (!types.isSameType(b, writable.objectType())) {
          bounds.add(writable.denotable(b));
        }
      }
      if (bounds.size() > 1 && bounds.stream().noneMatch(hidden::mentions)) {
        Code.Builder cast = Code.builder().text("((");
        for (int i = 0; i < bounds.size(); i++) {
          writable.requireNameable(call, bounds.get(i));
          cast.text(i == 0 ? "" : " & ").type(bounds.get(i));
        }
        return cast.format(") $L)", names.result()).build();
      }
    }
    TypeMirror t = writable.denotable(writable.boxed(valueType));
    writable.requireNameable(call, t);
    if (direct != null && direct.value() != null) {
      // The value is in a primitive local: read as such where javac would unbox it anyway, else
      // boxed again (the box the callee's step would have made), so the expression keeps its type.
      return unboxedByContext
          ? Code.of("$L", direct.valueLocal())
          : Code.of("(($T) $L)", t, direct.valueLocal());
    }
    if (types.isSameType(t, writable.objectType())) {
      return Code.of("$L", names.result());
    }
    if (captureArguments.passedRaw(awaitPath, valueType)) {
      return Code.of("(($T) $L)", types.erasure(t), names.result());
    }
    return Code.of("(($T) $L)", t, names.result());
  }

  /** The local of {@code step} that holds unboxed values of type {@code p} from direct steps. */
  private String unboxedResult(PrimitiveType p) {
    return unboxedResults.computeIfAbsent(
        p.getKind(),
        k -> internal(names.result() + MachineModel.capitalizedKind(k)));
  }

  /**
   * The machine class that the future {@code futurePath} evaluates to is an instance of, when the
   * processor knows it: a call of an {@code @Async} method generated into this same file that no
   * override can replace (so its factory always builds that machine); else {@code null}.
   */
  Sibling knownCallee(TreePath futurePath) {
    Tree t = futurePath.getLeaf();
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    if (!(t instanceof MethodInvocationTree)) {
      return null;
    }
    Element e = trees.getElement(new TreePath(futurePath, t));
    if (!(e instanceof ExecutableElement m) || AsyncMethod.overridable(m)) {
      return null;
    }
    return siblings.get(m);
  }

  /** Blocks placed so far (for tests and diagnostics). */
  List<Block> blocks() {
    return blocks;
  }
}
