package dev.machina.processor.lower;

import javax.lang.model.type.DeclaredType;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.NestingKind;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Linearises an expression containing awaits: its operands are evaluated in Java's order (JLS
 * 15.7), and every operand evaluated before a later await is kept in a temporary unless its value
 * cannot change meanwhile (literals, locals not assigned by the rest of the expression).
 */
final class ExpressionLowering {
  private final Lowerer l;

  ExpressionLowering(Lowerer lowerer) {
    this.l = lowerer;
  }

  /**
   * The comparison {@code path} turned round ({@code a != b} for {@code a == b}, {@code n >= 0}
   * for {@code n < 0}), its operands lowered as {@link #lower} lowers them, in their order; {@code
   * null} where it is no comparison that turns round: an ordering of floating-point values is not
   * (a {@code NaN} makes both {@code a < b} and {@code a >= b} false).
   */
  Code negatedComparison(TreePath path) {
    if (!(path.getLeaf() instanceof BinaryTree b)) {
      return null;
    }
    String negated =
        switch (b.getKind()) {
          case EQUAL_TO -> "!=";
          case NOT_EQUAL_TO -> "==";
          case LESS_THAN -> ">=";
          case LESS_THAN_EQUAL -> ">";
          case GREATER_THAN -> "<=";
          case GREATER_THAN_EQUAL -> "<";
          default -> null;
        };
    TreePath left = new TreePath(path, b.getLeftOperand());
    TreePath right = new TreePath(path, b.getRightOperand());
    boolean ordering = b.getKind() != Tree.Kind.EQUAL_TO && b.getKind() != Tree.Kind.NOT_EQUAL_TO;
    if (negated == null || ordering && !(integral(left) && integral(right))) {
      return null;
    }
    Map<Tree, Code> parts = evaluate(operands(path));
    return Code.builder()
        .add(l.splicer.splice(left, parts).bareCastOperand())
        .text(" " + negated + " ")
        .add(l.splicer.splice(right, parts).bareCastOperand())
        .build();
  }

  /** Whether {@code operand}'s type is an integral type or the box of one. */
  private boolean integral(TreePath operand) {
    TypeMirror t = l.typeOf(operand);
    if (t.getKind() == TypeKind.DECLARED) {
      try {
        t = l.types.unboxedType(t);
      } catch (IllegalArgumentException notABox) {
        return false;
      }
    }
    return switch (t.getKind()) {
      case BYTE, SHORT, CHAR, INT, LONG -> true;
      default -> false;
    };
  }

  Code lower(TreePath path) {
    Code code = lowerAny(path);
    Tree.Kind kind = path.getLeaf().getKind();
    if (l.facts.hasAwait(path.getLeaf())
        && (l.facts.isAwait(path)
            || kind == Tree.Kind.CONDITIONAL_EXPRESSION
            || kind == Tree.Kind.SWITCH_EXPRESSION)) {
      // written by the lowering, not printed: a private nested type's value (an Object here)
      // gets the cast its context needs as the printer gives it (Splicer.privateCasts)
      code = l.splicer.privateCasts(path, code);
    }
    if (path.getLeaf() instanceof NewArrayTree n && n.getType() == null) {
      // A bare initializer ({a, b}) is an expression only as a whole declaration's initializer
      // or inside another; lowered on its own (into a temporary, say) it needs its type.
      return l.arrayCreation(l.typeOf(path), code);
    }
    return code;
  }

