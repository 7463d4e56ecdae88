package dev.machina.processor.lower;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code VarHandle} or {@code MethodHandle} to a private member of the class declaring the async
 * method, looked up once with {@code MethodHandles.privateLookupIn}. When {@code member} is the
 * inner class itself, the handle reads its enclosing instance (javac's {@code this$N} field, N
 * being {@code erasedParameters.get(0)}). A handle with a {@code superType} calls an instance
 * method as {@code super.m(..)} or {@code I.super.m(..)} in {@code owner} does ({@code
 * findSpecial}, so no override is dispatched to). When {@code member} is a hidden type (private,
 * or protected of another package) other than {@code owner}, the handle is that type's {@code
 * Class}, found by name through the lookup of {@code owner}, its top-level class (of the method's
 * class for a protected one): the generated class cannot write its literal. A {@code lambdas}
 * handle is the {@code HiddenLambdas} that makes lambdas of the hidden functional interface
 * {@code owner}, whose method {@code member} is.
 *
 * @param name the static field holding the handle
 * @param owner the class declaring the member, or whose super call the handle makes
 * @param member the private field or method
 * @param erasedType the erased field type or method return type
 * @param erasedParameters the erased parameter types of a method
 * @param superType for a super call, the direct supertype of {@code owner} it names: the
 *     superclass, or a superinterface ({@code I.super.m(..)}); else {@code null}
 * @param lambdas whether the handle makes lambdas of the interface {@code owner}
 */
public record Handle(
    String name,
    TypeElement owner,
    Element member,
    TypeMirror erasedType,
    List<?> erasedParameters,
    TypeElement superType,
    boolean lambdas) {
  /** A handle to a member, or the class of a hidden type. */
  public Handle(
      String name,
      TypeElement owner,
      Element member,
      TypeMirror erasedType,
      List<?> erasedParameters,
      TypeElement superType) {
    this(name, owner, member, erasedType, erasedParameters, superType, false);
  }

  /** Whether the handle makes a super call. */
  public boolean viaSuper() {
    return superType != null;
  }

  /** Whether the handle is the {@code Class} of a private nested type. */
  public boolean isClassObject() {
    return member instanceof TypeElement t && !t.equals(owner);
  }

  /** What the generated class names one handle by: the member, or the member as a super call. */
  public Object key() {
    if (lambdas) {
      return lambdasKey(owner);
    }
    if (isClassObject()) {
      return classKey((TypeElement) member);
    }
    return viaSuper() ? superCallKey(member, owner, superType) : member;
  }

  /** The key of the handle holding the {@code Class} of the private nested type {@code type}. */
  public static Object classKey(TypeElement type) {
    return new ClassObject(type);
  }

  /** The key of the handle making lambdas of the hidden functional interface {@code type}. */
  public static Object lambdasKey(TypeElement type) {
    return new Lambdas(type);
  }

  /** The key of a handle making lambdas. */
  private record Lambdas(TypeElement type) {}

  /** The key of a handle holding a class. */
  private record ClassObject(TypeElement type) {}

  /** The key of the handle calling {@code method} as {@code superType.super.method(..)} in {@code owner}. */
  static Object superCallKey(Element method, TypeElement owner, TypeElement superType) {
    return new SuperCall(method, owner, superType);
  }

  /** The key of a handle calling a method through {@code super}. */
  private record SuperCall(Element method, TypeElement owner, TypeElement superType) {}

  @Override
  public String toString() {
    return name;
  }
}
