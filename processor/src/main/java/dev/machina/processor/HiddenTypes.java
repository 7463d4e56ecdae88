package dev.machina.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Nested types the generated class cannot name, "hidden" below: private ones, and protected ones
 * of a superclass in another package (the generated class lives in the package of the method's
 * class but is no subclass). It writes them as {@code Object} (also as type arguments, {@code
 * List<Object>} for {@code List<Item>}), reaches their members and constructors, and the members
 * whose signatures name them, through handles, and casts their values to the types the body uses
 * them as.
 */
public final class HiddenTypes {
  /** The package of the generated class: the package of the method's class. */
  private final PackageElement generatedPackage;

  /** The types hidden from a class generated for a method of {@code methodClass}. */
  public HiddenTypes(Element methodClass) {
    this.generatedPackage = packageOf(methodClass);
  }

  private static PackageElement packageOf(Element e) {
    while (!(e instanceof PackageElement p)) {
      e = e.getEnclosingElement();
    }
    return p;
  }

  /** The package of the generated class. */
  public PackageElement generatedPackage() {
    return generatedPackage;
  }

  /** Whether the generated class cannot name {@code te}: whether it has a {@link #hider}. */
  public boolean isHidden(TypeElement te) {
    return hider(te) != null;
  }

  /**
   * The innermost of {@code te} and the classes enclosing it that is private, or protected and
   * declared in another package than the generated class; null if there is none, or a local or
   * anonymous class comes first (declared inside {@code step}, it can be named there).
   */
  public TypeElement hider(TypeElement te) {
    for (Element x = te; x instanceof TypeElement t; x = x.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return null;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)
          || (t.getModifiers().contains(Modifier.PROTECTED) && !packageOf(t).equals(generatedPackage))) {
        return t;
      }
    }
    return null;
  }

  /**
   * What to make the hidden type {@code te} (or the class that hides it) for the generated class
   * to name it: {@code "public"} where a protected class of another package hides it.
   */
  public String fix(TypeElement te) {
    return hiddenByProtection(te) ? "public" : "package-private";
  }

  /** {@code "the private type Item"}, or {@code "the protected type Item of another package"}. */
  public String describe(TypeElement te) {
    return describe(te, "type");
  }

  /** As {@link #describe(TypeElement)}, with another word for the type: {@code "interface"}. */
  public String describe(TypeElement te, String kind) {
    return hiddenByProtection(te)
        ? "the protected " + kind + " " + te.getSimpleName() + " of another package"
        : "the private " + kind + " " + te.getSimpleName();
  }

  /**
   * Whether a protected class of another package hides {@code te} (no private one closer): its
   * members are public to the method's class, which may well live in another module.
   */
  public boolean hiddenByProtection(TypeElement te) {
    TypeElement hider = hider(te);
    return hider != null && hider.getModifiers().contains(Modifier.PROTECTED);
  }

  /** The hidden type {@code t} is, or is an array of; {@code null} for any other type. */
  public TypeElement of(TypeMirror t) {
    while (t instanceof ArrayType a) {
      t = a.getComponentType();
    }
    return t instanceof DeclaredType d
            && d.asElement() instanceof TypeElement te
            && isHidden(te)
        ? te
        : null;
  }

  /**
   * Whether the signature of the field, method or constructor {@code e} names a hidden type: its
   * type; its result or parameter types, or their erasures (a parameter {@code T extends
   * Item}).
   */
  public boolean inSignature(Types types, Element e) {
    return namedInSignature(types, e) != null;
  }

  /** The first hidden type the signature of {@code e} names (as {@link #inSignature}), or null. */
  public TypeElement namedInSignature(Types types, Element e) {
    List<TypeMirror> used = new ArrayList<>();
    if (e instanceof ExecutableElement ex) {
      ex.getParameters().forEach(p -> used.add(p.asType()));
      used.add(ex.getReturnType());
    } else if (e.getKind() == ElementKind.FIELD) {
      used.add(e.asType());
    }
    for (TypeMirror t : used) {
      TypeElement named = named(t) != null ? named(t) : named(types.erasure(t));
      if (named != null) {
        return named;
      }
    }
    return null;
  }

  /**
   * {@code t} as the generated class writes it: each hidden type {@code Object} ({@code
   * List<Object>} for {@code List<Item>}), and a generic type raw where {@code Object} would not
   * be within the bound of its type parameter ({@code EnumSet} for {@code EnumSet<Mode>}).
   */
  public TypeMirror written(Types types, Elements elements, TypeMirror t) {
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
    if (isHidden(te)) {
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
   * Whether the generated class writes {@code d}, a generic type naming a hidden type
   * among its type arguments, raw: where {@code Object} for that type would not be within the
   * bound of the type parameter it instantiates ({@code E extends Enum<E>} of {@code EnumSet}).
   */
  public boolean writtenRaw(DeclaredType d) {
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

  /** Whether {@code t} names a hidden type: itself, as a component or in a type argument. */
  public boolean mentions(TypeMirror t) {
    return named(t) != null;
  }

  /** The first hidden type {@code t} names (itself, a component, a type argument), or null. */
  public TypeElement named(TypeMirror t) {
    if (t instanceof ArrayType a) {
      return named(a.getComponentType());
    }
    if (t instanceof WildcardType w) {
      TypeElement bound = w.getExtendsBound() != null ? named(w.getExtendsBound()) : null;
      return bound != null || w.getSuperBound() == null ? bound : named(w.getSuperBound());
    }
    if (t instanceof DeclaredType d) {
      if (d.asElement() instanceof TypeElement te && isHidden(te)) {
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
