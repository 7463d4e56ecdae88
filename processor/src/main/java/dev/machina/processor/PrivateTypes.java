package dev.machina.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Private nested types, which the generated class cannot name: it writes them as {@code Object},
 * reaches their members and constructors through handles, and casts their values to the
 * supertypes the body uses them as.
 */
public final class PrivateTypes {
  private PrivateTypes() {}

  /**
   * Whether {@code te} or a class enclosing it is private; a local or anonymous class (and what
   * it encloses) is declared inside {@code step}, where it can be named.
   */
  public static boolean isPrivate(TypeElement te) {
    for (Element x = te; x instanceof TypeElement t; x = x.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return false;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /** The private nested type {@code t} is, or is an array of; {@code null} for any other type. */
  public static TypeElement of(TypeMirror t) {
    while (t instanceof ArrayType a) {
      t = a.getComponentType();
    }
    return t instanceof DeclaredType d
            && d.asElement() instanceof TypeElement te
            && isPrivate(te)
        ? te
        : null;
  }

  /** Whether {@code t} names a private nested type: itself, as a component or in a type argument. */
  public static boolean mentions(TypeMirror t) {
    return named(t) != null;
  }

  /** The first private nested type {@code t} names (itself, a component, a type argument), or null. */
  public static TypeElement named(TypeMirror t) {
    if (t instanceof ArrayType a) {
      return named(a.getComponentType());
    }
    if (t instanceof WildcardType w) {
      TypeElement bound = w.getExtendsBound() != null ? named(w.getExtendsBound()) : null;
      return bound != null || w.getSuperBound() == null ? bound : named(w.getSuperBound());
    }
    if (t instanceof DeclaredType d) {
      if (d.asElement() instanceof TypeElement te && isPrivate(te)) {
        return te;
      }
      for (TypeMirror arg : d.getTypeArguments()) {
        TypeElement te = named(arg);
        if (te != null) {
          return te;
        }
      }
    }
    return null;
  }
}
