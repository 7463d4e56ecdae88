package dev.machina.processor.lower;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import dev.machina.processor.parse.AsyncMethod;
import dev.machina.processor.parse.MethodParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The part of a {@link Splicer} printing that writes how names, member reads and writes, calls and
 * method references reach what they name from the generated class: locals kept in the
 * machine's fields, the receiver as {@code self}, private members through handles, {@code @Async}
 * methods through their factories, outer instances and super calls through handles of their own.
 */
final class MemberPrinter {
  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;

  /** The final copies of variables used as resources of copied try statements (F158). */
  private final Map<Tree, String> resourceNames = new IdentityHashMap<>();
  /** The try statements {@link #tryResources} is printing. */
  private final Set<Tree> resourceTries = Collections.newSetFromMap(new IdentityHashMap<>());

  MemberPrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
  }

  /**
   * A name: a variable the machine keeps in a field or renamed, {@code this} as {@code self}, a
   * member through {@code self.} or its handle, a constant, a private enum label; a try's
   * resource copied to a final local first ({@link #tryResources}).
   */
  boolean identifier(TreePath p, IdentifierTree t, Code.Builder out) {
    String resource = resourceNames.get(t);
    if (resource != null) {
      out.text(resource);
      return true;
    }
    return identifierValue(p, t, out);
  }

  /**
   * A try statement copied whole whose resource is a variable the machine keeps in a field (or
   * renames): {@code try (..)} takes only an effectively final variable, so it gets a final
   * local copy first, {@code { final var r = out; try (r) { .. } }} (spring-core's
   * FileCopyUtils.copy, F158). The variable is effectively final in the body, so the copy and
   * the field hold the same resource; the body still reads the field.
   */
  boolean tryResources(TreePath p, TryTree t, Code.Builder out) {
    if (!resourceTries.add(t)) {
      return false;
    }
    try {
      Code.Builder decls = Code.builder();
      boolean any = false;
      for (Tree r : t.getResources()) {
        if (!(r instanceof IdentifierTree id)) {
          continue;
        }
        Code.Builder value = Code.builder();
        if (!identifierValue(new TreePath(p, r), id, value)) {
          continue;
        }
        String name = l.fresh(id.getName() + "Resource");
        resourceNames.put(r, name);
        decls.text("final var " + name + " = ").add(value.build()).text("; ");
        any = true;
      }
      if (!any) {
        return false;
      }
      out.text("{ ").add(decls.build());
      w.emit(p, out);
      out.text(" }");
      return true;
    } finally {
      resourceTries.remove(t);
    }
  }

  private boolean identifierValue(TreePath p, IdentifierTree t, Code.Builder out) {
    String name = t.getName().toString();
    if (name.equals("this")) {
      if (!w.classes.isEmpty()) {
        return false;
      }
      out.text(l.names.self());
      return true;
    }
    if (name.equals("super")) {
      if (!w.classes.isEmpty()) {
        return false;
      }
      return superQualifier(p, superTarget(p), out);
    }
    Element e = l.trees.getElement(p);
    if (e == null) {
      return false;
    }
    if (w.renames.containsKey(e)) {
      out.text(w.renames.get(e));
      return true;
    }
    if (w.patterns.bindingValues.containsKey(e)) {
      out.add(w.patterns.bindingValues.get(e));
      return true;
    }
    if (w.opaque() && w.patterns.bindingLocals.containsKey(e)) {
      // a lambda or class body capturing a binding stored by a test of this printing: the
      // capture copy of the variable is taken before the statement, before the test assigns
      // it (F135); the pattern's own variable is in scope wherever the binding is here, and
      // holds the same value (a captured binding is effectively final)
      out.text(w.patterns.bindingLocals.get(e));
      return true;
    }
    Code constant = constantOf(e, true);
    if (constant != null) {
      out.add(constant);
      return true;
    }
    Var v = l.varsByElement.get(e);
    if (v != null) {
      if (w.hoisted) {
        v.pin();
        if (w.inConstructorCall(p)) {
          out.name(v);
        } else {
          w.snapshot.add(v);
          out.name(new Snapshot.Read(w.snapshot, v));
        }
      } else {
        out.name(w.opaque() ? new Captured(v) : v);
      }
      return true;
    }
    ElementKind k = e.getKind();
    if (w.patterns.privateEnumLabel(p, e, out)) {
      return true;
    }
    if (k == ElementKind.FIELD || k == ElementKind.ENUM_CONSTANT) {
      // An enum constant as a case label stays as written (a constant field there is qualified
      // like anywhere else, F55); an arrow's body is an expression. javac 21+ wraps a constant
      // label in a tree of its own (F46).
      Tree parent = p.getParentPath().getLeaf();
      if ((k == ElementKind.ENUM_CONSTANT
              && ((parent instanceof CaseTree c && c.getExpressions().contains(t))
                  || parent.getKind().name().equals("CONSTANT_CASE_LABEL")))
          || declaredLocally(e)) {
        return false;
      }
      if (viaHandle(e)) {
        out.add(readField(e, null, p));
        return true;
      }
      if (e.getModifiers().contains(Modifier.STATIC)) {
        out.type(e.getEnclosingElement()).text("." + name);
      } else {
        out.add(nameableInstance(t, e)).text("." + name);
      }
      return true;
    }
    if (k == ElementKind.METHOD) {
      if (declaredLocally(e)) {
        return false;
      }
      if (e.getModifiers().contains(Modifier.STATIC)) {
        out.type(e.getEnclosingElement()).text("." + name);
      } else {
        out.add(nameableInstance(t, e)).text("." + name);
      }
      return true;
    }
    if (e instanceof TypeElement te) {
      if (isLocalType(te)) {
        return false;
      }
      if (l.hidden.isHidden(te)) {
        return w.typeNames.privateTypeName(p, te, out);
      }
      List<? extends AnnotationTree> annotations = w.typeNames.typeAnnotationsOf(p);
      if (annotations.isEmpty()) {
        out.type(te);
        return true;
      }
      // Outer.@A Inner, pkg.@A Top: the generated class may qualify the name, before which javac
      // refuses a TYPE_USE annotation ("scoping construct cannot be annotated", F131)
      if (te.getEnclosingElement() instanceof TypeElement outer) {
        out.type(outer).text(".");
      } else {
        out.text(l.env.getElementUtils().getPackageOf(te).getQualifiedName() + ".");
      }
      for (AnnotationTree a : annotations) {
        w.copy(new TreePath(w.typeNames.annotationParent(p), a), out);
        out.text(" ");
      }
      out.text(name);
      return true;
    }
    return false;
  }

  boolean isLocalType(TypeElement te) {
    for (Element x = te; x != null; x = x.getEnclosingElement()) {
      if (x instanceof TypeElement xt
          && (xt.getNestingKind() == NestingKind.LOCAL
              || xt.getNestingKind() == NestingKind.ANONYMOUS)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} is a member of a class declared in the body (or inherited by one). */
  boolean declaredLocally(Element e) {
    Element owner = e.getEnclosingElement();
    if (owner instanceof TypeElement te && isLocalType(te)) {
      return true;
    }
    for (TypeElement c : w.classes) {
      if (c != null && l.env.getElementUtils().getAllMembers(c).contains(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The instance an unqualified use of {@code member} refers to: {@code self}, or for members of
   * an enclosing class of an inner class, its enclosing instance read from javac's
   * {@code this$N} field through a handle.
   */
  Code instance(Tree at, Element member) {
    TypeMirror self = l.method.receiverType();
    if (self == null) {
      throw new UnsupportedCode(at, "instance member " + member + " used in a static method");
    }
    Element owner = member.getEnclosingElement();
    if (member instanceof TypeElement) {
      owner = owner instanceof TypeElement ? owner : null;
    }
    return outerInstance(at, owner);
  }

  /**
   * {@link #instance} as the receiver of {@code member} written by name, which the generated
   * class reaches without a handle: cast to the member's class where the instance is of a hidden
   * class (kept as an {@code Object}) that inherits it, {@code ((TokenStream) self).clearAttributes()}.
   */
  private Code nameableInstance(Tree at, Element member) {
    Code instance = instance(at, member);
    TypeMirror receiver = l.method.receiverType();
    if (!(member.getEnclosingElement() instanceof TypeElement declaring)
        || !(l.types.asElement(receiver) instanceof TypeElement cls)
        || !l.hidden.isHidden(cls)
        || l.hidden.isHidden(declaring)
        || !l.types.isSubtype(l.types.erasure(cls.asType()), l.types.erasure(declaring.asType()))) {
      return instance; // an enclosing instance, read through a handle already cast to its class
    }
    TypeMirror as = l.types.erasure(declaring.asType());
    for (TypeMirror x = receiver; x != null; ) {
      if (x instanceof DeclaredType d && d.asElement().equals(declaring)) {
        as = d; // with the type arguments cls gives it: Base<String>, not raw Base
        break;
      }
      TypeMirror next = null;
      for (TypeMirror s : l.types.directSupertypes(x)) {
        if (l.types.isSubtype(l.types.erasure(s), l.types.erasure(declaring.asType()))) {
          next = s;
          break;
        }
      }
      x = next;
    }
    return Code.builder().text("((").type(as).text(") ").add(instance).text(")").build();
  }

  /** {@code self}, or the enclosing instance of {@code self} that is a {@code target}. */
  Code outerInstance(Tree at, Element target) {
    Code code = Code.text(l.names.self());
    TypeElement cls = l.method.owner();
    TypeMirror clsType = l.method.receiverType();
    while (true) {
      if (target == null
          || l.types.isSubtype(l.types.erasure(cls.asType()), l.types.erasure(target.asType()))) {
        return code;
      }
      if (cls.getModifiers().contains(Modifier.STATIC)
          || cls.getNestingKind() != NestingKind.MEMBER
          || cls.getKind() != ElementKind.CLASS
          || !(cls.getEnclosingElement() instanceof TypeElement outer)) {
        throw new UnsupportedCode(
            at, "cannot reach the instance of " + target.getSimpleName() + " from the @Async body:"
                + " pass what it needs as a parameter");
      }
      Handle h = splicer.handles.outerHandle(cls, outer);
      // Outer<T>.Inner<U>: the enclosing instance is an Outer<T>, not a raw Outer (whose
      // members would lose their type arguments).
      TypeMirror outerType =
          clsType instanceof DeclaredType d && d.getEnclosingType().getKind() == TypeKind.DECLARED
              ? d.getEnclosingType()
              : l.types.erasure(outer.asType());
      code =
          Code.builder().text("((").type(outerType).text(") ").name(h)
              .text(".get(").add(code).text("))").build();
      cls = outer;
      clsType = outerType;
    }
  }

  /**
   * {@code super} or {@code Outer.super} as the qualifier of a member of a superclass: the
   * superclass's name for a static member, {@code ((Super) self)} (or the enclosing instance
   * cast) for a field (fields are not overridden, so the cast picks the one {@code super.x}
   * names) and for a private method of a nest mate (not overridden either); {@code super.m(..)}
   * of other methods goes through a handle instead ({@link #invocation}).
   */
  boolean superQualifier(TreePath p, Splicer.SuperTarget sup, Code.Builder out) {
    Tree t = p.getLeaf();
    TreePath select = p.getParentPath();
    Element member = select.getLeaf() instanceof MemberSelectTree ? l.trees.getElement(select) : null;
    if (member == null || member.getKind() == ElementKind.CONSTRUCTOR) {
      throw new UnsupportedCode(t, "super is not supported here in @Async bodies");
    }
    TypeMirror superclass = l.types.erasure(sup.owner().getSuperclass());
    TypeElement unnameable = l.writable.unnameable(superclass, 0);
    if (unnameable != null) {
      throw new UnsupportedCode(
          t, t + "." + ((MemberSelectTree) select.getLeaf()).getIdentifier() + " names the"
              + " superclass " + unnameable.getSimpleName() + ", which the generated class cannot"
              + " name: call a helper method of " + sup.owner().getSimpleName() + " instead");
    }
    if (member.getModifiers().contains(Modifier.STATIC)) {
      out.type(superclass);
    } else {
      out.text("((").type(superclass).text(") ").add(sup.receiver()).text(")");
    }
    return true;
  }

  /**
   * Where {@code super} or {@code X.super} at {@code p} leads, outside class bodies of the body:
   * for {@code super} and a class's {@code X.super}, that class's superclass with the instance
   * of that class ({@code self}, or an enclosing instance); for an interface's {@code I.super},
   * the interface with {@code self} (JLS 15.12.1: a direct superinterface of the method's class).
   */
  Splicer.SuperTarget superTarget(TreePath p) {
    TypeElement cls = l.method.owner();
    Code receiver = Code.text(l.names.self());
    if (p.getLeaf() instanceof MemberSelectTree s
        && l.trees.getElement(new TreePath(p, s.getExpression())) instanceof TypeElement x) {
      if (x.getKind().isInterface()) {
        return new Splicer.SuperTarget(cls, x, receiver);
      }
      receiver = outerInstance(s, x);
      cls = x;
    }
    return new Splicer.SuperTarget(cls, (TypeElement) l.types.asElement(cls.getSuperclass()), receiver);
  }

  /** The target of {@code super.m(..)} or {@code X.super.m(..)} at {@code p}, or {@code null}. */
  Splicer.SuperTarget superCall(TreePath p, MethodInvocationTree t) {
    if (!(t.getMethodSelect() instanceof MemberSelectTree s)) {
      return null;
    }
    ExpressionTree q = s.getExpression();
    TreePath qp = new TreePath(new TreePath(p, s), q);
    if (!w.classes.isEmpty() && !enclosingClassSuper(qp)) {
      return null;
    }
    return isSuper(q) ? superTarget(qp) : null;
  }

  /**
   * Whether {@code p} is {@code Outer.super} inside a class body of the body, {@code Outer} a
   * class of the user's that encloses the {@code @Async} method (not a class of the body): its
   * superclass's member, reached from the copied class body as from the body itself, through
   * the instance of {@code Outer} (netty's {@code FixedChannelPool.super.close()} in an
   * anonymous {@code Callable}, F181). An interface's {@code I.super} there names the class
   * body's own superinterface (JLS 15.12.1), copied as written.
   */
  boolean enclosingClassSuper(TreePath p) {
    return p.getLeaf() instanceof MemberSelectTree s
        && s.getIdentifier().contentEquals("super")
        && l.trees.getElement(new TreePath(p, s.getExpression())) instanceof TypeElement x
        && !x.getKind().isInterface()
        && !isLocalType(x);
  }

  /**
   * Whether {@code select} is {@code super.m} or {@code super.x} inside a lambda's or class's
   * body within a class body of the method: the member of that class's superclass, which the
   * class, copied with its {@code extends}, reaches as written (F113). A handle would have
   * {@code super} for its receiver, which is no expression.
   */
  boolean classBodySuper(Tree select) {
    return !w.classes.isEmpty()
        && select instanceof MemberSelectTree s
        && s.getExpression() instanceof IdentifierTree id
        && id.getName().contentEquals("super");
  }

  boolean memberSelect(TreePath p, MemberSelectTree t, Code.Builder out) {
    String id = t.getIdentifier().toString();
    TreePath exprPath = new TreePath(p, t.getExpression());
    if (id.equals("this")) {
      // Outer.this of the user's w.classes, also inside a class body of the body (F56).
      Element e = l.trees.getElement(exprPath);
      if (e instanceof TypeElement te && (w.classes.isEmpty() || !isLocalType(te))) {
        out.add(outerInstance(t, e));
        return true;
      }
      return false;
    }
    TypeMirror selected = id.equals("class") ? l.trees.getTypeMirror(exprPath) : null;
    if (selected != null && l.hidden.of(selected) != null && !(selected instanceof ArrayType)) {
      // Item.class: the class the generated class found by name
      out.text("((").type(l.trees.getTypeMirror(p)).text(") (Class) ").add(w.patterns.classObject(selected)).text(")");
      return true;
    }
    if (id.equals("super")) {
      if (!w.classes.isEmpty() && !enclosingClassSuper(p)) {
        if (l.trees.getElement(exprPath) instanceof TypeElement te
            && (isLocalType(te) || te.getKind().isInterface())) {
          return false; // L.super in the body of the local class L, I.super of its interface: copied as they are
        }
        throw new UnsupportedCode(t, "super is not supported here in @Async bodies");
      }
      Splicer.SuperTarget sup = superTarget(p);
      if (sup.superType().getKind().isInterface()) {
        throw new UnsupportedCode(t, t + " is only supported as the receiver of a method call");
      }
      return superQualifier(p, sup, out);
    }
    Element e = l.trees.getElement(p);
    if (e != null && l.facts.isTypeName(exprPath)) { // Owner.NAME; this.name is no constant
      Code constant = constantOf(e, false);
      if (constant != null) {
        out.add(constant);
        return true;
      }
    }
    if (e != null && w.patterns.privateEnumLabel(p, e, out)) {
      return true;
    }
    if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)
        && viaHandle(e) && !classBodySuper(t)) {
      out.add(readField(e, l.facts.isTypeName(exprPath) ? null : exprPath, p));
      return true;
    }
    if (e instanceof TypeElement te && !isLocalType(te)) {
      if (l.hidden.isHidden(te)) {
        return w.typeNames.privateTypeName(p, te, out);
      }
    }
    return false;
  }

  /**
   * The value of the constant variable {@code e} (JLS 4.12.4) as a parenthesized literal, where
   * the name as the generated code would write it is no constant expression any more (JLS
   * 15.29): a local of the body (it may become a field of the machine), a field read through a
   * handle, an instance field named bare (written {@code self.x}); {@code null} otherwise, and
   * for names that stay constants as they are ({@code Owner.NAME}, locals of statements copied
   * whole). Java's typing depends on constant-ness: {@code byte b = K;} with {@code final int K =
   * 10}, {@code case K:}, {@code cond ? 'a' : K} (a {@code char}), {@code "a" + K == "a10"}.
   * javac inlines constant variables too, so their reads run nothing.
   */
  Code constantOf(Element e, boolean bare) {
    if (!(e instanceof VariableElement v) || v.getConstantValue() == null) {
      return null;
    }
    boolean replace =
        switch (e.getKind()) {
          case LOCAL_VARIABLE -> l.varsByElement.containsKey(e);
          case FIELD ->
              !declaredLocally(e)
                  && (viaHandle(e) || (bare && !e.getModifiers().contains(Modifier.STATIC)));
          default -> false;
        };
    if (!replace) {
      return null;
    }
    String text = l.env.getElementUtils().getConstantExpression(v.getConstantValue());
    // -1, (byte)0x0a, 0.0/0.0 ("x-K" must not become "x--1")
    boolean literal = !text.startsWith("-") && !text.startsWith("(") && !text.contains("/");
    return Code.of("$L", literal ? text : "(" + text + ")");
  }

  /**
   * Whether the generated class (a top-level class in the package of the method's class) cannot
   * use {@code e} directly, so goes through a handle looked up in a class that can: private
   * members, protected members inherited from a class in another package (the user's class
   * has a subclass's access to them; the generated class has none), and members whose
   * signature names a private nested type: the generated class keeps values of that type as
   * {@code Object} and writes {@code List<Item>} as {@code List<Object>}, which a parameter or
   * field of the real type does not accept, while a handle's types are erased.
   */
  boolean viaHandle(Element e) {
    if (declaredLocally(e)) {
      return false;
    }
    return e.getModifiers().contains(Modifier.PRIVATE) || splicer.handles.protectedElsewhere(e)
        || (e.getEnclosingElement() instanceof TypeElement owner && l.hidden.isHidden(owner))
        || l.hidden.inSignature(l.types, e);
  }

  /**
   * The function type of the functional interface {@code target} (JLS 9.9): its one abstract
   * method that is not a public method of {@code Object}, as a member of {@code target}.
   */
  ExecutableType functionType(TypeMirror target) {
    ExecutableElement e = functionMethod(target);
    return e == null ? null : (ExecutableType) l.types.asMemberOf((DeclaredType) target, e);
  }

  /** The one abstract method of the functional interface {@code target}, or {@code null}. */
  ExecutableElement functionMethod(TypeMirror target) {
    if (!(target instanceof DeclaredType d)
        || !(d.asElement() instanceof TypeElement fi)
        || fi.getKind() != ElementKind.INTERFACE) {
      return null;
    }
    for (ExecutableElement e : ElementFilter.methodsIn(l.env.getElementUtils().getAllMembers(fi))) {
      if (e.getModifiers().contains(Modifier.ABSTRACT) && !isObjectMethod(e)) {
        return e;
      }
    }
    return null;
  }

  boolean isObjectMethod(ExecutableElement e) {
    String n = e.getSimpleName().toString();
    int arity = e.getParameters().size();
    return (n.equals("equals") && arity == 1
            && l.types.isSameType(e.getParameters().get(0).asType(), l.writable.objectType()))
        || (n.equals("hashCode") && arity == 0)
        || (n.equals("toString") && arity == 0);
  }

  /** {@code super} or {@code X.super}. */
  boolean isSuper(Tree t) {
    return (t instanceof IdentifierTree id && id.getName().contentEquals("super"))
        || (t instanceof MemberSelectTree s && s.getIdentifier().contentEquals("super"));
  }

  /** {@code this} or {@code X.this}: an instance no code of the body can change. */
  boolean isThis(Tree t) {
    return (t instanceof IdentifierTree id && id.getName().contentEquals("this"))
        || (t instanceof MemberSelectTree s && s.getIdentifier().contentEquals("this"));
  }

  /** {@code ((T) FIELD.get(receiver))} for a private field. */
  Code readField(Element field, TreePath receiver, TreePath use) {
    Handle h = splicer.handles.handle(field);
    Code.Builder b = Code.builder().text("((").type(h.erasedType()).text(") ");
    b.name(h).text(".get(");
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      b.add(receiverCode(receiver, use.getLeaf(), field));
    }
    b.text("))");
    return castTo(b.build(), h.erasedType(), use);
  }

  Code receiverCode(TreePath receiver, Tree at, Element member) {
    if (receiver == null) {
      return instance(at, member);
    }
    Code.Builder r = Code.builder();
    w.emit(receiver, r);
    return r.build();
  }

  /**
   * Whether evaluating {@code p} twice gives the same value and does nothing else: a variable,
   * {@code this}, a field of such, or what the lowering kept in a temporary already.
   */
  boolean repeatable(TreePath p) {
    Tree t = p.getLeaf();
    if (w.overrides.containsKey(t) || t instanceof IdentifierTree || isThis(t)) {
      return true;
    }
    if (t instanceof ParenthesizedTree par) {
      return repeatable(new TreePath(p, par.getExpression()));
    }
    return t instanceof MemberSelectTree s
        && l.trees.getElement(p) instanceof VariableElement
        && (l.facts.isTypeName(new TreePath(p, s.getExpression()))
            || repeatable(new TreePath(p, s.getExpression())));
  }

  Code castTo(Code erased, TypeMirror erasedType, TreePath use) {
    TypeMirror exact = l.trees.getTypeMirror(use);
    if (exact == null || l.types.isSameType(exact, erasedType)
        || exact.getKind() == TypeKind.VOID || l.hidden.of(exact) != null) {
      return erased;
    }
    return Code.builder().text("((").type(l.writable.denotable(exact)).text(") ").add(erased).text(")").build();
  }

  /**
   * {@code g = s -> ..;} to a variable whose type names a local class or interface: its field
   * is an {@code Object} (local types are declared inside {@code step}), which gives a lambda,
   * method reference or conditional of them no target type; a cast to the variable's type does.
   */
  boolean localTypedAssignment(TreePath p, AssignmentTree a, Code.Builder out) {
    if (!(a.getVariable() instanceof IdentifierTree)) {
      return false;
    }
    Var v = l.varsByElement.get(l.trees.getElement(new TreePath(p, a.getVariable())));
    if (v == null || !LocalTypes.mentionsLocal(v.type())
        || !LocalTypes.needsTarget(a.getExpression())) {
      return false;
    }
    w.emit(new TreePath(p, a.getVariable()), out);
    // A cast would not reach the arms of a conditional; an argument of a call whose parameter
    // type is given does, as it does a switch expression's arms and a diamond.
    out.text(" = ").type(l.env.getElementUtils().getTypeElement("java.util.function.Function"))
        .text(".<").type(v.type()).text(">identity().apply(");
    w.emit(new TreePath(p, a.getExpression()), out);
    out.text(")");
    return true;
  }

  boolean privateAssignment(
      TreePath p, ExpressionTree target, Tree.Kind op, Code.Builder out) {
    TreePath tp = new TreePath(p, target);
    Element e = l.trees.getElement(tp);
    if (e == null || e.getKind() != ElementKind.FIELD || !viaHandle(e) || classBodySuper(target)) {
      return false;
    }
    boolean statement =
        p.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT || voidLambdaBody(p);
    TreePath receiver =
        target instanceof MemberSelectTree s && !l.facts.isTypeName(new TreePath(tp, s.getExpression()))
            ? new TreePath(tp, s.getExpression())
            : null;
    Handle h = splicer.handles.handle(e);
    boolean isStatic = e.getModifiers().contains(Modifier.STATIC);
    if (op != null && !isStatic && receiver != null && !repeatable(receiver)) {
      // the handle reads the field and stores it with two calls, each given the receiver
      Handles.Reason why = splicer.handles.whyHandle((VariableElement) e);
      throw new UnsupportedCode(
          p.getLeaf(), "the receiver of this update of " + why.member()
              + " would be evaluated twice in the generated code: keep it in a local variable"
              + " first, or " + why.fix());
    }
    Code recv = isStatic ? null : receiverCode(receiver, p.getLeaf(), e);
    Code.Builder value = Code.builder();
    if (op == null) {
      // a lambda, method reference or target-typed call gets the field's own type before the
      // handle's raw one, which would type it otherwise (F141)
      TreePath assigned = new TreePath(p, ((AssignmentTree) p.getLeaf()).getExpression());
      Code.Builder rhs = Code.builder();
      w.emit(assigned, rhs);
      value.add(targetTyped(assigned, rhs.build()));
    } else {
      value.text("((").type(h.erasedType()).text(") ").name(h).text(".get(");
      if (recv != null) {
        value.add(recv);
      }
      value.text(")) ");
      switch (op) {
        case PREFIX_INCREMENT, POSTFIX_INCREMENT -> value.text("+ 1");
        case PREFIX_DECREMENT, POSTFIX_DECREMENT -> value.text("- 1");
        default -> {
          Code.Builder rhs = Code.builder();
          w.emit(new TreePath(p, ((CompoundAssignmentTree) p.getLeaf()).getExpression()), rhs);
          value.text(Splicer.compoundOperator(op) + " (").add(rhs.build()).text(")");
        }
      }
    }
    boolean primitiveValue =
        op != null
            || l.typeOf(new TreePath(p, ((AssignmentTree) p.getLeaf()).getExpression()))
                .getKind()
                .isPrimitive();
    Code stored = splicer.storeCast(h, primitiveValue, value.build());
    if (statement) {
      out.name(h).text(".set(");
      if (recv != null) {
        out.add(recv).text(", ");
      }
      out.add(stored).text(")");
      return true;
    }
    boolean postfix = op == Tree.Kind.POSTFIX_INCREMENT || op == Tree.Kind.POSTFIX_DECREMENT;
    out.add(storedValue(h, recv, stored, postfix, p));
    return true;
  }

  /**
   * A store into the field of {@code h} whose value is used at {@code use}: the variable's
   * value after the store ({@code assignX(recv, v)}, a helper of the machine), or before it
   * for {@code x++} and {@code x--} (JLS 15.14.2), which {@code getAndSet} returns.
   */
  Code storedValue(Handle h, Code recv, Code stored, boolean postfix, TreePath use) {
    Code.Builder store = Code.builder().text("((").type(h.erasedType()).text(") ");
    if (postfix) {
      store.name(h).text(".getAndSet(");
    } else {
      store.name(new FieldAssign(h)).text("(");
    }
    if (recv != null) {
      store.add(recv).text(", ");
    }
    store.add(stored).text("))");
    return castTo(store.build(), h.erasedType(), use);
  }

  boolean invocation(TreePath p, MethodInvocationTree t, Code.Builder out) {
    Element el = l.trees.getElement(p);
    if (!(el instanceof ExecutableElement m) || declaredLocally(m)
        || classBodySuper(t.getMethodSelect())) {
      return false;
    }
    boolean isAsync = isAsync(m);
    boolean isPrivate = viaHandle(m);
    Splicer.SuperTarget sup =
        m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)
            ? null
            : superCall(p, t);
    boolean viaSuper = sup != null;
    if (!isAsync && !isPrivate && !viaSuper) {
      return false;
    }
    boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
    TreePath receiver = null;
    if (t.getMethodSelect() instanceof MemberSelectTree s) {
      TreePath rp = new TreePath(new TreePath(p, s), s.getExpression());
      if (!l.facts.isTypeName(rp)) {
        receiver = rp;
      }
    }
    List<Code> args = new ArrayList<>();
    Code recv = isStatic ? null : viaSuper ? sup.receiver() : receiverCode(receiver, t, m);
    for (ExpressionTree a : t.getArguments()) {
      Code.Builder b = Code.builder();
      w.emit(new TreePath(p, a), b);
      args.add(b.build());
    }
    if (isAsync) {
      out.add(factoryCall(m, viaSuper, recv, args));
      return true;
    }
    Handle h = methodHandle(t, m, sup);
    // A cast is no statement: a call whose value is dropped goes through the helper (F50).
    boolean statement = (p.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT
            || voidLambdaBody(p))
        && h.erasedType().getKind() != TypeKind.VOID;
    boolean viaHelper = w.opaque() || statement;
    List<Code> typedArgs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      TreePath arg = new TreePath(p, t.getArguments().get(i));
      boolean bare = viaHelper && i < h.erasedParameters().size()
          && objectParameter((TypeMirror) h.erasedParameters().get(i)) && !l.facts.targetTyped(arg);
      typedArgs.add(bare ? args.get(i) : targetTyped(arg, args.get(i)));
    }
    TypeMirror type = l.trees.getTypeMirror(new TreePath(p, t.getMethodSelect()));
    // the parameter types as the call instantiated them (T... gives the inferred T[])
    ExecutableType called = type instanceof ExecutableType et ? et : (ExecutableType) m.asType();
    List<? extends TypeMirror> parameters = called.getParameterTypes();
    typedArgs = variableArity(m, parameters, p, t.getArguments(), typedArgs);
    Code call = handleCall(h, recv, typedArgs, viaHelper);
    if (h.erasedType().getKind() == TypeKind.VOID || statement) {
      out.add(call);
    } else {
      // the helper returns the erased type already; invokeExact's result type is its cast's
      out.add(
          castTo(
              viaHelper ? call : Code.builder().text("((").type(h.erasedType()).text(") ").add(call).text(")").build(),
              h.erasedType(),
              p));
    }
    return true;
  }

  /**
   * The arguments of a call of {@code m} as its handle takes them: for a varargs method called
   * in variable-arity form (JLS 15.12.4.2: more or fewer arguments than parameters, or a last
   * argument that is no array of the parameter's type), the trailing arguments in an array
   * {@code new C[] {a, b}} of the erased component type of the parameter as the call
   * instantiated it, which javac would have created.
   */
  List<Code> variableArity(
      ExecutableElement m, List<? extends TypeMirror> parameters, TreePath call,
      List<? extends ExpressionTree> argTrees, List<Code> args) {
    int n = m.getParameters().size();
    if (!m.isVarArgs() || parameters.size() != n) {
      return args;
    }
    TypeMirror last = parameters.get(n - 1);
    if (args.size() == n
        // erased: a constructor's parameters come uninstantiated (Function<T, String>[] of the
        // class's T, against the caller's), and the source compiled, so only arrays matter
        && l.types.isAssignable(
            l.types.erasure(l.typeOf(new TreePath(call, argTrees.get(n - 1)))), l.types.erasure(last))) {
      return args;
    }
    List<Code> packed = new ArrayList<>(args.subList(0, n - 1));
    if (l.hidden.of(last) != null) {
      packed.add(splicer.privateArrayOf((ArrayType) last, args.subList(n - 1, args.size())));
      return packed;
    }
    Code.Builder array =
        Code.builder().text("new ").type(l.types.erasure(((ArrayType) last).getComponentType())).text("[] {");
    for (int i = n - 1; i < args.size(); i++) {
      array.text(i == n - 1 ? "" : ", ").add(args.get(i));
    }
    packed.add(array.text("}").build());
    return packed;
  }

  /** Whether {@code m} is an {@code @Async} method. */
  boolean isAsync(ExecutableElement m) {
    return m.getAnnotationMirrors().stream()
        .anyMatch(
            a -> ((TypeElement) a.getAnnotationType().asElement())
                .getQualifiedName()
                .contentEquals("dev.machina.Async"));
  }

  /**
   * The call of the {@code @Async} method {@code m}'s factory: its machine, as the body's calls
   * of {@code @Async} methods are; {@code super.m(..)} of an overridable method runs {@code
   * m}'s own machine through its {@code m$super} entry, as the factory would dispatch to the
   * override again.
   */
  Code factoryCall(ExecutableElement m, boolean viaSuper, Code recv, List<Code> args) {
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    String pkg = l.env.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    String factory =
        viaSuper && AsyncMethod.overridable(m) ? AsyncMethod.superEntryName(m) : m.getSimpleName().toString();
    Code.Builder out = Code.builder();
    out.type(new GeneratedType(pkg, MethodParser.generatedName(owner))).text("." + factory + "(");
    boolean first = true;
    if (recv != null) {
      out.add(recv);
      first = false;
    }
    for (Code a : args) {
      if (!first) {
        out.text(", ");
      }
      out.add(a);
      first = false;
    }
    return out.text(")").build();
  }

  /**
   * The handle a call of the private (or another package's protected) method {@code m}, or a
   * super call of it ({@code sup} not {@code null}), goes through; refused for varargs methods.
   */
  Handle methodHandle(Tree at, ExecutableElement m, Splicer.SuperTarget sup) {
    return sup != null ? splicer.handles.superHandle(at, m, sup) : splicer.handles.handle(m);
  }

  /**
   * {@code HANDLE.invokeExact((Owner) recv, (P1) a1, ..)}, or through the machine's helper that
   * rethrows ({@code viaHelper}: in a lambda or class body, or where a cast is no statement);
   * {@code args} are parenthesized already. {@code invokeExact} needs every argument's type
   * exact; the helper, a method of its own, needs no cast to an {@code Object} parameter.
   */
  Code handleCall(Handle h, Code recv, List<Code> args, boolean viaHelper) {
    Code.Builder call = Code.builder();
    if (viaHelper) {
      call.name(new HandleCall(h)).text("(");
    } else {
      call.name(h).text(".invokeExact(");
    }
    boolean first = true;
    if (recv != null) {
      argument(call, l.types.erasure(h.owner().asType()), recv, viaHelper);
      first = false;
    }
    for (int i = 0; i < args.size(); i++) {
      if (!first) {
        call.text(", ");
      }
      first = false;
      argument(call, (TypeMirror) h.erasedParameters().get(i), args.get(i), viaHelper);
    }
    return call.text(")").build();
  }

  /** {@code (T) arg}, without the cast where a helper takes the argument as an {@code Object}. */
  private void argument(Code.Builder call, TypeMirror type, Code arg, boolean viaHelper) {
    if (viaHelper && objectParameter(type)) {
      call.add(arg);
    } else {
      call.add(castArgument(type, arg));
    }
  }

  /**
   * {@code (T) arg}, the exact type a handle's parameter takes; {@code arg} as it is where it is
   * a cast to {@code T} already ({@code (int) COUNT_FIELD.get(self)}).
   */
  Code castArgument(TypeMirror type, Code arg) {
    Code bare = arg.bareCast();
    if (bare.format().startsWith("($T) ") && bare.args().get(0) instanceof TypeMirror cast
        && l.types.isSameType(cast, type) && bare.unary()) {
      return bare;
    }
    return Code.builder().text("(").type(type).text(") ").add(arg).build();
  }

  /** Whether a handle's parameter of erased type {@code type} is written {@code Object}. */
  private boolean objectParameter(TypeMirror type) {
    return l.hidden.of(type) != null && type.getKind() != TypeKind.ARRAY
        || l.types.isSameType(type, l.writable.objectType());
  }

  /**
   * {@code (arg)} ({@code arg} where it is {@link Code#unary}), or {@code ((Target) (arg))} for a lambda or method reference: a handle's
   * erased (raw) parameter type would type {@code x -> x.m()} as taking an {@code Object}, so
   * it gets the type javac gave it first (F59); a generic call inferred from the parameter's
   * type gets it as an invocation context, which a cast is not (F65).
   */
  Code targetTyped(TreePath arg, Code code) {
    if (!l.facts.targetTyped(arg)) {
      return code.unary() ? code : Code.builder().text("(").add(code).text(")").build();
    }
    TypeMirror target = l.trees.getTypeMirror(arg);
    if (target == null || target.getKind() != TypeKind.DECLARED) {
      return Code.builder().text("(").add(code).text(")").build();
    }
    Tree leaf = arg.getLeaf();
    while (leaf instanceof ParenthesizedTree p) {
      leaf = p.getExpression();
    }
    if (!BodyFacts.functional(leaf) || leaf instanceof ConditionalExpressionTree) {
      // a conditional of lambdas is a poly expression in an invocation context, not in a cast's
      // (h2's SingleFileStore.open(.., key == null ? null : fileChannel -> ..), F155)
      return Code.builder().text("(").add(l.withTarget(l.writable.denotable(target), code)).text(")").build();
    }
    return Code.builder().text("((").type(l.writable.denotable(target)).text(") (").add(code).text("))").build();
  }

  /**
   * Whether {@code p} is the expression body of a lambda whose function type returns
   * {@code void} ({@code l.forEach(e -> interpret(e))}): its value is dropped, so it must stay
   * a statement expression, which a cast is not (F87, the lambda form of F50).
   */
  boolean voidLambdaBody(TreePath p) {
    TreePath parent = p.getParentPath();
    if (!(parent.getLeaf() instanceof LambdaExpressionTree lambda) || lambda.getBody() != p.getLeaf()) {
      return false;
    }
    ExecutableType fn = functionType(l.trees.getTypeMirror(parent));
    return fn != null && fn.getReturnType().getKind() == TypeKind.VOID;
  }

}
