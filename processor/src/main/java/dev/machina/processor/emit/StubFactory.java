package dev.machina.processor.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.machina.processor.parse.AsyncMethod;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The factory of an {@code @Async} method that did not compile (an error is reported on it), and
 * its {@code m$super} entry if it is overridable: the same signatures, bodies that throw, so that code calling the factory reports no error of its
 * own on top of the one that matters.
 */
final class StubFactory {
  private StubFactory() {}

  /** The stubs of {@code method}, none if its signature names a type javac lacks. */
  static List<MethodSpec> of(AsyncMethod method, TypeNames typeNames) {
    List<TypeMirror> types = new ArrayList<>();
    types.add(method.returnType());
    if (!method.isStatic()) {
      types.add(method.receiverType());
    }
    method.parameters().forEach(p -> types.add(p.asType()));
    for (TypeParameterElement t : method.typeParameters()) {
      types.addAll(t.getBounds());
    }
    for (TypeMirror t : types) {
      if (erroneous(t, 0)) {
        return List.of();
      }
    }
    List<MethodSpec> stubs = new ArrayList<>();
    stubs.add(stub(method, method.element().getSimpleName().toString(), typeNames));
    if (AsyncMethod.overridable(method.element())) {
      stubs.add(stub(method, AsyncMethod.superEntryName(method.element()), typeNames));
    }
    return stubs;
  }

  private static MethodSpec stub(AsyncMethod method, String name, TypeNames typeNames) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(TypeName.get(method.returnType()))
            .addJavadoc(
                "Not compiled: $L has compile errors, reported on it.\n",
                typeNames.link(method.owner(), method.element().getSimpleName()));
    method.typeParameters().forEach(t -> m.addTypeVariable(TypeVariableName.get(t)));
    List<String> names = new ArrayList<>();
    method.parameters().forEach(p -> names.add(p.getSimpleName().toString()));
    if (!method.isStatic()) {
      String self = "self";
      while (names.contains(self)) {
        self += "_";
      }
      m.addParameter(typeNames.of(method.receiverType()), self);
    }
    for (VariableElement p : method.parameters()) {
      m.addParameter(TypeName.get(p.asType()), p.getSimpleName().toString());
    }
    if (method.element().isVarArgs()) {
      m.varargs(true).addAnnotation(SafeVarargs.class);
    }
    m.addStatement(
        "throw new $T($S)", IllegalStateException.class,
        method.displayName() + " did not compile, so Machina generated no state machine for it");
    return m.build();
  }

  private static boolean erroneous(TypeMirror t, int depth) {
    if (t == null || t.getKind() == TypeKind.ERROR || depth > 8) {
      return true;
    }
    if (t instanceof DeclaredType d) {
      for (TypeMirror a : d.getTypeArguments()) {
        if (erroneous(a, depth + 1)) {
          return true;
        }
      }
      return d.getEnclosingType().getKind() == TypeKind.DECLARED
          && erroneous(d.getEnclosingType(), depth + 1);
    }
    if (t instanceof ArrayType a) {
      return erroneous(a.getComponentType(), depth + 1);
    }
    if (t instanceof WildcardType w) {
      return (w.getExtendsBound() != null && erroneous(w.getExtendsBound(), depth + 1))
          || (w.getSuperBound() != null && erroneous(w.getSuperBound(), depth + 1));
    }
    return false;
  }
}
