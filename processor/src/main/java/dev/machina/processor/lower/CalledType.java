package dev.machina.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * The type of a generic call's method as the call instantiated it. javac records it on the
 * call's method select, but where the call is itself an argument of a generic call (a poly
 * expression: {@code ready(get(name, factory, null))}) it leaves there the method's own type
 * variables that its result does not name: {@code get(String, Factory<Mgr, T>, T)} for {@code
 * <M, T> M get(String, Factory<M, T>, T)} (log4j-core's {@code AbstractManager.getManager},
 * F164). A cast written with such a type names a {@code T} the generated class has not. Those
 * variables are bound here to what the arguments' types give them.
 */
final class CalledType {
  private final Trees trees;
  private final Types types;

  CalledType(Trees trees, Types types) {
    this.trees = trees;
    this.types = types;
  }

  /** The method select's type of {@code call} with {@code m}'s left type variables bound; null if it has none. */
  Called of(TreePath call, MethodInvocationTree mi, ExecutableElement m) {
    if (!(trees.getTypeMirror(new TreePath(call, mi.getMethodSelect())) instanceof ExecutableType called)) {
      return null;
    }
    Set<Element> vars =
        m.getTypeParameters().stream().map(Element.class::cast).collect(Collectors.toSet());
    if (vars.isEmpty() || !mentions(called, vars)) {
      return new Called(called.getParameterTypes(), called.getReturnType());
    }
    Map<Element, TypeMirror> bound = new HashMap<>();
    Set<Element> exact = new java.util.HashSet<>();
    List<? extends TypeMirror> params = called.getParameterTypes();
    List<? extends ExpressionTree> args = mi.getArguments();
    for (int i = 0; i < args.size() && !params.isEmpty(); i++) {
      TypeMirror p = params.get(Math.min(i, params.size() - 1));
      TypeMirror a = trees.getTypeMirror(new TreePath(call, args.get(i)));
      if (m.isVarArgs() && i >= params.size() - 1 && p instanceof ArrayType pa
          && !(a instanceof ArrayType)) {
        p = pa.getComponentType();
      }
      bind(p, a, vars, bound, exact, false, 0);
    }
    bind(called.getReturnType(), trees.getTypeMirror(call), vars, bound, exact, false, 0);
    return new Called(
        params.stream().map(p -> subst(p, vars, bound, 0)).collect(Collectors.toList()),
        subst(called.getReturnType(), vars, bound, 0));
  }

  private static boolean mentions(ExecutableType t, Set<Element> vars) {
    if (mentions(t.getReturnType(), vars, 0)) {
      return true;
    }
    for (TypeMirror p : t.getParameterTypes()) {
      if (mentions(p, vars, 0)) {
        return true;
      }
    }
    return false;
  }

