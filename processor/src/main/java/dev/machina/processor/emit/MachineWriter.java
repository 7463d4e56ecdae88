package dev.machina.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.machina.processor.lower.AwaitSite;
import dev.machina.processor.lower.Block;
import dev.machina.processor.lower.Code;
import dev.machina.processor.lower.Handle;
import dev.machina.processor.lower.LocalTypes;
import dev.machina.processor.HiddenTypes;
import dev.machina.processor.lower.MachineModel;
import dev.machina.processor.lower.Region;
import dev.machina.processor.lower.Stmt;
import dev.machina.processor.lower.Var;
import dev.machina.processor.parse.AsyncMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Writes one machine: its factory method and its {@code Machine} subclass (state constants,
 * hoisted fields, constructor, {@code step} as a {@code for(;;) switch (state)} with an exception
 * dispatcher when try regions span suspensions, and {@code toString}).
 */
final class MachineWriter {
  static final ClassName MACHINE = ClassName.get("dev.machina.internal", "Machine");
  static final ClassName FUTURE = ClassName.get("dev.machina", "Future");
  static final ClassName CONTEXT = ClassName.get("dev.machina", "Context");

  private final MachineModel model;
  private final AsyncMethod method;
  private final Map<Object, String> handleNames;
  private final String describeName;
  private final String statesName;
  private final Map<Var, String> typedNames = new HashMap<>();
  private final Set<String> names = new HashSet<>();
  private final HandleHelpers helpers;
  private final TypeNames typeNames;
  private final InferredReaders inferredReaders;
  private final FragmentWriter fragments;
  /** How the step returns when it suspends ({@link MachineModel#suspend}). */
  private final String suspendReturn;

  MachineWriter(MachineModel model, Map<Object, String> handleNames, String describeName) {
    this.model = model;
    this.method = model.method();
    this.handleNames = handleNames;
    this.typeNames = new TypeNames(new HiddenTypes(model.method().owner()));
    this.inferredReaders = new InferredReaders(names, typeNames);
    this.helpers = new HandleHelpers(handleNames, typeNames);
    this.fragments = new FragmentWriter(model, handleNames, helpers, inferredReaders, names, typeNames);
    this.describeName = describeName;
    this.suspendReturn = MachineModel.suspend(model.value());
    for (Var v : model.vars()) {
      names.add(v.name());
    }
    // Generated names (capture copies, the state table) must not clash with a variable that a
    // statement copied whole declares either.
    names.addAll(model.bodyNames());
    Set<String> taken = new HashSet<>(names);
    model.blocks().forEach(b -> taken.add(b.name()));
    String states = "STATES";
    while (taken.contains(states)) {
      states += "_";
    }
    this.statesName = states;
  }

  private List<TypeVariableName> typeVariables() {
    List<TypeVariableName> out = new ArrayList<>();
    for (TypeParameterElement p : method.typeParameters()) {
      out.add(TypeVariableName.get(p));
    }
    return out;
  }

  private TypeName machineType() {
    ClassName raw = ClassName.get(method.packageName(), method.generatedClass(), model.machineName());
    List<TypeVariableName> vars = typeVariables();
    if (vars.isEmpty()) {
      return raw;
    }
    return ParameterizedTypeName.get(raw, vars.toArray(new TypeName[0]));
  }

  private TypeName resultType() {
    TypeMirror t = method.resultType();
    if (t instanceof WildcardType w) {
      t = w.getExtendsBound();
      if (t == null) {
        return ClassName.OBJECT;
      }
    }
    return typeNames.mentionsHidden(t) ? typeNames.of(t) : TypeName.get(t);
  }

  /**
   * The factory's type variable standing for a result type that names a hidden type, which the
   * caller's context infers ({@code Future<Item> f = OuterAsync.find(..)}); null for any other.
   */
  private TypeVariableName hiddenResult() {
    if (!typeNames.mentionsHidden(method.resultType())) {
      return null;
    }
    String name = "R";
    for (int i = 2; method.typeParameters().stream().anyMatch(nameIs(name)); i++) {
      name = "R" + i;
    }
    return TypeVariableName.get(name);
  }

  /** The factory's result type: {@code Future<R>} for a hidden result type. */
  private TypeName factoryResult() {
    TypeVariableName hiddenResult = hiddenResult();
    return hiddenResult == null
        ? TypeName.get(method.returnType())
        : ParameterizedTypeName.get(FUTURE, hiddenResult);
  }

