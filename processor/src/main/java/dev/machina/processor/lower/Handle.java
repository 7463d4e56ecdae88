package dev.machina.processor.lower;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code VarHandle} or {@code MethodHandle} to a private member of the class declaring the async
 * method, looked up once with {@code MethodHandles.privateLookupIn}. When {@code member} is the
 * inner class itself, the handle reads its enclosing instance (javac's {@code this$N} field, N
 * being {@code erasedParameters.get(0)}).
 *
 * @param name the static field holding the handle
 * @param owner the class declaring the member
 * @param member the private field or method
 * @param erasedType the erased field type or method return type
 * @param erasedParameters the erased parameter types of a method
 */
public record Handle(
    String name,
    TypeElement owner,
    Element member,
    TypeMirror erasedType,
    List<?> erasedParameters) {
  @Override
  public String toString() {
    return name;
  }
}
