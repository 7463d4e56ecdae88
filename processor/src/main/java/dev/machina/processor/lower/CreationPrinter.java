package dev.machina.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * The part of a {@link Splicer} printing that writes class instance creations: private
 * constructors through handles, inner classes with their enclosing instance, qualified {@code
 * new}, and the refusals of anonymous classes the generated class cannot declare.
 */
final class CreationPrinter {
  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;

  CreationPrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
  }

  /**
   * Writes {@code new C(..)} where the generated class cannot copy it as written (a private
   * constructor, an inner class's enclosing instance, a qualified {@code new}); false where it can.
   */
  boolean newClass(TreePath p, NewClassTree t, Code.Builder out) {
    if (l.trees.getElement(p) instanceof ExecutableElement ctor
        && ctor.getKind() == ElementKind.CONSTRUCTOR
        && w.members.viaHandle(ctor)
        && !splicer.handles.protectedElsewhere(ctor)) {
      privateConstructor(p, t, ctor, out);
      return true;
    }
    if (t.getClassBody() != null) {
      requireAccessibleSuperConstructor(p, t);
    }
    if (t.getEnclosingExpression() != null) {
      qualifiedNew(p, t, out);
      return true;
    }
    Element c = l.trees.getElement(new TreePath(p, t.getIdentifier()));
    if (!(c instanceof TypeElement te)
        || te.getNestingKind() != NestingKind.MEMBER
        || te.getModifiers().contains(Modifier.STATIC)
        || te.getKind() != ElementKind.CLASS) {
      return false;
    }
    // in a class body of the body, the enclosing instance is that class's own where it declares
    // or inherits the inner class, else the user's (F147), as for an unqualified method
    if (w.members.declaredLocally(te)) {
      return false;
    }
    Element enclosing = te.getEnclosingElement();
    if (enclosing.getKind().isInterface()) {
      return false;
    }
    out.add(w.members.instance(t, te)).text(".new ");
    // with its type arguments (or diamond): raw, an anonymous class's methods would override
    // none of a generic inner class's (guice's new Processor<T, Boolean>(..) { .. }, F169)
    innerClassName(p, t, out);
    argumentsAndBody(p, t, out);
    return true;
  }

  /**
   * {@code new C(args)} with a private constructor of {@code C} (a nestmate of the user's
   * class, which the generated class is not): {@code ((C) C_NEW.invokeExact((P) (arg), ..))}
   * through a handle from {@code findConstructor}.
   */
  void privateConstructor(TreePath p, NewClassTree t, ExecutableElement ctor, Code.Builder out) {
    TypeElement c = (TypeElement) ctor.getEnclosingElement();
    // an inner class's handle takes the enclosing instance first: the qualifier of x.new C(..),
    // which must not be null (JLS 15.9.4), or the one an unqualified new C(..) has
    Code outer = null;
    if (Handles.isInnerMember(c)) {
      if (t.getEnclosingExpression() != null) {
        Code.Builder q = Code.builder();
        w.emit(new TreePath(p, t.getEnclosingExpression()), q);
        outer = Code.builder().type(l.env.getElementUtils().getTypeElement("java.util.Objects"))
            .text(".requireNonNull(").add(q.build()).text(")").build();
      } else {
        outer = w.members.instance(t, c);
      }
    }
    Handle h = splicer.handles.handle(ctor);
    Code.Builder call = Code.builder();
    // A cast is no statement: new C(..); calls the helper that returns the new instance.
    boolean statement = p.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT
        || w.members.voidLambdaBody(p);
    if (w.opaque() || statement) {
      call.name(new HandleCall(h)).text("(");
    } else {
      call.name(h).text(".invokeExact(");
    }
    List<? extends ExpressionTree> argTrees = t.getArguments();
    List<Code> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      Code.Builder arg = Code.builder();
      w.emit(new TreePath(p, a), arg);
      args.add(w.members.targetTyped(new TreePath(p, a), arg.build()));
    }
    args =
        w.members.variableArity(
            ctor, ((ExecutableType) ctor.asType()).getParameterTypes(), p, argTrees, args);
    if (outer != null) {
      args = new ArrayList<>(args);
      args.add(0, outer);
    }
    for (int i = 0; i < args.size(); i++) {
      call.text(i == 0 ? "" : ", ")
          .add(w.members.castArgument((TypeMirror) h.erasedParameters().get(i), args.get(i)));
    }
    call.text(")");
    if (statement) {
      out.add(call.build());
      return;
    }
    out.add(
        w.members.castTo(
            Code.builder().text("((").type(h.erasedType()).text(") ").add(call.build()).text(")").build(),
            h.erasedType(),
            p));
  }

  /**
   * Refuses an anonymous class whose superclass constructor, as the arguments select it, is
   * private: the class body is declared in the generated class, which is no nestmate.
   */
  void requireAccessibleSuperConstructor(TreePath p, NewClassTree t) {
    Element anonymous = l.trees.getElement(new TreePath(p, t.getClassBody()));
    if (anonymous instanceof TypeElement a) {
      for (TypeMirror i : a.getInterfaces()) {
        if (l.types.asElement(i) instanceof TypeElement te && l.hidden.isHidden(te)) {
          throw new UnsupportedCode(
              t, "the generated class cannot implement " + l.hidden.describe(te, "interface")
                  + ": make it " + l.hidden.fix(te));
        }
      }
    }
    if (!(anonymous instanceof TypeElement a)
        || !(l.types.asElement(a.getSuperclass()) instanceof TypeElement sup)
        || w.members.isLocalType(sup)) {
      return;
    }
    if (l.hidden.isHidden(sup)) {
      throw new UnsupportedCode(
          t, "the generated class cannot subclass " + l.hidden.describe(sup, "class")
              + ": make it " + l.hidden.fix(sup));
    }
    List<TypeMirror> argTypes = new ArrayList<>();
    for (ExpressionTree arg : t.getArguments()) {
      argTypes.add(l.typeOf(new TreePath(p, arg)));
    }
    for (Element e : sup.getEnclosedElements()) {
      boolean privateSignature = e.getKind() == ElementKind.CONSTRUCTOR && l.hidden.inSignature(l.types, e);
      if (e.getKind() != ElementKind.CONSTRUCTOR
          || !(e.getModifiers().contains(Modifier.PRIVATE) || privateSignature)) {
        continue;
      }
      List<? extends VariableElement> params = ((ExecutableElement) e).getParameters();
      boolean applicable = params.size() == argTypes.size() || ((ExecutableElement) e).isVarArgs();
      for (int i = 0; applicable && i < Math.min(params.size(), argTypes.size()); i++) {
        applicable =
            l.types.isAssignable(argTypes.get(i), l.types.erasure(params.get(i).asType()))
                || ((ExecutableElement) e).isVarArgs() && i == params.size() - 1;
      }
      if (applicable && privateSignature) {
        // an anonymous class cannot be created through a handle, and the generated class keeps
        // the values such a constructor takes with Object for the private type
        throw new UnsupportedCode(
            t, "the generated class cannot extend " + sup.getSimpleName() + " through a"
                + " constructor whose parameters name a private nested type (or a protected one of"
                + " another package): make that type package-private (or public)");
      }
      if (applicable) {
        throw new UnsupportedCode(
            t, "the generated class cannot extend " + sup.getSimpleName() + " through its private"
                + " constructor: make the constructor package-private");
      }
    }
  }

  /** {@code (args) body} of a class instance creation, rewritten as anywhere else. */
  void argumentsAndBody(TreePath p, NewClassTree t, Code.Builder out) {
    out.text("(");
    boolean first = true;
    for (ExpressionTree a : t.getArguments()) {
      out.text(first ? "" : ", ");
      first = false;
      w.emit(new TreePath(p, a), out);
    }
    out.text(")");
    if (t.getClassBody() != null) {
      out.text(" ");
      w.emit(new TreePath(p, t.getClassBody()), out);
    }
  }

  /**
   * {@code outer.new Inner<A>(args) body}: the class stays a simple name, as the syntax
   * requires (it is looked up in {@code outer}'s type), while its type arguments, the enclosing
   * expression, the arguments and the body are rewritten as anywhere else.
   */
  void qualifiedNew(TreePath p, NewClassTree t, Code.Builder out) {
    w.emit(new TreePath(p, t.getEnclosingExpression()), out);
    out.text(".new ");
    innerClassName(p, t, out);
    argumentsAndBody(p, t, out);
  }

  /** The class of {@code outer.new Inner<A>(..)}: a simple name, with its type arguments. */
  private void innerClassName(TreePath p, NewClassTree t, Code.Builder out) {
    Tree id = t.getIdentifier();
    if (id instanceof com.sun.source.tree.ParameterizedTypeTree pt) {
      out.text(simpleName(pt.getType()) + "<");
      boolean first = true;
      for (Tree arg : pt.getTypeArguments()) {
        out.text(first ? "" : ", ");
        first = false;
        w.emit(new TreePath(new TreePath(p, pt), arg), out);
      }
      out.text(">");
    } else {
      out.text(simpleName(id));
    }
  }

  /** The simple name of the class a qualified {@code new} names. */
  static String simpleName(Tree type) {
    return type instanceof MemberSelectTree s
        ? s.getIdentifier().toString()
        : ((IdentifierTree) type).getName().toString();
  }
}
