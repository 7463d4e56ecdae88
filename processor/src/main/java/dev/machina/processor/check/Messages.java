package dev.machina.processor.check;

import dev.machina.processor.HiddenTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.StringJoiner;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Every diagnostic text of the checks, in one place; each message says what is wrong and what to
 * write instead.
 */
final class Messages {
  private Messages() {}

  /** How a message names a method: {@code Crawler.crawl(String, int)}. */
  static String describe(ExecutableElement method) {
    StringJoiner params = new StringJoiner(", ", "(", ")");
    for (VariableElement p : method.getParameters()) {
      params.add(simpleTypeName(p.asType()));
    }
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + params;
  }

  private static String simpleTypeName(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) type;
      StringBuilder name = new StringBuilder(declared.asElement().getSimpleName());
      List<? extends TypeMirror> args = declared.getTypeArguments();
      if (!args.isEmpty()) {
        StringJoiner joined = new StringJoiner(", ", "<", ">");
        args.forEach(a -> joined.add(simpleTypeName(a)));
        name.append(joined);
      }
      return name.toString();
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return simpleTypeName(((javax.lang.model.type.ArrayType) type).getComponentType()) + "[]";
    }
    return type.toString();
  }

  // ---- await placement ----

  static String awaitInLambda(String context) {
    return "await(...) cannot suspend inside a lambda: the lambda is a separate function that runs"
        + " later, outside the state machine of " + context + ". Await in the @Async body itself"
        + " (for example, write a for loop instead of forEach), or move the lambda's work into an"
        + " @Async method and await the future it returns.";
  }

  static String awaitInLambdaOutsideAsync(String context) {
    return "await(...) cannot suspend inside a lambda, and " + context + " is not @Async either:"
        + " await only works directly in the body of an @Async method. Mark the enclosing method"
        + " @Async (returning dev.machina.Future<T>) and await in its body, outside the lambda;"
        + " or, in code that is not async, wait with Machina.blockOn(future).";
  }

  static String awaitInAnonymousClass(String context) {
    return "await(...) cannot suspend inside an anonymous class body: its methods run outside the"
        + " state machine of " + context + ". Await in the @Async body itself and pass the value"
        + " into the class, or make the work an @Async method of a named class and await it.";
  }

  static String awaitInLocalClass(String className, String context) {
    return "await(...) cannot suspend inside local class " + className + ": its methods run"
        + " outside the state machine of " + context + ". Await in the @Async body itself and pass"
        + " the value into the class, or make the work an @Async method of a named (member or"
        + " top-level) class and await it.";
  }

  static String awaitInClassOutsideAsync(String className, String context) {
    return "await(...) cannot suspend inside " + className + ", and " + context
        + " is not @Async either: await only works directly in the body of an @Async method of a"
        + " named class. Move the await into an @Async method (returning dev.machina.Future<T>);"
        + " or, in code that is not async, wait with Machina.blockOn(future).";
  }

  static String awaitInSynchronized(String context) {
    return "await(...) cannot suspend inside a synchronized block (in " + context + "): the"
        + " monitor would stay held while the task is suspended and be released on another"
        + " thread. Await before or after the synchronized block, or guard the state with the"
        + " async lock dev.machina.sync.Mutex, which may be held across awaits:"
        + " `try (var guard = await(mutex.lock())) { ... }`.";
  }

  static String awaitOutsideAsync(String context) {
    return "await(...) can only be used in an @Async method, and " + context + " is not @Async."
        + " Annotate it @Async and return dev.machina.Future<T> (callers then use the generated"
        + " XxxAsync factory); or, in code that is not async, wait with Machina.blockOn(future).";
  }

  static String awaitInConstructor(String className) {
    return "await(...) cannot be used in a constructor of " + className + ": a constructor cannot"
        + " be @Async. Await in an @Async method instead (for example a static @Async factory"
        + " returning Future<" + className + ">), or wait with Machina.blockOn(future).";
  }

  static String awaitInFieldInitializer(String field) {
    return "await(...) cannot be used in the initializer of field " + field + ": an initializer"
        + " cannot suspend. Assign the field from an @Async method instead, or wait with"
        + " Machina.blockOn(future).";
  }

  static String awaitInInitializerBlock(String className) {
    return "await(...) cannot be used in an initializer block of " + className + ": an"
        + " initializer cannot suspend. Move the await into an @Async method, or wait with"
        + " Machina.blockOn(future).";
  }

  static String awaitMethodReference() {
    return "Await::await cannot be used as a method reference: it becomes a function that runs"
        + " outside any state machine, where await cannot suspend. Call await(...) directly in the"
        + " body of the @Async method (for example in a for loop).";
  }

  /** Describes the code around a misplaced await. */
  static String methodContext(ExecutableElement method) {
    return "method " + describe(method);
  }

  static String constructorContext(TypeElement type) {
    return "the constructor of " + type.getSimpleName();
  }

  static String fieldContext(VariableElement field) {
    return "the initializer of field " + field.getSimpleName();
  }

  static String initializerContext(TypeElement type) {
    return "an initializer block of " + type.getSimpleName();
  }

  // ---- @Async declarations ----

  static String returnTypeNotFuture(ExecutableElement method, TypeMirror returned) {
    String instead;
    String value;
    switch (returned.getKind()) {
      case VOID:
        instead = "Future<Void>";
        value = "return Future.ready(null)";
        break;
      case BOOLEAN: instead = "Future<Boolean>"; value = null; break;
      case BYTE: instead = "Future<Byte>"; value = null; break;
      case SHORT: instead = "Future<Short>"; value = null; break;
      case CHAR: instead = "Future<Character>"; value = null; break;
      case INT: instead = "Future<Integer>"; value = null; break;
      case LONG: instead = "Future<Long>"; value = null; break;
      case FLOAT: instead = "Future<Float>"; value = null; break;
      case DOUBLE: instead = "Future<Double>"; value = null; break;
      default:
        instead = "Future<" + simpleTypeName(returned) + ">";
        value = null;
    }
    return "@Async method " + describe(method) + " must return dev.machina.Future<T>, not "
        + simpleTypeName(returned) + ". Declare it as returning " + instead
        + " (import dev.machina.Future) and "
        + (value != null ? value + " at its end" : "return Future.ready(value) where it returned a value")
        + "; callers await it, or run it with Machina.blockOn.";
  }

  static String returnsFutureSubtype(ExecutableElement method, TypeMirror returned, TypeMirror value) {
    return "@Async method " + describe(method) + " must return exactly dev.machina.Future<T>, not "
        + simpleTypeName(returned) + ": the generated factory returns a state machine, which is a"
        + " Future but not a " + simpleTypeName(returned) + ". Declare it as returning Future<"
        + simpleTypeName(value) + ">.";
  }

  static String synchronizedAsync(ExecutableElement method) {
    return "@Async method " + describe(method) + " cannot be synchronized: its state machine runs"
        + " the body in steps, possibly on different threads, so no monitor is held across its"
        + " awaits. Remove synchronized and guard the shared state with the async lock"
        + " dev.machina.sync.Mutex (`try (var guard = await(mutex.lock())) { ... }`), or use"
        + " synchronized blocks that contain no await.";
  }

  static String hiddenTypeInBound(
      ExecutableElement method, javax.lang.model.element.TypeElement type, HiddenTypes hidden) {
    return "@Async method " + describe(method) + " names " + hidden.describe(type)
        + " in the bound of a type parameter, which its factory in the generated class repeats but"
        + " cannot name: make " + type.getSimpleName() + " " + hidden.fix(type) + ", or bound the"
        + " type parameter by a type it extends";
  }

  static String returnsConcurrentFuture(ExecutableElement method, TypeMirror returned) {
    return "@Async method " + describe(method) + " returns " + returned + ", which is not"
        + " Machina's future: an @Async method must return dev.machina.Future<T>. Import"
        + " dev.machina.Future by name instead of java.util.concurrent.Future; to wait for a"
        + " CompletableFuture/CompletionStage inside the body, await it, or convert it with"
        + " Future.from(stage).";
  }

  static String ambiguousFuture(ExecutableElement method) {
    return "The return type Future of @Async method " + method.getSimpleName() + " is ambiguous:"
        + " the wildcard imports dev.machina.* and java.util.concurrent.* both provide a type"
        + " named Future, so javac cannot tell which one is meant. Import dev.machina.Future by"
        + " name: add `import dev.machina.Future;` (a single-type import wins over both wildcards).";
  }

  static String abstractAsync(ExecutableElement method) {
    return "@Async cannot go on abstract method " + describe(method) + ": it has no body to"
        + " compile into a state machine. Remove @Async here and keep the return type"
        + " Future<T>; put @Async on the implementations that have a body (or give this method a"
        + " body, as a default method in an interface).";
  }

  static String nativeAsync(ExecutableElement method) {
    return "@Async cannot go on native method " + describe(method) + ": it has no Java body to"
        + " compile into a state machine. Remove @Async, or write the body in Java.";
  }

  static String asyncInLocalClass(ExecutableElement method, boolean anonymous) {
    return "@Async is not supported on a method of " + (anonymous ? "an anonymous" : "a local")
        + " class (" + method.getSimpleName() + "): the generated factory cannot reach it. Move"
        + " the method into a named top-level, member or nested class.";
  }

  static String asyncInImplicitClass(ExecutableElement method) {
    return "@Async is not supported in a compact source file (" + method.getSimpleName() + "):"
        + " its class is declared implicitly, and the generated class cannot name it. Declare the"
        + " methods inside a class (class Main { .. }).";
  }

  static String asyncInEnumConstantBody(ExecutableElement method, String constant) {
    return "@Async is not supported on a method of the body of enum constant " + constant + " ("
        + method.getSimpleName() + "): that body is an anonymous class, which the generated"
        + " factory cannot name. Put the @Async method in the enum itself (switch on this in its"
        + " body), or have the constant's plain override return the future of an @Async method"
        + " declared in the enum or in a named class.";
  }

  static String recordCanonicalConstructor(String record, TypeElement top, boolean isOwner, TypeElement owner) {
    return "this canonical constructor of record " + record + " cannot be compiled together with"
        + " the @Async methods of " + owner.getSimpleName() + ": javac 17 to 25 (bug JDK-8387215)"
        + " would then report it as containing an explicit constructor invocation. "
        + (isOwner
            ? "Move the @Async methods out of " + record + " into another top-level class (static"
                + " methods taking the record), or validate in a static factory method instead of"
                + " the canonical constructor."
            : "Move record " + record + " out of " + top.getSimpleName() + " into a top-level class"
                + " of its own (the same file may hold it), or validate in a static factory method"
                + " instead of the canonical constructor.");
  }

  static String asyncOverridesPlain(ExecutableElement method, ExecutableElement plain) {
    String name = method.getSimpleName().toString();
    String base = plain.getEnclosingElement().getSimpleName().toString();
    boolean bodyless = plain.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT);
    return describe(method) + " is @Async but overrides " + describe(plain) + ", which is not:"
        + " calling " + name + "(..) on a " + base + " (also inside @Async bodies) is a plain"
        + " virtual call that runs this method's original body, where await(...) throws"
        + " IllegalStateException; only the generated factories dispatch to state machines. Mark "
        + describe(plain) + " @Async too"
        + (bodyless
            ? " and give it a body (for example `{ throw new UnsupportedOperationException(); }`,"
                + " a default method in an interface)"
            : "")
        + ", or add @SuppressWarnings(\"machina\") if it is only ever called through "
        + method.getEnclosingElement().getSimpleName() + "'s factory.";
  }

  // ---- direct calls ----

  static String directCall(ExecutableElement method, String generatedCall) {
    return describe(method) + " is @Async: calling it directly runs the original body, where"
        + " await(...) throws IllegalStateException. Call " + generatedCall + " to get the state"
        + " machine (then await it, or run it with Machina.blockOn or Machina.spawn); if running the"
        + " original is meant, add @SuppressWarnings(\"machina\").";
  }

  static String directMethodReference(ExecutableElement method, String generatedClass) {
    return describe(method) + " is @Async: a method reference to it runs the original body, where"
        + " await(...) throws IllegalStateException. Refer to the generated factory "
        + generatedClass + "::" + method.getSimpleName() + " instead.";
  }

  // ---- internal ----

  static String internalError(String what, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return "Machina could not check " + what + " because of an internal error; the other methods"
        + " are still processed. Please report this with the trace below.\n" + trace;
  }
}
