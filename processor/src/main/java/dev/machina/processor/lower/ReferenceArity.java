package dev.machina.processor.lower;

import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Whether a method reference to a varargs method passes its function type's arguments in
 * variable arity, and the type of the array javac then creates for the trailing ones.
 *
 * <p>javac resolves the reference as a call whose arguments have the function type's parameter
 * types (JLS 15.13.1): fixed arity (phases 1 and 2) wins whenever the arguments match the
 * parameters one to one, the last one an array the varargs parameter accepts; else the trailing
 * arguments go into a new array (phase 3) of the erased component type javac instantiated.
 */
final class ReferenceArity {
  private final Lowerer l;
  private final Types types;

  ReferenceArity(Lowerer l) {
    this.l = l;
    this.types = l.types;
  }

  /**
   * The erased component type of the array the reference {@code at}, {@code q::m}, packs its
   * function type {@code fn}'s arguments into (past an {@code unbound} receiver); {@code null}
   * when it passes them as they are. {@code superOwner} and {@code superType} say what a
   * {@code super::m} names ({@code null} otherwise).
   */
  TypeMirror packedComponent(
      Tree at, ExecutableElement m, TreePath q, TypeElement superOwner, TypeElement superType,
      ExecutableType fn, boolean unbound) {
    if (!m.isVarArgs()) {
      return null;
    }
    ExecutableType member = memberType(m, q, superOwner, superType, fn);
    TypeMirror returned = fn.getReturnType().getKind() == TypeKind.VOID
        ? null
        : m.getKind() == ElementKind.CONSTRUCTOR ? m.getEnclosingElement().asType() : member.getReturnType();
    List<? extends TypeMirror> args =
        fn.getParameterTypes().subList(unbound ? 1 : 0, fn.getParameterTypes().size());
    return packedComponent(at, m, member, args, returned, inferredVariables(m, q, fn));
  }

