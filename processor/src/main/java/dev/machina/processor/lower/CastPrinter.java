package dev.machina.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The part of a {@link Splicer} printing that writes the casts values need where the generated
 * class keeps them as {@code Object} or raw: a value of a private nested type used as one of its
 * supertypes, a type naming one as a type argument widened to its context's, the result of a
 * generic call the printing made raw.
 */
final class CastPrinter {
  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;
  private final CalledType calledType;

  CastPrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
    this.calledType = new CalledType(l.trees, l.types);
  }

  /**
   * Prints {@code p} ({@code value} instead, where the lowering wrote it) with the casts a value
   * of a private nested type needs: to the supertype its context uses it as ({@link
   * #privateValueCast}), from the written type of one naming such a type as a type argument to
   * its context's ({@link #privateGenericWidening}), and of the result of a generic call made
   * raw ({@link #rawCall}).
   */
  void castsAround(TreePath p, Code.Builder out, Code value) {
    boolean anyExpression = value == null && p != w.root && takesAnyExpression(p);
    if (anyExpression || value == null && p != w.root && isOperand(p)) {
      // printed apart so that a cast the printing wrote loses its outer parentheses here
      Code.Builder own = Code.builder();
      boolean generated = castsWithin(p, own, null);
      Code printed = own.build();
      // the user's own parentheses stay, as written
      out.add(!generated ? printed : anyExpression ? printed.bareCast() : printed.bareCastOperand());
      return;
    }
    castsWithin(p, out, value);
  }

  /**
   * Whether {@code p} is the operand of an operator that a cast binds tighter than: a binary or
   * unary operator (not {@code ++} or {@code --}), a compound assignment's right side, a
   * conditional, an {@code instanceof} test, another cast.
   */
  private static boolean isOperand(TreePath p) {
    Tree t = p.getLeaf();
    Tree parent = p.getParentPath().getLeaf();
    return switch (parent.getKind()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> false;
      case CONDITIONAL_EXPRESSION, TYPE_CAST -> true;
      case INSTANCE_OF -> ((com.sun.source.tree.InstanceOfTree) parent).getExpression() == t;
      default -> parent instanceof com.sun.source.tree.BinaryTree
          || parent instanceof com.sun.source.tree.UnaryTree
          || parent instanceof com.sun.source.tree.CompoundAssignmentTree c && c.getExpression() == t;
    };
  }

  /**
   * Whether the place of {@code p} in its parent takes any expression, so that a cast there
   * needs no parentheses: an argument, an initializer, the right side of a plain assignment, a
   * returned or yielded value, an array index or element, the inside of parentheses, a lambda's
   * expression body.
   */
  private static boolean takesAnyExpression(TreePath p) {
    Tree t = p.getLeaf();
    Tree parent = p.getParentPath().getLeaf();
    return switch (parent.getKind()) {
      case METHOD_INVOCATION -> ((MethodInvocationTree) parent).getArguments().contains(t);
      case NEW_CLASS -> ((NewClassTree) parent).getArguments().contains(t);
      case VARIABLE -> ((com.sun.source.tree.VariableTree) parent).getInitializer() == t;
      case ASSIGNMENT -> ((AssignmentTree) parent).getExpression() == t;
      case LAMBDA_EXPRESSION -> ((LambdaExpressionTree) parent).getBody() == t;
      case ARRAY_ACCESS -> ((com.sun.source.tree.ArrayAccessTree) parent).getIndex() == t;
      case NEW_ARRAY -> true; // its dimensions and elements
      case RETURN, YIELD, PARENTHESIZED -> true;
      default -> false;
    };
  }

  /** {@link #castsAround}, in place; whether any of what it prints is not the user's text. */
  private boolean castsWithin(TreePath p, Code.Builder out, Code value) {
    Code lowered = w.overrides.get(p.getLeaf());
    if (value == null && lowered != null && splicer.castByLowering.contains(lowered)) {
      out.add(lowered);
      return true;
    }
    // one attribution lookup for every check: this runs for each expression the body prints
    TypeMirror type = p.getLeaf() instanceof ExpressionTree ? l.trees.getTypeMirror(p) : null;
    TypeMirror cast = privateValueCast(p, type);
    // a switch over a private enum switches on the ordinal, in the parentheses a switch needs
    boolean ordinal = cast != null && w.patterns.privateEnumSelector(p);
    if (cast != null) {
      out.text(ordinal ? "(((" : "((").type(cast).text(") ");
    }
    TypeMirror widening = cast == null ? privateGenericWidening(p, type) : null;
    if (widening != null) {
      out.text("((").type(widening).text(") ").add(rawFirst(widening, p));
    }
    TypeMirror rawResult =
        value == null && p.getLeaf() instanceof MethodInvocationTree ? rawCallResult(p)
            : null;
    if (rawResult != null) {
      out.text("((").type(rawResult).text(") ").add(rawFirst(rawResult, p));
    }
    Tree t = p.getLeaf();
    // a cast binds tighter than the operators of c ? a : b, a + b, x = v, x -> ..
    boolean operand = (cast != null || widening != null) && !w.primary(t);
    if (operand) {
      out.text("(");
    }
    Code o = value != null ? value : w.overrides.get(t);
    boolean copied = false;
    if (o != null) {
      out.add(o);
    } else if (!w.rewrite(p, out)) {
      w.copy(p, out);
      copied = true;
    }
    if (operand) {
      out.text(")");
    }
    if (rawResult != null) {
      out.text(")");
    }
    if (widening != null) {
      out.text(")");
    }
    if (cast != null) {
      out.text(ordinal ? ").ordinal())" : ")");
    }
    return !copied || cast != null || widening != null || rawResult != null;
  }

  /**
   * {@code (Raw) }, the cast to the erasure of {@code p}'s type that a cast to {@code to} goes
   * through (between two parameterizations of a class no cast goes directly); nothing where
   * {@code to} is written raw itself, which any parameterization casts to.
   */
  Code rawFirst(TypeMirror to, TreePath p) {
    TypeMirror raw = l.types.erasure(l.typeOf(p));
    TypeMirror written = l.hidden.written(l.types, l.env.getElementUtils(), to);
    if (l.types.isSameType(written, l.types.erasure(written))) {
      return Code.builder().build();
    }
    return Code.builder().text("(").type(raw).text(") ").build();
  }

  /**
   * The type a value whose type names a private nested type as a type argument must be cast to
   * where it goes: the generated class writes {@code List<Gift>} as {@code List<Object>}, which
   * is no {@code Iterable<? extends Base>}, so such a value goes through its raw type, {@code
   * ((Iterable<? extends Base>) (List) gifts)}; an argument of a generic call made raw
   * ({@link #rawCall}), to the erasure of its parameter's declared type. {@code null} where the
   * written type converts as it is.
   */
  TypeMirror privateGenericWidening(TreePath p, TypeMirror type) {
    Tree t = p.getLeaf();
    if (type != null && !l.hidden.mentions(type) && !l.facts.isTypeName(p)) {
      return hiddenParameterWidening(p, type);
    }
    if (type == null || !l.hidden.mentions(type) || l.hidden.of(type) != null
        || l.facts.isTypeName(p)) {
      return null;
    }
    TreePath up = p.getParentPath();
    if (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      return null; // the outermost parentheses take the cast
    }
    while (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      up = up.getParentPath();
    }
    Tree parent = up.getLeaf();
    if ((parent instanceof MethodInvocationTree || parent instanceof NewClassTree) && rawCall(up)
        && argumentIndex(up, t) >= 0) {
      return rawParameter(up, (ExecutableElement) l.trees.getElement(up), argumentIndex(up, t));
    }
    TypeMirror target =
        switch (parent.getKind()) {
          case VARIABLE -> ((com.sun.source.tree.VariableTree) parent).getInitializer() == t
              ? ((VariableElement) l.trees.getElement(up)).asType()
              : null;
          case ASSIGNMENT -> ((AssignmentTree) parent).getExpression() == t
                  && !assignedViaHandle(new TreePath(up, ((AssignmentTree) parent).getVariable()))
              ? l.trees.getTypeMirror(new TreePath(up, ((AssignmentTree) parent).getVariable()))
              : null;
          case METHOD_INVOCATION, NEW_CLASS -> {
            Element callee = l.trees.getElement(up);
            if (!(callee instanceof ExecutableElement m) || w.members.viaHandle(m) || w.members.isAsync(m)) {
              yield null;
            }
            int i = argumentIndex(up, t);
            if (i < 0) {
              yield null;
            }
            yield instantiatedParameter(up, m, i);
          }
          case RETURN, LAMBDA_EXPRESSION -> returnTarget(up);
          case CONDITIONAL_EXPRESSION -> ((ConditionalExpressionTree) parent).getCondition() == t
              ? null
              : l.trees.getTypeMirror(up);
          default -> null;
        };
    if (target == null || (target.getKind() != TypeKind.DECLARED && target.getKind() != TypeKind.ARRAY)) {
      return null;
    }
    var elements = l.env.getElementUtils();
    if (l.types.isAssignable(
        l.hidden.written(l.types, elements, type), l.hidden.written(l.types, elements, target))) {
      return null;
    }
    return l.writable.denotable(target);
  }

  /**
   * The raw type an argument {@code p} (of a type naming no private nested type) is cast to where
   * the parameter it goes to names one that the receiver's type gave it: a {@code Sink<Base>}
   * given to {@code onDone(Sink<? super T>)} of a {@code Box<Impl>}, which the generated class
   * writes {@code Box<Object>}, where that parameter is a {@code Sink<? super Object>} no {@code
   * Sink<Base>} converts to; raw, it goes by unchecked conversion, as the private type's
   * {@code Object} does elsewhere (vertx-core's {@code resolved.endpoint.onComplete(promise)} of a
   * {@code Future<EndpointImpl>}, F180). {@code null} where the argument converts as it is.
   */
  private TypeMirror hiddenParameterWidening(TreePath p, TypeMirror type) {
    TreePath up = p.getParentPath();
    if (!(up.getLeaf() instanceof MethodInvocationTree mi) || !mi.getArguments().contains(p.getLeaf())
        || !(l.trees.getElement(up) instanceof ExecutableElement m)
        || m.getModifiers().contains(Modifier.STATIC) || w.members.viaHandle(m) || w.members.isAsync(m)
        || w.members.declaredLocally(m)) {
      return null;
    }
    int i = argumentIndex(up, p.getLeaf());
    TypeMirror target = i < 0 ? null : instantiatedParameter(up, m, i);
    if (target == null || target.getKind() != TypeKind.DECLARED || !l.hidden.mentions(target)
        || l.hidden.of(target) != null) {
      return null;
    }
    var elements = l.env.getElementUtils();
    if (l.types.isAssignable(
        l.hidden.written(l.types, elements, type), l.hidden.written(l.types, elements, target))) {
      return null;
    }
    return l.types.erasure(target);
  }

  /** The index of {@code arg} among the arguments of the call or instance creation {@code call}. */
  int argumentIndex(TreePath call, Tree arg) {
    List<? extends ExpressionTree> args =
        call.getLeaf() instanceof MethodInvocationTree m ? m.getArguments()
            : ((NewClassTree) call.getLeaf()).getArguments();
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k) == arg) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The type of the parameter the {@code i}th argument of {@code call} (of {@code m}) goes to,
   * as the call instantiated it: a varargs method's component where the call is of variable
   * arity.
   */
  TypeMirror instantiatedParameter(TreePath call, ExecutableElement m, int i) {
    List<? extends TypeMirror> params = null;
    if (call.getLeaf() instanceof MethodInvocationTree mi) {
      CalledType.Called called = calledType.of(call, mi, m);
      params = called == null ? null : called.parameters();
    } else if (call.getLeaf() instanceof NewClassTree
        && l.trees.getTypeMirror(call) instanceof DeclaredType created
        && !created.getTypeArguments().isEmpty()) {
      params = ((ExecutableType) l.types.asMemberOf(created, m)).getParameterTypes();
    }
    if (params == null) {
      params = ((ExecutableType) m.asType()).getParameterTypes();
    }
    int n = params.size();
    if (n == 0) {
      return null;
    }
    TypeMirror target = params.get(Math.min(i, n - 1));
    List<? extends ExpressionTree> args =
        call.getLeaf() instanceof MethodInvocationTree mi ? mi.getArguments()
            : ((NewClassTree) call.getLeaf()).getArguments();
    if (m.isVarArgs() && i >= n - 1 && target instanceof ArrayType a
        && !(args.size() == n && l.types.isAssignable(l.trees.getTypeMirror(new TreePath(call, args.get(i))), a))) {
      target = a.getComponentType();
    }
    return target;
  }

  /**
   * The erasure of the declared type of the parameter the {@code i}th argument of {@code call}
   * (a call made raw, {@link #rawCall}) goes to: a varargs method's component where the call is
   * of variable arity.
   */
  TypeMirror rawParameter(TreePath call, ExecutableElement m, int i) {
    List<? extends VariableElement> params = m.getParameters();
    List<? extends ExpressionTree> args =
        call.getLeaf() instanceof MethodInvocationTree mi ? mi.getArguments()
            : ((NewClassTree) call.getLeaf()).getArguments();
    TypeMirror declared = l.types.erasure(params.get(Math.min(i, params.size() - 1)).asType());
    if (m.isVarArgs() && i >= params.size() - 1 && declared instanceof ArrayType a
        && !(args.size() == params.size()
            && l.types.isAssignable(l.types.erasure(l.trees.getTypeMirror(new TreePath(call, args.get(i)))), a))) {
      return a.getComponentType();
    }
    return declared;
  }

  /**
   * Whether the generic call at {@code call} is made raw in the generated class: one whose
   * method has a type parameter bounded by more than {@code Object} and whose signature as the
   * call instantiated it names a private nested type ({@code Collections.sort(items)} of a
   * private {@code Item implements Comparable<Item>}, {@code EnumSet.of(mode)}). Written with
   * {@code Object} for that type, javac would infer the type parameter as {@code Object},
   * outside its bound; with each such argument cast to its parameter's erasure it infers
   * nothing from them, and the result, erased, is cast back ({@link #rawCallResult}).
   */
  boolean rawCall(TreePath call) {
    if (!(l.trees.getElement(call) instanceof ExecutableElement m)) {
      return false;
    }
    if (call.getLeaf() instanceof NewClassTree n) {
      // new EnumMap<>(Mode.class): the class's type parameters bounded
      return n.getClassBody() == null
          && l.trees.getTypeMirror(call) instanceof DeclaredType created
          && l.hidden.writtenRaw(created)
          && !w.members.viaHandle(m) && !w.members.declaredLocally(m);
    }
    if (!(call.getLeaf() instanceof MethodInvocationTree mi)
        || m.getTypeParameters().stream().noneMatch(HiddenTypes::bounded)
        || w.members.viaHandle(m) || w.members.isAsync(m) || w.members.declaredLocally(m)) {
      return false;
    }
    CalledType.Called called = calledType.of(call, mi, m);
    if (called == null) {
      return false;
    }
    if (l.hidden.mentions(called.result())) {
      return true;
    }
    for (TypeMirror param : called.parameters()) {
      if (l.hidden.mentions(param)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The written type the result of a call made raw ({@link #rawCall}) is cast back to (from its
   * erasure), where the value is used and its type has type arguments; else {@code null}.
   */
  TypeMirror rawCallResult(TreePath p) {
    if (!rawCall(p)) {
      return null;
    }
    if (!(p.getLeaf() instanceof MethodInvocationTree mi)) {
      return null; // a constructor's: a raw type, which the written type of the value is too
    }
    if (!mi.getTypeArguments().isEmpty()) {
      throw new UnsupportedCode(
          mi, "the generated class writes the types among these type arguments that it cannot name"
              + " (private, or protected of another package) as Object, outside the bounds of the method's type parameters: leave the type"
              + " arguments out");
    }
    TypeMirror type = l.trees.getTypeMirror(p);
    Tree.Kind parent = p.getParentPath().getLeaf().getKind();
    if (type == null || type.getKind() != TypeKind.DECLARED || l.hidden.of(type) != null
        || parent == Tree.Kind.EXPRESSION_STATEMENT || w.members.voidLambdaBody(p)
        || l.types.isSameType(type, l.types.erasure(type))) {
      return null;
    }
    TypeMirror written = l.hidden.written(l.types, l.env.getElementUtils(), type);
    if (l.types.isSameType(written, l.types.erasure(written))) {
      return null; // written raw (EnumSet), as the unchecked call's result is
    }
    return l.writable.denotable(type);
  }

  /**
   * The cast a value of a private nested type at {@code p} needs where it is used as one of its
   * supertypes: the generated class keeps such values as {@code Object} (arrays of them as
   * {@code Object[]}), so a call of a method that type inherits ({@code p.hashCode()}), an
   * argument of a parameter typed with the supertype, or a variable of it needs the cast that
   * Java's widening did not. {@code null} where the value goes as it is (to a handle, to
   * another variable of the type, to {@code ==} or string concatenation); an error where the
   * generated class could not write the use at all.
   */
  TypeMirror privateValueCast(TreePath p, TypeMirror type) {
    Tree t = p.getLeaf();
    TypeElement te = type == null ? null : l.hidden.of(type);
    if (te == null || l.facts.isTypeName(p)) {
      return null;
    }
    TreePath up = p.getParentPath();
    TreePath use = p;
    while (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      use = up;
      up = up.getParentPath();
    }
    if (use != p) {
      return null; // the outermost parentheses take the cast
    }
    Tree parent = up.getLeaf();
    String what = "a value of " + l.hidden.describe(te);
    String fix = ": make " + te.getSimpleName() + " " + l.hidden.fix(te);
    switch (parent.getKind()) {
      case EXPRESSION_STATEMENT, TYPE_CAST, INSTANCE_OF, EQUAL_TO, NOT_EQUAL_TO, PLUS,
          PLUS_ASSIGNMENT, SYNCHRONIZED, ARRAY_ACCESS, ASSIGNMENT:
        if (parent instanceof AssignmentTree a && a.getExpression() == t) {
          return castTarget(l.trees.getTypeMirror(new TreePath(up, a.getVariable())));
        }
        return null;
      case TRY:
        if (p.getLeaf() == w.root.getLeaf()) {
          return null; // a resource TryLowering stores in a variable of its own, closed as AutoCloseable
        }
        throw new UnsupportedCode(
            parent, "the generated class cannot use " + what + " as the resource of a try"
                + " statement it copies (in a lambda, a class body or a synchronized block)" + fix);
      case ENHANCED_FOR_LOOP:
        // an array is an Object[] as it is; an Iterable is iterated as the Iterable it is
        return type.getKind() == TypeKind.ARRAY
            ? null
            : supertypeDeclaring((DeclaredType) type, l.env.getElementUtils().getTypeElement("java.lang.Iterable"));
      case THROW:
        // thrown as its nearest superclass the generated class can name, which javac's checks
        // of what the body throws allow wherever they allowed the private type
        return nameableSuperclass(te);
      case MEMBER_SELECT:
      case MEMBER_REFERENCE: {
        Element member = l.trees.getElement(up);
        if (type.getKind() == TypeKind.ARRAY || member == null || w.members.viaHandle(member)
            || member.getModifiers().contains(Modifier.STATIC)) {
          return null;
        }
        return supertypeDeclaring((DeclaredType) type, (TypeElement) member.getEnclosingElement());
      }
      case METHOD_INVOCATION, NEW_CLASS:
        return argumentCast(up, t, type, what, fix);
      case VARIABLE:
        return castTarget(((VariableElement) l.trees.getElement(up)).asType());
      case CONDITIONAL_EXPRESSION:
        return ((ConditionalExpressionTree) parent).getCondition() == t
            ? null
            : castTarget(l.trees.getTypeMirror(up));
      case RETURN, LAMBDA_EXPRESSION:
        return castTarget(returnTarget(up));
      case YIELD:
        for (TreePath x = up; x != null; x = x.getParentPath()) {
          if (x.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
            return castTarget(l.trees.getTypeMirror(x));
          }
        }
        return null;
      case NEW_ARRAY: {
        TypeMirror array = l.trees.getTypeMirror(up);
        return array instanceof ArrayType a ? castTarget(a.getComponentType()) : null;
      }
      case SWITCH, SWITCH_EXPRESSION:
        if (w.patterns.privateEnumSelector(p)) {
          // switch on the ordinal: the case labels are the constants' ordinals (privateEnumLabel)
          return l.types.erasure(l.env.getElementUtils().getTypeElement("java.lang.Enum").asType());
        }
        if (w.patterns.patternSelector(p)) {
          return null; // switched over as the Object it is, by patterns (privateCaseLabel)
        }
        throw new UnsupportedCode(
            parent, "the generated class cannot switch over " + what + " with these labels"
                + fix);
      case CASE:
        return null; // a constant label, written as its ordinal (privateEnumLabel)
      default:
        if (parent.getKind().name().equals("CONSTANT_CASE_LABEL")) {
          return null; // javac 21+'s tree around a constant label
        }
        throw new UnsupportedCode(
            parent, "the generated class keeps " + what + " as an Object, which it cannot use"
                + " here" + fix);
    }
  }

  /**
   * The cast of a private-typed argument {@code arg} of the call or instance creation at {@code
   * call}: to the parameter's type as the call instantiated it, unless the method is reached
   * through a handle (whose parameters are erased) or the type is the private type itself.
   */
  TypeMirror argumentCast(TreePath call, Tree arg, TypeMirror type, String what, String fix) {
    int i = argumentIndex(call, arg);
    if (i < 0) {
      throw new UnsupportedCode(
          call.getLeaf(), "the generated class cannot create an inner instance of " + what
              + fix);
    }
    if (!(l.trees.getElement(call) instanceof ExecutableElement m) || w.members.viaHandle(m) || w.members.isAsync(m)) {
      return null;
    }
    if (rawCall(call)) {
      return castTarget(rawParameter(call, m, i));
    }
    TypeMirror target = instantiatedParameter(call, m, i);
    TypeMirror cast = castTarget(target);
    if (cast != null && cast != target && target.getKind() == TypeKind.DECLARED
        && type instanceof DeclaredType valueType) {
      // a parameter typed with captures, Listener<? super CAP#1> of a Setter<? extends Sink>'s
      // set: written with wildcards, Listener<?>, it takes no value; the private type's own
      // supertype of that class, Listener<Sink>, is what javac found it a subtype by
      // (undertow-core's DetachableStreamSinkChannel, getWriteSetter().set(new
      // SetterDelegatingListener(..)), F183)
      TypeMirror sup =
          supertypeDeclaring(valueType, (TypeElement) ((DeclaredType) target).asElement());
      if (!l.hidden.mentions(sup) && !WritableTypes.namesCapture(sup)) {
        return sup;
      }
    }
    return cast;
  }

  /** {@code target} if a value kept as {@code Object} needs a cast to be one; else {@code null}. */
  TypeMirror castTarget(TypeMirror target) {
    if (target == null || target.getKind() != TypeKind.DECLARED && target.getKind() != TypeKind.ARRAY
        && target.getKind() != TypeKind.TYPEVAR && target.getKind() != TypeKind.INTERSECTION) {
      return null;
    }
    TypeMirror lower = WritableTypes.isCapture(target)
        ? ((javax.lang.model.type.TypeVariable) target).getLowerBound()
        : null;
    if (lower != null && (lower.getKind() == TypeKind.DECLARED || lower.getKind() == TypeKind.ARRAY)) {
      // the capture of ? super Provider<T> (a Consumer<? super Provider<T>>'s accept): its lower
      // bound takes the value, where its upper bound, Object, would not (jetty-util, F161)
      return castTarget(lower);
    }
    if (l.hidden.of(target) != null || l.types.isSameType(target, l.writable.objectType())) {
      return null;
    }
    TypeMirror objects = l.writable.objectType();
    for (TypeMirror x = target; x instanceof ArrayType a; x = a.getComponentType()) {
      objects = l.types.getArrayType(objects);
    }
    if (l.types.isSameType(target, objects)) {
      return null; // an array of a private type is an Object[] as written already
    }
    return l.writable.denotable(target);
  }

  /** What a {@code return} at {@code ret} (or a lambda's expression body) returns to. */
  TypeMirror returnTarget(TreePath ret) {
    for (TreePath x = ret; x != null; x = x.getParentPath()) {
      if (x.getLeaf() instanceof LambdaExpressionTree) {
        ExecutableType fn = w.members.functionType(l.trees.getTypeMirror(x));
        return fn == null ? null : fn.getReturnType();
      }
      if (x.getLeaf() instanceof com.sun.source.tree.MethodTree
          && l.trees.getElement(x) instanceof ExecutableElement m) {
        return m.getReturnType();
      }
    }
    return null;
  }

  /** The nearest superclass of the private nested type {@code te} that is not private itself. */
  TypeMirror nameableSuperclass(TypeElement te) {
    TypeMirror sup = te.getSuperclass();
    while (l.types.asElement(sup) instanceof TypeElement s && l.hidden.isHidden(s)) {
      sup = s.getSuperclass();
    }
    return l.types.erasure(sup);
  }

  /**
   * The supertype of {@code type} (a private nested type) whose class is {@code declaring}, as
   * {@code type} extends it ({@code Comparable<P>} for {@code compareTo}): the cast that lets the
   * generated class call a member {@code type} inherits.
   */
  TypeMirror supertypeDeclaring(DeclaredType type, TypeElement declaring) {
    // captured first: javac's supertypes of Arr<?> substitute the wildcard itself into them,
    // ArrayList<Comparable<? super ?>>, which no source can write (vertx's FutureImpl, F179)
    Deque<TypeMirror> todo = new ArrayDeque<>(List.of(l.types.capture(type)));
    while (!todo.isEmpty()) {
      TypeMirror x = todo.poll();
      if (l.types.asElement(x) instanceof TypeElement xe && xe.equals(declaring)) {
        // Enum<P> cannot be Enum<Object>: a supertype naming the private type is cast to raw
        return l.hidden.mentions(x) ? l.types.erasure(x) : l.writable.denotable(x);
      }
      todo.addAll(l.types.directSupertypes(x));
    }
    return l.types.erasure(declaring.asType());
  }

  /**
   * {@code (P) e} for a private nested type {@code P} (or an array of it): {@code
   * P_CLASS.cast(e)}, which checks the class as the cast would; the value stays an {@code
   * Object} (an {@code Object[]}).
   */
  boolean privateCast(TreePath p, TypeCastTree t, Code.Builder out) {
    TypeMirror type = l.trees.getTypeMirror(new TreePath(p, t.getType()));
    TypeElement te = type == null ? null : l.hidden.of(type);
    if (te == null) {
      return false;
    }
    boolean array = type.getKind() == TypeKind.ARRAY;
    out.text("(");
    if (array) {
      out.text("(").type(type).text(") ");
    }
    out.add(w.patterns.classObject(type)).text(".cast(");
    w.emit(new TreePath(p, t.getExpression()), out);
    out.text(array ? ")))" : "))");
    return true;
  }

  /** Whether the variable an assignment stores to is a field reached through a handle (not an array element). */
  private boolean assignedViaHandle(TreePath variable) {
    Element e = l.trees.getElement(variable);
    return e != null && w.members.viaHandle(e);
  }
}
