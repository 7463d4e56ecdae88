package dev.machina.processor.lower;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A functional interface a machine declares for the function type of a hidden functional
 * interface whose method takes or returns primitives, so that a lambda written against it keeps
 * its primitive parameter types and result conversions ({@code (a, b) -> a == b} compares ints,
 * not {@code Integer}s): it extends the runtime's arity interface of that function type, boxed,
 * with a default method that unboxes and calls its own.
 *
 * @param name the nested interface's simple name
 * @param hidden the hidden functional interface whose function type it is
 * @param method the name of its abstract method (the hidden method's, unless that is the arity
 *     interface's {@code apply})
 * @param parameters the function type's parameter types: a primitive is declared as it is, a
 *     reference type as a type variable of the interface, {@code A} for the first parameter
 * @param result the function type's result type: a primitive or {@code void} as it is, a
 *     reference type as the type variable {@code R}
 */
public record FunctionShape(
    String name, TypeElement hidden, String method, List<TypeMirror> parameters, TypeMirror result) {

  /** The name of the type variable that stands for the reference type of parameter {@code i}. */
  public static String parameterVariable(int i) {
    return String.valueOf((char) ('A' + i));
  }

  /** The name of the type variable that stands for a reference result type. */
  public static final String RESULT_VARIABLE = "R";
}
