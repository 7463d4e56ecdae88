package dev.machina.processor.lower;

import com.sun.source.tree.Tree;
import dev.machina.processor.PrivateTypes;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
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
        TypeElement te = PrivateTypes.of(t);
        if (te != null) {
          classHandle(te);
        }
      }
    }
    return List.copyOf(byKey.values());
  }
  /** The handle holding the {@code Class} of the private nested type {@code te}. */
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
   * The handle of {@code member}, refused at {@code at} where its type or a parameter's is a
   * type the generated class cannot name (a private nested type: gson's {@code RECORD_HELPER}
   * field of the private {@code RecordHelper}), which the handle's lookup and cast would name (F59).
   */
  Handle superHandle(Tree at, ExecutableElement method, Splicer.SuperTarget sup) {
    requireNameableSignature(at, method);
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
  Handle handle(Tree at, Element member) {
    requireNameableSignature(at, member);
    return handle(member);
  }
  /**
   * Refuses, at {@code at}, a handle to {@code member} whose signature names a protected type of
   * another package, which the generated class cannot write (a private nested type it writes as
   * {@code Object}).
   */
  private void requireNameableSignature(Tree at, Element member) {
    List<TypeMirror> used = new ArrayList<>();
    if (member instanceof ExecutableElement ex) {
      ex.getParameters().forEach(x -> used.add(x.asType()));
      used.add(member.getKind() == ElementKind.CONSTRUCTOR ? member.getEnclosingElement().asType() : ex.getReturnType());
    } else {
      used.add(member.asType());
    }
    for (TypeMirror t : used) {
      // the handle's type is erased: a T extends Info of a generic method names Info (F165)
      TypeElement te = l.writable.unwritable(t);
      if (te == null) {
        te = l.writable.unwritable(l.types.erasure(t));
      }
      if (te != null) {
        throw new UnsupportedCode(
            at, "the generated class reaches "
                + (member.getKind() == ElementKind.CONSTRUCTOR
                    ? "the constructor of " + member.getEnclosingElement().getSimpleName()
                    : member.getSimpleName())
                + " through a handle whose type names the " + WritableTypes.kindOf(te) + " "
                + te.getSimpleName() + ", which it cannot name: make " + te.getSimpleName() + " public");
      }
    }
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
            ex.getParameters().forEach(pa -> params.add(l.types.erasure(pa.asType())));
            TypeMirror result =
                constructor ? m.getEnclosingElement().asType() : ex.getReturnType();
            return new Handle(base, owner, m, l.types.erasure(result), List.copyOf(params), null);
          }
          return new Handle(base, owner, m, l.types.erasure(m.asType()), List.of(), null);
        });
  }
}
