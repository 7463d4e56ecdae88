package dev.machina.processor.lower;

import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The part of a {@link Splicer} printing that writes the method references the generated class
 * cannot write as they are (to private, {@code @Async} or super-named methods, to private
 * constructors) as lambdas calling handles or factories.
 */
final class ReferencePrinter {
  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;

  ReferencePrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
  }

  /**
   * A method reference the generated class cannot write as it is: to a private (or another
   * package's protected) method, which it reaches through a handle; to an {@code @Async}
   * method, whose factory the body calls instead (as a call of it in the body does); through
   * {@code super}; or to a constructor it reaches through a handle (a private one, or one of a
   * hidden class). It becomes a lambda cast to the reference's functional interface, {@code ((F)
   * (a, b) -> call(receiver, a, b))}; a bound receiver other
   * than {@code this} or {@code super} is evaluated once, where the reference is, and must not
   * be null (JLS 15.13.3). A varargs method's handle gets the trailing arguments in the array
   * javac would create where the reference uses variable arity ({@link ReferenceArity}).
   */
  boolean memberReference(TreePath p, MemberReferenceTree t, Code.Builder out) {
    if (!w.classes.isEmpty() && w.members.isSuper(t.getQualifierExpression())) {
      return false; // in a class body of the body: that class's super, copied as written
    }
    if (!(l.trees.getElement(p) instanceof ExecutableElement m) || w.members.declaredLocally(m)) {
      return false;
    }
    if (t.getMode() == MemberReferenceTree.ReferenceMode.NEW) {
      if (m.getKind() != ElementKind.CONSTRUCTOR || !w.members.viaHandle(m)) {
        return false;
      }
    } else if (m.getKind() != ElementKind.METHOD) {
      return false;
    }
    boolean constructor = m.getKind() == ElementKind.CONSTRUCTOR;
    TreePath q = new TreePath(p, t.getQualifierExpression());
    boolean superRef = w.members.isSuper(q.getLeaf());
    boolean isAsync = w.members.isAsync(m);
    if (!constructor && !superRef && !isAsync && !w.members.viaHandle(m)) {
      return false;
    }
    TypeMirror target = l.trees.getTypeMirror(p);
    ExecutableType fn = w.members.functionType(target);
    if (fn == null) {
      throw new UnsupportedCode(
          t, "the generated class cannot write the method reference " + t + " as it is: write a"
              + " lambda calling " + referenced(m) + " instead");
    }
    boolean isStatic = constructor || m.getModifiers().contains(Modifier.STATIC);
    boolean unbound = !isStatic && !superRef && l.facts.isTypeName(q);
    List<String> params = new ArrayList<>();
    for (int i = 0; i < fn.getParameterTypes().size(); i++) {
      params.add(l.lambdaParameter(i));
    }
    Code recv = null;
    String bound = null;
    Splicer.SuperTarget sup = superRef ? w.members.superTarget(q) : null;
    if (unbound) {
      recv = Code.text(params.get(0));
    } else if (sup != null) {
      recv = sup.receiver();
    } else if (!isStatic && w.members.isThis(q.getLeaf())) {
      Code.Builder b = Code.builder();
      w.emit(q, b);
      recv = b.build();
    } else if (!isStatic) {
      bound = l.lambdaParameter(-1);
      recv = Code.text(bound);
    }
    List<Code> args = new ArrayList<>();
    for (String a : params.subList(unbound ? 1 : 0, params.size())) {
      args.add(Code.text(a));
    }
    Code body;
    if (isAsync) {
      // the factory is varargs too: javac resolves its call as it resolved the reference
      body = w.members.factoryCall(m, sup != null, recv, args);
    } else {
      Handle h = constructor ? splicer.handles.handle(m) : w.members.methodHandle(t, m, sup);
      TypeMirror component =
          new ReferenceArity(l).packedComponent(
              t, m, q, sup == null ? null : sup.owner(), sup == null ? null : sup.superType(), fn, unbound);
      List<Code> typed = new ArrayList<>();
      int fixed = component == null ? args.size() : m.getParameters().size() - 1;
      typed.addAll(args.subList(0, fixed)); // the lambda's parameters: names, which a cast takes as they are
      if (component != null) {
        Code.Builder array = Code.builder().text("new ").type(component).text("[] {");
        for (int i = fixed; i < args.size(); i++) {
          array.text(i == fixed ? "" : ", ").add(args.get(i));
        }
        typed.add(array.text("}").build());
      }
      if (constructor && Handles.isInnerMember((TypeElement) m.getEnclosingElement())) {
        // Inner::new: the handle takes the enclosing instance first, this one's (JLS 15.13.3)
        typed.add(0, w.members.instance(t, m.getEnclosingElement()));
      }
      body = w.members.handleCall(h, recv, typed, true);
      if (fn.getReturnType().getKind() != TypeKind.VOID) {
        body = Code.builder().text("(").type(castType(fn.getReturnType())).text(") ").add(body).build();
      }
    }
    Code fi = w.functions.writtenTarget(target);
    boolean generic = !fn.getTypeVariables().isEmpty();
    Code implementation =
        generic // never of a hidden interface, whose generic method is an error
            ? new GenericFunction(l).implementation(
                t, l.writable.functionalTarget(target), w.members.functionMethod(target), fn, params, body)
            : Code.builder().text("(" + String.join(", ", params) + ") -> ").add(body).build();
    if (bound == null) {
      out.add(generic ? implementation : Code.builder().text("((").add(fi).text(") ").add(implementation).text(")").build());
      return true;
    }
    TypeElement function = l.env.getElementUtils().getTypeElement("java.util.function.Function");
    Code.Builder receiver = Code.builder();
    w.emit(q, receiver);
    out.text("((").type(function).text("<").type(l.writable.denotable(l.writable.boxed(l.typeOf(q))))
        .text(", ").add(fi).text(">) " + bound + " -> ").add(implementation).text(").apply(")
        .type(l.env.getElementUtils().getTypeElement("java.util.Objects"))
        .text(".requireNonNull(").add(receiver.build()).text("))");
    return true;
  }

  /** {@code m}'s name for a message, its class's for a constructor. */
  String referenced(ExecutableElement m) {
    return m.getKind() == ElementKind.CONSTRUCTOR
        ? "the constructor of " + m.getEnclosingElement().getSimpleName()
        : m.getSimpleName().toString();
  }

  /** The type a lambda's value is cast to for a function type's result {@code r}. */
  TypeMirror castType(TypeMirror r) {
    if (r instanceof javax.lang.model.type.WildcardType w) {
      return w.getExtendsBound() != null ? l.writable.denotable(w.getExtendsBound()) : l.writable.objectType();
    }
    return l.writable.denotable(r);
  }
}
