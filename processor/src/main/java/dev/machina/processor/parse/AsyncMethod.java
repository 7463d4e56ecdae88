package dev.machina.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * An {@code @Async} method as the later stages see it.
 *
 * @param element the method
 * @param owner the class, interface, record or enum declaring it
 * @param path the path of the {@link MethodTree}
 * @param packageName the package of the owner ("" for the default package)
 * @param generatedClass simple name of the generated class ({@code FooAsync}, {@code Outer_InnerAsync})
 * @param isStatic whether the method is static (no receiver)
 * @param receiverType the type of {@code self} for instance methods (the owner with its type
 *     variables), else {@code null}
 * @param typeParameters the type parameters of the factory and machine: the owner's (instance
 *     methods of generic classes) followed by the method's
 * @param parameters the method's parameters
 * @param returnType the declared return type, {@code Future<T>}
 * @param resultType {@code T}
 * @param fileName the simple name of the source file
 */
public record AsyncMethod(
    ExecutableElement element,
    TypeElement owner,
    TreePath path,
    String packageName,
    String generatedClass,
    boolean isStatic,
    TypeMirror receiverType,
    List<TypeParameterElement> typeParameters,
    List<? extends VariableElement> parameters,
    TypeMirror returnType,
    TypeMirror resultType,
    String fileName) {

  public MethodTree tree() {
    return (MethodTree) path.getLeaf();
  }

  public CompilationUnitTree unit() {
    return path.getCompilationUnit();
  }

  /**
   * Whether a subclass (or an implementing class) can override {@code m}, so that a call of it
   * may run another method than {@code m} itself: not for static, private and final methods, nor
   * for methods of final classes (records, and enums without constant bodies, are final).
   */
  public static boolean overridable(ExecutableElement m) {
    var mods = m.getModifiers();
    if (mods.contains(Modifier.STATIC)
        || mods.contains(Modifier.PRIVATE)
        || mods.contains(Modifier.FINAL)) {
      return false;
    }
    return !m.getEnclosingElement().getModifiers().contains(Modifier.FINAL);
  }

  /**
   * The generated entry that builds {@code m}'s own machine without dispatching to an override,
   * which {@code super.m(..)} in an override calls: {@code m$super}. Only overridable methods have
   * one; a {@code $} keeps it apart from the factories of methods declared in Java source.
   */
  public static String superEntryName(ExecutableElement m) {
    return m.getSimpleName() + "$super";
  }

  /** {@code Foo.bar} (nested classes dotted), for messages and {@code toString()}. */
  public String displayName() {
    String owner = owner().getQualifiedName().toString();
    if (!packageName.isEmpty()) {
      owner = owner.substring(packageName.length() + 1);
    }
    return owner + "." + element.getSimpleName();
  }
}