  private static java.util.function.Predicate<TypeParameterElement> nameIs(String name) {
    return p -> p.getSimpleName().contentEquals(name);
  }

  /**
   * The type the factory takes for a parameter of type {@code t}: {@code t}, or where it names a
   * hidden type, its erasure written ({@code Object} for {@code Item}, {@code Object[]} for
   * {@code Item[]}, {@code List} for {@code List<Item>}).
   */
  private TypeName factoryParameter(TypeMirror t) {
    return typeNames.mentionsHidden(t) ? erased(typeNames.of(t)) : TypeName.get(t);
  }

  private static TypeName erased(TypeName t) {
    if (t instanceof ParameterizedTypeName p) {
      return p.rawType();
    }
    return t instanceof ArrayTypeName a ? ArrayTypeName.of(erased(a.componentType())) : t;
  }

  /** The public static factory, dispatching to overrides first when {@code dispatch} is needed. */
  MethodSpec factory(OverrideDispatch dispatch) {
    List<String> args = new ArrayList<>();
    MethodSpec.Builder m = signature(method.element().getSimpleName().toString(), args);
    m.addJavadoc(
        "Returns the lazy future of $L: nothing of the body runs until it is polled.\n",
        typeNames.link(method.owner(), method.element().getSimpleName()));
    TypeVariableName hiddenResult = hiddenResult();
    if (hiddenResult != null) {
      m.addJavadoc(
          "\n<p>{@code $L} stands for the result type {@code $L}, which this class cannot name: the"
              + " caller's context gives it.\n",
          hiddenResult, method.resultType().toString().replaceAll("\\b([a-z][a-z0-9_]*\\.)+(?=[A-Z])", ""));
    }
    if (dispatch.marked()) {
      m.addAnnotation(OverrideDispatch.ASYNC_FACTORY);
    }
    List<String> suppressed = new ArrayList<>();
    if (castsUnchecked() && !dispatch.needed()) {
      suppressed.add("unchecked");
    }
    rawParameters(suppressed);
    if (dispatch.needed()) {
      suppressed.add("unchecked");
      m.addCode(dispatch.prologue(args.subList(1, args.size()), factoryResult()));
    }
    varargs(m, suppressed);
    m.addStatement(newMachine(args));
    return m.build();
  }

  /**
   * The entry {@code super.m(..)} of an override calls ({@code m$super}): the factory's signature,
   * and this machine whatever the receiver's class overrides.
   */
  MethodSpec superEntry() {
    List<String> args = new ArrayList<>();
    MethodSpec.Builder m = signature(AsyncMethod.superEntryName(method.element()), args);
    m.addJavadoc(
        "Returns the lazy future of $L itself, as {@code super.$L(..)} in an override runs"
            + " it: unlike {@link #$L}, it does not dispatch to the override of the receiver's class.\n",
        typeNames.link(method.owner(), method.element().getSimpleName()),
        method.element().getSimpleName(),
        method.element().getSimpleName());
    List<String> suppressed = new ArrayList<>();
    if (castsUnchecked()) {
      suppressed.add("unchecked");
    }
    rawParameters(suppressed);
    varargs(m, suppressed);
    m.addStatement(newMachine(args));
    return m.build();
  }

  /** Adds {@code rawtypes} to {@code suppressed} if the factory takes a parameter raw. */
  private void rawParameters(List<String> suppressed) {
    if (method.parameters().stream()
        .anyMatch(p -> typeNames.mentionsHidden(p.asType())
            && typeNames.of(p.asType()).toString().contains("<"))) {
      suppressed.add("rawtypes"); // List for List<Item>
    }
  }

  /** A public static method with the factory's type variables and parameters, named in {@code args}. */
  private MethodSpec.Builder signature(String name, List<String> args) {
    TypeVariableName hiddenResult = hiddenResult();
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addTypeVariables(typeVariables())
            .returns(factoryResult());
    if (hiddenResult != null) {
      m.addTypeVariable(hiddenResult);
    }
    if (!method.isStatic()) {
      m.addParameter(typeNames.of(method.receiverType()), model.names().self());
      args.add(model.names().self());
    }
    List<Var> params = parameterVars();
    for (int i = 0; i < method.parameters().size(); i++) {
      VariableElement p = method.parameters().get(i);
      m.addParameter(factoryParameter(p.asType()), params.get(i).name());
      args.add(params.get(i).name());
    }
    m.varargs(method.element().isVarArgs());
    return m;
  }

