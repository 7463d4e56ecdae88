package dev.machina.processor.lower;

import com.sun.source.tree.Tree;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The method and var handles through which a machine reaches what the generated class cannot
 * name or access (private members, protected members of another package, super calls, the
 * enclosing instance of an inner class, the classes of private nested types): each created on
 * first use, once per member, and named after it.
 */
final class Handles {
  private final Lowerer l;
  /** The handles the body uses, by {@link Handle#key()}. */
  private final Map<Object, Handle> byKey = new LinkedHashMap<>();

  Handles(Lowerer lowerer) {
    this.l = lowerer;
  }

  List<Handle> all() {
    // The classes of private nested types the handles' lookups name (their receivers, parameter
    // and result types), which the generated class finds by name.
    for (Handle h : List.copyOf(byKey.values())) {
      if (h.isClassObject()) {
        continue;
      }
      List<TypeMirror> named = new ArrayList<>();
      named.add(h.owner().asType());
      named.add(h.erasedType());
      if (h.member() instanceof ExecutableElement) {
        h.erasedParameters().forEach(x -> named.add((TypeMirror) x));
      }
      for (TypeMirror t : named) {
        TypeElement te = l.hidden.of(t);
        if (te != null) {
          classHandle(te);
        }
      }
    }
    return List.copyOf(byKey.values());
  }
  /** The handle holding the {@code Class} of the hidden type {@code te}. */
  Handle classHandle(TypeElement te) {
    return byKey.computeIfAbsent(
        Handle.classKey(te),
        k -> {
          TypeElement top = te;
          while (top.getEnclosingElement() instanceof TypeElement o) {
            top = o;
          }
          return new Handle(
              Names.constantName(te.getSimpleName().toString()) + "_CLASS",
              top, te, l.types.erasure(te.asType()), List.of(), null);
        });
  }
  /**
   * The handle making lambdas of the hidden functional interface {@code iface}, whose abstract
   * method is {@code method} (its erasure as declared, which the other erasures bridge to).
   */
  Handle lambdasHandle(TypeElement iface, ExecutableElement method) {
    return byKey.computeIfAbsent(
        Handle.lambdasKey(iface),
        k -> {
          List<TypeMirror> params = new ArrayList<>();
          method.getParameters().forEach(pa -> params.add(l.types.erasure(pa.asType())));
          return new Handle(
              Names.constantName(iface.getSimpleName().toString()) + "_LAMBDAS",
              iface, method, l.types.erasure(method.getReturnType()), List.copyOf(params), null, true);
        });
  }
  /** The handle reading the enclosing instance ({@code this$N}) of the inner class {@code inner}. */
  Handle outerHandle(TypeElement inner, TypeElement outer) {
    return byKey.computeIfAbsent(
        inner,
        m -> {
          // javac's Lower.outerThisName: N counts the enclosing *instances* of the outer class
          // (its enclosing types while it is inner), not the classes around it, so a static
          // nested Outer gives this$0 however deep it is nested.
          int depth = 0;
          for (TypeMirror t = ((DeclaredType) outer.asType()).getEnclosingType();
              t.getKind() == TypeKind.DECLARED;
              t = ((DeclaredType) t).getEnclosingType()) {
            depth++;
          }
          return new Handle(
              Names.constantName(inner.getSimpleName().toString()) + "_OUTER",
              inner,
              inner,
              l.types.erasure(outer.asType()),
              List.of(String.valueOf(depth)),
              null);
        });
  }
  /**
   * Whether {@code e} is protected and declared in another package than the method's class (so
   * in a superclass), which the generated class, not a subclass, cannot access.
   */
  boolean protectedElsewhere(Element e) {
    if (!e.getModifiers().contains(Modifier.PROTECTED)) {
      return false;
    }
    var elements = l.env.getElementUtils();
    return !elements.getPackageOf(e).equals(elements.getPackageOf(l.method.owner()));
  }
  /**
   * Why the generated class reaches the field {@code field} through a handle, and what would let
   * it name the field instead: {@code "the private field n"} and {@code "make the field
   * package-private"}, or the class or type that hides it.
   */
  Reason whyHandle(VariableElement field) {
    String name = field.getSimpleName().toString();
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      return new Reason("the private field " + name, "make the field package-private");
    }
    if (protectedElsewhere(field)) {
      return new Reason(
          "the protected field " + name + " of another package", "make the field public");
    }
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    TypeElement hider = l.hidden.hider(owner);
    if (hider != null) {
      return new Reason(
          "the field " + name + " of " + l.hidden.describe(hider, "class"),
          "make " + hider.getSimpleName() + " " + l.hidden.fix(hider));
    }
    TypeElement named = l.hidden.namedInSignature(l.types, field);
    return new Reason(
        "the field " + name + ", whose type names " + l.hidden.describe(named),
        "make " + named.getSimpleName() + " " + l.hidden.fix(named));
  }

  /** A member reached through a handle, described for a message, and what would avoid that. */
  record Reason(String member, String fix) {}

  /**
   * The class a handle to {@code member} is looked up in: the declaring class for a private
   * member; for a protected member of another package, the innermost class enclosing the body
   * that inherits it (Java grants that class access; the handle's receiver is that class).
   */
  private TypeElement accessClass(Element member) {
    TypeElement declaring = (TypeElement) member.getEnclosingElement();
    if (!protectedElsewhere(member)) {
      return declaring;
    }
    TypeMirror target = l.types.erasure(declaring.asType());
    for (Element c = l.method.owner(); c instanceof TypeElement te; c = c.getEnclosingElement()) {
      if (l.types.isSubtype(l.types.erasure(te.asType()), target)) {
        return te;
      }
    }
    return declaring;
  }
  /**
   * The handle calling {@code method} as {@code X.super.method(..)}, refused at {@code at} where
   * the interface {@code X} names a type the generated class cannot name, as the handle's lookup
   * would.
   */
  Handle superHandle(Tree at, ExecutableElement method, Splicer.SuperTarget sup) {
    if (sup.superType().getKind().isInterface()) {
      TypeElement unnameable = l.writable.unnameable(l.types.erasure(sup.superType().asType()), 0);
      if (unnameable != null) {
        throw new UnsupportedCode(
            at, sup.superType().getSimpleName() + ".super." + method.getSimpleName() + "(..) names"
                + " the interface " + unnameable.getSimpleName() + ", which the generated class"
                + " cannot name: call a helper method of " + sup.owner().getSimpleName() + " instead");
      }
    }
    return superHandle(method, sup);
  }
  /**
   * The handle calling the instance method {@code method} as {@code super.method(..)} (or {@code
   * X.super.method(..)}) in the class {@code sup} names does: looked up with {@code findSpecial}
   * in that class, so the supertype's version runs whatever the receiver's class overrides.
   */
  Handle superHandle(ExecutableElement method, Splicer.SuperTarget sup) {
    return byKey.computeIfAbsent(
        Handle.superCallKey(method, sup.owner(), sup.superType()),
        key -> {
          List<TypeMirror> params = new ArrayList<>();
          method.getParameters().forEach(pa -> params.add(l.types.erasure(pa.asType())));
          return new Handle(
              Names.constantName(method.getSimpleName().toString()) + "_SUPER",
              sup.owner(),
              method,
              l.types.erasure(method.getReturnType()),
              List.copyOf(params),
              sup.superType());
        });
  }
  /** Whether {@code c} is an inner member class: not static, its instances have an enclosing one. */
  static boolean isInnerMember(TypeElement c) {
    return c.getNestingKind() == NestingKind.MEMBER
        && !c.getModifiers().contains(Modifier.STATIC)
        && c.getKind() == ElementKind.CLASS
        && !c.getEnclosingElement().getKind().isInterface();
  }
  /** The handle for a private (or another package's protected) member, created on first use. */
  Handle handle(Element member) {
    return byKey.computeIfAbsent(
        member,
        key -> {
          Element m = member;
          TypeElement owner = accessClass(m);
          boolean constructor = m.getKind() == ElementKind.CONSTRUCTOR;
          String base =
              constructor
                  ? Names.constantName(m.getEnclosingElement().getSimpleName().toString()) + "_NEW"
                  : Names.constantName(m.getSimpleName().toString())
                      + (m instanceof ExecutableElement ? "_METHOD" : "_FIELD");
          if (m instanceof ExecutableElement ex) {
            List<TypeMirror> params = new ArrayList<>();
            if (constructor && isInnerMember((TypeElement) m.getEnclosingElement())) {
              // javac's constructor of an inner member class takes the enclosing instance first
              // (JLS 13.1 requires it of a non-private one)
              params.add(l.types.erasure(m.getEnclosingElement().getEnclosingElement().asType()));
            }
            ex.getParameters().forEach(pa -> params.add(l.types.erasure(pa.asType())));
            TypeMirror result =
                constructor ? m.getEnclosingElement().asType() : ex.getReturnType();
            return new Handle(base, owner, m, l.types.erasure(result), List.copyOf(params), null);
          }
          return new Handle(base, owner, m, l.types.erasure(m.asType()), List.of(), null);
        });
  }
}
