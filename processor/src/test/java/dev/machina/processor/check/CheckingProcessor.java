package dev.machina.processor.check;

import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** A test processor that runs only the {@link Checker}, as the real processor does, without generating code. */
final class CheckingProcessor extends AbstractProcessor {
  /** Validity of each checked method, by {@code Class.method}. */
  final Map<String, Boolean> valid = new HashMap<>();
  private final List<MethodRule> extraRules;
  private final int checksPerMethod;
  private Checker checker;

  CheckingProcessor() {
    this(List.of(), 1);
  }

  /**
   * A processor whose checker also runs {@code extraRules}, and that checks each method
   * {@code checksPerMethod} times (as a processor deferring a class to a later round does).
   */
  CheckingProcessor(List<MethodRule> extraRules, int checksPerMethod) {
    this.extraRules = extraRules;
    this.checksPerMethod = checksPerMethod;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    Trees trees = Trees.instance(env);
    checker = new Checker(env, trees, new Reporter(env), extraRules);
  }

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
    checker.checkCompilationUnits(round);
    TypeElement async = processingEnv.getElementUtils().getTypeElement("dev.machina.Async");
    for (Element e : round.getElementsAnnotatedWith(async)) {
      for (int i = 0; i < checksPerMethod; i++) {
        valid.put(e.getEnclosingElement().getSimpleName() + "." + e.getSimpleName(),
            checker.checkAsyncMethod((ExecutableElement) e));
      }
    }
    return false;
  }
}