  /** {@code @SafeVarargs} on a varargs method, and the warnings {@code suppressed} names. */
  private void varargs(MethodSpec.Builder m, List<String> suppressed) {
    if (method.element().isVarArgs()) {
      m.addAnnotation(SafeVarargs.class);
      suppressed.add("varargs");
    }
    if (!suppressed.isEmpty()) {
      m.addAnnotation(
          com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
              .addMember(
                  "value",
                  suppressed.size() == 1
                      ? "$S"
                      : "{" + String.join(", ", java.util.Collections.nCopies(suppressed.size(), "$S")) + "}",
                  suppressed.toArray())
              .build());
    }
  }

  /**
   * {@code return new M<T>(args)}: the machine's type arguments are the factory's own type
   * variables, written out; a diamond infers them from the arguments, which fails where a
   * parameter's wildcard is captured into a bound ({@code Comparator<? super T>} of a {@code T
   * extends Comparable<? super T>}, F110).
   */
  private CodeBlock newMachine(List<String> args) {
    // a parameter the factory takes erased (it names a hidden type) is cast to the field's type
    List<CodeBlock> values = new ArrayList<>();
    int first = args.size() - method.parameters().size();
    args.subList(0, first).forEach(a -> values.add(CodeBlock.of("$L", a)));
    List<Var> params = parameterVars();
    for (int i = 0; i < params.size(); i++) {
      TypeName field = fieldType(params.get(i));
      values.add(
          factoryParameter(method.parameters().get(i).asType()).equals(field)
              ? CodeBlock.of("$L", args.get(first + i))
              : CodeBlock.of("($T) $L", field, args.get(first + i)));
    }
    CodeBlock machine = CodeBlock.of("new $T($L)", machineType(), CodeBlock.join(values, ", "));
    TypeVariableName hiddenResult = hiddenResult();
    return hiddenResult == null
        ? CodeBlock.of("return $L", machine)
        : CodeBlock.of("return ($T) $L", ParameterizedTypeName.get(FUTURE, hiddenResult), machine);
  }

  /** Whether the factory casts unchecked: to its result's type variable or a parameter's type. */
  private boolean castsUnchecked() {
    if (hiddenResult() != null) {
      return true;
    }
    List<Var> params = parameterVars();
    for (int i = 0; i < params.size(); i++) {
      TypeName field = fieldType(params.get(i));
      if (field.toString().contains("<")
          && !factoryParameter(method.parameters().get(i).asType()).equals(field)) {
        return true;
      }
    }
    return false;
  }

  private List<Var> parameterVars() {
    List<Var> out = new ArrayList<>();
    for (Var v : model.vars()) {
      if (v.kind() == Var.Kind.PARAMETER) {
        out.add(v);
      }
    }
    return out;
  }

