package dev.machina.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.machina.processor.lower.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The generic reader methods through which a machine reads a field declared with another type
 * than the one javac inferred for its variable ({@code as_x(field)}): the intersections and
 * captures among its type arguments become the reader's type variables, which javac infers
 * again at each read.
 */
final class InferredReaders {
  /** The names the machine class uses, shared with its writer so that no two clash. */
  private final Set<String> names;
  private final Map<Var, String> readers = new HashMap<>();
  private final List<MethodSpec> methods = new ArrayList<>();

  private final TypeNames typeNames;

  InferredReaders(Set<String> names, TypeNames typeNames) {
    this.names = names;
    this.typeNames = typeNames;
  }

  /** Adds the readers the code named to the machine class {@code c}. */
  void addTo(TypeSpec.Builder c) {
    methods.forEach(c::addMethod);
  }

  /**
   * The name of the generic helper that reads {@code v}'s field as the type javac inferred:
   * {@code private <X1 extends Serializable & CharSequence> List<X1> asL(Object o) { return
   * (List<X1>) o; }}. Called without a target, javac infers each {@code Xi} as the
   * intersection of its bounds, so a read has the inferred type again.
   */
  String of(Var v) {
    return readers.computeIfAbsent(
        v,
        k -> {
          String n = "as_" + k.name();
          while (names.contains(n)) {
            n += "_";
          }
          names.add(n);
          List<TypeVariableName> vars = new ArrayList<>();
          readerCaptures = k.captureBounds();
          readerCaptureNames.clear();
          TypeName type = withTypeVariables(k.inferred(), vars, 0);
          methods.add(
              MethodSpec.methodBuilder(n)
                  .addModifiers(Modifier.PRIVATE)
                  .addTypeVariables(vars)
                  .returns(type)
                  .addParameter(Object.class, "o")
                  .addStatement("return ($T) o", type)
                  .build());
          return n;
        });
  }

  /** The captures of the variable whose reader {@link #withTypeVariables} is writing (F112). */
  private Map<TypeMirror, TypeMirror> readerCaptures = Map.of();

  private final Map<TypeMirror, TypeVariableName> readerCaptureNames = new java.util.IdentityHashMap<>();

  /**
   * {@code t} with each intersection among its type arguments, and each capture (F112), a new
   * type variable in {@code vars}.
   */
  private TypeName withTypeVariables(TypeMirror t, List<TypeVariableName> vars, int depth) {
    if (t.getKind() == TypeKind.TYPEVAR && depth > 0 && readerCaptures.containsKey(t)) {
      TypeVariableName known = readerCaptureNames.get(t);
      if (known != null) {
        return known;
      }
      TypeMirror bound = readerCaptures.get(t);
      TypeVariableName x =
          bound == null
              ? TypeVariableName.get("X" + (vars.size() + 1))
              : TypeVariableName.get("X" + (vars.size() + 1), typeNames.of(bound));
      vars.add(x);
      readerCaptureNames.put(t, x);
      return x;
    }
    if (t.getKind() == TypeKind.INTERSECTION && depth > 0) {
      List<TypeName> bounds = new ArrayList<>();
      for (TypeMirror b : ((javax.lang.model.type.IntersectionType) t).getBounds()) {
        if (!b.toString().equals("java.lang.Object")) {
          bounds.add(approximate(b));
        }
      }
      TypeVariableName x =
          TypeVariableName.get("X" + (vars.size() + 1), bounds.toArray(new TypeName[0]));
      vars.add(x);
      return x;
    }
    if (t instanceof WildcardType w) {
      if (w.getExtendsBound() != null) {
        return WildcardTypeName.subtypeOf(withTypeVariables(w.getExtendsBound(), vars, depth));
      }
      return superWildcard(w);
    }
    if (t instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
      return parameterized(d, a -> withTypeVariables(a, vars, depth + 1));
    }
    return typeNames.of(t);
  }

  /** A bound of an intersection, with intersections inside it replaced by wildcards of a bound. */
  private TypeName approximate(TypeMirror t) {
    if (t.getKind() == TypeKind.INTERSECTION) {
      for (TypeMirror b : ((javax.lang.model.type.IntersectionType) t).getBounds()) {
        if (!b.toString().equals("java.lang.Object")) {
          return approximate(b);
        }
      }
      return ClassName.OBJECT;
    }
    if (t instanceof WildcardType w) {
      if (w.getExtendsBound() != null) {
        TypeName b = approximate(w.getExtendsBound());
        return b.equals(ClassName.OBJECT)
            ? WildcardTypeName.subtypeOf(Object.class)
            : WildcardTypeName.subtypeOf(b);
      }
      return superWildcard(w);
    }
    if (t instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
      return parameterized(d, a -> a.getKind() == TypeKind.INTERSECTION
          ? WildcardTypeName.subtypeOf(approximate(a))
          : approximate(a));
    }
    return typeNames.of(t);
  }

  /** {@code ? super B} of {@code w}'s lower bound approximated, or {@code ?} without bounds. */
  private TypeName superWildcard(WildcardType w) {
    return w.getSuperBound() != null
        ? WildcardTypeName.supertypeOf(approximate(w.getSuperBound()))
        : WildcardTypeName.subtypeOf(Object.class);
  }

  /** {@code d}'s class with each of its type arguments written by {@code arg}. */
  private static TypeName parameterized(DeclaredType d, Function<TypeMirror, TypeName> arg) {
    TypeName[] args = d.getTypeArguments().stream().map(arg).toArray(TypeName[]::new);
    return ParameterizedTypeName.get(ClassName.get((TypeElement) d.asElement()), args);
  }
}
