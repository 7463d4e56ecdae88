package dev.machina.processor.lower;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/** The {@link FunctionShape}s a machine declares: one per hidden functional interface that needs one. */
final class FunctionShapes {
  private final Lowerer l;
  private final Map<TypeElement, FunctionShape> byInterface = new LinkedHashMap<>();

  FunctionShapes(Lowerer l) {
    this.l = l;
  }

  /** Whether the function type {@code fn} takes or returns a primitive, so needs a shape. */
  static boolean needed(ExecutableType fn) {
    return fn.getReturnType().getKind().isPrimitive()
        || fn.getParameterTypes().stream().anyMatch(t -> t.getKind().isPrimitive());
  }

  /**
   * The shape of the hidden interface {@code iface}, whose abstract method is {@code method} and
   * whose function type at some use is {@code fn} (which types are primitive does not depend on
   * the use): declared on first use.
   */
  FunctionShape of(TypeElement iface, ExecutableElement method, ExecutableType fn) {
    return byInterface.computeIfAbsent(
        iface,
        k -> {
          String name = method.getSimpleName().toString();
          return new FunctionShape(
              l.fresh(iface.getSimpleName() + "Function"),
              iface,
              name.equals("apply") ? "applyUnboxed" : name,
              List.copyOf(fn.getParameterTypes()),
              fn.getReturnType());
        });
  }

  List<FunctionShape> all() {
    return List.copyOf(byInterface.values());
  }
}
