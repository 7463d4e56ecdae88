package dev.machina.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.machina.processor.lower.Handle;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;

/**
 * The handles of one generated file: a static field per {@code VarHandle}, {@code MethodHandle}
 * or hidden class, and the static initializer that looks them up with {@code
 * MethodHandles.privateLookupIn} in the classes Java lets reach them.
 */
final class HandleFields {
  private static final ClassName HIDDEN_LAMBDAS = ClassName.get("dev.machina.internal", "HiddenLambdas");

  private final ProcessingEnvironment env;
  private final TypeNames typeNames;
  /** The field name of each handle, by {@link Handle#key}. */
  private final Map<Object, String> names;
  /**
   * The top-level class of the {@code @Async} methods' class, whose lookup reaches another
   * package's protected types (the nest of a subclass of their declaring class).
   */
  private final TypeElement methodClass;

  HandleFields(
      ProcessingEnvironment env, TypeNames typeNames, Map<Object, String> names, TypeElement methodClass) {
    this.env = env;
    this.typeNames = typeNames;
    this.names = names;
    // its top-level class, in the same module and nest: a private class's own (the method's class
    // itself) could only be found through a handle, which the lookups of the other handles precede
    TypeElement top = methodClass;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    this.methodClass = top;
  }

  /** Declares the {@code handles} in {@code type}, with the static initializer that looks them up. */
  void addTo(TypeSpec.Builder type, Map<Object, Handle> handles) {
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
                    classLiteral(o.asType()), MethodHandles.class);
                return n;
              });
      String name = names.get(h.key());
      boolean isStatic = h.member().getModifiers().contains(Modifier.STATIC);
      CodeBlock owner = classLiteral(h.owner().asType());
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
      } else if (h.lambdas()) {
        type.addField(
            FieldSpec.builder(HIDDEN_LAMBDAS, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Makes the lambdas of the $L interface {@code $L}$L, which this file cannot name.\n",
                    typeNames.hiddenByProtection(h.owner()) ? "protected" : "private",
                    nestedName(h.owner()),
                    typeNames.hiddenByProtection(h.owner()) ? " of another package" : "")
                .build());
        init.addStatement(
            "$L = $T.of($L, $L, $S, $L)",
            name, HIDDEN_LAMBDAS, lookup, owner, member, methodType(h));
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
            classLiteral(h.erasedType()));
      } else if (h.member().getKind().isField()) {
        type.addField(
            FieldSpec.builder(VarHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $Lfield {@code $L.$L}$L$L.\n", access(h),
                    h.member().getEnclosingElement().getSimpleName(), member, through(h), why(h))
                .build());
        init.addStatement(
            "$L = $L.$L($L, $S, $L)",
            name, lookup, isStatic ? "findStaticVarHandle" : "findVarHandle",
            hiddenBelow(h) ? classLiteral(h.member().getEnclosingElement().asType()) : owner,
            member, classLiteral(h.erasedType()));
      } else if (h.member().getKind() == ElementKind.CONSTRUCTOR) {
        type.addField(
            FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $Lconstructor of {@code $L}$L.\n", access(h), h.owner().getSimpleName(), why(h))
                .build());
        CodeBlock.Builder mt = CodeBlock.builder().add("$T.methodType(void.class", MethodType.class);
        for (Object p : h.erasedParameters()) {
          mt.add(", $L", classLiteral((TypeMirror) p));
        }
        mt.add(")");
        init.addStatement(
            "$L = $L.findConstructor($L, $L)$L", name, lookup, owner, mt.build(), asObjects(h));
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
              name, lookup, ClassName.get(h.superType()), member, methodType(h), owner,
              asObjects(h));
        } else {
          // the superclass is found at run time: its name may not be usable here (a private class)
          init.addStatement(
              "$L = $L.findSpecial($L.getSuperclass(), $S, $L, $L)$L",
              name, lookup, owner, member, methodType(h), owner, asObjects(h));
        }
      } else {
        type.addField(
            FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $Lmethod {@code $L.$L}$L$L.\n", access(h),
                    h.member().getEnclosingElement().getSimpleName(), member, through(h), why(h))
                .build());
        init.addStatement(
            "$L = $L.$L($L, $S, $L)$L",
            name, lookup, isStatic ? "findStatic" : "findVirtual", owner, member, methodType(h),
            asObjects(h));
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
  private CodeBlock classLiteral(TypeMirror t) {
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
  private CodeBlock asObjects(Handle h) {
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
            .add("$T.class", constructor ? objectIfHidden(h.owner()) : typeNames.raw(h.erasedType()));
    if (receiver) {
      mt.add(", $T.class", objectIfHidden(h.owner()));
    }
    for (TypeMirror p : types) {
      mt.add(", $T.class", typeNames.raw(p));
    }
    return mt.add("))").build();
  }

  private TypeName objectIfHidden(TypeElement t) {
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
  private CodeBlock methodType(Handle h) {
    CodeBlock.Builder mt =
        CodeBlock.builder().add("$T.methodType($L", MethodType.class, classLiteral(h.erasedType()));
    for (Object p : h.erasedParameters()) {
      mt.add(", $L", classLiteral((TypeMirror) p));
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
  private String why(Handle h) {
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
