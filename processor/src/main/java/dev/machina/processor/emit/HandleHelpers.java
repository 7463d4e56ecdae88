package dev.machina.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.machina.processor.lower.Handle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The static helpers of a machine class that reach private members through their handles where
 * a bare {@code invokeExact} or {@code set} cannot stand: {@code invokeX(..)} for lambda and
 * class bodies (which cannot throw its {@code Throwable}) and {@code assignX(..)} for an
 * assignment whose value is used. Each is written once, when the code first names it.
 */
final class HandleHelpers {
  private final Map<Object, String> handleNames;
  /** Methods called through handles from lambda and class bodies, by member. */
  private final Map<Object, Handle> helpers = new LinkedHashMap<>();
  private final Map<Object, Handle> assigners = new LinkedHashMap<>();

  private final TypeNames typeNames;

  HandleHelpers(Map<Object, String> handleNames, TypeNames typeNames) {
    this.handleNames = handleNames;
    this.typeNames = typeNames;
  }

  /** Adds the helpers the code named to the machine class {@code c}. */
  void addTo(TypeSpec.Builder c) {
    helpers.values().forEach(h -> c.addMethod(helper(h)));
    assigners.values().forEach(h -> c.addMethod(assignerMethod(h)));
  }

  /** The name of the helper calling {@code h}, which the machine class then has. */
  String invoker(Handle h) {
    helpers.putIfAbsent(h.key(), h);
    return invokerName(h);
  }

  /** The name of the helper assigning the field of {@code h}, which the machine class then has. */
  String assigner(Handle h) {
    assigners.putIfAbsent(h.key(), h);
    return assignerName(h);
  }

  private String invokerName(Handle h) {
    return "invoke" + handleNames.get(h.key());
  }

  private String assignerName(Handle h) {
    return "assign" + handleNames.get(h.key());
  }

  /**
   * {@code assignX(receiver, value)}: stores {@code value} in the field of the var handle {@code
   * X} and returns it, for an assignment whose value is used.
   */
  private MethodSpec assignerMethod(Handle h) {
    TypeName type = typeNames.raw(h.erasedType());
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(assignerName(h))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(type);
    String name = handleNames.get(h.key());
    if (h.member().getModifiers().contains(Modifier.STATIC)) {
      m.addParameter(type, "value").addStatement("$L.set(value)", name);
    } else {
      m.addParameter(receiverName(h), "receiver")
          .addParameter(type, "value")
          .addStatement("$L.set(receiver, value)", name);
    }
    return m.addStatement("return value").build();
  }

  /**
   * {@code invokeX(receiver, arguments)}: calls the method handle {@code X} for a lambda or class
   * body, which cannot throw the {@code Throwable} {@code invokeExact} declares; what the method
   * throws is rethrown unchanged (javac checked the original call in its context).
   */
  private MethodSpec helper(Handle h) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(invokerName(h))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(typeNames.raw(h.erasedType()));
    List<String> args = new ArrayList<>();
    if (!h.member().getModifiers().contains(Modifier.STATIC)
        && h.member().getKind() != ElementKind.CONSTRUCTOR) {
      m.addParameter(receiverName(h), "receiver");
      args.add("receiver");
    }
    for (int i = 0; i < h.erasedParameters().size(); i++) {
      m.addParameter(typeNames.raw((TypeMirror) h.erasedParameters().get(i)), "a" + i);
      args.add("a" + i);
    }
    if (h.member() instanceof javax.lang.model.element.ExecutableElement e) {
      // the checked exceptions the method declares, which the body's lambda or class body may
      // catch around the call (javac refuses a catch of one the try cannot throw: F146)
      for (TypeMirror thrown : e.getThrownTypes()) {
        if (nameableThrown(thrown, h.owner())) {
          m.addException(TypeName.get(thrown));
        }
      }
    }
    String call = handleNames.get(h.key()) + ".invokeExact(" + String.join(", ", args) + ")";
    m.beginControlFlow("try");
    if (h.erasedType().getKind() == TypeKind.VOID) {
      m.addStatement(call);
    } else {
      m.addStatement("return ($T) " + call, typeNames.raw(h.erasedType()));
    }
    m.nextControlFlow("catch ($T e)", Throwable.class);
    m.addStatement("throw $T.rethrow(e)", OverrideDispatch.OVERRIDES);
    m.endControlFlow();
    return m.build();
  }

  /**
   * Whether a helper can declare the thrown type {@code t} of a method of {@code owner}: a class
   * (not a type variable, whose {@code throws E} the caller instantiates) that a class of
   * {@code owner}'s package can name.
   */
  private static boolean nameableThrown(TypeMirror t, TypeElement owner) {
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    Element pkg = owner;
    while (pkg.getKind() != ElementKind.PACKAGE) {
      pkg = pkg.getEnclosingElement();
    }
    for (Element c = ((javax.lang.model.type.DeclaredType) t).asElement();
        c instanceof TypeElement te;
        c = c.getEnclosingElement()) {
      Set<Modifier> mods = te.getModifiers();
      Element own = te;
      while (own.getKind() != ElementKind.PACKAGE) {
        own = own.getEnclosingElement();
      }
      if (mods.contains(Modifier.PRIVATE) || (!mods.contains(Modifier.PUBLIC) && !own.equals(pkg))) {
        return false;
      }
    }
    return true;
  }

  /** The type a helper takes its handle's receiver as: {@code Object} for a hidden class. */
  private TypeName receiverName(Handle h) {
    return typeNames.hides(h.owner()) ? ClassName.OBJECT : ClassName.get(h.owner());
  }
}
