package dev.machina.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Validates {@code @Async} code before it is lowered: where {@code await} may stand, what an
 * {@code @Async} method may look like, and direct calls that bypass the generated machines.
 *
 * <p>Each problem is reported once, on the narrowest tree; an unexpected exception inside a check
 * becomes an error on the code under check, and checking goes on with the rest.
 */
public final class Checker {
  private final Trees trees;
  private final Elements elements;
  private final Reporter reporter;
  private final List<MethodRule> methodRules;
  private final AwaitPlacementRule awaitRule;
  private final DirectCallRule directCallRule;
  private final EnclosingClassRule enclosingClassRule;
  private final ReattributionRule inferenceRule;
  private final RecordConstructorRule recordConstructors;
  /** Trees already reported on, so a problem found by two scans is reported once. */
  private final Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * Declarations of {@code @Async} methods found invalid while scanning code. Trees, not elements:
   * javac keeps a source's trees across rounds but gives its classes new elements.
   */
  private final Set<Tree> invalid = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The verdict on each {@code @Async} method already checked, so a deferred one is not reported twice. */
  private final Map<Tree, Boolean> verdicts = new IdentityHashMap<>();
  /**
   * Declarations of {@code @Async} methods whose bodies {@link #checkAsyncMethod} scanned with
   * every type they mention resolved: the last round's whole-unit scan skips them, so that it
   * attributes no class whose code lies all in such bodies (javac attributes it once more anyway).
   */
  private final Set<Tree> bodiesChecked = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Compilation units already scanned, across rounds. */
  private final Set<CompilationUnitTree> scannedUnits =
      Collections.newSetFromMap(new IdentityHashMap<>());
  /** Simple names of the {@code @Async} methods seen so far, for finding direct calls. */
  private final Set<String> asyncNames = new HashSet<>();

  /**
   * Reports variables of anonymous class types in {@code path}'s top-level class (which the
   * processor attributes); returns whether there was one.
   */
  public boolean checkAnonymousVars(TreePath path) {
    return inferenceRule.check(path, reporter);
  }

  /**
   * Whether the last round must not attribute the top-level class at {@code top} again: javac
   * would fail on it or on a superclass it attributes along ({@link ReattributionRule}, already
   * reported), or it is a generated file.
   */
  public boolean attributionBreaks(TreePath top) {
    return inferenceRule.attributesRefused(top)
        || generatedByMachina(top.getCompilationUnit()); // its errors would be the user's again
  }

  /**
   * Reports records whose canonical constructor javac fails on once {@code owner} is attributed
   * before the last round ({@link RecordConstructorRule}); returns whether there is one.
   */
  public boolean checkRecordConstructors(TypeElement owner) {
    return recordConstructors.check(owner, reporter);
  }

  public Checker(ProcessingEnvironment env, Trees trees, Reporter reporter) {
    this(env, trees, reporter, List.of());
  }

  /** A checker that also runs {@code extraRules} on each {@code @Async} method (for tests). */
  Checker(ProcessingEnvironment env, Trees trees, Reporter reporter, List<MethodRule> extraRules) {
    this.trees = trees;
    this.elements = env.getElementUtils();
    this.enclosingClassRule = new EnclosingClassRule(elements);
    this.reporter = reporter;
    List<MethodRule> rules = new ArrayList<>();
    rules.add(enclosingClassRule);
    rules.add(new BodyRule());
    rules.add(new ReturnTypeRule(env.getTypeUtils(), env.getElementUtils()));
    rules.add(new SynchronizedMethodRule());
    rules.add(new PrivateSignatureRule());
    rules.add(new PlainOverriddenRule(env.getTypeUtils(), env.getElementUtils()));
    rules.addAll(extraRules);
    this.methodRules = List.copyOf(rules);
    this.awaitRule = new AwaitPlacementRule(trees);
    this.inferenceRule = new ReattributionRule(trees);
    this.recordConstructors = new RecordConstructorRule(trees, env.getElementUtils());
    this.directCallRule = new DirectCallRule(trees, env.getTypeUtils());
  }

  /**
   * Checks every compilation unit of the round: await outside @Async, direct calls to @Async
   * methods (warning).
   */
  public void checkCompilationUnits(RoundEnvironment round) {
    TypeElement async = asyncAnnotation();
    if (async != null) {
      for (Element e : round.getElementsAnnotatedWith(async)) {
        asyncNames.add(e.getSimpleName().toString());
      }
    }
    Map<CompilationUnitTree, Element> units = new LinkedHashMap<>();
    for (Element root : round.getRootElements()) {
      TreePath path = trees.getPath(root);
      if (path != null && !scannedUnits.contains(path.getCompilationUnit())) {
        units.putIfAbsent(path.getCompilationUnit(), root);
      }
    }
    for (Map.Entry<CompilationUnitTree, Element> unit : units.entrySet()) {
      scannedUnits.add(unit.getKey());
      try {
        if (!generatedByMachina(unit.getKey())) {
          UnitScanner scanner = new UnitScanner(
                  trees, asyncNames, new Findings(), bodiesChecked, this::leftAlone);
          scanner.scan(new TreePath(unit.getKey()), null);
          for (TreePath p : scanner.resolved()) {
            inferenceRule.check(p, reporter);
          }
        }
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        reporter.error(unit.getValue(), Messages.internalError(unit.getKey().getSourceFile().getName(), e));
      }
    }
  }