  static boolean mentions(TypeMirror t, Set<Element> vars, int depth) {
    if (t == null || depth > 12) {
      return false;
    }
    switch (t.getKind()) {
      case TYPEVAR:
        return vars.contains(((TypeVariable) t).asElement());
      case ARRAY:
        return mentions(((ArrayType) t).getComponentType(), vars, depth + 1);
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        return mentions(w.getExtendsBound(), vars, depth + 1)
            || mentions(w.getSuperBound(), vars, depth + 1);
      }
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        for (TypeMirror a : d.getTypeArguments()) {
          if (mentions(a, vars, depth + 1)) {
            return true;
          }
        }
        return mentions(d.getEnclosingType(), vars, depth + 1);
      }
      default:
        return false;
    }
  }

  /**
   * Binds the left variables of {@code p} (a parameter's type) to what {@code a} gives them. A
   * type argument that is no wildcard gives its variable exactly ({@code isExact}, recorded in
   * {@code exact}): that binding replaces one an argument's own type gave, which may be a subtype
   * (freemarker's {@code getBeansWrapperSubclassSingleton(this, INSTANCE_CACHE, ..)}: {@code BWC}
   * is the map's {@code BeansWrapperConfiguration}, not {@code this}'s {@code
   * BeansWrapperBuilder}, F171).
   */
  private void bind(
      TypeMirror p, TypeMirror a, Set<Element> vars, Map<Element, TypeMirror> bound,
      Set<Element> exact, boolean isExact, int depth) {
    if (p == null || a == null || depth > 12) {
      return;
    }
    if (p.getKind() == TypeKind.TYPEVAR && vars.contains(((TypeVariable) p).asElement())) {
      if (a.getKind().isPrimitive()) {
        a = types.boxedClass((javax.lang.model.type.PrimitiveType) a).asType();
      }
      if ((a.getKind() == TypeKind.DECLARED || a.getKind() == TypeKind.ARRAY || a.getKind() == TypeKind.TYPEVAR)
          && !WritableTypes.isCapture(a)) {
        Element v = ((TypeVariable) p).asElement();
        if (isExact && exact.add(v)) {
          bound.put(v, a);
        } else {
          bound.putIfAbsent(v, a);
        }
      }
      return;
    }
    if (p instanceof ArrayType pa && a instanceof ArrayType aa) {
      bind(pa.getComponentType(), aa.getComponentType(), vars, bound, exact, isExact, depth + 1);
      return;
    }
    if (p instanceof DeclaredType pd && a instanceof DeclaredType ad && !pd.getTypeArguments().isEmpty()) {
      DeclaredType as = supertypeOf(ad, (TypeElement) pd.asElement());
      if (as == null || as.getTypeArguments().size() != pd.getTypeArguments().size()) {
        return;
      }
      for (int k = 0; k < pd.getTypeArguments().size(); k++) {
        TypeMirror pk = pd.getTypeArguments().get(k);
        TypeMirror ak = as.getTypeArguments().get(k);
        if (pk instanceof WildcardType pw && ak instanceof WildcardType aw) {
          bind(pw.getExtendsBound(), aw.getExtendsBound(), vars, bound, exact, false, depth + 1);
          bind(pw.getSuperBound(), aw.getSuperBound(), vars, bound, exact, false, depth + 1);
        } else if (pk instanceof WildcardType pw) {
          bind(pw.getExtendsBound() != null ? pw.getExtendsBound() : pw.getSuperBound(), ak, vars, bound,
              exact, false, depth + 1);
        } else if (!(ak instanceof WildcardType)) {
          bind(pk, ak, vars, bound, exact, true, depth + 1);
        }
      }
    }
  }

  /** The supertype of {@code t} whose class is {@code e} ({@code t} itself if it is), or null. */
  private DeclaredType supertypeOf(DeclaredType t, TypeElement e) {
    Deque<TypeMirror> todo = new ArrayDeque<>(List.of(t));
    for (int seen = 0; !todo.isEmpty() && seen < 200; seen++) {
      TypeMirror x = todo.poll();
      if (x instanceof DeclaredType d && d.asElement().equals(e)) {
        return d;
      }
      todo.addAll(types.directSupertypes(x));
    }
    return null;
  }

  /** The parameter types and result of a call, as it instantiated its method. */
  record Called(List<? extends TypeMirror> parameters, TypeMirror result) {}

  /** {@code t} with the variables of {@code bound} replaced by their bindings (unbound ones left). */
  private TypeMirror subst(TypeMirror t, Set<Element> vars, Map<Element, TypeMirror> bound, int depth) {
    if (t == null || depth > 12 || !mentions(t, vars, 0)) {
      return t;
    }
    switch (t.getKind()) {
      case TYPEVAR: {
        TypeMirror b = bound.get(((TypeVariable) t).asElement());
        return b != null ? b : t;
      }
      case ARRAY:
        return types.getArrayType(subst(((ArrayType) t).getComponentType(), vars, bound, depth + 1));
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        return types.getWildcardType(
            subst(w.getExtendsBound(), vars, bound, depth + 1), subst(w.getSuperBound(), vars, bound, depth + 1));
      }
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        TypeMirror[] args =
            d.getTypeArguments().stream().map(x -> subst(x, vars, bound, depth + 1)).toArray(TypeMirror[]::new);
        TypeMirror outer = d.getEnclosingType();
        if (outer instanceof DeclaredType od && !od.getTypeArguments().isEmpty()) {
          return types.getDeclaredType(
              (DeclaredType) subst(od, vars, bound, depth + 1), (TypeElement) d.asElement(), args);
        }
        return types.getDeclaredType((TypeElement) d.asElement(), args);
      }
      default:
        return t;
    }
  }
}