  /** The machine class. */
  TypeSpec machine() {
    TypeSpec.Builder c =
        TypeSpec.classBuilder(model.machineName())
            .addModifiers(Modifier.STATIC, Modifier.FINAL)
            .addTypeVariables(typeVariables())
            .superclass(ParameterizedTypeName.get(MACHINE, resultType()))
            .addJavadoc("The state machine of $L.\n",
                typeNames.link(method.owner(), method.element().getSimpleName()));
    List<Block> blocks = model.blocks();
    boolean rethrow = false;
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      c.addField(
          FieldSpec.builder(int.class, b.name(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$L", i)
              .build());
      for (Region r = b.region(); r != null; r = r.parent()) {
        rethrow |= r.fin() != null;
      }
    }
    if (rethrow) {
      c.addField(
          FieldSpec.builder(int.class, "RETHROW", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$L", Region.Finally.RETHROW)
              .addJavadoc("The continuation of a finally block that rethrows its pending exception.\n")
              .build());
    }
    c.addField(StateTable.field(model.blocks(), statesName));
    model.shapes().forEach(s -> c.addType(ShapeInterfaces.declaration(s, typeNames)));
    if (model.assertionsFlag() != null) {
      c.addField(assertionsFlag());
    }
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    if (!method.isStatic()) {
      TypeName self = typeNames.of(method.receiverType());
      c.addField(self, model.names().self(), Modifier.PRIVATE, Modifier.FINAL);
      ctor.addParameter(self, model.names().self());
      ctor.addStatement("this.$L = $L", model.names().self(), model.names().self());
    }
    for (Var v : model.vars()) {
      if (v.isField()) {
        c.addField(fieldType(v), v.name(), Modifier.PRIVATE);
      }
      if (v.kind() == Var.Kind.PARAMETER) {
        ctor.addParameter(fieldType(v), v.name());
        ctor.addStatement("this.$L = $L", v.name(), v.name());
      }
    }
    c.addMethod(ctor.build());
    addSteps(c);
    helpers.addTo(c);
    inferredReaders.addTo(c);
    c.addMethod(StateTable.toStringMethod(describeName, method.displayName(), statesName));
    c.addAnnotation(
        com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "{$S, $S, $S, $S}", "unchecked", "rawtypes", "cast", "fallthrough")
            .build());
    return c.build();
  }

  /** A field's type: {@code Object} where it names a local type, and each read casts it back. */
  private TypeName fieldType(Var v) {
    return LocalTypes.mentionsLocal(v.type()) ? ClassName.OBJECT : typeNames.of(v.type());
  }

  /** The name of the step that returns the value unboxed: {@code stepInt}. */
  private static String unboxedStepName(javax.lang.model.type.PrimitiveType value) {
    return "step" + MachineModel.capitalizedKind(value.getKind());
  }

  /**
   * {@code step} of a primitive-valued machine: boxes what the unboxed step returns, unless that
   * step suspended, which it shows by leaving {@code awaiting} set.
   */
  private MethodSpec boxingStep() {
    MachineModel.Names n = model.names();
    TypeName value = TypeName.get(model.value());
    return stepMethod("step", ClassName.OBJECT)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addStatement(
            "$T value = $L($L, $L)", value, unboxedStepName(model.value()), n.cx(), n.depth())
        .addStatement("return awaiting != null ? SUSPENDED : ($T) value", value.box())
        .build();
  }

  /**
   * Adds the step methods to {@code c}: {@code step} (with the unboxed step of a
   * primitive-valued machine) as one {@code for (;;) switch (state)}, or, when that would be too
   * large for one method ({@link StepSplit}), {@code step} dispatching to parts by state range
   * ({@link #addSplitSteps}).
   */
  private void addSteps(TypeSpec.Builder c) {
    StepLocals locals = new StepLocals(model);
    List<Block> blocks = model.blocks();
    List<CodeBlock> localClasses = new ArrayList<>();
    for (Code local : model.localClasses()) {
      localClasses.add(fragments.code(local));
    }
    List<CodeBlock> cases = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      cases.add(caseCode(blocks.get(i), i + 1 < blocks.size() ? blocks.get(i + 1) : null, locals));
    }
    // Local classes compile to classes of their own, so they do not count.
    int bytes = BytecodeEstimate.bytes(wholeStep(locals, List.of(), cases).toString());
    if (StepSplit.needed(bytes, !localClasses.isEmpty())) {
      addSplitSteps(c, locals);
      return;
    }
    CodeBlock body = wholeStep(locals, localClasses, cases);
    if (model.value() != null) {
      c.addMethod(boxingStep());
      c.addMethod(unboxedStep().addCode(body).build());
      return;
    }
    c.addMethod(
        stepMethod("step", ClassName.OBJECT)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .addCode(body)
            .build());
  }

  /** The body of a {@code step} that is one method: its locals, then the loop over every state. */
  private CodeBlock wholeStep(
      StepLocals locals, List<CodeBlock> localClasses, List<CodeBlock> cases) {
    MachineModel.Names n = model.names();
    CodeBlock.Builder body = CodeBlock.builder();
    for (CodeBlock local : localClasses) {
      body.add(local).add("\n");
    }
    if (locals.awaits()) {
      body.addStatement(
          locals.boxedDirect() ? "$T $L = null" : "$T $L", Object.class, n.result());
    }
    // Read at a resume point entered straight from the direct step that set it: initialized
    // only because javac cannot see that through the switch.
    locals.unboxed().forEach(
        (local, type) ->
            body.addStatement(
                "$T $L = $L", type, local, type == TypeName.BOOLEAN ? "false" : "0"));
    // Variables stored and read in several blocks but never across a suspension (a pattern
    // binding a dispatch stores for its case, a local set before an if whose branches read it);
    // the same, initialized only for javac.
    for (Var v : locals.carried()) {
      TypeName type = typeNames.of(v.type());
      body.addStatement("$T $L = $L", type, v.name(), defaultValue(type));
    }
    if (fragments.labelUsed()) {
      body.add("$L:\n", n.label());
    }
    body.beginControlFlow("for (;;)");
    body.add(stateLoop(model.blocks(), cases, null));
    body.endControlFlow();
    return body.build();
  }

