package dev.machina.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Private nested types, which the generated class cannot name: it writes them as {@code Object}
 * (also as type arguments, {@code List<Object>} for {@code List<Item>}), reaches their members and
 * constructors, and the members whose signatures name them, through handles, and casts their
 * values to the types the body uses them as.
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

  /**
   * Whether the signature of the field, method or constructor {@code e} names a private nested
   * type: its type; its result or parameter types, or their erasures (a parameter {@code T extends
   * Item}).
   */
  public static boolean inSignature(Types types, Element e) {
    List<TypeMirror> used = new ArrayList<>();
    if (e instanceof ExecutableElement ex) {
      ex.getParameters().forEach(p -> used.add(p.asType()));
      used.add(ex.getReturnType());
    } else if (e.getKind() == ElementKind.FIELD) {
      used.add(e.asType());
    }
    for (TypeMirror t : used) {
      if (mentions(t) || mentions(types.erasure(t))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code t} as the generated class writes it: each private nested type {@code Object} ({@code
   * List<Object>} for {@code List<Item>}), and a generic type raw where {@code Object} would not
   * be within the bound of its type parameter ({@code EnumSet} for {@code EnumSet<Mode>}).
   */
  public static TypeMirror written(Types types, Elements elements, TypeMirror t) {
    if (!mentions(t)) {
      return t;
    }
    if (t instanceof ArrayType a) {
      return types.getArrayType(written(types, elements, a.getComponentType()));
    }
    if (t instanceof WildcardType w) {
      return types.getWildcardType(
          w.getExtendsBound() == null ? null : written(types, elements, w.getExtendsBound()),
          w.getSuperBound() == null ? null : written(types, elements, w.getSuperBound()));
    }
    DeclaredType d = (DeclaredType) t;
    TypeElement te = (TypeElement) d.asElement();
    if (isPrivate(te)) {
      return elements.getTypeElement("java.lang.Object").asType();
    }
    if (writtenRaw(d)) {
      return types.erasure(d);
    }
    TypeMirror[] args =
        d.getTypeArguments().stream().map(a -> written(types, elements, a)).toArray(TypeMirror[]::new);
    return d.getEnclosingType() instanceof DeclaredType outer && !outer.getTypeArguments().isEmpty()
        ? types.getDeclaredType((DeclaredType) written(types, elements, outer), te, args)
        : types.getDeclaredType(te, args);
  }

  /**
   * Whether the generated class writes {@code d}, a generic type naming a private nested type
   * among its type arguments, raw: where {@code Object} for that type would not be within the
   * bound of the type parameter it instantiates ({@code E extends Enum<E>} of {@code EnumSet}).
   */
  public static boolean writtenRaw(DeclaredType d) {
    List<? extends TypeParameterElement> params = ((TypeElement) d.asElement()).getTypeParameters();
    List<? extends TypeMirror> args = d.getTypeArguments();
    for (int i = 0; i < args.size() && i < params.size(); i++) {
      if (mentions(args.get(i)) && bounded(params.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the type parameter {@code p} has a bound other than {@code Object}. */
  public static boolean bounded(TypeParameterElement p) {
    for (TypeMirror b : p.getBounds()) {
      if (!(b instanceof DeclaredType bd
          && ((TypeElement) bd.asElement()).getQualifiedName().contentEquals("java.lang.Object"))) {
        return true;
      }
    }
    return false;
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
