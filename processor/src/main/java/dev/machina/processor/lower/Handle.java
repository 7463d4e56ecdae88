package dev.machina.processor.lower;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code VarHandle} or {@code MethodHandle} to a private member of the class declaring the async
 * method, looked up once with {@code MethodHandles.privateLookupIn}. When {@code member} is the
 * inner class itself, the handle reads its enclosing instance (javac's {@code this$N} field, N
 * being {@code erasedParameters.get(0)}). A handle {@code viaSuper} calls the superclass version
 * of an instance method of {@code owner}'s superclass, as {@code super.m(..)} in {@code owner}
 * does ({@code findSpecial}, so no override is dispatched to).
 *
 * @param name the static field holding the handle
 * @param owner the class declaring the member
 * @param member the private field or method
 * @param erasedType the erased field type or method return type
 * @param erasedParameters the erased parameter types of a method
 * @param viaSuper whether the handle invokes the method as {@code super.m(..)} in {@code owner}
 */
public record Handle(
    String name,
    TypeElement owner,
    Element member,
    TypeMirror erasedType,
    List<?> erasedParameters,
    boolean viaSuper) {
  /** What the generated class names one handle by: the member, or the member as a super call. */
  public Object key() {
    return viaSuper ? superCallKey(member) : member;
  }

  /** The key of the handle calling {@code method} as {@code super.method(..)} does. */
  static Object superCallKey(Element method) {
    return new SuperCall(method);
  }

  /** The key of a handle calling {@code method} through {@code super}. */
  private record SuperCall(Element method) {}

  @Override
  public String toString() {
    return name;
  }
}
