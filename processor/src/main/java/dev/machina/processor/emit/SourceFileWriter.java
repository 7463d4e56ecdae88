package dev.machina.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.machina.processor.lower.Handle;
import dev.machina.processor.lower.MachineModel;
import dev.machina.processor.HiddenTypes;
import java.io.IOException;
import java.io.Writer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
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
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;
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
                "State machines for the {@code @Async} methods of {@link $T}; call these"
                    + " factories instead of the methods.\n",
                ClassName.get(owner));
    TypeElement generated = env.getElementUtils().getTypeElement("javax.annotation.processing.Generated");
    if (generated != null && env.getSourceVersion().compareTo(SourceVersion.RELEASE_8) > 0) {
      type.addAnnotation(
          AnnotationSpec.builder(ClassName.get(generated))
              .addMember("value", "$S", "dev.machina.processor.AsyncProcessor")
              .build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    addHandles(type, handles, handleNames, typeNames, owner);
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
      OverrideDispatch dispatch = new OverrideDispatch(m, env.getTypeUtils());
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
      // a signature naming a private nested type cannot be repeated here (its error says so)
      if (!typeNames.mentionsHidden(f.returnType())
          && f.parameters().stream().noneMatch(p -> typeNames.mentionsHidden(p.asType()))) {
        StubFactory.of(f).forEach(type::addMethod);
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

  private void addHandles(
      TypeSpec.Builder type, Map<Object, Handle> handles, Map<Object, String> names, TypeNames typeNames,
      TypeElement methodClass) {
    if (handles.isEmpty()) {
      return;
    }
    CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
    Map<TypeElement, String> lookups = new LinkedHashMap<>();
    // The classes of private nested types first: the other handles' lookups name them.
    List<Handle> ordered = new ArrayList<>();
    handles.values().stream().filter(Handle::isClassObject).forEach(ordered::add);
    handles.values().stream().filter(h -> !h.isClassObject()).forEach(ordered::add);
    for (Handle h : ordered) {
      // A private class's members (and the private class itself) are looked up in that class; a
      // protected class of another package, in the method's class, which Java lets use it: its
      // module may open no package to this one.
      TypeElement hiddenType = h.isClassObject() ? (TypeElement) h.member() : h.owner();
      String lookup =
          lookups.computeIfAbsent(
              typeNames.hiddenByProtection(hiddenType) ? methodClass : h.owner(),
              o -> {
                String n = "lookup" + (lookups.isEmpty() ? "" : String.valueOf(lookups.size() + 1));
                init.addStatement(
                    "$T $L = $T.privateLookupIn($L, $T.lookup())",
                    MethodHandles.Lookup.class, n, MethodHandles.class,
                    classLiteral(o.asType(), names, typeNames), MethodHandles.class);
                return n;
              });
      String name = names.get(h.key());
      boolean isStatic = h.member().getModifiers().contains(Modifier.STATIC);
      CodeBlock owner = classLiteral(h.owner().asType(), names, typeNames);
      String member = h.member().getSimpleName().toString();
      if (h.isClassObject()) {
        TypeElement nested = (TypeElement) h.member();
        type.addField(
            FieldSpec.builder(
                    ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)),
                    name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $L class {@code $L}$L, which this file cannot name.\n",
                    typeNames.hiddenByProtection(nested) ? "protected" : "private", nestedName(nested),
                    typeNames.hiddenByProtection(nested) ? " of another package" : "")
                .build());
        init.addStatement(
            "$L = $L.findClass($S)",
            name, lookup, env.getElementUtils().getBinaryName(nested).toString());
      } else if (h.member() instanceof TypeElement) {
        type.addField(
            FieldSpec.builder(VarHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                    "The enclosing instance of the inner class {@code $L}.\n",
                    h.owner().getSimpleName())
                .build());
        init.addStatement(
            "$L = $L.findVarHandle($L, $S, $L)",
            name, lookup, owner, "this$" + h.erasedParameters().get(0),
            classLiteral(h.erasedType(), names, typeNames));
      } else if (h.member().getKind().isField()) {
        type.addField(
            FieldSpec.builder(VarHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $Lfield {@code $L.$L}$L$L.\n", access(h),
                    h.member().getEnclosingElement().getSimpleName(), member, through(h), why(h, typeNames))
                .build());
        init.addStatement(
            "$L = $L.$L($L, $S, $L)",
            name, lookup, isStatic ? "findStaticVarHandle" : "findVarHandle",
            hiddenBelow(h) ? classLiteral(h.member().getEnclosingElement().asType(), names, typeNames) : owner,
            member, classLiteral(h.erasedType(), names, typeNames));
      } else if (h.member().getKind() == ElementKind.CONSTRUCTOR) {
        type.addField(
            FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $Lconstructor of {@code $L}$L.\n", access(h), h.owner().getSimpleName(), why(h, typeNames))
                .build());
        CodeBlock.Builder mt = CodeBlock.builder().add("$T.methodType(void.class", MethodType.class);
        for (Object p : h.erasedParameters()) {
          mt.add(", $L", classLiteral((TypeMirror) p, names, typeNames));
        }
        mt.add(")");
        init.addStatement(
            "$L = $L.findConstructor($L, $L)$L", name, lookup, owner, mt.build(), asObjects(h, typeNames));
      } else if (h.viaSuper()) {
        boolean viaInterface = h.superType().getKind().isInterface();
        type.addField(
            FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The method {@code $L.$L} as {@code $Lsuper.$L(..)} in {@code $L} calls it.\n",
                    h.member().getEnclosingElement().getSimpleName(), member,
                    viaInterface ? h.superType().getSimpleName() + "." : "", member,
                    h.owner().getSimpleName())
                .build());
        if (viaInterface) {
          init.addStatement(
              "$L = $L.findSpecial($T.class, $S, $L, $L)$L",
              name, lookup, ClassName.get(h.superType()), member, methodType(h, names, typeNames), owner,
              asObjects(h, typeNames));
        } else {
          // the superclass is found at run time: its name may not be usable here (a private class)
          init.addStatement(
              "$L = $L.findSpecial($L.getSuperclass(), $S, $L, $L)$L",
              name, lookup, owner, member, methodType(h, names, typeNames), owner, asObjects(h, typeNames));
        }
      } else {
        type.addField(
            FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $Lmethod {@code $L.$L}$L$L.\n", access(h),
                    h.member().getEnclosingElement().getSimpleName(), member, through(h), why(h, typeNames))
                .build());
        init.addStatement(
            "$L = $L.$L($L, $S, $L)$L",
            name, lookup, isStatic ? "findStatic" : "findVirtual", owner, member, methodType(h, names, typeNames),
            asObjects(h, typeNames));
      }
    }
    init.nextControlFlow("catch ($T e)", ReflectiveOperationException.class);
    init.addStatement("throw new $T(e)", ExceptionInInitializerError.class);
    init.endControlFlow();
    type.addStaticBlock(init.build());
  }

  /** {@code Outer.Inner} for a nested type: the names of its enclosing classes and its own. */
  private static String nestedName(TypeElement t) {
    String name = t.getSimpleName().toString();
    for (Element e = t.getEnclosingElement(); e instanceof TypeElement o; e = e.getEnclosingElement()) {
      name = o.getSimpleName() + "." + name;
    }
    return name;
  }

  /**
   * {@code C.class} for the erased type {@code t}, or the handle holding the class of a private
   * nested type ({@code P_CLASS}, {@code P_CLASS.arrayType()} for {@code P[]}).
   */
  private static CodeBlock classLiteral(TypeMirror t, Map<Object, String> names, TypeNames typeNames) {
    TypeElement nested = typeNames.hiddenType(t);
    if (nested == null) {
      return CodeBlock.of("$T.class", raw(t));
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$L", names.get(Handle.classKey(nested)));
    for (TypeMirror x = t; x instanceof ArrayType a; x = a.getComponentType()) {
      b.add(".arrayType()");
    }
    return b.build();
  }

  /**
   * {@code .asType(methodType(..))} with {@code Object} for each private nested type of the
   * method handle {@code h}'s type (its receiver included), which the generated code cannot cast
   * to for {@code invokeExact}; empty when there is none.
   */
  private static CodeBlock asObjects(Handle h, TypeNames typeNames) {
    boolean constructor = h.member().getKind() == ElementKind.CONSTRUCTOR;
    boolean receiver = !constructor && !h.member().getModifiers().contains(Modifier.STATIC);
    List<TypeMirror> types = new ArrayList<>();
    h.erasedParameters().forEach(p -> types.add((TypeMirror) p));
    boolean any =
        (receiver || constructor) && typeNames.hides(h.owner())
            || typeNames.mentionsHidden(h.erasedType())
            || types.stream().anyMatch(typeNames::mentionsHidden);
    if (!any) {
      return CodeBlock.of("");
    }
    // a varargs method's handle would collect an Object[] as one more element
    boolean varargs = h.member() instanceof javax.lang.model.element.ExecutableElement e && e.isVarArgs();
    CodeBlock.Builder mt =
        CodeBlock.builder()
            .add(varargs ? ".asFixedArity()" : "")
            .add(".asType($T.methodType(", MethodType.class)
            .add("$T.class", constructor ? objectIfHidden(h.owner(), typeNames) : typeNames.raw(h.erasedType()));
    if (receiver) {
      mt.add(", $T.class", objectIfHidden(h.owner(), typeNames));
    }
    for (TypeMirror p : types) {
      mt.add(", $T.class", typeNames.raw(p));
    }
    return mt.add("))").build();
  }

  private static TypeName objectIfHidden(TypeElement t, TypeNames typeNames) {
    return typeNames.hides(t) ? ClassName.OBJECT : ClassName.get(t);
  }

  /**
   * Whether the field of {@code h}, looked up through a subclass of its declaring class (a
   * protected field of another package), is hidden by a field of that subclass or of a class in
   * between ({@code super.n} where the subclass declares its own {@code n}): then a lookup by name
   * in the subclass would find the hiding field, so the declaring class is named instead.
   */
  private boolean hiddenBelow(Handle h) {
    Element declaring = h.member().getEnclosingElement();
    for (TypeElement c = h.owner(); c != null && !c.equals(declaring);
        c = (TypeElement) env.getTypeUtils().asElement(c.getSuperclass())) {
      for (Element e : c.getEnclosedElements()) {
        if (e.getKind() == ElementKind.FIELD && e.getSimpleName().equals(h.member().getSimpleName())) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code MethodType.methodType(R.class, P.class, ..)} of a method handle's erased signature. */
  private static CodeBlock methodType(Handle h, Map<Object, String> names, TypeNames typeNames) {
    CodeBlock.Builder mt =
        CodeBlock.builder().add("$T.methodType($L", MethodType.class, classLiteral(h.erasedType(), names, typeNames));
    for (Object p : h.erasedParameters()) {
      mt.add(", $L", classLiteral((TypeMirror) p, names, typeNames));
    }
    return mt.add(")").build();
  }

  /** {@code "private "} or {@code "protected "}; nothing for a member of a private nested type. */
  private static String access(Handle h) {
    var modifiers = h.member().getModifiers();
    return modifiers.contains(Modifier.PRIVATE) ? "private "
        : modifiers.contains(Modifier.PROTECTED) ? "protected " : "";
  }

  /**
   * Why a member this file could call by name goes through its handle: its signature names a
   * hidden type (private, or protected of another package), which this file writes as {@code
   * Object} (F138).
   */
  private String why(Handle h, TypeNames typeNames) {
    var modifiers = h.member().getModifiers();
    boolean hidden = modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.PROTECTED)
        || (h.member().getEnclosingElement() instanceof TypeElement owner && typeNames.hides(owner));
    String named = hidden ? null : typeNames.hiddenInSignature(env.getTypeUtils(), h.member());
    return named == null ? "" : ", whose signature names " + named;
  }

  /** Names the subclass a protected member is reached through, when it is not the declaring one. */
  private static String through(Handle h) {
    return h.member().getEnclosingElement().equals(h.owner())
        ? ""
        : ", inherited by {@code " + h.owner().getSimpleName() + "}";
  }

  private static TypeName raw(TypeMirror erased) {
    TypeName t = TypeName.get(erased);
    if (t instanceof com.palantir.javapoet.ParameterizedTypeName p) {
      return p.rawType();
    }
    return t;
  }
}