  /**
   * The erased component type of the array the arguments of types {@code args} (the function
   * type's, past an unbound receiver) are packed into for {@code m}, whose type as a member of
   * the reference's receiver type is {@code member}; {@code null} when they are passed as they
   * are. {@code inferred} holds the type variables javac infers for the reference ({@code m}'s
   * own, a generic class's for {@code C::new}); {@code returned} is what {@code m} gives that the
   * function type's result constrains, taking part in that inference ({@code null} for a
   * {@code void} result). Refused at {@code at} where the component type is one of them and more
   * than the arguments' types decide it (JLS 18: a bound from another parameter or the result,
   * or no one argument type that all the others are subtypes of).
   */
  private TypeMirror packedComponent(
      Tree at, ExecutableElement m, ExecutableType member, List<? extends TypeMirror> args,
      TypeMirror returned, Set<? extends Element> inferred) {
    List<? extends TypeMirror> params = member.getParameterTypes();
    int k = params.size();
    if (k == 0 || !(params.get(k - 1) instanceof ArrayType varargs)) {
      return null;
    }
    if (args.size() == k && types.isAssignable(args.get(k - 1), types.erasure(varargs))) {
      return null; // fixed arity: the array is passed as it is
    }
    TypeMirror component = varargs.getComponentType();
    int dims = 0;
    TypeMirror base = component;
    while (base instanceof ArrayType a) {
      base = a.getComponentType();
      dims++;
    }
    if (!(base instanceof TypeVariable v) || !inferred.contains(v.asElement())) {
      return types.erasure(component);
    }
    List<TypeMirror> others = new ArrayList<>(params.subList(0, k - 1));
    if (returned != null) {
      others.add(returned);
    }
    for (Element e : inferred) {
      if (!e.equals(v.asElement())) {
        others.add(((TypeVariable) e.asType()).getUpperBound());
      }
    }
    for (TypeMirror o : others) {
      if (mentions(o, v.asElement(), 0)) {
        throw undecided(at, m, v);
      }
    }
    List<TypeMirror> lower = new ArrayList<>();
    for (TypeMirror a : args.subList(k - 1, args.size())) {
      TypeMirror t = a.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) a).asType() : a;
      for (int d = 0; d < dims; d++) {
        if (!(t instanceof ArrayType arr)) {
          throw undecided(at, m, v);
        }
        t = arr.getComponentType();
      }
      lower.add(t);
    }
    if (lower.isEmpty()) {
      return types.erasure(component); // no bound but the declared one: T is inferred as it
    }
    for (TypeMirror candidate : lower) {
      if (lower.stream().allMatch(t -> types.isSubtype(t, candidate))) {
        TypeMirror erased = types.erasure(candidate);
        for (int d = 0; d < dims; d++) {
          erased = types.getArrayType(erased);
        }
        return erased;
      }
    }
    throw undecided(at, m, v);
  }

  /**
   * {@code m}'s type as a member of the type the reference {@code q::m} finds it in (its
   * receiver's, the supertype {@code super} names, the class a constructor creates), so that the
   * class's type variables are those the reference instantiated.
   */
  private ExecutableType memberType(
      ExecutableElement m, TreePath q, TypeElement superOwner, TypeElement superType, ExecutableType fn) {
    TypeMirror in = null;
    if (m.getKind() == ElementKind.CONSTRUCTOR) {
      in = createdType(m, q, fn);
    } else if (superType != null) {
      for (TypeMirror s : types.directSupertypes(superOwner.asType())) {
        if (superType.equals(types.asElement(s))) {
          in = s;
        }
      }
    } else if (!m.getModifiers().contains(Modifier.STATIC)) {
      in = l.facts.isTypeName(q) ? fn.getParameterTypes().get(0) : l.typeOf(q);
    }
    while (in instanceof TypeVariable v) {
      in = v.getUpperBound();
    }
    if (in instanceof DeclaredType d) {
      try {
        return (ExecutableType) types.asMemberOf(d, m);
      } catch (IllegalArgumentException notAMember) {
        // not found in that type: its declared type
      }
    }
    return (ExecutableType) m.asType();
  }

  /**
   * The class {@code C::new} creates, with the type arguments javac gave it: written ones, or
   * those of the function type's result when that is {@code C<..>} (which javac's inference had
   * to match); else {@code null}, the type arguments being inferred from the arguments.
   */
  private TypeMirror createdType(ExecutableElement ctor, TreePath q, ExecutableType fn) {
    TypeElement c = (TypeElement) ctor.getEnclosingElement();
    if (c.getTypeParameters().isEmpty() || q.getLeaf() instanceof ParameterizedTypeTree) {
      return l.typeOf(q);
    }
    return fn.getReturnType() instanceof DeclaredType d && c.equals(d.asElement()) ? d : null;
  }

  /**
   * The type variables javac infers for the reference: {@code m}'s, and a generic class's where
   * {@code C::new} gives none and its type is not the function type's result.
   */
  private Set<Element> inferredVariables(ExecutableElement m, TreePath q, ExecutableType fn) {
    Set<Element> inferred = new HashSet<>(m.getTypeParameters());
    if (m.getKind() == ElementKind.CONSTRUCTOR && createdType(m, q, fn) == null) {
      inferred.addAll(((TypeElement) m.getEnclosingElement()).getTypeParameters());
    }
    return inferred;
  }

  private static UnsupportedCode undecided(Tree at, ExecutableElement m, TypeVariable v) {
    return new UnsupportedCode(
        at, "the generated class cannot write the method reference " + at + " as it is: the type of"
            + " the array javac creates for its variable-arity arguments depends on how it infers "
            + v + "; write a lambda calling " + m.getSimpleName() + " instead");
  }

  /** Whether {@code t} names the type variable {@code v}. */
  private static boolean mentions(TypeMirror t, Element v, int depth) {
    if (t == null || depth > 16) {
      return false;
    }
    if (t instanceof TypeVariable tv) {
      return tv.asElement().equals(v);
    }
    if (t instanceof ArrayType a) {
      return mentions(a.getComponentType(), v, depth + 1);
    }
    if (t instanceof WildcardType w) {
      return mentions(w.getExtendsBound(), v, depth + 1) || mentions(w.getSuperBound(), v, depth + 1);
    }
    if (t instanceof IntersectionType i) {
      return i.getBounds().stream().anyMatch(b -> mentions(b, v, depth + 1));
    }
    if (t instanceof DeclaredType d) {
      return d.getTypeArguments().stream().anyMatch(a -> mentions(a, v, depth + 1))
          || mentions(d.getEnclosingType(), v, depth + 1);
    }
    return false;
  }
}