  /**
   * Whether code outside {@code owner}'s file can name it: not so for the class of a compact
   * source file, whose {@code @Async} methods then all fail {@link #checkAsyncMethod} and get no
   * generated file at all (even a stub factory would name the class).
   */
  public boolean canBeNamed(TypeElement owner) {
    return !enclosingClassRule.implicitlyDeclared(owner);
  }

  /** Checks one @Async method; returns true if it is valid and can be lowered. */
  public boolean checkAsyncMethod(ExecutableElement method) {
    asyncNames.add(method.getSimpleName().toString());
    TreePath path = trees.getPath(method);
    Tree declaration = path == null ? null : path.getLeaf();
    if (declaration != null && verdicts.containsKey(declaration)) {
      return verdicts.get(declaration) && !invalid.contains(declaration);
    }
    AsyncMethod subject = new AsyncMethod(method, path);
    boolean valid = true;
    for (MethodRule rule : methodRules) {
      try {
        boolean location = rule == enclosingClassRule && declaration != null;
        if (location && reported.contains(declaration)) {
          valid = false; // already refused while scanning its compilation unit
          continue;
        }
        boolean passed = rule.check(subject, reporter);
        if (!passed && location) {
          reported.add(declaration);
        }
        valid &= passed;
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        reporter.error(method, Messages.internalError("@Async method " + Messages.describe(method), e));
        valid = false;
      }
    }
    if (path != null) {
      try {
        scan(path); // awaits in lambdas, classes or synchronized blocks of this body
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        reporter.error(method, Messages.internalError("@Async method " + Messages.describe(method), e));
        valid = false;
      }
    }
    // An unresolved return type is reported by javac, not here, and may resolve in a later round.
    if (declaration != null && method.getReturnType().getKind() != TypeKind.ERROR) {
      verdicts.put(declaration, valid);
    }
    return valid && !invalid.contains(declaration);
  }

  /**
   * Marks the bodies of {@code methods} as fully checked: {@link #checkAsyncMethod} scanned each
   * of them in a round where they mentioned no missing type, so a later whole-unit scan would find
   * nothing new in them.
   */
  public void bodiesChecked(List<ExecutableElement> methods) {
    for (ExecutableElement m : methods) {
      Tree declaration = trees.getTree(m);
      if (declaration != null && verdicts.containsKey(declaration)) {
        bodiesChecked.add(declaration);
      }
    }
  }

  private void invalidate(ExecutableElement method) {
    Tree declaration = trees.getTree(method);
    if (declaration != null) {
      invalid.add(declaration);
    }
  }

  private void scan(TreePath root) {
    new UnitScanner(
            trees, asyncNames, new Findings(), Set.of(), c -> inferenceRule.refused((ClassTree) c.getLeaf()))
        .scan(root, null);
  }

  /**
   * Whether the whole-unit scan must resolve nothing in the class at {@code cls}: javac fails when
   * it attributes it again ({@link ReattributionRule}), or a top-level class whose attribution
   * would reach a record's canonical constructor written out, which javac then rejects in the
   * compile that follows (F172, {@link RecordConstructorRule}). Its direct calls of {@code @Async}
   * methods go unwarned, and an {@code await} outside an {@code @Async} method there throws when
   * it runs, naming the call to make instead.
   */
  private boolean leftAlone(TreePath cls) {
    if (inferenceRule.refused((ClassTree) cls.getLeaf())) {
      return true;
    }
    return cls.getParentPath().getLeaf() instanceof CompilationUnitTree
        && trees.getElement(cls) instanceof TypeElement top
        && recordConstructors.wouldBreak(top);
  }

  /** Turns what the scanner finds into diagnostics, once per tree. */
  private final class Findings implements UnitScanner.Sink {
    @Override
    public void await(TreePath await) {
      guarded(await, () -> {
        AwaitPlacementRule.Finding finding = awaitRule.check(await);
        if (finding != null) {
          if (finding.asyncMethod() != null) {
            invalidate(finding.asyncMethod());
          }
          if (reported.add(await.getLeaf())) {
            reporter.error(await, finding.message());
          }
        }
      });
    }

    @Override
    public void asyncCall(TreePath call, ExecutableElement method) {
      guarded(call, () -> {
        if (reported.add(call.getLeaf())) {
          directCallRule.check(call, method, reporter);
        }
      });
    }

    @Override
    public void localAsyncMethod(TreePath path, ExecutableElement method) {
      guarded(path, () -> {
        invalid.add(path.getLeaf());
        if (reported.add(path.getLeaf())) {
          enclosingClassRule.check(new AsyncMethod(method, path), reporter);
        }
      });
    }

    private void guarded(TreePath at, Runnable check) {
      try {
        check.run();
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        reporter.error(at, Messages.internalError("the code at this line", e));
      }
    }
  }

  private TypeElement asyncAnnotation() {
    return elements.getTypeElement(MachinaSymbols.ASYNC);
  }

  /** Whether the unit's top-level classes carry {@code @Generated} by Machina's processor. */
  private boolean generatedByMachina(CompilationUnitTree unit) {
    for (Tree decl : unit.getTypeDecls()) {
      if (!(decl instanceof ClassTree)) {
        continue;
      }
      Element type = trees.getElement(new TreePath(new TreePath(unit), decl));
      if (type == null) {
        continue;
      }
      for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
        String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
        if (!name.equals("javax.annotation.processing.Generated") && !name.equals("javax.annotation.Generated")) {
          continue;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v :
            mirror.getElementValues().entrySet()) {
          if (v.getKey().getSimpleName().contentEquals("value")
              && v.getValue().toString().contains("dev.machina")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
