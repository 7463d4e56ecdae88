package dev.machina.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.lower.Handle;
import dev.machina.processor.lower.MachineModel;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * The one place that writes generated sources: one {@code FooAsync} per class with
 * {@code @Async} methods, holding the factories, the machines and the handles to private members,
 * marked {@code @Generated} and tied to the class as originating element.
 */
public final class SourceFileWriter {
  private final ProcessingEnvironment env;
  private final Filer filer;

  public SourceFileWriter(ProcessingEnvironment env) {
    this.env = env;
    this.filer = env.getFiler();
  }

  /** Builds the file for {@code owner} from its lowered methods (in source order). */
  public JavaFile build(TypeElement owner, String packageName, String simpleName, List<MachineModel> machines) {
    return build(owner, packageName, simpleName, machines, List.of());
  }

  /** As above, with stub factories for {@code failed}, the methods that did not compile. */
  public JavaFile build(
      TypeElement owner, String packageName, String simpleName, List<MachineModel> machines,
      List<dev.machina.processor.parse.AsyncMethod> failed) {
    TypeNames typeNames = new TypeNames(new HiddenTypes(owner));
    Map<Object, String> handleNames = new LinkedHashMap<>();
    Map<Object, Handle> handles = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    // A handle is named unqualified in the machines: no variable of theirs may hide it, nor one
    // that a statement copied whole into step declares.
    for (MachineModel m : machines) {
      m.vars().forEach(v -> taken.add(v.name()));
      taken.addAll(m.bodyNames());
    }
    // A type the generated code names by its simple name (Owner.staticMethod() for a call the
    // body made through a static import, say) would be hidden by a variable of that name in
    // scope (JLS 6.4.2): such types are written qualified.
    String[] variableNames = taken.stream().sorted().toArray(String[]::new);
    for (MachineModel m : machines) {
      for (Handle h : m.handles()) {
        if (!handleNames.containsKey(h.key())) {
          String n = h.name();
          for (int i = 2; !taken.add(n); i++) {
            n = h.name() + "_" + i;
          }
          handleNames.put(h.key(), n);
          handles.put(h.key(), h);
        }
      }
    }
    TypeSpec.Builder type =
        TypeSpec.classBuilder(simpleName)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addOriginatingElement(owner)
            .alwaysQualify(variableNames)
            .addJavadoc(
                "State machines for the {@code @Async} methods of $L; call these"
                    + " factories instead of the methods.\n",
                typeNames.link(owner, null));
    TypeElement generated = env.getElementUtils().getTypeElement("javax.annotation.processing.Generated");
    if (generated != null && env.getSourceVersion().compareTo(SourceVersion.RELEASE_8) > 0) {
      type.addAnnotation(
          AnnotationSpec.builder(ClassName.get(generated))
              .addMember("value", "$S", "dev.machina.processor.AsyncProcessor")
              .build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    new HandleFields(env, typeNames, handleNames, owner).addTo(type, handles);
    String describe = "describe";
    for (MachineModel m : machines) {
      while (m.method().element().getSimpleName().contentEquals(describe)) {
        describe += "_";
      }
    }
    if (!machines.isEmpty()) {
      type.addMethod(describeMethod(describe));
    }
    List<TypeSpec> classes = new ArrayList<>();
    for (MachineModel m : machines) {
      MachineWriter w = new MachineWriter(m, handleNames, describe);
      OverrideDispatch dispatch = new OverrideDispatch(m, env, typeNames);
      if (dispatch.needed()) {
        type.addField(dispatch.field());
      }
      type.addMethod(w.factory(dispatch));
      if (dispatch.needed()) {
        type.addMethod(w.superEntry());
      }
      classes.add(w.machine());
    }
    for (var f : failed) {
      // a signature naming a private nested type is not repeated here (a bound's error says so)
      if (!typeNames.mentionsHidden(f.returnType())
          && f.parameters().stream().noneMatch(p -> typeNames.mentionsHidden(p.asType()))
          && f.typeParameters().stream()
              .flatMap(t -> t.getBounds().stream())
              .noneMatch(typeNames::mentionsHidden)) {
        StubFactory.of(f, typeNames).forEach(type::addMethod);
      }
    }
    classes.forEach(type::addType);
    return JavaFile.builder(packageName, type.build()).indent("  ").skipJavaLangImports(true).build();
  }

  /**
   * The one {@code toString} of every machine in the file: the method's name, then what the
   * machine's state table says of its state.
   */
  private static MethodSpec describeMethod(String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(String.class)
        .addParameter(String.class, "method")
        .addParameter(boolean.class, "done")
        .addParameter(int.class, "state")
        .addParameter(String.class, "states")
        .addJavadoc(
            "Describes a machine of {@code method} for its {@code toString}: completed, or what"
                + " line {@code state}\nof {@code states} says (not started, or the await it is"
                + " suspended at).\n")
        .beginControlFlow("if (done)")
        .addStatement("return method + $S", " (completed)")
        .endControlFlow()
        .addStatement("String[] lines = states.split($S, -1)", "\n")
        .addStatement(
            "String s = state >= 0 && state < lines.length ? lines[state] : $S", "")
        .addStatement("return method + (!s.isEmpty() ? s : $S + state)", " at state ")
        .build();
  }

  /** Writes {@code file}; returns an error message, or {@code null} on success. */
  public String write(JavaFile file, Element owner) {
    try {
      // Rendered to a string first and written in one call: JavaPoet appends piece by piece,
      // and each append to the Filer's writer goes through a charset encoder.
      String text = file.toString();
      String name = file.typeSpec().name();
      JavaFileObject source =
          filer.createSourceFile(
              file.packageName().isEmpty() ? name : file.packageName() + "." + name,
              file.typeSpec().originatingElements().toArray(new Element[0]));
      try (Writer out = source.openWriter()) {
        out.write(text);
      } catch (IOException | RuntimeException e) {
        source.delete();
        throw e;
      }
      return null;
    } catch (javax.annotation.processing.FilerException e) {
      // Outer.Inner and a class Outer_Inner of one package both give Outer_InnerAsync.
      String name = file.typeSpec().name();
      return "could not write " + file.packageName() + "." + name + ", the class generated"
          + " from this class: another class of the package with @Async methods gives the same"
          + " name (a nested class Outer.Inner and a class Outer_Inner both give"
          + " Outer_InnerAsync), or the file exists already: rename one of the classes ("
          + e.getMessage() + ")";
    } catch (IOException e) {
      return "could not write " + file.packageName() + "." + file.typeSpec().name() + ": " + e;
    }
  }
}