  private Code lowerAny(TreePath path) {
    Tree t = path.getLeaf();
    if (!l.facts.hasAwait(t)) {
      return l.splicer.splice(path, Map.of());
    }
    if (l.facts.isAwait(path)) {
      MethodInvocationTree call = (MethodInvocationTree) t;
      TreePath argument = new TreePath(path, call.getArguments().get(0));
      Code future = lower(argument);
      // A type naming a private nested type would be written with Object for it, which the
      // future's own type may not convert to; its constructors and members go through handles,
      // which take no type from the target anyway.
      if (l.facts.targetTyped(argument) && !l.hidden.mentions(l.typeOf(argument))) {
        // Stored in the machine's awaiting, it would lose the type javac inferred from await's
        // parameter (F65).
        TypeMirror type = l.writable.denotable(l.typeOf(argument));
        l.writable.requireNameable(argument.getLeaf(), type);
        future = l.withTarget(type, future);
      } else if (l.facts.targetTyped(argument)) {
        // a target naming no private type, with wildcards where they stood: enough for javac to
        // infer Collectors.toMap(Map.Entry::getKey, ..)'s T again (zookeeper, F170)
        TypeMirror type = l.writable.withoutPrivateTypes(l.writable.denotable(l.typeOf(argument)));
        if (type != null && l.writable.unwritable(type) == null) {
          future = l.withTarget(type, future);
        }
      }
      // An awaited anonymous instance whose own type matters: no cast can name it (F114).
      refuseAnonymousTemporary(path, l.typeOf(path), true);
      Code value =
          l.await(
              path,
              future,
              l.typeOf(path),
              l.facts.awaitsStage(path),
              l.knownCallee(argument),
              unboxedWhereItStands(path));
      return capturesReadBack(path, value);
    }
    switch (t.getKind()) {
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        BinaryTree b = (BinaryTree) t;
        if (l.facts.hasAwait(b.getRightOperand())) {
          return l.shortCircuit(
              path, b.getLeftOperand(), b.getRightOperand(), t.getKind() == Tree.Kind.CONDITIONAL_AND);
        }
      }
      case CONDITIONAL_EXPRESSION -> {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        if (l.facts.hasAwait(c.getTrueExpression()) || l.facts.hasAwait(c.getFalseExpression())) {
          return l.conditional(path, c);
        }
      }
      case SWITCH_EXPRESSION -> {
        return l.switchExpression(path, (SwitchExpressionTree) t);
      }
      case LAMBDA_EXPRESSION ->
          throw new UnsupportedCode(t, "await is not allowed inside a lambda body");
      default -> {
        if (t instanceof CompoundAssignmentTree c && l.facts.hasAwait(c.getExpression())) {
          return compound(path, c);
        }
      }
    }
    List<TreePath> kids = operands(path);
    return l.splicer.splice(path, evaluate(kids));
  }

  /** Lowers {@code kids} in order, keeping values that a later await could invalidate. */
  private Map<Tree, Code> evaluate(List<TreePath> kids) {
    Map<Tree, Code> overrides = new IdentityHashMap<>();
    int lastAwait = -1;
    for (int i = 0; i < kids.size(); i++) {
      if (l.facts.hasAwait(kids.get(i).getLeaf())) {
        lastAwait = i;
      }
    }
    for (int i = 0; i < kids.size(); i++) {
      TreePath kid = kids.get(i);
      Code c = lower(kid);
      if (i < lastAwait) {
        c = keep(kid, c, kids.subList(i + 1, kids.size()));
        if (creationQualifier(kid)) {
          // x.new Inner(await(..)): a null x throws before the arguments run (JLS 15.9.4, F178)
          l.line(Code.builder().type(l.env.getElementUtils().getTypeElement("java.util.Objects"))
              .text(".requireNonNull(").add(c).text(");").build());
        }
      }
      overrides.put(kid.getLeaf(), c);
    }
    return overrides;
  }

  /** Whether {@code kid} is the qualifying instance of a class instance creation, {@code kid.new C(..)}. */
  private static boolean creationQualifier(TreePath kid) {
    return kid.getParentPath().getLeaf() instanceof NewClassTree n && n.getEnclosingExpression() == kid.getLeaf();
  }

  /**
   * The code that reads {@code kid}'s value (lowered to {@code c}) after {@code later} ran:
   * {@code c} itself if the value cannot change meanwhile, else a temporary holding it. A boxed
   * value that its context unboxes is unboxed into the temporary at once, as javac does, so that
   * a {@code null} throws before the later operands run; where overloads could tell the
   * difference (arguments), it is boxed again for the call.
   */
  private Code keep(TreePath kid, Code c, List<TreePath> later) {
    TypeMirror unboxed = unboxedByContext(kid);
    if (unboxed == null && stable(kid, later)) {
      return c;
    }
    TypeMirror type = unboxed != null ? unboxed : l.typeOf(kid);
    if (unboxed == null && l.captureArguments.passedRaw(kid, type)) {
      // an argument F132 passes raw, for a parameter typed by the receiver's capture: kept with
      // its wildcards it would be none of what the call's capture takes (RxJava's
      // concatMapCompletableDelayError(Functions.identity(), ..), F156)
      type = l.types.erasure(type);
    }
    refuseAnonymousTemporary(kid, type, false);
    l.writable.requireNameable(kid.getLeaf(), l.writable.denotable(type));
    Var tmp = l.temp(tempName(kid.getLeaf()), type);
    Tree parent = kid.getParentPath().getLeaf();
    if (unboxed == null && genericCallArgument(kid)) {
      l.readCapturesInferred(tmp, type);
    }
    l.emit(new Stmt.Decl(tmp, c));
    if (unboxed != null
        && (parent.getKind() == Tree.Kind.METHOD_INVOCATION
            || parent.getKind() == Tree.Kind.NEW_CLASS)) {
      return Code.of("($T) $L", l.writable.boxed(unboxed), tmp); // not (T): int cannot be cast to T
    }
    return Code.of("$L", tmp);
  }

  /**
   * The await at {@code path}, whose value is {@code value}, as an argument of a generic call
   * whose type arguments javac inferred from another argument's capture (eclipse-collections'
   * {@code by(await(f), await(naturalOrder()))}, the second typed {@code Comparator<capture of
   * ? extends V>} from the first): cast to its type written with wildcards, the value would
   * bring a fresh capture and the call would no longer apply. It goes through a temporary read
   * by the generic reader of F112, whose type variables javac infers again from the call (F106).
   */
  private Code capturesReadBack(TreePath path, Code value) {
    TypeMirror type = l.typeOf(path);
    if (!l.capturesAmongArguments(type) || !genericCallArgument(path)) {
      return value;
    }
    Var tmp = l.temp(tempName(path.getLeaf()), type);
    l.readCapturesInferred(tmp, type);
    tmp.makeField(); // a local would be declared var, of the wildcards, and read as it is
    l.emit(new Stmt.Decl(tmp, value));
    return Code.of("$L", tmp);
  }

  /**
   * Whether {@code kid} is an argument of a generic method or constructor (or a diamond), which
   * infers its type arguments from the argument's type (F112).
   */
  private boolean genericCallArgument(TreePath kid) {
    TreePath parentPath = kid.getParentPath();
    Tree parent = parentPath.getLeaf();
    List<? extends ExpressionTree> args;
    if (parent instanceof MethodInvocationTree call) {
      args = call.getArguments();
    } else if (parent instanceof NewClassTree n) {
      args = n.getArguments();
    } else {
      return false;
    }
    if (!args.contains(kid.getLeaf())
        || !(l.trees.getElement(parentPath) instanceof ExecutableElement ex)) {
      return false;
    }
    boolean generic =
        !ex.getTypeParameters().isEmpty()
            || (parent instanceof NewClassTree n
                && n.getIdentifier() instanceof ParameterizedTypeTree pt
                && pt.getTypeArguments().isEmpty());
    return generic && !overloaded(parentPath, ex) && !untargetedSingleArgument(parentPath, args);
  }

  /**
   * Whether the generic call at {@code call}, of the one argument {@code args}, has no target
   * type: a receiver ({@code Mono.fromDirect(m).subscribe(..)}) or a statement. javac then infers
   * its type arguments from the argument alone, capturing a wildcard-typed value as it captured
   * the original; through the reader, whose variable has only its bound, it would infer them as
   * Object ({@code Mono<Object>}, reactor-core's MonoFlatMap, F133).
   */
  private static boolean untargetedSingleArgument(TreePath call, List<? extends ExpressionTree> args) {
    if (args.size() != 1) {
      return false;
    }
    TreePath up = call.getParentPath();
    while (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      up = up.getParentPath();
    }
    return up.getLeaf().getKind() == Tree.Kind.MEMBER_SELECT
        || up.getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT;
  }

  /**
   * Whether another method of {@code ex}'s name (or another constructor) could be chosen for
   * the call at {@code call}: the reader's free type variable may make one applicable that the
   * capture did not (vavr's PriorityQueue.of(Comparator<? super T>, T) beside of(.., T...)), so
   * the reader is only for calls with a single candidate.
   */
  private boolean overloaded(TreePath call, ExecutableElement ex) {
    int arity =
        call.getLeaf() instanceof MethodInvocationTree m
            ? m.getArguments().size()
            : ((NewClassTree) call.getLeaf()).getArguments().size();
    List<TypeElement> scopes = new ArrayList<>();
    scopes.add((TypeElement) ex.getEnclosingElement());
    if (call.getLeaf() instanceof MethodInvocationTree m
        && m.getMethodSelect() instanceof MemberSelectTree s
        && l.typeOf(new TreePath(new TreePath(call, s), s.getExpression())) instanceof DeclaredType d) {
      scopes.add((TypeElement) d.asElement());
    } else if (call.getLeaf() instanceof MethodInvocationTree) {
      scopes.add(l.method.owner()); // an unqualified call: the class's and its outer classes' methods
      for (Element e = l.method.owner().getEnclosingElement(); e instanceof TypeElement te;
          e = e.getEnclosingElement()) {
        scopes.add(te);
      }
    }
    for (TypeElement scope : scopes) {
      long candidates =
          l.env.getElementUtils().getAllMembers(scope).stream()
              .filter(e -> e.getKind() == ex.getKind() && e.getSimpleName().equals(ex.getSimpleName()))
              // another arity cannot be applicable (eclipse-collections' byFunction(f) beside
              // byFunction(f, comparator)), unless it has variable arity
              .filter(e -> applicableByArity((ExecutableElement) e, arity))
              // nor one whose parameter an argument's class cannot go to (spring-core's
              // MergedAnnotations.get(Class<A>, ..) beside get(String, ..), F159)
              .filter(e -> e.equals(ex) || applicableByClasses(call, (ExecutableElement) e))
              .count();
      if (candidates > 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the erased type of each argument of {@code call} converts to the erased type of
   * {@code e}'s parameter (nulls and a variable arity's tail aside): else {@code e} cannot apply.
   */
  private boolean applicableByClasses(TreePath call, ExecutableElement e) {
    List<? extends ExpressionTree> args =
        call.getLeaf() instanceof MethodInvocationTree m
            ? m.getArguments()
            : ((NewClassTree) call.getLeaf()).getArguments();
    int fixed = e.isVarArgs() ? e.getParameters().size() - 1 : e.getParameters().size();
    for (int i = 0; i < Math.min(fixed, args.size()); i++) {
      ExpressionTree a = args.get(i);
      if (a.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      TypeMirror at = l.typeOf(new TreePath(call, a));
      if (at == null || !(at.getKind() == TypeKind.DECLARED || at.getKind() == TypeKind.ARRAY)) {
        continue;
      }
      TypeMirror pt = l.types.erasure(e.getParameters().get(i).asType());
      if (!(pt.getKind() == TypeKind.DECLARED || pt.getKind() == TypeKind.ARRAY)) {
        continue;
      }
      if (!l.types.isAssignable(l.types.erasure(at), pt)) {
        return false;
      }
    }
    return true;
  }

  private static boolean applicableByArity(ExecutableElement e, int arity) {
    int n = e.getParameters().size();
    return n == arity || (e.isVarArgs() && arity >= n - 1);
  }

  /**
   * A temporary is typed by the anonymous class's supertype (no variable can name the class):
   * fine where only the supertype's members and overload resolution see it, wrong where the
   * class itself matters, so those are an error on the operand. Its own members reached through
   * it ({@code new Object() { int g(int x) {..} }.g(await(f()))}), and an argument a generic
   * method or constructor infers its type arguments from ({@code first(new Object() { int n; },
   * await(f())).n}).
   */
  private void refuseAnonymousTemporary(TreePath kid, TypeMirror type, boolean awaited) {
    // By kind: javac's intersection types are DeclaredTypes too, of a synthetic anonymous class.
    if (type.getKind() != TypeKind.DECLARED
        || !(type instanceof DeclaredType d)
        || ((TypeElement) d.asElement()).getNestingKind() != NestingKind.ANONYMOUS) {
      return;
    }
    TreePath parentPath = kid.getParentPath();
    while (parentPath.getLeaf() instanceof ParenthesizedTree) {
      parentPath = parentPath.getParentPath();
    }
    Tree parent = parentPath.getLeaf();
    boolean own = false;
    if (parent instanceof MemberSelectTree) {
      Element member = l.trees.getElement(parentPath);
      own = member != null && member.getEnclosingElement() == d.asElement();
    } else if (!awaited && (parent instanceof MethodInvocationTree || parent instanceof NewClassTree)) {
      // (an awaited value given to a generic call is refused where the member is used, if it is)
      Element callee = l.trees.getElement(parentPath);
      own =
          callee instanceof ExecutableElement ex
              && ((!ex.getTypeParameters().isEmpty()
                      && mentionsTypeVariable(ex.getReturnType(), 0))
                  || (parent instanceof NewClassTree n
                      && (n.getTypeArguments().isEmpty()
                          && n.getIdentifier() instanceof ParameterizedTypeTree)));
    }
    if (own) {
      throw new UnsupportedCode(
          kid.getLeaf(),
          (awaited
                  ? "the value of this await is an anonymous class instance, which the generated"
                      + " class receives as an Object and cannot cast to the anonymous class's"
                      + " own type (as "
                  : "this anonymous class instance is evaluated before an await to its right, so"
                      + " it is kept in a variable, which cannot have the anonymous class's own"
                      + " type (as ")
              + (parent instanceof MemberSelectTree ? "its member needs" : "this generic call infers")
              + "): declare a local class instead of the anonymous one");
    }
  }

  private static boolean mentionsTypeVariable(TypeMirror t, int depth) {
    if (t == null || depth > 6) {
      return false;
    }
    return switch (t.getKind()) {
      case TYPEVAR -> true;
      case ARRAY -> mentionsTypeVariable(((ArrayType) t).getComponentType(), depth + 1);
      case WILDCARD -> mentionsTypeVariable(((javax.lang.model.type.WildcardType) t).getExtendsBound(), depth + 1)
          || mentionsTypeVariable(((javax.lang.model.type.WildcardType) t).getSuperBound(), depth + 1);
      case DECLARED -> ((DeclaredType) t).getTypeArguments().stream()
          .anyMatch(a -> mentionsTypeVariable(a, depth + 1));
      default -> false;
    };
  }

  /**
   * The primitive type {@code kid}'s parent converts its boxed value to (JLS 5.6, 5.3, 15.10,
   * 15.13), or {@code null} if {@code kid} is not boxed or keeps its reference there.
   */
  private TypeMirror unboxedByContext(TreePath kid) {
    TypeMirror unboxed = unboxedType(l.typeOf(kid));
    if (unboxed == null) {
      return null;
    }
    TreePath parentPath = kid.getParentPath();
    Tree parent = parentPath.getLeaf();
    Tree leaf = kid.getLeaf();
    switch (parent.getKind()) {
      case ARRAY_ACCESS:
        return ((ArrayAccessTree) parent).getIndex() == leaf ? unboxed : null;
      case NEW_ARRAY: {
        NewArrayTree n = (NewArrayTree) parent;
        if (n.getDimensions().contains(leaf)) {
          return unboxed;
        }
        TypeMirror array = l.typeOf(parentPath);
        return array instanceof ArrayType a && a.getComponentType().getKind().isPrimitive()
            ? unboxed
            : null;
      }
      case METHOD_INVOCATION:
      case NEW_CLASS: {
        List<? extends ExpressionTree> args =
            parent instanceof MethodInvocationTree call
                ? call.getArguments()
                : ((NewClassTree) parent).getArguments();
        int index = args.indexOf(leaf);
        return index >= 0 && primitiveParameter(parentPath, index, args.size()) ? unboxed : null;
      }
      case EQUAL_TO:
      case NOT_EQUAL_TO: {
        BinaryTree b = (BinaryTree) parent;
        Tree other = b.getLeftOperand() == leaf ? b.getRightOperand() : b.getLeftOperand();
        return l.typeOf(new TreePath(parentPath, other)).getKind().isPrimitive() ? unboxed : null;
      }
      case PLUS:
        return l.typeOf(parentPath).getKind().isPrimitive() ? unboxed : null;
      case MULTIPLY, DIVIDE, REMAINDER, MINUS, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT,
          LESS_THAN, GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, AND, XOR, OR:
        return unboxed;
      default:
        return null;
    }
  }

  /**
   * Whether javac unboxes {@code kid}'s boxed value where it stands, so that an unboxed value
   * can stand there instead: an operand (the contexts of {@link #unboxedByContext}), or the value
   * of a primitive variable's initializer or assignment. Not an argument: there the box's type
   * took part in choosing the overload.
   */
  private boolean unboxedWhereItStands(TreePath kid) {
    TreePath parentPath = kid.getParentPath();
    Tree parent = parentPath.getLeaf();
    if (parent.getKind() == Tree.Kind.METHOD_INVOCATION || parent.getKind() == Tree.Kind.NEW_CLASS) {
      return false;
    }
    if (unboxedByContext(kid) != null) {
      return true;
    }
    if (parent instanceof VariableTree v && v.getInitializer() == kid.getLeaf()) {
      return l.trees.getElement(parentPath) instanceof VariableElement e
          && e.asType().getKind().isPrimitive();
    }
    if (parent instanceof AssignmentTree a && a.getExpression() == kid.getLeaf()) {
      return l.typeOf(new TreePath(parentPath, a.getVariable())).getKind().isPrimitive();
    }
    return false;
  }

  /** Whether argument {@code index} of {@code count} of the call at {@code call} is passed to a primitive parameter. */
  private boolean primitiveParameter(TreePath call, int index, int count) {
    if (!(l.trees.getElement(call) instanceof ExecutableElement method)) {
      return false;
    }
    List<? extends VariableElement> params = method.getParameters();
    if (params.isEmpty()) {
      return false;
    }
    TypeMirror type;
    if (index < params.size() - 1) {
      type = params.get(index).asType();
    } else {
      type = params.get(params.size() - 1).asType();
      boolean spread =
          method.isVarArgs()
              && (count != params.size() || !isArgumentArray(call, index));
      if (spread) {
        type = ((ArrayType) type).getComponentType();
      }
    }
    return type.getKind().isPrimitive();
  }

  private boolean isArgumentArray(TreePath call, int index) {
    Tree parent = call.getLeaf();
    ExpressionTree arg =
        parent instanceof MethodInvocationTree m
            ? m.getArguments().get(index)
            : ((NewClassTree) parent).getArguments().get(index);
    return l.typeOf(new TreePath(call, arg)).getKind() == TypeKind.ARRAY;
  }

  /** The primitive type a boxed type unboxes to, or {@code null} for any other type. */
  private TypeMirror unboxedType(TypeMirror t) {
    if (t instanceof javax.lang.model.type.TypeVariable v) {
      return unboxedType(v.getUpperBound()); // T extends Integer unboxes too
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    try {
      return l.types.unboxedType(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String tempName(Tree t) {
    if (t instanceof ParenthesizedTree p) {
      return tempName(p.getExpression());
    }
    if (t instanceof IdentifierTree id) {
      return id.getName().toString().equals("this") ? "receiver" : id.getName() + "Value";
    }
    if (t instanceof MethodInvocationTree call) {
      String n =
          call.getMethodSelect() instanceof MemberSelectTree s
              ? s.getIdentifier().toString()
              : call.getMethodSelect().toString();
      if (n.startsWith("get") && n.length() > 3) {
        n = Character.toLowerCase(n.charAt(3)) + n.substring(4);
      }
      return n.equals("await") ? "awaited" : n;
    }
    if (t instanceof MemberSelectTree s) {
      return s.getIdentifier().toString();
    }
    return "value";
  }

  /** Whether the value of {@code kid} cannot change while {@code later} is evaluated. */
  private boolean stable(TreePath kid, List<TreePath> later) {
    Tree t = kid.getLeaf();
    while (t instanceof ParenthesizedTree p) {
      kid = new TreePath(kid, p.getExpression());
      t = p.getExpression();
    }
    if (t.getKind().asInterface() == com.sun.source.tree.LiteralTree.class) {
      return true;
    }
    if (constantExpression(kid)) {
      // and must stay one: {1 + 1, await(f())} in a short[] narrows only a constant (JLS 5.2)
      return true;
    }
    if (t instanceof LambdaExpressionTree) {
      // Evaluating a lambda runs nothing and what it captures is effectively final: created
      // after the later operands, it is the same. Kept in a temporary it would lose the type
      // javac gave it from its place, a capture of a later argument's wildcard (F111).
      return true;
    }
    if (t instanceof MemberReferenceTree ref) {
      // The same for a reference whose receiver is not evaluated (a type, this, super,
      // T::new); expr::m evaluates and null-checks expr where it stands (JLS 15.13.3).
      ExpressionTree q = ref.getQualifierExpression();
      TreePath qp = new TreePath(kid, q);
      Element qe = l.trees.getElement(qp);
      return ref.getMode() == MemberReferenceTree.ReferenceMode.NEW
          || l.facts.isTypeName(qp)
          || (qe != null && qe.getKind() == javax.lang.model.element.ElementKind.TYPE_PARAMETER)
          || q instanceof ParameterizedTypeTree
          || q.getKind() == Tree.Kind.ARRAY_TYPE
          || (q instanceof IdentifierTree id
              && (id.getName().contentEquals("this") || id.getName().contentEquals("super")));
    }
    if (t instanceof IdentifierTree id) {
      if (id.getName().contentEquals("this")) {
        return true;
      }
      Element e = l.trees.getElement(kid);
      if (e == null || !l.varsByElement.containsKey(e)) {
        return l.facts.isTypeName(kid);
      }
      if (!l.facts.isReassigned(e)) {
        return true;
      }
      for (TreePath p : later) {
        if (assigns(p, e)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Whether {@code path} is a constant expression (JLS 15.29): its value is fixed, and Java's
   * typing depends on it being one (assignment narrowing, {@code ?:} with a {@code char}), so it
   * is never kept in a temporary, where it would be a variable of its type.
   */
  private boolean constantExpression(TreePath path) {
    Tree t = path.getLeaf();
    switch (t.getKind()) {
      case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL,
          STRING_LITERAL:
        return true;
      case PARENTHESIZED:
        return constantExpression(new TreePath(path, ((ParenthesizedTree) t).getExpression()));
      case UNARY_PLUS, UNARY_MINUS, BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT:
        return constantExpression(new TreePath(path, ((UnaryTree) t).getExpression()));
      case TYPE_CAST: {
        TypeMirror type = l.typeOf(path);
        boolean primitiveOrString =
            type.getKind().isPrimitive()
                || type.getKind() == TypeKind.DECLARED && type.toString().equals("java.lang.String");
        return primitiveOrString
            && constantExpression(new TreePath(path, ((TypeCastTree) t).getExpression()));
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        return constantExpression(new TreePath(path, c.getCondition()))
            && constantExpression(new TreePath(path, c.getTrueExpression()))
            && constantExpression(new TreePath(path, c.getFalseExpression()));
      }
      case IDENTIFIER:
        return l.trees.getElement(path) instanceof VariableElement v && v.getConstantValue() != null;
      case MEMBER_SELECT:
        return l.facts.isTypeName(new TreePath(path, ((MemberSelectTree) t).getExpression()))
            && l.trees.getElement(path) instanceof VariableElement v
            && v.getConstantValue() != null;
      default: {
        if (!(t instanceof BinaryTree b)) {
          return false;
        }
        TreePath right = new TreePath(path, b.getRightOperand());
        if ((t.getKind() == Tree.Kind.DIVIDE || t.getKind() == Tree.Kind.REMAINDER)
            && isIntegral(l.typeOf(path))
            && !nonZero(right)) {
          return false; // 1 / 0 completes abruptly: no constant, and it must throw in its turn
        }
        return constantExpression(new TreePath(path, b.getLeftOperand())) && constantExpression(right);
      }
    }
  }

  private static boolean isIntegral(TypeMirror t) {
    return switch (t.getKind()) {
      case INT, LONG, SHORT, BYTE, CHAR -> true;
      default -> false;
    };
  }

  /** Whether {@code path} is a literal or constant variable whose value is not zero. */
  private boolean nonZero(TreePath path) {
    Tree t = path.getLeaf();
    Object value = null;
    if (t instanceof ParenthesizedTree p) {
      return nonZero(new TreePath(path, p.getExpression()));
    } else if (t instanceof com.sun.source.tree.LiteralTree lit) {
      value = lit.getValue();
    } else if ((t instanceof IdentifierTree || t instanceof MemberSelectTree)
        && l.trees.getElement(path) instanceof VariableElement v) {
      value = v.getConstantValue();
    }
    if (value instanceof Character c) {
      return c != 0;
    }
    return value instanceof Number n && n.longValue() != 0;
  }

  private boolean assigns(TreePath path, Element target) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        check(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        check(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        check(node.getExpression());
        return super.visitUnary(node, unused);
      }

      private void check(ExpressionTree v) {
        if (v instanceof IdentifierTree
            && target.equals(l.trees.getElement(new TreePath(getCurrentPath(), v)))) {
          found[0] = true;
        }
      }
    }.scan(path, null);
    return found[0];
  }

  /** The sub-expressions of {@code path} in evaluation order. */
  private List<TreePath> operands(TreePath path) {
    Tree t = path.getLeaf();
    List<TreePath> kids = new ArrayList<>();
    switch (t.getKind()) {
      case METHOD_INVOCATION -> {
        MethodInvocationTree call = (MethodInvocationTree) t;
        if (call.getMethodSelect() instanceof MemberSelectTree s) {
          receiver(new TreePath(new TreePath(path, s), s.getExpression()), kids);
        }
        call.getArguments().forEach(a -> kids.add(new TreePath(path, a)));
      }
      case NEW_CLASS -> {
        NewClassTree n = (NewClassTree) t;
        if (n.getEnclosingExpression() != null) {
          kids.add(new TreePath(path, n.getEnclosingExpression()));
        }
        n.getArguments().forEach(a -> kids.add(new TreePath(path, a)));
      }
      case NEW_ARRAY -> {
        NewArrayTree n = (NewArrayTree) t;
        n.getDimensions().forEach(a -> kids.add(new TreePath(path, a)));
        if (n.getInitializers() != null) {
          n.getInitializers().forEach(a -> kids.add(new TreePath(path, a)));
        }
      }
      case ARRAY_ACCESS -> {
        ArrayAccessTree a = (ArrayAccessTree) t;
        kids.add(new TreePath(path, a.getExpression()));
        kids.add(new TreePath(path, a.getIndex()));
      }
      case MEMBER_SELECT -> receiver(new TreePath(path, ((MemberSelectTree) t).getExpression()), kids);
      // await(f())::trim: the receiver is evaluated (and null-checked) where the reference
      // stands, once (JLS 15.13.3), so it is an operand like a call's receiver.
      case MEMBER_REFERENCE ->
          kids.add(new TreePath(path, ((MemberReferenceTree) t).getQualifierExpression()));
      case TYPE_CAST -> kids.add(new TreePath(path, ((TypeCastTree) t).getExpression()));
      case INSTANCE_OF -> kids.add(new TreePath(path, ((InstanceOfTree) t).getExpression()));
      case PARENTHESIZED -> kids.add(new TreePath(path, ((ParenthesizedTree) t).getExpression()));
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) t;
        lvalue(new TreePath(path, a.getVariable()), kids);
        kids.add(new TreePath(path, a.getExpression()));
      }
      case CONDITIONAL_EXPRESSION ->
          kids.add(new TreePath(path, ((ConditionalExpressionTree) t).getCondition()));
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
          lvalue(new TreePath(path, ((UnaryTree) t).getExpression()), kids);
      default -> {
        if (t instanceof UnaryTree u) {
          kids.add(new TreePath(path, u.getExpression()));
        } else if (t instanceof BinaryTree b) {
          kids.add(new TreePath(path, b.getLeftOperand()));
          kids.add(new TreePath(path, b.getRightOperand()));
        } else if (t instanceof CompoundAssignmentTree c) {
          lvalue(new TreePath(path, c.getVariable()), kids);
          kids.add(new TreePath(path, c.getExpression()));
        } else {
          throw new UnsupportedCode(
              t, "await is not supported inside a " + t.getKind().toString().toLowerCase()
                  + " expression");
        }
      }
    }
    return kids;
  }

  private void receiver(TreePath expr, List<TreePath> kids) {
    Tree t = expr.getLeaf();
    if ((t instanceof IdentifierTree id && id.getName().contentEquals("super"))
        || (t instanceof MemberSelectTree s && s.getIdentifier().contentEquals("super"))) {
      return; // super and X.super: this, or an enclosing instance, which nothing can change
    }
    if (!l.facts.isTypeName(expr)) {
      kids.add(expr);
    }
  }

  /** The parts of an assignment target evaluated before the right-hand side. */
  private void lvalue(TreePath target, List<TreePath> kids) {
    Tree t = target.getLeaf();
    if (t instanceof ParenthesizedTree p) {
      lvalue(new TreePath(target, p.getExpression()), kids);
    } else if (t instanceof ArrayAccessTree a) {
      kids.add(new TreePath(target, a.getExpression()));
      kids.add(new TreePath(target, a.getIndex()));
    } else if (t instanceof MemberSelectTree s) {
      receiver(new TreePath(target, s.getExpression()), kids);
    }
  }

  /**
   * {@code x op= e} with an await in {@code e}: the left side's value is read before {@code e}
   * runs (JLS 15.26.2), then the result is cast back to the left side's type.
   */
  private Code compound(TreePath path, CompoundAssignmentTree tree) {
    TreePath lhs = new TreePath(path, tree.getVariable());
    TreePath rhs = new TreePath(path, tree.getExpression());
    List<TreePath> kids = new ArrayList<>();
    lvalue(lhs, kids);
    Map<Tree, Code> overrides = new IdentityHashMap<>();
    for (TreePath kid : kids) {
      overrides.put(kid.getLeaf(), keep(kid, lower(kid), List.of(rhs)));
    }
    Tree target = tree.getVariable();
    while (target instanceof ParenthesizedTree p) {
      target = p.getExpression();
    }
    TypeMirror type = l.writable.denotable(l.typeOf(lhs));
    boolean string =
        type.getKind() == TypeKind.DECLARED && type.toString().equals("java.lang.String");
    // A boxed left side is unboxed before the right side runs (javac reads and unboxes it first).
    TypeMirror unboxed = string ? null : unboxedType(type);
    if (target instanceof IdentifierTree && unboxed == null && stable(lhs, List.of(rhs))) {
      overrides.put(rhs.getLeaf(), lower(rhs));
      return l.splicer.splice(path, overrides);
    }
    Code left = l.splicer.splice(lhs, overrides);
    Var old = l.temp("old", unboxed != null ? unboxed : type);
    l.emit(new Stmt.Decl(old, left));
    Code right = lower(rhs);
    Code.Builder value = Code.builder();
    if (!string) {
      value.format("($T) (", type);
    }
    value.format("$L " + Splicer.compoundOperator(tree.getKind()) + " (", old).add(right).text(")");
    if (!string) {
      value.text(")");
    }
    Code store = l.splicer.privateStore(lhs, overrides, value.build(), path);
    if (store != null) {
      return store;
    }
    Code.Builder out = Code.builder().add(left).text(" = ");
    if (!string) {
      out.format("($T) (", type);
    }
    out.format("$L " + Splicer.compoundOperator(tree.getKind()) + " (", old).add(right).text(")");
    if (!string) {
      out.text(")");
    }
    return out.build();
  }
}
