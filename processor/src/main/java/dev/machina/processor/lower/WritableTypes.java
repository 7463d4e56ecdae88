package dev.machina.processor.lower;

import com.sun.source.tree.Tree;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The types the generated class can write for the types javac gives the body: captures, fresh
 * type variables and intersections replaced by what source can say ({@link #denotable}), and the
 * types it cannot name at all (private nested types, protected types of another package).
 */
final class WritableTypes {
  private final Types types;
  private final Elements elements;
  private final HiddenTypes hidden;
  private final TypeMirror object;

  /** The captures whose bounds {@link #denotable} is writing: a bound may name its own capture. */
  private final Set<TypeMirror> capturesInProgress =
      Collections.newSetFromMap(new IdentityHashMap<>());

  WritableTypes(Types types, Elements elements, HiddenTypes hidden) {
    this.types = types;
    this.elements = elements;
    this.hidden = hidden;
    this.object = elements.getTypeElement("java.lang.Object").asType();
  }

  /**
   * The captures among the type arguments of {@code type}, each with its bound (null for
   * Object), or null where there are none or one the generic reader cannot write.
   */
  Map<TypeMirror, TypeMirror> captureBounds(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED || hidden.mentions(type)) {
      return null; // the reader would name a private nested type, which the value's Object hides
    }
    Map<TypeMirror, TypeMirror> captures = new IdentityHashMap<>();
    if (!capturedArguments(type, 0, captures) || captures.isEmpty()) {
      return null;
    }
    for (Map.Entry<TypeMirror, TypeMirror> e : captures.entrySet()) {
      javax.lang.model.type.TypeVariable capture = (javax.lang.model.type.TypeVariable) e.getKey();
      if (capture.getLowerBound().getKind() != TypeKind.NULL) {
        // a capture of ? super T: a type variable of the reader has no lower bound to give
        // javac, where the field's ? super T, captured anew, has it (F142)
        return null;
      }
      TypeMirror upper = capture.getUpperBound();
      if (namesCapture(upper)) {
        // an F-bounded parameter's capture (B of AbstractOrigin<T, B extends AbstractOrigin<T,
        // B>>, commons-io): written with wildcards, its bound no longer satisfies B's own
        return null;
      }
      TypeMirror bound = denotable(upper);
      // a type variable's bound is a class, interface or type variable: not Object[], as in
      // the Class<capture of ? extends Object[]> of an array's getClass()
      if (bound.getKind() != TypeKind.DECLARED && bound.getKind() != TypeKind.TYPEVAR) {
        return null;
      }
      e.setValue(types.isSameType(bound, objectType()) ? null : bound);
    }
    return captures;
  }

  /**
   * Collects the captures among the type arguments of {@code t} (directly, inside nested type
   * arguments, or as a wildcard's upper bound) into {@code out}; false where one stands
   * elsewhere (an array's component, a lower bound, an intersection), which the generic reader
   * does not write.
   */
  private static boolean capturedArguments(TypeMirror t, int depth, Map<TypeMirror, TypeMirror> out) {
    if (depth > 8) {
      return false;
    }
    switch (t.getKind()) {
      case TYPEVAR:
        if (isCapture(t)) {
          if (depth == 0) {
            return false;
          }
          out.put(t, null);
        }
        return true;
      case DECLARED:
        for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
          if (!capturedArguments(a, depth + 1, out)) {
            return false;
          }
        }
        return true;
      case WILDCARD: {
        javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) t;
        if (w.getSuperBound() != null) {
          return !namesCapture(w.getSuperBound());
        }
        return w.getExtendsBound() == null || capturedArguments(w.getExtendsBound(), depth, out);
      }
      default:
        return !namesCapture(t);
    }
  }

  /**
   * Refuses at {@code at} a value whose type the generated class would have to write but cannot:
   * one naming a package-private type of another package, which neither the generated class nor
   * its lookups can name (a hidden type it writes as {@code Object}, also as a type argument).
   */
  void requireNameable(Tree at, TypeMirror t) {
    TypeElement te = unwritable(t);
    if (te != null) {
      throw new UnsupportedCode(
          at, "the generated class would keep this value, of type " + t + ", but cannot name the "
              + kindOf(te) + " " + te.getSimpleName() + ": make " + te.getSimpleName() + " public");
    }
  }

  /**
   * Refuses at {@code at} a local variable the generated class would declare with a type naming a
   * package-private type of another package (a {@code var} of Guice's {@code InjectorImpl} in
   * {@code com.google.inject}, F168).
   */
  void requireNameableLocal(Tree at, TypeMirror t) {
    TypeElement te = unwritable(denotable(t));
    if (te != null) {
      throw new UnsupportedCode(
          at, "the generated class would declare this variable, of type " + t + ", but cannot name the "
              + kindOf(te) + " " + te.getSimpleName() + ": make " + te.getSimpleName() + " public");
    }
  }

  /** What keeps {@code te} (from {@link #unwritable}) from the generated class, for a message. */
  static String kindOf(TypeElement te) {
    return "package-private type of another package";
  }

  /**
   * A package-private type of another package named by {@code t}, its type arguments included:
   * Guice's {@code InjectorImpl}, which the public {@code BindingImpl.getInjector()} returns to
   * {@code com.google.inject} (F168). Unlike a hidden type, not even the lookup of the method's
   * class can find it.
   */
  TypeElement unwritable(TypeMirror t) {
    return unwritable(t, 0);
  }

  private TypeElement unwritable(TypeMirror t, int depth) {
    if (depth > 8) {
      return null;
    }
    switch (t.getKind()) {
      case ARRAY:
        return unwritable(((ArrayType) t).getComponentType(), depth + 1);
      case WILDCARD: {
        var w = (javax.lang.model.type.WildcardType) t;
        TypeMirror b = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
        return b == null ? null : unwritable(b, depth + 1);
      }
      case DECLARED: {
        for (Element x = types.asElement(t); x instanceof TypeElement te; x = x.getEnclosingElement()) {
          if (te.getNestingKind() == NestingKind.LOCAL || te.getNestingKind() == NestingKind.ANONYMOUS
              || hidden.isHidden(te)) {
            return null; // declared inside step, or written Object
          }
          if (!te.getModifiers().contains(Modifier.PUBLIC)
              && !te.getModifiers().contains(Modifier.PROTECTED)
              && !elements.getPackageOf(te).equals(hidden.generatedPackage())) {
            return te;
          }
        }
        for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
          TypeElement te = unwritable(a, depth + 1);
          if (te != null) {
            return te;
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** A hidden type (private, or another package's protected) named by {@code t}, its type arguments included. */
  TypeElement unnameable(TypeMirror t, int depth) {
    if (depth > 8) {
      return null;
    }
    switch (t.getKind()) {
      case ARRAY:
        return unnameable(((ArrayType) t).getComponentType(), depth + 1);
      case WILDCARD: {
        var w = (javax.lang.model.type.WildcardType) t;
        TypeMirror b = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
        return b == null ? null : unnameable(b, depth + 1);
      }
      case DECLARED: {
        TypeElement hider = hidden.hider((TypeElement) types.asElement(t));
        if (hider != null) {
          return hider;
        }
        for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
          TypeElement te = unnameable(a, depth + 1);
          if (te != null) {
            return te;
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** {@code t}, or its box if it is primitive. */
  TypeMirror boxed(TypeMirror t) {
    if (t.getKind().isPrimitive()) {
      return types.boxedClass((javax.lang.model.type.PrimitiveType) t).asType();
    }
    return t;
  }

  /**
   * A type that can be written in source and is below the capture {@code t}: its lower bound (of
   * a capture of {@code ? super L}), through captures of captures; null if it has none such.
   */
  private TypeMirror lowerBelow(TypeMirror t) {
    for (int depth = 0; depth < 8; depth++) {
      if (!(t instanceof javax.lang.model.type.TypeVariable tv) || !(isCapture(t) || freshTypeVariable(t))) {
        break;
      }
      t = tv.getLowerBound();
    }
    if (t == null) {
      return null;
    }
    switch (t.getKind()) {
      case DECLARED:
      case ARRAY:
        return namesCapture(t) ? null : t;
      case TYPEVAR:
        return isCapture(t) || freshTypeVariable(t) ? null : t;
      default:
        return null;
    }
  }

  /** A type that can be written in source: captures and intersections replaced by bounds. */
  TypeMirror denotable(TypeMirror t) {
    switch (t.getKind()) {
      case TYPEVAR:
        if (isCapture(t) || freshTypeVariable(t)) {
          if (!capturesInProgress.add(t)) {
            return objectType(); // F-bounded: the capture of ? in Node<?> of Node<K extends Comparable<K>> (F53)
          }
          try {
            return denotable(((javax.lang.model.type.TypeVariable) t).getUpperBound());
          } finally {
            capturesInProgress.remove(t);
          }
        }
        return t;
      case INTERSECTION:
        return denotable(mainBound((javax.lang.model.type.IntersectionType) t));
      case UNION:
        return lub(((javax.lang.model.type.UnionType) t).getAlternatives());
      case NULL:
      case ERROR:
      case NONE:
        return objectType();
      case ARRAY: {
        TypeMirror component = ((ArrayType) t).getComponentType();
        TypeMirror denotableComponent = denotable(component);
        // the same array where nothing changed, so that a caller can tell (F166)
        return denotableComponent == component ? t : types.getArrayType(denotableComponent);
      }
      case DECLARED:
        DeclaredType d = (DeclaredType) t;
        if (rawArgumentOfGenericBound(d)) {
          // ToEnum<Enum> of ToEnum<T extends Enum<T>>, which javac infers for new ToEnum<>()
          // given to a Converter<CharSequence, Enum> but no source may write (micronaut-core, F162)
          return types.erasure(t);
        }
        boolean changed = false;
        List<TypeMirror> args = new ArrayList<>();
        for (TypeMirror a : d.getTypeArguments()) {
          TypeMirror na = a;
          if (isCapture(a) || freshTypeVariable(a)) {
            TypeMirror lower = ((javax.lang.model.type.TypeVariable) a).getLowerBound();
            TypeMirror bound = denotable(a);
            TypeMirror below = lower != null && isCapture(lower) ? lowerBelow(lower) : null;
            if (lower != null && (lower.getKind() == TypeKind.DECLARED || lower.getKind() == TypeKind.ARRAY
                || (lower.getKind() == TypeKind.TYPEVAR && !isCapture(lower)))) {
              // the capture of ? super E: Consumer<? super E>, not Consumer<?> (F57)
              na = types.getWildcardType(null, denotable(lower));
            } else if (below != null) {
              // the capture of ? super (capture of ? super T): ? super T (RxJava's MaybeObserver<?
              // super Upstream> of a MaybeOperator<.., ? super T>, F152)
              na = types.getWildcardType(null, below);
            } else {
              na =
                  types.isSameType(bound, objectType())
                      ? types.getWildcardType(null, null)
                      : types.getWildcardType(bound, null);
            }
            changed = true;
          } else if (a.getKind() == TypeKind.INTERSECTION) {
            // List<Number & Comparable<..>> (inferred from List.of(1, 2.5)): no type argument
            // can say it; a wildcard of its main bound holds every such list.
            na = types.getWildcardType(denotable(a), null);
            changed = true;
          } else if (a.getKind() == TypeKind.WILDCARD) {
            WildcardType w = (WildcardType) a;
            if (w.getExtendsBound() != null) {
              TypeMirror b = denotable(w.getExtendsBound());
              if (b != w.getExtendsBound()) {
                na = types.isSameType(b, objectType()) ? types.getWildcardType(null, null)
                    : types.getWildcardType(b, null);
                changed = true;
              }
            } else if (w.getSuperBound() != null) {
              TypeMirror b = w.getSuperBound();
              TypeMirror below = isCapture(b) ? lowerBelow(b) : null;
              if (below != null) {
                // ? super (capture of ? super T): every T is below the capture, so ? super T
                // (RxJava's MaybeObserver<? super Upstream> of a MaybeOperator<.., ? super T>, F152)
                na = types.getWildcardType(null, below);
                changed = true;
              } else if (b.getKind() == TypeKind.INTERSECTION
                  || namesCapture(b)) {
                // ? super Foo<CAP#1>: ? super Foo<?> would hold fewer types, not more (F166)
                na = types.getWildcardType(null, null);
                changed = true;
              } else {
                TypeMirror db = denotable(b);
                if (db != b) {
                  na = types.getWildcardType(null, db);
                  changed = true;
                }
              }
            }
          } else if (a.getKind() == TypeKind.DECLARED || a.getKind() == TypeKind.ARRAY) {
            TypeMirror da = denotable(a);
            if (da != a) {
              // MapAssert<CAP#1, CAP#2> in AbstractMapAssert<MapAssert<CAP#1, CAP#2>, ..>: type
              // arguments are invariant, so MapAssert<?, ?> there would hold no such value (and
              // break SELF's bound); ? extends MapAssert<?, ?> holds it (JLS 4.10.5's upward
              // projection; assertj-core's SoftProxies, Maps, F166)
              na = types.getWildcardType(da, null);
              changed = true;
            }
          }
          args.add(na);
        }
        TypeMirror enclosing = d.getEnclosingType();
        if (enclosing.getKind() == TypeKind.DECLARED) {
          // FileStore<capture of ?>.PageSerializationManager of an inner class: the enclosing
          // type's captures are written as wildcards too (h2's Page.write, F154)
          TypeMirror denotableEnclosing = denotable(enclosing);
          changed |= denotableEnclosing != enclosing;
          enclosing = denotableEnclosing;
        }
        if (!changed) {
          return t;
        }
        TypeElement e = (TypeElement) d.asElement();
        if (enclosing.getKind() == TypeKind.DECLARED) {
          return types.getDeclaredType((DeclaredType) enclosing, e, args.toArray(new TypeMirror[0]));
        }
        return types.getDeclaredType(e, args.toArray(new TypeMirror[0]));
      default:
        return t;
    }
  }

  /**
   * The type a lambda that stands for a method reference is cast to ({@code ((F) (a0) -> ..)}),
   * for the reference's functional interface {@code t}: {@link #denotable}, except that a capture
   * of {@code ? extends B} among its type arguments is written {@code B}. The lambda's function
   * type is that ground type either way (JLS 9.9), but the cast's value is the type written:
   * {@code Function<? extends T, T>}, captured anew, is no {@code Function<? super CAP#1, ..>}
   * of the stream whose capture javac gave the reference, where {@code Function<T, T>} is
   * (assertj-core's {@code errors.stream().map(Throwables::addLineNumberToErrorMessage)}, F167).
   */
  TypeMirror functionalTarget(TypeMirror t) {
    if (!(t instanceof DeclaredType d)) {
      return denotable(t);
    }
    boolean changed = false;
    List<TypeMirror> args = new ArrayList<>();
    for (TypeMirror a : d.getTypeArguments()) {
      TypeMirror na = a;
      if (isCapture(a)
          && ((javax.lang.model.type.TypeVariable) a).getLowerBound().getKind() == TypeKind.NULL) {
        TypeMirror bound = denotable(a);
        if (bound.getKind() == TypeKind.DECLARED || bound.getKind() == TypeKind.TYPEVAR
            || bound.getKind() == TypeKind.ARRAY) {
          na = bound;
          changed = true;
        }
      }
      args.add(na);
    }
    if (!changed) {
      return denotable(t);
    }
    TypeElement e = (TypeElement) d.asElement();
    TypeMirror ground =
        d.getEnclosingType().getKind() == TypeKind.DECLARED
            ? types.getDeclaredType((DeclaredType) d.getEnclosingType(), e, args.toArray(new TypeMirror[0]))
            : types.getDeclaredType(e, args.toArray(new TypeMirror[0]));
    return denotable(ground);
  }

  /**
   * A supertype of {@code t} that names no private nested type, for a target type: each type
   * argument naming one becomes a wildcard, {@code ?} or {@code ? extends} its own such supertype
   * ({@code Future<? extends Collector<Entry<Long, Server>, ?, ? extends Map<Long, ?>>>} for a
   * collector of the private {@code View}s, F170); null where {@code t} is one itself.
   */
  TypeMirror withoutPrivateTypes(TypeMirror t) {
    if (!hidden.mentions(t)) {
      return t;
    }
    if (!(t instanceof DeclaredType d)
        || hidden.isHidden((TypeElement) d.asElement())
        || (d.getEnclosingType() instanceof DeclaredType outer && hidden.mentions(outer))) {
      return null;
    }
    List<TypeMirror> args = new ArrayList<>();
    for (TypeMirror a : d.getTypeArguments()) {
      if (!hidden.mentions(a)) {
        args.add(a);
        continue;
      }
      TypeMirror bound = a instanceof WildcardType w ? w.getExtendsBound() : a;
      TypeMirror projected = bound == null ? null : withoutPrivateTypes(bound);
      args.add(types.getWildcardType(projected, null));
    }
    TypeElement e = (TypeElement) d.asElement();
    return d.getEnclosingType() instanceof DeclaredType outer && !outer.getTypeArguments().isEmpty()
        ? types.getDeclaredType(outer, e, args.toArray(new TypeMirror[0]))
        : types.getDeclaredType(e, args.toArray(new TypeMirror[0]));
  }

  /**
   * Whether a type argument of {@code d} is a raw type standing for a type parameter whose bound
   * is generic ({@code Enum} for {@code T extends Enum<T>}): javac's inference makes such types
   * (from a raw target), but written they are "not within bounds", so they are written raw.
   */
  private static boolean rawArgumentOfGenericBound(DeclaredType d) {
    List<? extends javax.lang.model.element.TypeParameterElement> params =
        ((TypeElement) d.asElement()).getTypeParameters();
    List<? extends TypeMirror> args = d.getTypeArguments();
    for (int i = 0; i < args.size() && i < params.size(); i++) {
      if (args.get(i) instanceof DeclaredType a
          && a.getTypeArguments().isEmpty()
          && !((TypeElement) a.asElement()).getTypeParameters().isEmpty()
          && params.get(i).getBounds().stream()
              .anyMatch(b -> b instanceof DeclaredType bd && !bd.getTypeArguments().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code t} is a captured wildcard: javac's {@code capture#1 of ? extends X} (JLS 5.1.10),
   * or the fresh type variable javac's inference makes of one, named {@code <captured wildcard>}
   * (the type of {@code await(ready(MapMakerInternalMap.create(this)))}, Guava, F139).
   */
  static boolean isCapture(TypeMirror t) {
    if (t.getKind() != TypeKind.TYPEVAR) {
      return false;
    }
    String s = t.toString();
    return s.startsWith("capture#") || s.equals("<captured wildcard>");
  }

  /**
   * Whether {@code t} is a type variable javac's inference made up for an inference variable
   * bounded by itself (JLS 18.4: {@code new Impl<>()} of {@code Impl<T extends W<T>>} with
   * nothing else to go on), named after it but a type parameter of no element: no source can
   * name it, so it is written as a capture is (F143).
   */
  static boolean freshTypeVariable(TypeMirror t) {
    if (t.getKind() != TypeKind.TYPEVAR || isCapture(t)) {
      return false;
    }
    Element e = ((javax.lang.model.type.TypeVariable) t).asElement();
    if (!(e instanceof javax.lang.model.element.TypeParameterElement p)) {
      return false;
    }
    Element generic = p.getGenericElement();
    List<? extends javax.lang.model.element.TypeParameterElement> declared =
        generic instanceof javax.lang.model.element.Parameterizable g ? g.getTypeParameters() : List.of();
    return !declared.contains(p);
  }

  /** Whether {@code t} names a captured wildcard ({@link #isCapture}) anywhere in it. */
  static boolean namesCapture(TypeMirror t) {
    String s = t.toString();
    return s.contains("capture#") || s.contains("<captured wildcard>");
  }

  /** Whether a type argument of {@code t} (at any depth) is an intersection of classes. */
  static boolean nestedIntersection(TypeMirror t, int depth) {
    if (depth > 6) {
      return false;
    }
    if (t.getKind() == TypeKind.INTERSECTION) {
      return depth > 0
          && ((javax.lang.model.type.IntersectionType) t).getBounds().stream()
              .noneMatch(b -> b.getKind() == TypeKind.TYPEVAR);
    }
    if (t instanceof WildcardType w) {
      return w.getExtendsBound() != null && nestedIntersection(w.getExtendsBound(), depth);
    }
    if (t instanceof DeclaredType d) {
      return d.getTypeArguments().stream().anyMatch(a -> nestedIntersection(a, depth + 1));
    }
    return false;
  }

  /**
   * The bound of an intersection a variable is typed by: its class if it has one other than
   * {@code Object}, else its first interface ({@code Integer} and {@code String} meet in
   * {@code Object & Serializable & Comparable<..> & ..}).
   */
  TypeMirror mainBound(javax.lang.model.type.IntersectionType t) {
    for (TypeMirror b : t.getBounds()) {
      if (!types.isSameType(b, objectType())) {
        return b;
      }
    }
    return objectType();
  }

  /** {@code java.lang.Object}. */
  TypeMirror objectType() {
    return object;
  }

  /** The nearest common superclass of {@code alternatives} (for multi-catch parameters). */
  TypeMirror lub(List<? extends TypeMirror> alternatives) {
    TypeMirror candidate = alternatives.get(0);
    while (true) {
      boolean all = true;
      for (TypeMirror a : alternatives) {
        if (!types.isSubtype(a, candidate)) {
          all = false;
          break;
        }
      }
      if (all) {
        return candidate;
      }
      TypeMirror sup = ((TypeElement) types.asElement(candidate)).getSuperclass();
      if (sup.getKind() != TypeKind.DECLARED) {
        return objectType();
      }
      candidate = sup;
    }
  }
}
