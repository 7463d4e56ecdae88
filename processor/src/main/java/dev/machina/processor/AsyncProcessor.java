package dev.machina.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.machina.processor.check.Checker;
import dev.machina.processor.emit.SourceFileWriter;
import dev.machina.processor.lower.Lowerer;
import dev.machina.processor.lower.MachineModel;
import dev.machina.processor.lower.PrimitiveValue;
import dev.machina.processor.lower.Sibling;
import dev.machina.processor.parse.AsyncMethod;
import dev.machina.processor.parse.MethodParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.PrimitiveType;
import javax.tools.Diagnostic;

/**
 * The entry point: for each class with {@code @Async} methods, parses, lowers and emits one state
 * machine per method into {@code <Class>Async}. A failure on one method becomes an error on that
 * method and the others still compile; classes whose bodies mention types not generated yet wait
 * for a later round.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  static final String ASYNC = "dev.machina.Async";

  private Trees trees;
  private Reporter reporter;
  private MethodParser parser;
  private SourceFileWriter writer;
  private Checker checker;
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> done = new HashSet<>();
  /** Classes deferred at least once: their bodies were checked while types were missing. */
  private final Set<String> everDeferred = new HashSet<>();
  private final Set<String> roots = new LinkedHashSet<>();
  /** Whether a round so far raised an error (javac's or ours). */
  private boolean errorsRaised;
  private final java.util.function.Consumer<ExecutableElement> beforeLowering;

  public AsyncProcessor() {
    this(m -> {});
  }

  /** For tests: runs {@code beforeLowering} on each method first (to simulate internal failures). */
  AsyncProcessor(java.util.function.Consumer<ExecutableElement> beforeLowering) {
    this.beforeLowering = beforeLowering;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException e) {
      env.getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "Machina's @Async processor needs javac (the com.sun.source Tree API): " + e);
      return;
    }
    reporter = new Reporter(trees);
    parser = new MethodParser(env, trees);
    writer = new SourceFileWriter(env);
    checker = new Checker(env, trees, reporter);
  }

  /**
   * Every annotation, including none: {@code await} in code without any {@code @Async} method must
   * still be reported, and javac runs a processor on such code only if it supports "*".
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (trees == null) {
      return false;
    }
    LastRound.remember(roots, round);
    errorsRaised |= round.errorRaised();
    if (round.processingOver()) {
      try {
        checker.checkCompilationUnits(new LastRound(processingEnv, round).with(roots));
      } catch (RuntimeException e) {
        processingEnv.getMessager()
            .printMessage(Diagnostic.Kind.ERROR, "Machina's checks failed: " + e);
      }
    }
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    for (String name : deferred) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        owners.put(name, t);
      }
    }
    deferred.clear();
    TypeElement async = processingEnv.getElementUtils().getTypeElement(ASYNC);
    if (async != null) {
      for (Element e : round.getElementsAnnotatedWith(async)) {
        if (e.getKind() == ElementKind.METHOD && e.getEnclosingElement() instanceof TypeElement t) {
          owners.putIfAbsent(t.getQualifiedName().toString(), t);
        }
      }
    }
    for (Map.Entry<String, TypeElement> e : owners.entrySet()) {
      if (!done.contains(e.getKey())) {
        processClass(e.getKey(), e.getValue(), round, owners.values());
      }
    }
    if (round.processingOver() && (errorsRaised || reporter.hadErrors())) {
      try {
        AttributeAfterErrors.attribute(
            trees, new LastRound(processingEnv, round).with(roots).getRootElements(),
            checker::attributionBreaks);
      } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
        // Only a better report was at stake: the errors already reported stand (javac's own
        // assertions can fail on a class attributed twice: ReattributionRule).
      }
    }
    // @Async is ours alone: claim it when it is the only annotation of the round (claiming the
    // others would hide them from other processors).
    return annotations.size() == 1
        && annotations.iterator().next().getQualifiedName().contentEquals(ASYNC);
  }

  private void processClass(
      String name, TypeElement owner, RoundEnvironment round, java.util.Collection<TypeElement> owners) {
    if (!round.processingOver() && checker.checkRecordConstructors(owner)) {
      done.add(name); // attributing the class now would break a record's constructor (JDK-8387215)
      return;
    }
    com.sun.source.util.TreePath ownerPath = trees.getPath(owner);
    if (ownerPath != null && checker.checkAnonymousVars(ownerPath)) {
      done.add(name); // javac cannot compile the class again: the error says what to write
      return;
    }
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element m : owner.getEnclosedElements()) {
      if (m.getKind() == ElementKind.METHOD && isAsync(m)) {
        methods.add((ExecutableElement) m);
      }
    }
    if (!checker.canBeNamed(owner)) {
      methods.forEach(checker::checkAsyncMethod); // each gets its error
      done.add(name);
      return;
    }
    List<AsyncMethod> parsed = new ArrayList<>();
    // Methods that did not compile (each with an error): stub factories keep callers quiet.
    List<AsyncMethod> failed = new ArrayList<>();
    Map<String, AsyncMethod> factories = new HashMap<>();
    for (ExecutableElement m : methods) {
      AsyncMethod am = null;
      try {
        if (!checker.checkAsyncMethod(m)) {
          addFailed(failed, quietlyParsed(m), factories); // its errors are reported
          continue;
        }
        boolean valid = true;
        am = parser.parse(m);
        parser.refuseOwnGeneratedClass(am);
        if (parser.mentionsMissingTypes(am)) {
          if (round.processingOver()) {
            // javac reports the missing types itself, but not why a generated one is missing.
            parser.reportWaitedForGenerated(am, owners, reporter);
            return;
          }
          if (parser.missingTypesCouldBeGenerated(am)) {
            deferred.add(name);
            everDeferred.add(name);
            return;
          }
          valid = false; // unresolved names no round supplies: javac reports them
        }
        refuseFactoryClash(am, factories);
        (valid ? parsed : failed).add(am);
      } catch (UnsupportedCode ex) {
        report(m, ex);
        addFailed(failed, am, factories);
      } catch (RuntimeException ex) {
        internalError(m, ex);
        addFailed(failed, am, factories);
      }
    }
    done.add(name);
    if (!everDeferred.contains(name)) {
      checker.bodiesChecked(methods);
    }
    List<MachineModel> models = new ArrayList<>();
    Set<String> machineNames = new HashSet<>();
    Map<ExecutableElement, PrimitiveType> unboxed = Map.of();
    try {
      unboxed = PrimitiveValue.decide(parsed, trees, processingEnv.getTypeUtils());
    } catch (RuntimeException ex) {
      internalError(owner, ex);
    }
    Map<ExecutableElement, Sibling> machines = new HashMap<>();
    for (AsyncMethod am : parsed) {
      String base = capitalize(am.element().getSimpleName().toString());
      String machine = base;
      for (int i = 2; !machineNames.add(machine) || machine.equals(am.generatedClass()); i++) {
        machine = base + i;
      }
      machines.put(am.element(), new Sibling(machine, unboxed.get(am.element())));
    }
    for (AsyncMethod am : parsed) {
      try {
        beforeLowering.accept(am.element());
        models.add(new Lowerer(processingEnv, trees, am).lower(machines.get(am.element()), machines));
      } catch (UnsupportedCode ex) {
        report(am.element(), ex);
        failed.add(am);
      } catch (RuntimeException | StackOverflowError ex) {
        internalError(am.element(), ex);
        failed.add(am);
      }
    }
    if (models.isEmpty() && failed.isEmpty()) {
      return;
    }
    AsyncMethod first = models.isEmpty() ? failed.get(0) : models.get(0).method();
    try {
      JavaFile file;
      try {
        file = writer.build(owner, first.packageName(), first.generatedClass(), models, failed);
      } catch (RuntimeException ex) {
        // One machine that cannot be written must not take its siblings' factories along (F51).
        dropUnwritable(owner, first, models, failed);
        file = writer.build(owner, first.packageName(), first.generatedClass(), models, failed);
      }
      String failure = writer.write(file, owner);
      if (failure != null) {
        reporter.error(owner, failure);
      }
    } catch (RuntimeException ex) {
      internalError(owner, ex);
    }
  }

  /**
   * Moves each machine that fails to be written on its own from {@code models} to {@code failed}
   * (a stub factory), with an error on its method: the refusal, or an internal error.
   */
  private void dropUnwritable(
      TypeElement owner, AsyncMethod first, List<MachineModel> models, List<AsyncMethod> failed) {
    for (var it = models.iterator(); it.hasNext(); ) {
      MachineModel m = it.next();
      try {
        writer.build(owner, first.packageName(), first.generatedClass(), List.of(m), List.of());
      } catch (UnsupportedCode ex) {
        report(m.method().element(), ex);
        failed.add(m.method());
        it.remove();
      } catch (RuntimeException ex) {
        internalError(m.method().element(), ex);
        failed.add(m.method());
        it.remove();
      }
    }
  }

  /** {@code m} parsed, or {@code null} where the parser refuses it (already reported). */
  private AsyncMethod quietlyParsed(ExecutableElement m) {
    try {
      return parser.parse(m);
    } catch (RuntimeException ex) {
      return null;
    }
  }

  /** Keeps a stub for {@code am} unless its factory would clash with another. */
  private void addFailed(
      List<AsyncMethod> failed, AsyncMethod am, Map<String, AsyncMethod> factories) {
    if (am != null && factories.putIfAbsent(parser.factorySignature(am), am) == null) {
      failed.add(am);
    }
  }

  /** Refuses {@code am} when an earlier method of its class gets a factory of the same signature. */
  private void refuseFactoryClash(AsyncMethod am, Map<String, AsyncMethod> factories) {
    String signature = parser.factorySignature(am);
    AsyncMethod earlier = factories.putIfAbsent(signature, am);
    if (earlier != null) {
      throw new UnsupportedCode(
          am.tree(),
          "the generated factory of this @Async method, " + signature + ", has the same"
              + " signature as the factory of " + earlier.displayName() + "(..) declared above"
              + " (an instance method's factory takes the receiver as its first parameter):"
              + " rename one of the two methods");
    }
  }

  private static boolean isAsync(Element m) {
    return m.getAnnotationMirrors().stream()
        .anyMatch(
            a -> ((TypeElement) a.getAnnotationType().asElement())
                .getQualifiedName()
                .contentEquals(ASYNC));
  }

  private void report(Element method, UnsupportedCode ex) {
    if (ex.tree() != null) {
      TreePath path = trees.getPath(method);
      if (path != null) {
        reporter.error(path.getCompilationUnit(), ex.tree(), ex.getMessage());
        return;
      }
    }
    reporter.error(method, ex.getMessage());
  }

  private void internalError(Element element, Throwable ex) {
    StringWriter trace = new StringWriter();
    ex.printStackTrace(new PrintWriter(trace));
    reporter.error(
        element,
        "Machina could not compile this @Async method (an internal error of the processor; please"
            + " report it with this trace): " + trace);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