  /**
   * The body of the driver loop over {@code blocks} (their cases, {@code cases}): their {@code
   * switch (state)}, inside a {@code try} whose catch sends an exception to the handlers of the
   * state's try region if any of them has one. {@code otherPart} is the sentinel a part returns
   * for a state outside its range, or {@code null} when every state is here.
   */
  private CodeBlock stateLoop(List<Block> blocks, List<CodeBlock> cases, String otherPart) {
    MachineModel.Names n = model.names();
    Map<Region, List<Block>> regions = new LinkedHashMap<>();
    for (Block b : caughtStates(blocks, otherPart != null)) {
      if (b.region() != null) {
        regions.computeIfAbsent(b.region(), k -> new ArrayList<>()).add(b);
      }
    }
    CodeBlock.Builder loop = CodeBlock.builder();
    if (!regions.isEmpty()) {
      loop.beginControlFlow("try");
    }
    loop.beginControlFlow("switch (state)");
    cases.forEach(loop::add);
    loop.add("default:\n$>");
    if (otherPart == null) {
      loop.addStatement(
          "throw new $T(this + $S + state)", IllegalStateException.class, ": no state ");
    } else {
      loop.addStatement("return $L", otherPart);
    }
    loop.add("$<");
    loop.endControlFlow();
    if (!regions.isEmpty()) {
      loop.nextControlFlow("catch ($T $L)", Throwable.class, n.thrown());
      loop.beginControlFlow("switch (state)");
      for (Map.Entry<Region, List<Block>> e : regions.entrySet()) {
        List<String> labels = new ArrayList<>();
        e.getValue().forEach(b -> labels.add(b.name()));
        loop.add("case $L -> {\n$>", String.join(", ", labels));
        dispatch(loop, e.getKey());
        loop.add("$<}\n");
      }
      loop.addStatement("default -> throw $L", n.thrown());
      loop.endControlFlow();
      loop.endControlFlow();
    }
    return loop.build();
  }

