package dev.machina.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.machina.processor.lower.MachineModel;
import dev.machina.processor.parse.AsyncMethod;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The virtual dispatch of an overridable {@code @Async} instance method's factory: a receiver of
 * exactly the declaring class builds the machine after one class compare; any other receiver
 * goes where {@code dev.machina.internal.Overrides} resolves its class (once per class): to the
 * factory of an {@code @Async} override, to a plain override, or to this machine.
 */
final class OverrideDispatch {
  static final ClassName OVERRIDES = ClassName.get("dev.machina.internal", "Overrides");
  static final ClassName ASYNC_FACTORY = ClassName.get("dev.machina.internal", "AsyncFactory");
  private static final TypeName CLASS_WILDCARD =
      ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));

  private final MachineModel model;
  private final AsyncMethod method;
  private final Types types;
  private final Elements elements;
  private final TypeNames typeNames;

  OverrideDispatch(MachineModel model, ProcessingEnvironment env, TypeNames typeNames) {
    this.model = model;
    this.method = model.method();
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.typeNames = typeNames;
  }

  /** Whether a subclass (or an implementing class) can override the method. */
  boolean needed() {
    return AsyncMethod.overridable(method.element());
  }

  /** Whether the factory is marked for {@code Overrides} to find it (every instance method). */
  boolean marked() {
    return !method.isStatic() && !method.element().getModifiers().contains(Modifier.PRIVATE);
  }

  /** The static field resolving receivers' classes. */
  String fieldName() {
    return model.overridesField();
  }

  /**
   * The static field resolving receivers' classes. Parameter types go in an explicit array: javac
   * then resolves the varargs constructor in its first phase instead of its third.
   */
  FieldSpec field() {
    CodeBlock.Builder init =
        CodeBlock.builder()
            .add("new $T($T.lookup(), $L, $S", OVERRIDES, MethodHandles.class,
                // a private class, which the generated code cannot name, is found by its name
                typeNames.hides(method.owner())
                    ? CodeBlock.of("$S", elements.getBinaryName(method.owner()))
                    : CodeBlock.of("$T.class", ClassName.get(method.owner())),
                method.element().getSimpleName().toString());
    if (!method.parameters().isEmpty()) {
      boolean named = method.parameters().stream()
          .anyMatch(p -> typeNames.hiddenType(types.erasure(p.asType())) != null);
      init.add(", new $T[] {", named ? ClassName.OBJECT : CLASS_WILDCARD);
      String sep = "";
      for (VariableElement p : method.parameters()) {
        TypeMirror erased = types.erasure(p.asType());
        TypeElement hidden = typeNames.hiddenType(erased);
        if (hidden != null) {
          // a class the generated code cannot name, which the factory takes as an Object
          String dims = "[]".repeat(dimensions(erased));
          init.add("$L$S", sep, elements.getBinaryName(hidden) + dims);
        } else {
          init.add("$L$T.class", sep, raw(TypeName.get(erased)));
        }
        sep = ", ";
      }
      init.add("}");
    }
    init.add(")");
    return FieldSpec.builder(OVERRIDES, fieldName(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "Where {@link #$L} sends receivers of other classes than $L.\n",
            method.element().getSimpleName(), typeNames.link(method.owner(), null))
        .initializer(init.build())
        .build();
  }

  /**
   * The factory's first statements: calls the override the receiver's class selects, if any
   * ({@code Overrides.of} returns {@code null} at once for a receiver of the declaring class).
   */
  CodeBlock prologue(List<String> parameterNames, TypeName returned) {
    MachineModel.Names n = model.names();
    String handle = "override";
    while (parameterNames.contains(handle) || handle.equals(n.self()) || handle.equals(n.thrown())) {
      handle += "_";
    }
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement("$T $L = $L.of($L)", MethodHandle.class, handle, fieldName(), n.self());
    b.beginControlFlow("if ($L != null)", handle);
    b.beginControlFlow("try");
    List<String> args = new ArrayList<>();
    args.add(n.self());
    args.addAll(parameterNames);
    b.addStatement(
        "return ($T) $L.invokeExact($L)", returned, handle,
        String.join(", ", args));
    b.nextControlFlow("catch ($T $L)", Throwable.class, n.thrown());
    b.addStatement("throw $T.rethrow($L)", OVERRIDES, n.thrown());
    b.endControlFlow();
    b.endControlFlow();
    return b.build();
  }

  private static int dimensions(TypeMirror t) {
    int n = 0;
    for (; t instanceof javax.lang.model.type.ArrayType a; t = a.getComponentType()) {
      n++;
    }
    return n;
  }

  private static TypeName raw(TypeName t) {
    return t instanceof ParameterizedTypeName p ? p.rawType() : t;
  }
}
