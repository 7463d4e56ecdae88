package dev.machina.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.machina.processor.lower.FunctionShape;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Declares a machine's {@link FunctionShape}: {@code interface EqFunction<B> extends
 * HiddenLambdas.F2<Integer, B, Boolean>} with the abstract {@code boolean same(int a, B b)} and
 * the default {@code apply} that calls it.
 */
final class ShapeInterfaces {
  private static final ClassName HIDDEN_LAMBDAS = ClassName.get("dev.machina.internal", "HiddenLambdas");

  private ShapeInterfaces() {}

  static TypeSpec declaration(FunctionShape shape, TypeNames typeNames) {
    List<TypeVariableName> variables = new ArrayList<>();
    List<TypeName> boxed = new ArrayList<>(); // the arity interface's type arguments
    MethodSpec.Builder own =
        MethodSpec.methodBuilder(shape.method()).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT);
    List<TypeMirror> parameters = shape.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      TypeName t = typeOf(parameters.get(i), FunctionShape.parameterVariable(i), variables);
      boxed.add(t.box());
      own.addParameter(t, parameterName(i));
    }
    TypeMirror result = shape.result();
    boolean procedure = result.getKind() == TypeKind.VOID;
    TypeName resultType = procedure ? TypeName.VOID : typeOf(result, FunctionShape.RESULT_VARIABLE, variables);
    if (!procedure) {
      boxed.add(resultType.box());
    }
    own.returns(resultType).addException(Throwable.class);
    ClassName arity = HIDDEN_LAMBDAS.nestedClass((procedure ? "V" : "F") + parameters.size());
    MethodSpec.Builder apply =
        MethodSpec.methodBuilder("apply")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
            .returns(procedure ? TypeName.VOID : resultType.box())
            .addException(Throwable.class);
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      apply.addParameter(boxed.get(i), parameterName(i));
      arguments.add(parameterName(i));
    }
    apply.addStatement(
        (procedure ? "" : "return ") + "$L($L)", shape.method(), String.join(", ", arguments));
    return TypeSpec.interfaceBuilder(shape.name())
        .addModifiers(Modifier.PRIVATE)
        .addTypeVariables(variables)
        .addSuperinterface(boxed.isEmpty() ? arity : ParameterizedTypeName.get(arity, boxed.toArray(TypeName[]::new)))
        .addJavadoc(
            "The function type of $L, which this class cannot name, its primitive types kept.\n",
            typeNames.link(shape.hidden(), null))
        .addMethod(own.build())
        .addMethod(apply.build())
        .build();
  }

  /** {@code t} if it is primitive, else the type variable {@code variable}, which it declares. */
  private static TypeName typeOf(TypeMirror t, String variable, List<TypeVariableName> variables) {
    if (t.getKind().isPrimitive()) {
      return TypeName.get(t);
    }
    TypeVariableName v = TypeVariableName.get(variable);
    variables.add(v);
    return v;
  }

  private static String parameterName(int i) {
    return String.valueOf((char) ('a' + i));
  }
}
