package dev.machina.processor.lower;

import com.sun.source.tree.Tree;
import dev.machina.processor.UnsupportedCode;
import java.util.List;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The anonymous class a method reference becomes where its functional interface's method is
 * generic, which no lambda can implement (JLS 15.27.3).
 */
final class GenericFunction {
  private final Lowerer l;

  GenericFunction(Lowerer l) {
    this.l = l;
  }

  /**
   * {@code new F() { @Override public <T> R apply(T a0) { return body; } }}: the class implementing
   * {@code fi}'s method {@code function}, with the function type {@code fn}'s type variables
   * (bounds included), parameters {@code params} and exceptions. javac gives a reference the
   * non-wildcard parameterization of a wildcard target (JLS 15.13.2), so {@code fi} is one a
   * class can implement. Refused at {@code at} where a type variable of the method would hide one
   * {@code fi} names (a {@code Conv<T>} in a body whose {@code T} is the method's).
   */
  Code implementation(
      Tree at, TypeMirror fi, ExecutableElement function, ExecutableType fn, List<String> params,
      Code body) {
    for (TypeVariable v : fn.getTypeVariables()) {
      String name = v.asElement().getSimpleName().toString();
      if (Pattern.compile("(?<![\\w.$])" + name + "(?![\\w$])").matcher(fi.toString()).find()) {
        throw new UnsupportedCode(
            at, "the generated class cannot write the method reference " + at + " as it is: no"
                + " lambda can implement the generic method of " + fi + ", and a class's would"
                + " hide the type variable " + name + " its type names; write an anonymous class"
                + " instead");
      }
    }
    Code.Builder c = Code.builder().text("new ").type(fi).text("() {\n  @Override\n  public <");
    for (int i = 0; i < fn.getTypeVariables().size(); i++) {
      TypeVariable v = fn.getTypeVariables().get(i);
      c.text(i == 0 ? "" : ", ").text(v.asElement().getSimpleName().toString());
      List<? extends TypeMirror> bounds =
          v.getUpperBound() instanceof IntersectionType it ? it.getBounds() : List.of(v.getUpperBound());
      if (bounds.size() == 1 && l.types.isSameType(bounds.get(0), l.writable.objectType())) {
        continue;
      }
      for (int b = 0; b < bounds.size(); b++) {
        c.text(b == 0 ? " extends " : " & ").type(bounds.get(b));
      }
    }
    c.text("> ").type(fn.getReturnType()).text(" " + function.getSimpleName() + "(");
    for (int i = 0; i < params.size(); i++) {
      c.text(i == 0 ? "" : ", ").type(fn.getParameterTypes().get(i)).text(" " + params.get(i));
    }
    c.text(")");
    for (int i = 0; i < fn.getThrownTypes().size(); i++) {
      c.text(i == 0 ? " throws " : ", ").type(fn.getThrownTypes().get(i));
    }
    // JavaPoet indents each line as the statement holding it; the class's own is written out
    c.text(" {\n    ").text(fn.getReturnType().getKind() == TypeKind.VOID ? "" : "return ");
    return c.add(body).text(";\n  }\n}").build();
  }
}