  /**
   * The states whose try region's handlers must catch what the code of {@code blocks} throws:
   * those states, and, in a part, every state their code sets before it leaves the part (the
   * resume point of a direct step in the next part, whose callee may throw at once).
   */
  private List<Block> caughtStates(List<Block> blocks, boolean part) {
    if (!part) {
      return blocks;
    }
    Set<Block> set = new HashSet<>(blocks);
    for (Block b : blocks) {
      set.addAll(StepParts.referencedStates(b));
    }
    List<Block> out = new ArrayList<>();
    for (Block b : model.blocks()) {
      if (set.contains(b)) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * The {@code case} of {@code b}, which falls through to {@code next} (or jumps if null); a bare
   * label where it has no code (a state that only marks where a try region starts).
   */
  private CodeBlock caseCode(Block b, Block next, StepLocals locals) {
    MachineModel.Names n = model.names();
    CodeBlock.Builder loop = CodeBlock.builder();
    Stmt.Callee callee = locals.direct().get(b);
    if (callee != null && callee.value() != null) {
      // As below, with the value of a completed direct step in its primitive local; after a
      // suspension the callee's outcome comes boxed, as from any future.
      loop.beginControlFlow("if (awaiting != null)");
      loop.beginControlFlow(
          "if (($L = awaited($L, $L)) == SUSPENDED)", n.result(), n.cx(), n.depth());
      loop.addStatement(suspendReturn);
      loop.endControlFlow();
      loop.addStatement(
          "$L = ($T) $L", callee.valueLocal(), TypeName.get(callee.value()).box(), n.result());
      loop.endControlFlow();
    } else if (callee != null) {
      // Entered straight from a direct step that completed, awaiting is null and r holds its
      // value. The test is in the generated code, so that its branch profile is this class's:
      // inside a shared Machine method, machines that do suspend there would make the JIT
      // compile the call, and the inlined callee would escape into it (B1 at 4.2 ns, not 2.5).
      loop.beginControlFlow(
          "if (awaiting != null && ($L = awaited($L, $L)) == SUSPENDED)",
          n.result(),
          n.cx(),
          n.depth());
      loop.addStatement(suspendReturn);
      loop.endControlFlow();
    } else if (b.await() != null) {
      loop.beginControlFlow(
          "if (($L = awaited($L, $L)) == SUSPENDED)", n.result(), n.cx(), n.depth());
      loop.addStatement(suspendReturn);
      loop.endControlFlow();
    }
    Set<Var> copied = new HashSet<>();
    for (Stmt s : b.stmts()) {
      statement(loop, b, next, s, copied);
    }
    if (loop.isEmpty()) {
      return CodeBlock.of("case $L:\n", b.name());
    }
    return CodeBlock.builder().add("case $L: {\n$>", b.name()).add(loop.build()).add("$<}\n").build();
  }

  /**
   * Adds a {@code step} too large for one method as parts, one method per range of states
   * ({@link StepSplit}), each its own {@code for (;;) switch (state)} over its range whose
   * {@code default} returns a sentinel, and {@code step} calling the part of the current state
   * until one returns something else. The locals {@code step} declares before its loop become
   * fields, since a part may set one that another reads; a local class, declared at the top of
   * {@code step} for every state, cannot be shared by methods, and is refused.
   */
  private void addSplitSteps(TypeSpec.Builder c, StepLocals locals) {
    if (!model.localClasses().isEmpty()) {
      throw new dev.machina.processor.UnsupportedCode(
          null,
          "this body is too large for one method of the machine, and the parts it is split"
              + " into cannot share the local classes it declares: declare them outside the"
              + " method, or split the method");
    }
    MachineModel.Names n = model.names();
    if (locals.awaits()) {
      c.addField(Object.class, n.result(), Modifier.PRIVATE);
    }
    locals.unboxed().forEach((local, type) -> c.addField(type, local, Modifier.PRIVATE));
    for (Var v : locals.carried()) {
      c.addField(typeNames.of(v.type()), v.name(), Modifier.PRIVATE);
    }
    String otherPart = freshName("OTHER_PART");
    c.addField(
        FieldSpec.builder(Object.class, otherPart, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", Object.class)
            .addJavadoc(
                "Returned by a part of {@link #step} when the machine goes on in a state of"
                    + " another part.\n")
            .build());
    List<Block> blocks = model.blocks();
    StepParts parts =
        StepParts.of(blocks, i -> caseCode(blocks.get(i), null, locals), this::dispatchCode);
    List<String> partNames = new ArrayList<>();
    for (int k = 0; k < parts.ranges().size(); k++) {
      StepSplit.Range range = parts.ranges().get(k);
      String name = "stepPart" + (k + 1);
      partNames.add(name);
      List<Block> own = blocks.subList(range.first(), range.last() + 1);
      fragments.clearLabelUsed();
      List<CodeBlock> cases = new ArrayList<>();
      for (int i = range.first(); i <= range.last(); i++) {
        Block next = i < range.last() ? blocks.get(i + 1) : null;
        cases.add(caseCode(blocks.get(i), next, locals));
      }
      CodeBlock.Builder body = CodeBlock.builder();
      if (fragments.labelUsed()) {
        body.add("$L:\n", n.label());
      }
      body.beginControlFlow("for (;;)");
      body.add(stateLoop(own, cases, otherPart));
      body.endControlFlow();
      c.addMethod(
          stepMethod(name, ClassName.OBJECT)
              .addModifiers(Modifier.PRIVATE)
              .addJavadoc(
                  "Part $L of $L of {@link #step}: states {@code $L} ($L) to {@code $L} ($L).\n"
                      + "Returns {@link #$L} when the machine goes on in a state of another"
                      + " part.\n",
                  k + 1,
                  parts.ranges().size(),
                  own.get(0).name(),
                  range.first(),
                  own.get(own.size() - 1).name(),
                  range.last(),
                  otherPart)
              .addCode(body.build())
              .build());
    }
    PartDispatcher dispatcher = new PartDispatcher(model, parts, partNames, otherPart);
    c.addMethod(dispatcher.step(stepMethod("step", ClassName.OBJECT)));
    if (model.value() != null) {
      c.addMethod(dispatcher.unboxedStep(unboxedStep()));
    }
  }

  /** The exception dispatch of a try region's states, as {@link #stateLoop} writes it. */
  private CodeBlock dispatchCode(Region region) {
    CodeBlock.Builder out = CodeBlock.builder();
    dispatch(out, region);
    return out.build();
  }

  /** {@code base}, or {@code base} with underscores appended, clashing with no name here. */
  private String freshName(String base) {
    Set<String> taken = new HashSet<>(names);
    model.blocks().forEach(b -> taken.add(b.name()));
    taken.add(statesName);
    taken.add(model.assertionsFlag());
    String out = base;
    while (taken.contains(out)) {
      out += "_";
    }
    names.add(out);
    return out;
  }

  /** The unboxed step of a primitive-valued machine ({@code stepInt}), without its body. */
  private MethodSpec.Builder unboxedStep() {
    return stepMethod(unboxedStepName(model.value()), TypeName.get(model.value()))
        .addJavadoc(
            "Runs the body as {@link #step} does, returning its value unboxed; when it suspends "
                + "it returns $L\nand leaves {@code awaiting} set, which its callers test.\n",
            model.value().getKind() == TypeKind.BOOLEAN ? "false" : "0")
        .addModifiers(Modifier.PRIVATE);
  }

  /** {@code returns name(Context cx, int depth) throws Throwable}, the shape of every step. */
  private MethodSpec.Builder stepMethod(String name, TypeName returns) {
    MachineModel.Names n = model.names();
    return MethodSpec.methodBuilder(name)
        .returns(returns)
        .addParameter(CONTEXT, n.cx())
        .addParameter(int.class, n.depth())
        .addException(Throwable.class);
  }

  /** Sends the exception in flight to the handlers of {@code region}, innermost first. */
  private void dispatch(CodeBlock.Builder out, Region region) {
    String t = model.names().thrown();
    for (Region r = region; r != null; r = r.parent()) {
      for (Region.Catch c : r.catches()) {
        List<String> tests = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < c.types().size(); i++) {
          Handle privateClass = c.privateClasses().get(i);
          if (privateClass != null) {
            // a private nested type, which this file cannot name
            tests.add("$L.isInstance($L)");
            args.add(handleNames.get(privateClass.key()));
            args.add(t);
          } else {
            tests.add("$L instanceof $T");
            args.add(t);
            args.add(TypeName.get(c.types().get(i)));
          }
        }
        out.beginControlFlow("if (" + String.join(" || ", tests) + ")", args.toArray());
        if (c.parameter() != null) {
          out.addStatement(
              "$L = ($T) $L", c.parameter().name(), typeNames.of(c.parameter().type()), t);
        }
        out.addStatement("state = $L", c.handler().name());
        out.addStatement("continue");
        out.endControlFlow();
      }
      if (r.fin() != null) {
        out.addStatement("$L = RETHROW", r.fin().next().name());
        out.addStatement("$L = $L", r.fin().thrown().name(), t);
        out.addStatement("state = $L", r.fin().entry().name());
        out.addStatement("continue");
        return;
      }
    }
    out.addStatement("throw $L", t);
  }

  private void statement(CodeBlock.Builder out, Block b, Block next, Stmt s, Set<Var> copied) {
    fragments.copyCaptures(out, s, copied);
    if (s instanceof Stmt.Line line) {
      out.add(fragments.code(line.code())).add("\n");
    } else if (s instanceof Stmt.Decl decl) {
      Var v = decl.var();
      if (v.isCarried()) {
        // Declared at the top of step.
        if (decl.init() != null) {
          out.addStatement("$L = $L", v.name(), fragments.code(decl.init().bareCast()));
        }
        return;
      }
      if (v.isField()) {
        if (decl.init() != null && LocalTypes.mentionsLocal(v.type())) {
          // The field is an Object: a lambda, method reference or diamond needs the variable's
          // own type as its target, which a local of that type gives it.
          String typed = typedName(v);
          out.add("{\n$>");
          out.addStatement("$T $L = $L", typeNames.of(v.type()), typed, fragments.code(decl.init().bareCast()));
          out.addStatement("$L = $L", v.name(), typed);
          out.add("$<}\n");
        } else if (decl.init() != null) {
          out.addStatement("$L = $L", v.name(), fragments.code(decl.init().bareCast()));
        }
      } else if (decl.init() != null) {
        Object type = localType(v);
        out.addStatement(
            (type instanceof String ? "$L" : "$T") + " $L = $L", type, v.name(), fragments.code(decl.init().bareCast()));
      } else if (v.isStoredBinding() || v.isDefaulted()) {
        TypeName type = typeNames.of(v.type());
        out.addStatement("$T $L = $L", type, v.name(), defaultValue(type));
      } else {
        out.addStatement("$T $L", typeNames.of(v.type()), v.name());
      }
    } else if (s instanceof Stmt.Goto g) {
      Block target = g.target();
      if (target == next && target.region() == b.region()) {
        return;
      }
      out.addStatement("state = $L", target.name());
      if (target != next) {
        out.addStatement("continue");
      }
    } else if (s instanceof Stmt.Suspend suspend) {
      AwaitSite site = suspend.resume().await();
      if (site != null && site.line() > 0) {
        out.add("// $L: $L\n", site.location(), commentText(site.source()));
      }
      Stmt.Callee callee = suspend.callee();
      if (callee == null) {
        out.addStatement("awaiting = $L", fragments.code(suspend.future().bareCast()));
      } else {
        ClassName type =
            ClassName.get(method.packageName(), method.generatedClass(), callee.machineClass());
        out.addStatement("$T $L = ($T) $L", type, callee.local(), type, fragments.code(suspend.future()));
      }
      out.addStatement("state = $L", suspend.resume().name());
      List<Var> cleared = model.cleared().getOrDefault(suspend, List.of());
      if (!cleared.isEmpty()) {
        out.add("// not read again: cleared for the garbage collector\n");
      }
      for (Var v : cleared) {
        out.addStatement("$L = null", v.name());
      }
      if (callee != null) {
        // Steps the new machine at once, as Machine.awaited would, through a call the JIT can
        // inline; it completes with its value in r (or unboxed, in rInt and the like), or this
        // machine suspends awaiting it. Too deep, the trampoline steps it instead. The branches
        // are here, not in Machine, so that their profile is this class's own (see Machine's
        // class comment).
        String c = callee.local();
        MachineModel.Names n = model.names();
        out.beginControlFlow("if ($L >= MAX_NESTED)", n.depth());
        out.addStatement("awaiting = $L", c);
        out.addStatement(suspendReturn);
        out.endControlFlow();
        if (callee.value() != null) {
          out.addStatement(
              "$L = nest($L).$L($L, $L + 1)",
              callee.valueLocal(),
              c,
              unboxedStepName(callee.value()),
              n.cx(),
              n.depth());
          out.beginControlFlow("if (suspended($L))", c);
        } else {
          out.beginControlFlow(
              "if (($L = nest($L).step($L, $L + 1)) == SUSPENDED)",
              n.result(), c, n.cx(), n.depth());
        }
        if (model.value() == null) {
          out.addStatement("return suspendOn($L)", c);
        } else {
          out.addStatement("suspendOn($L)", c);
          out.addStatement(suspendReturn);
        }
        out.endControlFlow();
      }
      if (suspend.resume() != next) {
        out.addStatement("continue");
      }
    } else if (s instanceof Stmt.Comment c) {
      out.add("// $L\n", commentText(c.text()));
    }
  }

  /**
   * {@code text} (source text) for a line comment: on one line, and with its Unicode escapes made
   * plain text. javac reads them before anything else, so the escape of a line feed (a
   * backslash, then u000a), harmless in the block comment of the source it was copied from, ended
   * the line comment and made the rest code (javapoet's {@code Util}, whose switch over
   * characters comments each case so). A backslash that begins an escape (preceded by an even
   * number of backslashes, JLS 3.3) gets one more before it.
   */
  static String commentText(String text) {
    StringBuilder b = new StringBuilder();
    int slashes = 0;
    for (char ch : text.toCharArray()) {
      if (ch == '\n' || ch == '\r') {
        ch = ' ';
      }
      if (ch == 'u' && slashes % 2 == 1) {
        b.append('\\');
      }
      slashes = ch == '\\' ? slashes + 1 : 0;
      b.append(ch);
    }
    return b.toString();
  }

  private Object localType(Var v) {
    TypeMirror t = v.type();
    if (v.intersection() != null || v.inferred() != null) {
      return "var";
    }
    if (t.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) t).asElement()).getNestingKind() == NestingKind.ANONYMOUS) {
      return "var";
    }
    return typeNames.of(t);
  }

  /** The value a local of {@code type} is declared with where javac needs one. */
  private static String defaultValue(TypeName type) {
    return type == TypeName.BOOLEAN ? "false" : type.isPrimitive() ? "0" : "null";
  }

  private String typedName(Var v) {
    return typedNames.computeIfAbsent(
        v,
        k -> {
          String n = k.name() + "__";
          while (names.contains(n)) {
            n += "_";
          }
          names.add(n);
          return n;
        });
  }

  /**
   * {@code ASSERTIONS}: whether assertions are enabled for the user's top-level class, which is
   * what javac's own code consults for the plain method's {@code assert} statements.
   */
  private FieldSpec assertionsFlag() {
    Element top = method.owner();
    while (top.getEnclosingElement() != null
        && top.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
      top = top.getEnclosingElement();
    }
    return FieldSpec.builder(
            boolean.class, model.assertionsFlag(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.class.desiredAssertionStatus()", ClassName.get((TypeElement) top))
        .addJavadoc(
            "Whether assertions are enabled for {@link $T}, as for its own {@code assert}"
                + " statements.\n",
            ClassName.get((TypeElement) top))
        .build();
  }
}
