import com.sun.source.tree.*;
import com.sun.source.util.*;

import javax.lang.model.element.*;
import javax.lang.model.type.*;
import javax.lang.model.util.Types;
import javax.tools.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/**
 * Copies a library's sources and gives many real methods an {@code @Async} twin in the same class,
 * whose body is the original with returns made futures and ready awaits around real subexpressions.
 *
 * <pre>
 * java tests/corpus/Twins.java SRC OUT [--cp CLASSPATH] [--seed N] [--density 0..1]
 *      [--methods 0..1] [--only PREFIX,..] [--skip PREFIX,..] [--list FILE] [--module yes] [--module-path P]
 *      [--release 17|21|..]
 *      (a PREFIX ending in $ names one class and its nested classes: Flux$ is not FluxMap)
 * </pre>
 *
 * The twin of {@code R foo(A a) throws E { body }} in class {@code C} is
 * {@code @dev.machina.Async dev.machina.Future<Box(R)> foo$C(A a) throws E { body' }}: the name
 * ends in the class's name ({@code Outer_Inner}) so that no twin overrides another (covariant returns would not
 * stay valid as {@code Future<..>}). The sources must compile as they are; they are attributed by a
 * standalone {@code JavacTask} and each awaited expression is chosen from the seed, so one seed
 * gives one output. {@code --list} writes one line per twin (file, line, twin, awaits). {@code
 * --module yes} attributes the sources with their {@code module-info.java} (a sealed hierarchy across
 * packages compiles only in a named module). {@code --release} (17 unless given) is the level the
 * sources are parsed and attributed at: 21 needs a JDK of 21 or later running this program, and
 * then Java 21's switch patterns, guards, record patterns and {@code case null} are twinned as
 * the processor lowers them (a guard's subexpressions awaited like a condition's), except
 * patterns naming private nested types, which the processor refuses (counted apart).
 */
public class Twins {

  static final String AWAIT = "dev.machina.Await.await(dev.machina.Future.ready(";
  static final String READY = "dev.machina.Future.ready(";
  static javax.lang.model.util.Elements javacElements;

  public static void main(String[] args) throws Exception {
    Path src = Path.of(args[0]).toAbsolutePath().normalize();
    Path out = Path.of(args[1]);
    Map<String, String> opts = new HashMap<>();
    for (int i = 2; i + 1 < args.length; i += 2) opts.put(args[i], args[i + 1]);
    Options o = new Options(
        Long.parseLong(opts.getOrDefault("--seed", "1")),
        Double.parseDouble(opts.getOrDefault("--density", "0.3")),
        Double.parseDouble(opts.getOrDefault("--methods", "1")),
        List.of(opts.getOrDefault("--only", "").split(",")).stream().filter(x -> !x.isEmpty()).collect(Collectors.toList()),
        List.of(opts.getOrDefault("--skip", "").split(",")).stream().filter(x -> !x.isEmpty()).collect(Collectors.toList()));
    List<Path> files;
    try (Stream<Path> s = Files.walk(src)) {
      files = s.filter(p -> p.toString().endsWith(".java")).map(p -> p.toAbsolutePath().normalize()).sorted().collect(Collectors.toList());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8);
    String release = opts.getOrDefault("--release", "17");
    List<String> javacOpts = new ArrayList<>(List.of("-proc:none", "--release", release, "-nowarn", "-Xmaxerrs", "20"));
    if (opts.containsKey("--cp")) javacOpts.addAll(List.of("-cp", opts.get("--cp")));
    // a named module whose module-info requires libraries (jooq): they are read as automatic modules
    if (opts.containsKey("--module-path")) javacOpts.addAll(List.of("--module-path", opts.get("--module-path")));
    List<Path> units = files.stream()
        .filter(p -> opts.containsKey("--module") || !p.getFileName().toString().equals("module-info.java"))
        .collect(Collectors.toList());
    JavacTask task = (JavacTask) javac.getTask(null, fm, diags, javacOpts, null,
        fm.getJavaFileObjectsFromPaths(units));
    Iterable<? extends CompilationUnitTree> cus = task.parse();
    task.analyze();
    boolean failed = false;
    for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        System.err.println(d);
        failed = true;
      }
    }
    if (failed) {
      System.err.println("the sources do not compile as they are");
      System.exit(2);
    }
    Trees trees = Trees.instance(task);
    Types types = task.getTypes();
    javacElements = task.getElements();
    Totals totals = new Totals();
    List<String> listing = new ArrayList<>();
    Set<Path> written = new HashSet<>();
    for (CompilationUnitTree cu : cus) {
      Path file = Path.of(cu.getSourceFile().toUri()).toAbsolutePath().normalize();
      String text = cu.getSourceFile().getCharContent(true).toString();
      FileTwins ft = new FileTwins(cu, text, trees, types, o, totals, listing, src.relativize(file).toString());
      String result = ft.run();
      Path dst = out.resolve(src.relativize(file).toString());
      Files.createDirectories(dst.getParent());
      Files.writeString(dst, result);
      written.add(file);
    }
    for (Path f : files) {
      if (!written.contains(f)) {
        Path dst = out.resolve(src.relativize(f).toString());
        Files.createDirectories(dst.getParent());
        Files.copy(f, dst, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (opts.containsKey("--list")) Files.write(Path.of(opts.get("--list")), listing);
    System.out.printf("methods seen %d, twinned %d, awaits inserted %d; skipped: %s%n",
        totals.seen, totals.twinned, totals.awaits, new TreeMap<>(totals.skipped));
    if (!totals.modern.isEmpty()) System.out.printf("Java 21 constructs in twinned bodies: %s%n", totals.modern);
  }

  /** The knobs of one run. */
  record Options(long seed, double density, double methods, List<String> only, List<String> skip) {}

  /** Counts of one run. */
  static final class Totals {
    int seen, twinned, awaits;
    final Map<String, Integer> skipped = new HashMap<>();
    /** Java 21 constructs in the twinned bodies (pattern labels, guards, record patterns, case null), by kind. */
    final Map<String, Integer> modern = new TreeMap<>();

    void skip(String why) {
      skipped.merge(why, 1, Integer::sum);
    }
  }

  /** A text inserted at a source position; at one position suffixes come before prefixes, outer prefixes first. */
  record Insertion(int pos, int order, String text) {}

  /** Writes the twins of the methods of one compilation unit into its text. */
  static final class FileTwins {
    final CompilationUnitTree cu;
    final String text;
    final Trees trees;
    final Types types;
    final Options o;
    final Totals totals;
    final List<String> listing;
    final String relPath;
    final SourcePositions pos;
    final List<Insertion> fileInsertions = new ArrayList<>();

    FileTwins(CompilationUnitTree cu, String text, Trees trees, Types types, Options o, Totals totals,
        List<String> listing, String relPath) {
      this.cu = cu;
      this.text = text;
      this.trees = trees;
      this.types = types;
      this.o = o;
      this.totals = totals;
      this.listing = listing;
      this.relPath = relPath;
      this.pos = trees.getSourcePositions();
    }

    String run() {
      for (Tree t : cu.getTypeDecls()) {
        if (t instanceof ClassTree c) visitClass(new TreePath(new TreePath(cu), c));
      }
      return apply(text, 0, fileInsertions);
    }

    void visitClass(TreePath path) {
      ClassTree c = (ClassTree) path.getLeaf();
      TypeElement type = (TypeElement) trees.getElement(path);
      if (type == null) return;
      Set<String> factorySignatures = new HashSet<>();
      for (Tree m : c.getMembers()) {
        TreePath mp = new TreePath(path, m);
        if (m instanceof ClassTree inner) {
          visitClass(mp);
        } else if (m instanceof MethodTree method) {
          totals.seen++;
          String why = eligibility(mp, method, type, factorySignatures);
          if (why != null) {
            totals.skip(why);
            continue;
          }
          twin(mp, method, type);
        }
      }
    }

    long end(Tree t) {
      return pos.getEndPosition(cu, t);
    }

    long start(Tree t) {
      return pos.getStartPosition(cu, t);
    }

    String src(Tree t) {
      return text.substring((int) start(t), (int) end(t));
    }

    String eligibility(TreePath mp, MethodTree m, TypeElement owner, Set<String> sigs) {
      ExecutableElement e = (ExecutableElement) trees.getElement(mp);
      if (e == null) return "no element";
      if (e.getKind() != ElementKind.METHOD) return "constructor";
      if (m.getBody() == null) return "no body";
      if (owner.getKind() == ElementKind.ANNOTATION_TYPE) return "annotation type";
      // methods of private classes are lowered since session 23 (PrivateClassesTest)
      if (!o.only.isEmpty() && o.only.stream().noneMatch(x -> selects(x, owner))) return "not selected";
      if (o.skip.stream().anyMatch(x -> selects(x, owner))) return "skipped by --skip";
      if (m.getReceiverParameter() != null) return "receiver parameter";
      if (e.getReturnType().getKind() == TypeKind.ARRAY && !(m.getReturnType() instanceof ArrayTypeTree)
          && !(m.getReturnType() instanceof AnnotatedTypeTree)) return "array dims after parameters";
      Set<String> outerTypeVars = new HashSet<>();
      for (Element en = owner; en instanceof TypeElement te; en = en.getEnclosingElement()) {
        te.getTypeParameters().forEach(tp -> outerTypeVars.add(tp.getSimpleName().toString()));
      }
      for (TypeParameterElement tp : e.getTypeParameters()) {
        if (outerTypeVars.contains(tp.getSimpleName().toString())) return "type variable hides the class's (F36)";
      }
      // Instance factories take the receiver first: keep their erasures apart (F36).
      StringBuilder sig = new StringBuilder(m.getName());
      if (!e.getModifiers().contains(Modifier.STATIC)) sig.append(',').append(types.erasure(owner.asType()));
      // a parameter naming a private type is taken as its erasure written (Object for Item, session 24)
      for (VariableElement p : e.getParameters()) {
        TypeMirror erased = types.erasure(p.asType());
        sig.append(',').append(mentionsPrivate(p.asType()) ? writtenErasure(erased) : erased.toString());
      }
      if (!sigs.add(sig.toString())) return "factory erasure clash (F36)";
      // A variable named dev obscures the package dev (JLS 6.4.2) in the twin's dev.machina.* names.
      for (Element en = owner; en instanceof TypeElement te; en = en.getEnclosingElement()) {
        for (Element f : javacElements.getAllMembers(te)) {
          if (f.getKind() == ElementKind.FIELD && f.getSimpleName().contentEquals("dev")) return "a field named dev";
        }
      }
      // the factory repeats its type parameters' bounds (F125's PrivateSignatureRule; parameter
      // and result types naming a private type are erased and made a type variable, session 24)
      List<TypeMirror> signature = new ArrayList<>();
      e.getTypeParameters().forEach(tp -> signature.addAll(tp.getBounds()));
      if (signature.stream().anyMatch(this::mentionsPrivate)) return "bound names a private type (F125)";
      if (recordConstructorAttributed(owner)) return "record's canonical constructor attributed (F39)";
      if (privateTypeInJava21Pattern(mp)) return "private type in a switch or record pattern (refused, F59)";
      String refused = new Refusals(owner).find(mp);
      if (refused != null) return refused;
      if (o.methods < 1 && rng(m.getName() + sig.toString(), 7).nextDouble() >= o.methods) return "not drawn";
      return null;
    }

    /**
     * Whether the body has a Java 21 pattern naming a private nested type that the processor still
     * refuses (COMPILER.md; switch type patterns and record patterns of such types are lowered
     * since session 18): a record pattern naming one inside a guard's {@code instanceof}, or one
     * whose records taken apart (the levels naming such a type) declare an accessor or were
     * compiled elsewhere; an array type pattern of one in {@code instanceof}; such a pattern in a
     * case of several labels; a private enum's constants beside patterns or {@code case null}.
     */
    boolean privateTypeInJava21Pattern(TreePath method) {
      boolean[] found = {false};
      new TreePathScanner<Void, Void>() {
        @Override public Void scan(Tree t, Void v) {
          if (t != null && !found[0] && getCurrentPath() != null) {
            TreePath p = new TreePath(getCurrentPath(), t);
            String kind = t.getKind().name();
            String up = getCurrentPath().getLeaf().getKind().name();
            if (kind.equals("DECONSTRUCTION_PATTERN") && !up.equals("DECONSTRUCTION_PATTERN")
                && namesPrivate(p) && (inGuard(p) || !readableAgain(p))) {
              found[0] = true;
            } else if (t instanceof BindingPatternTree b && up.equals("INSTANCE_OF")) {
              Element var = trees.getElement(new TreePath(p, b.getVariable()));
              if (var == null || (var.asType().getKind() == TypeKind.ARRAY && mentionsPrivate(var.asType()))) {
                found[0] = true;
              }
            } else if (t instanceof CaseTree c && caseLabels(c).size() > 1 && namesPrivate(p)) {
              found[0] = true;
            } else if ((t instanceof SwitchTree || kind.equals("SWITCH_EXPRESSION")) && privateEnumWithPatterns(p)) {
              found[0] = true;
            }
          }
          return super.scan(t, v);
        }
      }.scan(method, null);
      return found[0];
    }

    /** Whether a pattern, a type or a binding under {@code p} names a private nested type. */
    boolean namesPrivate(TreePath p) {
      boolean[] found = {false};
      new TreePathScanner<Void, Void>() {
        @Override public Void scan(Tree t, Void v) {
          if (t != null && !found[0] && getCurrentPath() != null) {
            TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), t));
            if (type != null && mentionsPrivate(type)) found[0] = true;
          }
          return super.scan(t, v);
        }
      }.scan(p, null);
      return found[0];
    }

    /** Whether {@code p} is inside a case's guard. */
    static boolean inGuard(TreePath p) {
      for (TreePath x = p; x.getParentPath() != null; x = x.getParentPath()) {
        if (x.getParentPath().getLeaf() instanceof CaseTree c) return guard(c) == x.getLeaf();
      }
      return false;
    }

    /**
     * Whether the processor can read the components of the record pattern at {@code p} again: every
     * level naming a private type is a record of these sources without an accessor of its own
     * (nested levels naming none stay patterns).
     */
    boolean readableAgain(TreePath p) {
      if (!namesPrivate(p)) return true;
      TypeMirror type = trees.getTypeMirror(p);
      if (!(type instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement re)) return false;
      TreePath decl = trees.getPath(re);
      if (decl == null) return false;
      for (Tree m : ((ClassTree) decl.getLeaf()).getMembers()) {
        if (m instanceof MethodTree mt && mt.getParameters().isEmpty()
            && re.getRecordComponents().stream().anyMatch(rc -> rc.getSimpleName().contentEquals(mt.getName()))
            && trees.getSourcePositions().getEndPosition(decl.getCompilationUnit(), mt) > 0) {
          return false;
        }
      }
      for (Tree nested : children(p.getLeaf())) {
        if (nested.getKind().name().equals("DECONSTRUCTION_PATTERN") && !readableAgain(new TreePath(p, nested))) return false;
      }
      return true;
    }

    /** The direct subtrees of {@code t}. */
    static List<Tree> children(Tree t) {
      List<Tree> out = new ArrayList<>();
      t.accept(new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override public Void scan(Tree x, Void v) { if (x != null) out.add(x); return null; }
      }, null);
      return out;
    }

    /** Whether the switch at {@code p} is over a private enum and has a pattern or {@code case null}. */
    boolean privateEnumWithPatterns(TreePath p) {
      Tree sel = p.getLeaf() instanceof SwitchTree sw ? sw.getExpression()
          : ((com.sun.source.tree.SwitchExpressionTree) p.getLeaf()).getExpression();
      TypeMirror type = trees.getTypeMirror(new TreePath(p, sel));
      if (!(type instanceof DeclaredType d) || d.asElement().getKind() != ElementKind.ENUM
          || !isPrivateNested((TypeElement) d.asElement())) {
        return false;
      }
      List<? extends CaseTree> cases = p.getLeaf() instanceof SwitchTree sw ? sw.getCases()
          : ((com.sun.source.tree.SwitchExpressionTree) p.getLeaf()).getCases();
      boolean patterns = false;
      boolean constants = false;
      for (CaseTree c : cases) {
        for (Tree label : caseLabels(c)) {
          String k = label.getKind().name();
          patterns |= k.equals("PATTERN_CASE_LABEL") || k.equals("NULL_LITERAL")
              || (k.equals("CONSTANT_CASE_LABEL") && label.toString().equals("null"));
          constants |= k.equals("CONSTANT_CASE_LABEL") && !label.toString().equals("null");
        }
      }
      return patterns && constants;
    }

    /**
     * Whether the processor, attributing {@code owner}, reaches a record whose canonical constructor
     * is written out (F39, refused as documented): in the top-level class of it or of a superclass.
     */
    boolean recordConstructorAttributed(TypeElement owner) {
      Deque<TypeElement> work = new ArrayDeque<>(List.of(owner));
      Set<Element> seen = new HashSet<>();
      while (!work.isEmpty()) {
        Element top = work.poll();
        while (top.getEnclosingElement() instanceof TypeElement outer) top = outer;
        if (!seen.add(top)) continue;
        if (CANONICAL_RECORD_CONSTRUCTORS.computeIfAbsent((TypeElement) top, this::holdsCanonicalRecordConstructor)) return true;
        work.addAll(SUPERCLASSES_WITHIN.computeIfAbsent((TypeElement) top, this::superclassesWithin));
      }
      return false;
    }

    static final Map<TypeElement, List<TypeElement>> SUPERCLASSES_WITHIN = new HashMap<>();

    /** The superclasses of the classes (member, local, anonymous) declared in {@code top}: javac attributes them along. */
    List<TypeElement> superclassesWithin(TypeElement top) {
      TreePath path = trees.getPath(top);
      List<TypeElement> found = new ArrayList<>();
      if (path == null) return found;
      new TreePathScanner<Void, Void>() {
        @Override public Void visitClass(ClassTree c, Void v) {
          if (trees.getElement(getCurrentPath()) instanceof TypeElement t
              && t.getSuperclass() instanceof DeclaredType d) found.add((TypeElement) d.asElement());
          return super.visitClass(c, v);
        }
      }.scan(path, null);
      return found;
    }

    static final Map<TypeElement, Boolean> CANONICAL_RECORD_CONSTRUCTORS = new HashMap<>();

    boolean holdsCanonicalRecordConstructor(TypeElement top) {
      TreePath path = trees.getPath(top);
      if (path == null) return false;
      boolean[] found = {false};
      new TreePathScanner<Void, Void>() {
        @Override public Void visitMethod(MethodTree m, Void v) {
          if (m.getName().contentEquals("<init>") && m.getBody() != null
              && getCurrentPath().getParentPath().getLeaf().getKind() == Tree.Kind.RECORD) {
            Element e = trees.getElement(getCurrentPath());
            List<? extends StatementTree> stats = m.getBody().getStatements();
            boolean delegates = !stats.isEmpty() && stats.get(0) instanceof ExpressionStatementTree st
                && st.getExpression() instanceof MethodInvocationTree call
                && call.getMethodSelect() instanceof IdentifierTree id && id.getName().contentEquals("this");
            if (e != null && javacElements.getOrigin(e) == javax.lang.model.util.Elements.Origin.EXPLICIT && !delegates) {
              found[0] = true;
            }
          }
          return super.visitMethod(m, v);
        }
      }.scan(path, null);
      return found[0];
    }

    Random rng(String key, int salt) {
      return new Random(o.seed * 1_000_003L + key.hashCode() * 31L + salt + relPath.hashCode());
    }

    /** Whether the --only/--skip entry {@code p} names {@code owner}: a prefix of its name, or with a trailing {@code $} the class itself and its nested classes ({@code reactor.core.publisher.Flux$}, not {@code FluxMap}). */
    static boolean selects(String p, TypeElement owner) {
      String name = owner.getQualifiedName().toString();
      if (!p.endsWith("$")) return name.startsWith(p);
      String c = p.substring(0, p.length() - 1);
      return name.equals(c) || name.startsWith(c + ".");
    }

    /** The hidden type {@code t} is, or is an array of; null for any other type (the processor's HiddenTypes.of). */
    TypeElement privateOf(TypeMirror t) {
      while (t instanceof ArrayType a) t = a.getComponentType();
      return t instanceof DeclaredType d && isPrivateNested((TypeElement) d.asElement()) ? (TypeElement) d.asElement() : null;
    }

    /** Whether {@code t} names a hidden type, also as a component or type argument. */
    /** The processor's factory parameter for the erasure {@code t} naming a private type: Object for Item, Object[] for Item[]. */
    String writtenErasure(TypeMirror t) {
      if (t instanceof ArrayType a) return writtenErasure(a.getComponentType()) + "[]";
      return mentionsPrivate(t) ? "java.lang.Object" : t.toString();
    }

    boolean mentionsPrivate(TypeMirror t) {
      if (t instanceof ArrayType a) return mentionsPrivate(a.getComponentType());
      if (t instanceof WildcardType w) {
        return (w.getExtendsBound() != null && mentionsPrivate(w.getExtendsBound()))
            || (w.getSuperBound() != null && mentionsPrivate(w.getSuperBound()));
      }
      if (!(t instanceof DeclaredType d)) return false;
      if (isPrivateNested((TypeElement) d.asElement())) return true;
      return d.getTypeArguments().stream().anyMatch(this::mentionsPrivate);
    }

    /**
     * Whether the processor calls {@code te} hidden (HiddenTypes): private, or protected and of
     * another package than this file's, or nested in such a type (since session 22 the processor
     * lowers both alike).
     */
    boolean isPrivateNested(TypeElement te) {
      for (Element x = te; x instanceof TypeElement t; x = x.getEnclosingElement()) {
        if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) return false;
        if (t.getModifiers().contains(Modifier.PRIVATE)) return true;
        if (t.getModifiers().contains(Modifier.PROTECTED) && !filePackage().equals(packageOfType(t))) return true;
      }
      return false;
    }

    String filePackage() {
      return cu.getPackageName() == null ? "" : cu.getPackageName().toString();
    }

    static String packageOfType(Element el) {
      while (el != null && el.getKind() != ElementKind.PACKAGE) el = el.getEnclosingElement();
      return el == null ? "" : ((PackageElement) el).getQualifiedName().toString();
    }

    /** Finds what the processor refuses (COMPILER.md, "Refused with an error on the line") in a body or signature. */
    final class Refusals extends TreePathScanner<Void, Void> {
      final TypeElement owner;
      String found;

      Refusals(TypeElement owner) {
        this.owner = owner;
      }

      String find(TreePath method) {
        scan(method, null);
        return found;
      }

      void refuse(String why) {
        if (found == null) found = why;
      }

      @Override
      public Void visitVariable(VariableTree t, Void v) {
        if (t.getName().contentEquals("dev")) refuse("a variable named dev");
        return super.visitVariable(t, v);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree t, Void v) {
        // every form of super is lowered (F98, F102, F105), but super.x and super.m() of a field,
        // a static or a private method are written with the superclass's name, refused where it
        // is a private nested type (helidon's ServiceSupplies: super.lookup of ServiceSupplyBase)
        TypeElement superOf = t.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super") ? owner
            : t.getExpression() instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("super")
                ? (trees.getElement(new TreePath(getCurrentPath(), ms.getExpression())) instanceof TypeElement te ? te : null)
                : null;
        Element member = superOf == null ? null : trees.getElement(getCurrentPath());
        if (member != null && (member.getKind() == ElementKind.FIELD
            || (member.getKind() == ElementKind.METHOD && (member.getModifiers().contains(Modifier.STATIC)
                || member.getModifiers().contains(Modifier.PRIVATE))))
            && superOf.getSuperclass() instanceof DeclaredType sd && isPrivateNested((TypeElement) sd.asElement())) {
          refuse("super.x of a private superclass");
        }
        checkElement();
        return super.visitMemberSelect(t, v);
      }

      @Override
      public Void visitIdentifier(IdentifierTree t, Void v) {
        checkElement();
        return super.visitIdentifier(t, v);
      }

      void checkElement() {
        Element el = trees.getElement(getCurrentPath());
        if (el == null) return;
        if (el.getKind() == ElementKind.FIELD || el.getKind() == ElementKind.METHOD) {
          List<TypeMirror> ts = new ArrayList<>();
          if (el instanceof ExecutableElement ex) {
            // a value of a type naming a private type may be awaited or kept (F59, jackson-core's
            // AtomicReference<TableInfo>); a private method's parameters are in its handle's type
            ts.add(ex.getReturnType());
            if (hidden(el)) ex.getParameters().forEach(p -> ts.add(p.asType()));
            if (hidden(el)) ex.getParameters().forEach(p -> ts.add(types.erasure(p.asType())));
          } else {
            ts.add(el.asType());
          }
          for (TypeMirror tm : ts) {
            // Guice's public BindingImpl.getInjector() returns the package-private InjectorImpl
            // to com.google.inject: refused by the processor with an error on its line (F168)
            if (namesPackagePrivateElsewhere(tm, 0)) refuse("value of a package-private type of another package (F168)");
          }
        }
        // a hidden type (private, or protected of another package: session 22) is written
        // Object, also as a type argument (F59, sessions 16-17), but not everywhere
        if (el instanceof TypeElement te && isPrivateNested(te) && !privateTypeNameLowered(te)) {
          refuse("private nested type named here");
        }
      }

      /**
       * Where the processor writes a private nested type's name (F59, sessions 16-17): as a
       * variable's or lambda parameter's type (not a catch or resource parameter's, nor a
       * pattern's), a type argument or bound, the parameter or result type of a method of a class
       * of the body overriding none declared with it, in {@code new P(..)} without a body, a cast,
       * a plain {@code instanceof}, an array creation, a class literal, or as the qualifier of a
       * static member.
       */
      boolean privateTypeNameLowered(TypeElement te) {
        TreePath p = getCurrentPath();
        Tree up = p.getParentPath().getLeaf();
        if (up instanceof MemberSelectTree ms && ms.getExpression() == p.getLeaf()) {
          Element member = trees.getElement(p.getParentPath());
          if (ms.getIdentifier().contentEquals("class")) return true;
          return member != null && !(member instanceof TypeElement)
              && member.getModifiers().contains(Modifier.STATIC);
        }
        TreePath q = p;
        while (q.getParentPath().getLeaf() instanceof ArrayTypeTree
            || (q.getParentPath().getLeaf() instanceof ParameterizedTypeTree pt && pt.getType() == q.getLeaf())) {
          q = q.getParentPath();
        }
        Tree parent = q.getParentPath().getLeaf();
        switch (parent.getKind()) {
          case PARAMETERIZED_TYPE, EXTENDS_WILDCARD, SUPER_WILDCARD, TYPE_PARAMETER -> {
            return true;
          }
          case METHOD_INVOCATION -> {
            // explicit type arguments, unless the call is one the processor makes raw
            return trees.getElement(q.getParentPath()) instanceof ExecutableElement m
                && m.getTypeParameters().stream().noneMatch(tp -> tp.getBounds().stream()
                    .anyMatch(b -> !b.toString().equals("java.lang.Object")));
          }
          case METHOD -> {
            return !overridesDeclaredWithPrivate(q.getParentPath());
          }
          default -> { }
        }
        if (parent instanceof VariableTree v && v.getType() == q.getLeaf()) {
          Tree.Kind in = q.getParentPath().getParentPath().getLeaf().getKind();
          if (in == Tree.Kind.METHOD) return !overridesDeclaredWithPrivate(q.getParentPath().getParentPath());
          // type patterns, catch parameters and resources (branch privpat): lowered in the body
          // itself, not inside a lambda, class body or synchronized block, and not in a record pattern
          if (in == Tree.Kind.CATCH || in == Tree.Kind.TRY || in == Tree.Kind.BINDING_PATTERN) {
            String around = q.getParentPath().getParentPath().getParentPath().getLeaf().getKind().name();
            // switch and record patterns (session 18): lowered wherever they stand, what stays
            // refused is privateTypeInJava21Pattern's
            if (around.equals("DECONSTRUCTION_PATTERN") || around.equals("PATTERN_CASE_LABEL")) return true;
            for (TreePath x = q; x != null && !(x.getLeaf() instanceof MethodTree); x = x.getParentPath()) {
              if (x.getLeaf() instanceof LambdaExpressionTree || x.getLeaf() instanceof ClassTree
                  || x.getLeaf() instanceof SynchronizedTree) return false;
            }
            return true;
          }
          return !in.name().endsWith("PATTERN");
        }
        if (parent instanceof NewClassTree nc && nc.getIdentifier() == q.getLeaf()) {
          boolean inner = te.getNestingKind() == NestingKind.MEMBER && te.getKind() == ElementKind.CLASS
              && !te.getModifiers().contains(Modifier.STATIC);
          return nc.getClassBody() == null && nc.getEnclosingExpression() == null && !inner;
        }
        if (parent.getKind().name().equals("DECONSTRUCTION_PATTERN")) return true; // its record (session 18)
        if (parent instanceof TypeCastTree tc && tc.getType() == q.getLeaf()) return true;
        if (parent instanceof InstanceOfTree io && io.getType() == q.getLeaf()) return io.getPattern() == null;
        return parent instanceof NewArrayTree na && na.getType() == q.getLeaf();
      }

      @Override
      public Void scan(Tree tree, Void v) {
        if (tree instanceof ExpressionTree && getCurrentPath() != null) {
          privateValue(new TreePath(getCurrentPath(), tree));
        }
        return super.scan(tree, v);
      }

      /**
       * Refuses what the processor refuses of a value whose type names a private nested type (F59,
       * session 16): such a value in a context it cannot write (a switch selector, a throw), a
       * local whose type names it as a type argument, a generic call typed by it as a type
       * argument whose value goes on to where that type matters.
       */
      void privateValue(TreePath p) {
        TypeMirror type = trees.getTypeMirror(p);
        if (type == null || !mentionsPrivate(type) || isTypeName(p)) return;
        TreePath up = p.getParentPath();
        while (up.getLeaf() instanceof ParenthesizedTree) up = up.getParentPath();
        Tree parent = up.getLeaf();
        if (privateOf(type) == null) {
          return; // a private type as a type argument is written Object (F59, session 17)
        }
        if (p.getLeaf() instanceof ParenthesizedTree) return;
        if ((p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof MemberReferenceTree)
            && functionArity(type) > 6) {
          // made through HiddenLambdas since session 23, within its arities (F144, F191)
          refuse("lambda of a private functional interface HiddenLambdas cannot make (F144)");
        }
        switch (parent.getKind()) {
          case EXPRESSION_STATEMENT, TYPE_CAST, INSTANCE_OF, EQUAL_TO, NOT_EQUAL_TO, PLUS, PLUS_ASSIGNMENT,
              SYNCHRONIZED, ARRAY_ACCESS, ENHANCED_FOR_LOOP, ASSIGNMENT, MEMBER_SELECT, MEMBER_REFERENCE,
              METHOD_INVOCATION, NEW_CLASS, VARIABLE, CONDITIONAL_EXPRESSION, RETURN, LAMBDA_EXPRESSION,
              YIELD, NEW_ARRAY, THROW -> { }
          default -> refuse("value of a private type used where the processor cannot write it (F59)");
        }
        if (parent instanceof NewClassTree nc && nc.getEnclosingExpression() == p.getLeaf()) refuse("inner instance of a private type");
      }

      boolean isTypeName(TreePath path) {
        Element e = trees.getElement(path);
        return (path.getLeaf() instanceof IdentifierTree || path.getLeaf() instanceof MemberSelectTree)
            && e != null && (e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.PACKAGE);
      }

      /** Whether {@code t} names a package-private type of another package, also as a type argument. */
      boolean namesPackagePrivateElsewhere(TypeMirror t, int depth) {
        if (depth > 8) return false;
        if (t instanceof ArrayType at) return namesPackagePrivateElsewhere(at.getComponentType(), depth + 1);
        if (t instanceof WildcardType w) {
          TypeMirror b = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
          return b != null && namesPackagePrivateElsewhere(b, depth + 1);
        }
        if (!(t instanceof DeclaredType d)) return false;
        for (Element x = d.asElement(); x instanceof TypeElement y; x = x.getEnclosingElement()) {
          if (y.getNestingKind() == NestingKind.LOCAL || y.getNestingKind() == NestingKind.ANONYMOUS) return false;
          if (y.getModifiers().contains(Modifier.PRIVATE) || y.getModifiers().contains(Modifier.PROTECTED)) return false;
          if (!y.getModifiers().contains(Modifier.PUBLIC) && otherPackage(y)) return true;
        }
        for (TypeMirror a : d.getTypeArguments()) {
          if (namesPackagePrivateElsewhere(a, depth + 1)) return true;
        }
        return false;
      }

      /**
       * Whether the method at {@code method} (of a class of the body) overrides one whose
       * signature names a private nested type, which the processor refuses to write with Object.
       */
      boolean overridesDeclaredWithPrivate(TreePath method) {
        if (!(trees.getElement(method) instanceof ExecutableElement m) || !(m.getEnclosingElement() instanceof TypeElement owner)) {
          return false;
        }
        java.util.ArrayDeque<TypeMirror> todo = new java.util.ArrayDeque<>(types.directSupertypes(owner.asType()));
        while (!todo.isEmpty()) {
          TypeMirror sup = todo.poll();
          todo.addAll(types.directSupertypes(sup));
          for (Element o : types.asElement(sup).getEnclosedElements()) {
            if (o instanceof ExecutableElement oe && oe.getSimpleName().equals(m.getSimpleName())
                && javacElements.overrides(m, oe, owner)) {
              List<TypeMirror> sig = new ArrayList<>();
              oe.getParameters().forEach(x -> sig.add(x.asType()));
              sig.add(oe.getReturnType());
              for (TypeMirror x : sig) {
                if (mentionsPrivate(x) || mentionsPrivate(types.erasure(x))) return true;
              }
            }
          }
        }
        return false;
      }

      boolean otherPackage(Element el) {
        return !packageOfType(el).equals(packageOfType(owner));
      }

      boolean hidden(Element el) {
        return el.getModifiers().contains(Modifier.PRIVATE)
            || (el.getModifiers().contains(Modifier.PROTECTED) && otherPackage(el));
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        Element el = trees.getElement(getCurrentPath());
        return super.visitMethodInvocation(t, v);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree t, Void v) {
        // references the processor rewrites as lambdas (through super, to private members and
        // constructors, an inner class's too since session 22): varargs ones are lowered, but not
        // those whose array type javac infers from a type variable, nor those whose functional
        // interface's method is generic
        boolean viaSuper = t.getQualifierExpression() instanceof IdentifierTree id && id.getName().contentEquals("super")
            || t.getQualifierExpression() instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("super");
        Element el = trees.getElement(getCurrentPath());
        if (el instanceof ExecutableElement ex && (viaSuper || hidden(ex))) {
          if (ex.isVarArgs() && inferredComponent(ex)) refuse("varargs reference with an inferred array type");
          if (genericFunction(trees.getTypeMirror(getCurrentPath()))) refuse("reference to a generic function type");
        }
        return super.visitMemberReference(t, v);
      }

      /**
       * Whether the varargs parameter's component is a type variable javac infers for the
       * reference from more than the arguments (another parameter or the result names it), or a
       * generic class's for a constructor: the processor refuses those.
       */
      boolean inferredComponent(ExecutableElement ex) {
        List<? extends VariableElement> ps = ex.getParameters();
        TypeMirror last = ps.get(ps.size() - 1).asType();
        while (last instanceof ArrayType at) last = at.getComponentType();
        if (!(last instanceof TypeVariable tv)) return false;
        if (ex.getKind() == ElementKind.CONSTRUCTOR) return true;
        if (!tv.asElement().getEnclosingElement().equals(ex)) return false;
        List<TypeMirror> others = new ArrayList<>();
        ps.subList(0, ps.size() - 1).forEach(p -> others.add(p.asType()));
        others.add(ex.getReturnType());
        ex.getTypeParameters().stream().filter(p -> !p.equals(tv.asElement()))
            .forEach(p -> others.add(((TypeVariable) p.asType()).getUpperBound()));
        return others.stream().anyMatch(o -> names(o, tv.asElement(), 0));
      }

      boolean names(TypeMirror t, Element var, int depth) {
        if (t == null || depth > 8) return false;
        if (t instanceof TypeVariable tv) return tv.asElement().equals(var);
        if (t instanceof ArrayType at) return names(at.getComponentType(), var, depth + 1);
        if (t instanceof WildcardType w) return names(w.getExtendsBound(), var, depth + 1) || names(w.getSuperBound(), var, depth + 1);
        if (t instanceof IntersectionType it) return it.getBounds().stream().anyMatch(b -> names(b, var, depth + 1));
        if (t instanceof DeclaredType d) return d.getTypeArguments().stream().anyMatch(a -> names(a, var, depth + 1));
        return false;
      }

      /** The parameter count of the functional interface's method, or -1 if none is found. */
      int functionArity(TypeMirror fi) {
        if (!(fi instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement te)) return -1;
        for (Element e : te.getEnclosedElements()) {
          if (e instanceof ExecutableElement m && m.getModifiers().contains(Modifier.ABSTRACT)) {
            return m.getParameters().size();
          }
        }
        for (TypeMirror s : te.getInterfaces()) {
          int arity = functionArity(s);
          if (arity >= 0) return arity;
        }
        return -1;
      }

      /** Whether the functional interface's method is generic (no lambda implements it). */
      boolean genericFunction(TypeMirror fi) {
        if (!(fi instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement te)) return false;
        for (Element e : te.getEnclosedElements()) {
          if (e instanceof ExecutableElement m && m.getModifiers().contains(Modifier.ABSTRACT)
              && !m.getTypeParameters().isEmpty()) return true;
        }
        for (TypeMirror s : te.getInterfaces()) {
          if (genericFunction(s)) return true;
        }
        return false;
      }

      @Override
      public Void visitNewClass(NewClassTree t, Void v) {
        Element el = trees.getElement(getCurrentPath());
        // an inner class's private constructor (or one naming a hidden type) goes through a handle
        // that takes the enclosing instance first (session 22); an anonymous class cannot
        if (el instanceof ExecutableElement ctor && ctor.getModifiers().contains(Modifier.PRIVATE)
            && t.getClassBody() != null) {
          refuse("private constructor");
        }
        if (t.getClassBody() != null && el instanceof ExecutableElement) {
          // an anonymous class: the superclass constructor the arguments select is what matters
          TypeMirror sup = trees.getTypeMirror(new TreePath(getCurrentPath(), t.getIdentifier()));
          if (sup != null && types.asElement(sup) instanceof TypeElement st && st.getKind() == ElementKind.CLASS) {
            boolean anyPrivate = st.getEnclosedElements().stream()
                .anyMatch(x -> x.getKind() == ElementKind.CONSTRUCTOR && x.getModifiers().contains(Modifier.PRIVATE));
            if (anyPrivate) refuse("anonymous class of a private constructor");
            boolean anyPrivateSignature = st.getEnclosedElements().stream()
                .anyMatch(x -> x instanceof ExecutableElement c && c.getKind() == ElementKind.CONSTRUCTOR
                    && c.getParameters().stream().anyMatch(pa -> mentionsPrivate(pa.asType()) || mentionsPrivate(types.erasure(pa.asType()))));
            if (anyPrivateSignature) refuse("anonymous class of a constructor naming a private type");
          }
        }
        return super.visitNewClass(t, v);
      }

      @Override
      public Void visitAssignment(AssignmentTree t, Void v) {
        assignedValue(t.getVariable(), false);
        return super.visitAssignment(t, v);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree t, Void v) {
        assignedValue(t.getVariable(), true);
        return super.visitCompoundAssignment(t, v);
      }

      @Override
      public Void visitUnary(UnaryTree t, Void v) {
        switch (t.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> assignedValue(t.getExpression(), true);
          default -> { }
        }
        return super.visitUnary(t, v);
      }

      /**
       * An update of a field reached through a handle (private, another package's protected, or
       * any field of a hidden class: commons-collections4's {@code locks[hash].size++} of a
       * private {@code Lock}'s public field) whose receiver is not a variable or field (F104's error).
       */
      void assignedValue(ExpressionTree variable, boolean update) {
        Element el = trees.getElement(new TreePath(getCurrentPath(), variable));
        if (el == null || el.getKind() != ElementKind.FIELD || !update) return;
        boolean viaHandle = hidden(el)
            || (el.getEnclosingElement() instanceof TypeElement owner && isPrivateNested(owner));
        if (!viaHandle) return;
        if (variable instanceof MemberSelectTree s && !repeatable(s.getExpression())) {
          refuse("private field updated through a call");
        }
      }

      boolean repeatable(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) e = p.getExpression();
        if (e instanceof IdentifierTree) return true;
        return e instanceof MemberSelectTree s && repeatable(s.getExpression());
      }
    }

    void twin(TreePath mp, MethodTree m, TypeElement owner) {
      ExecutableElement e = (ExecutableElement) trees.getElement(mp);
      TypeMirror ret = e.getReturnType();
      boolean isVoid = ret.getKind() == TypeKind.VOID;
      String boxed = isVoid ? "java.lang.Void" : ret.getKind().isPrimitive() ? "java.lang." + box(ret.getKind()) : src(m.getReturnType());
      String primitive = ret.getKind().isPrimitive() && !isVoid ? ret.getKind().name().toLowerCase(Locale.ROOT) : null;
      StringBuilder head = new StringBuilder("\n\n  @dev.machina.Async ");
      for (Modifier mod : m.getModifiers().getFlags()) {
        switch (mod) {
          case PUBLIC, PROTECTED, PRIVATE, STATIC, FINAL, DEFAULT -> head.append(mod).append(' ');
          default -> { }
        }
      }
      if (!m.getTypeParameters().isEmpty()) {
        head.append('<').append(m.getTypeParameters().stream().map(this::src).collect(Collectors.joining(", "))).append("> ");
      }
      String name = m.getName() + "$" + flatName(owner);
      head.append("dev.machina.Future<").append(boxed).append("> ").append(name).append('(')
          .append(m.getParameters().stream().map(this::src).collect(Collectors.joining(", "))).append(')');
      if (!m.getThrows().isEmpty()) {
        head.append(" throws ").append(m.getThrows().stream().map(this::src).collect(Collectors.joining(", ")));
      }
      head.append(' ');
      BlockTree body = m.getBody();
      int bodyStart = (int) start(body);
      BodyRewriter rw = new BodyRewriter(isVoid, primitive, rng(name + e.getParameters().toString(), 11));
      rw.boxOf = unboxed(ret);
      rw.scan(new TreePath(mp, body), null);
      List<Insertion> ins = rw.insertions;
      if (isVoid) {
        List<? extends StatementTree> stats = body.getStatements();
        StatementTree last = stats.isEmpty() ? null : stats.get(stats.size() - 1);
        int close = (int) end(body) - 1;
        if (last == null || last instanceof ExpressionStatementTree || last instanceof VariableTree) {
          ins.add(new Insertion(close, 0, " return " + READY + "null); "));
        } else if (!(last instanceof ReturnTree) && !(last instanceof ThrowTree)) {
          ins.add(new Insertion(bodyStart + 1, Integer.MIN_VALUE, " if (true) {"));
          ins.add(new Insertion(close, 0, "} return " + READY + "null); "));
        }
      }
      String newBody = apply(text.substring(bodyStart, (int) end(body)), bodyStart, ins);
      fileInsertions.add(new Insertion((int) end(m), fileInsertions.size(), head + newBody));
      totals.twinned++;
      totals.awaits += rw.awaits;
      countModern(body);
      long line = cu.getLineMap().getLineNumber(start(m));
      listing.add(relPath + ":" + line + " " + owner.getQualifiedName() + "." + name + " awaits=" + rw.awaits);
    }

    /** Counts the Java 21 constructs of a twinned body (its lambdas and class bodies too) into {@link Totals#modern}. */
    void countModern(BlockTree body) {
      new TreeScanner<Void, Void>() {
        @Override public Void scan(Tree t, Void v) {
          if (t != null) {
            switch (t.getKind().name()) {
              case "PATTERN_CASE_LABEL", "DECONSTRUCTION_PATTERN" -> totals.modern.merge(t.getKind().name(), 1, Integer::sum);
              default -> { }
            }
            if (t instanceof CaseTree c) {
              if (guard(c) != null) totals.modern.merge("guard", 1, Integer::sum);
              if (c.getExpressions().stream().anyMatch(x -> x.getKind() == Tree.Kind.NULL_LITERAL)) {
                totals.modern.merge("case null", 1, Integer::sum);
              }
            }
          }
          return super.scan(t, v);
        }
      }.scan(body, null);
    }

    /** {@code Outer_Inner} for a nested class: twins of two nested classes both named {@code Builder} must not override. */
    static String flatName(TypeElement t) {
      String n = t.getSimpleName().toString();
      for (Element e = t.getEnclosingElement(); e instanceof TypeElement o; e = e.getEnclosingElement()) {
        n = o.getSimpleName() + "_" + n;
      }
      return n;
    }

    /** The primitive type name a box type unboxes to, or null. */
    String unboxed(TypeMirror t) {
      if (t.getKind() != TypeKind.DECLARED) return null;
      try {
        return types.unboxedType(t).getKind().name().toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException notABox) {
        return null;
      }
    }

    boolean otherPrimitive(TreePath p, String primitive) {
      TypeMirror t = trees.getTypeMirror(p);
      return t != null && t.getKind().isPrimitive() && !t.getKind().name().toLowerCase(Locale.ROOT).equals(primitive);
    }

    /** Rewrites one body: returns into futures, chosen subexpressions into awaits of ready futures. */
    final class BodyRewriter extends TreePathScanner<Void, Void> {
      final boolean isVoid;
      final String primitiveReturn;
      final Random random;
      /** The primitive a box return type unboxes to (`Short` of `return 0;`: a constant narrowed, then boxed, JLS 5.2), or null. */
      String boxOf;
      final List<Insertion> insertions = new ArrayList<>();
      int awaits;
      int seq;
      boolean wrapping = true;

      BodyRewriter(boolean isVoid, String primitiveReturn, Random random) {
        this.isVoid = isVoid;
        this.primitiveReturn = primitiveReturn;
        this.random = random;
      }

      void wrap(Tree t, String prefix, String suffix) {
        int s = (int) start(t), e = (int) end(t);
        int n = seq++;
        // Prefixes: outer (earlier) first; suffixes: inner (later) first, before any prefix at that spot.
        insertions.add(new Insertion(s, n, prefix));
        insertions.add(new Insertion(e, -1_000_000 - n, suffix));
      }

      @Override
      public Void scan(Tree tree, Void v) {
        if (tree instanceof ExpressionTree ex && wrapping && getCurrentPath() != null) {
          consider(new TreePath(getCurrentPath(), tree), ex);
        }
        return super.scan(tree, v);
      }

      @Override
      public Void visitReturn(ReturnTree t, Void v) {
        if (t.getExpression() == null) {
          insertions.add(new Insertion((int) end(t) - 1, 0, " " + READY + "null)"));
        } else if (primitiveReturn != null) {
          wrap(t.getExpression(), " " + READY + "(" + primitiveReturn + ") (", "))");
        } else if (boxOf != null && otherPrimitive(new TreePath(getCurrentPath(), t.getExpression()), boxOf)) {
          // `Short f() { return 0; }`: inside ready(..) the constant would box to an Integer
          wrap(t.getExpression(), " " + READY + "(" + boxOf + ") (", "))");
        } else {
          wrap(t.getExpression(), " " + READY, ")");
        }
        return super.visitReturn(t, v);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void v) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree t, Void v) {
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree t, Void v) {
        scan(t.getEnclosingExpression(), v);
        scan(t.getArguments(), v);
        return null;
      }

      @Override
      public Void visitAnnotation(AnnotationTree t, Void v) {
        return null;
      }

      @Override
      public Void visitCase(CaseTree t, Void v) {
        boolean was = wrapping;
        wrapping = false;
        scan(t.getExpressions(), v);
        wrapping = was;
        // a guard (Java 21) is a condition, evaluated after its pattern matched
        scan(guard(t), v);
        if (t.getBody() != null) scan(t.getBody(), v);
        else scan(t.getStatements(), v);
        return null;
      }

      @Override
      public Void visitSynchronized(SynchronizedTree t, Void v) {
        scan(t.getExpression(), v);
        boolean was = wrapping;
        wrapping = false;
        scan(t.getBlock(), v);
        wrapping = was;
        return null;
      }

      @Override
      public Void visitVariable(VariableTree t, Void v) {
        boolean was = wrapping;
        wrapping = false;
        scan(t.getModifiers(), v);
        scan(t.getType(), v);
        wrapping = was;
        scan(t.getInitializer(), v);
        return null;
      }

      void consider(TreePath path, ExpressionTree ex) {
        String cast = eligible(path, ex);
        if (cast == null) return;
        if (random.nextDouble() >= o.density) return;
        awaits++;
        if (cast.isEmpty()) wrap(ex, AWAIT, "))");
        else wrap(ex, "((" + cast + ") " + AWAIT, ")))");
      }

      /** Null if {@code ex} cannot be awaited here, "" to await it, or the primitive to cast the await back to. */
      String eligible(TreePath path, ExpressionTree ex) {
        switch (ex.getKind()) {
          case LAMBDA_EXPRESSION, MEMBER_REFERENCE, NULL_LITERAL, ANNOTATION, TYPE_ANNOTATION, PARENTHESIZED, ANNOTATED_TYPE,
               PARAMETERIZED_TYPE, ARRAY_TYPE, PRIMITIVE_TYPE, UNBOUNDED_WILDCARD, EXTENDS_WILDCARD,
               SUPER_WILDCARD, ERRONEOUS, INTERSECTION_TYPE, UNION_TYPE -> {
            return null;
          }
          default -> { }
        }
        if (ex.getClass().getSimpleName().contains("Pattern") || ex.getKind().name().endsWith("PATTERN")) return null;
        if (ex instanceof NewArrayTree na && na.getType() == null) return null;
        if (ex instanceof IdentifierTree || ex instanceof MemberSelectTree) {
          if (ex instanceof MemberSelectTree ms0 && (ms0.getIdentifier().contentEquals("this") || ms0.getIdentifier().contentEquals("super"))) {
            return null;
          } else if (ex instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("class")) {
            // a class literal is a value
          } else {
            Element el = trees.getElement(path);
            if (el == null) return null;
            switch (el.getKind()) {
              case LOCAL_VARIABLE, PARAMETER, FIELD, ENUM_CONSTANT, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE -> { }
              default -> {
                return null;
              }
            }
            if (ex instanceof IdentifierTree id && (id.getName().contentEquals("this") || id.getName().contentEquals("super"))) return null;
          }
        }
        TypeMirror type = trees.getTypeMirror(path);
        if (type == null) return null;
        switch (type.getKind()) {
          case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, DECLARED, ARRAY, TYPEVAR -> { }
          default -> {
            return null;
          }
        }
        if (containsFunctional(ex)) return null;
        // c ? Comparators.comparableComparator() : comparator: a reference conditional whose operand
        // is a generic call infers that call's type from the target, which await(ready(..)) hides
        // (eclipse-collections' Comparators.comparableComparatorIfNull: javac's "inferred type does
        // not conform to lower bound(s)" without the processor too)
        if (ex instanceof ConditionalExpressionTree && !type.getKind().isPrimitive() && holdsGenericPoly(ex, path)) return null;
        // h == null ? defaultHandler() : h, an ExceptionHandler<Object> and an ExceptionHandler<? super T>
        // returned as the latter: inside ready(..) the conditional is typed by its operands' lub,
        // ExceptionHandler<? extends Object>, which the target does not take (disruptor's
        // ExceptionHandlerWrapper.getExceptionHandler: javac's "incompatible bounds" without the processor too)
        if (ex instanceof ConditionalExpressionTree && operandsOfOtherTypes(ex, path, type)) return null;
        // vt == BINARY ? ValueBinary.getNoCopy(b) : ValueVarbinary.getNoCopy(b) returned as a Value:
        // inside ready(..) the conditional is typed by its operands' lub, the package-private
        // ValueBytesBase of another package, which javac refuses to infer (h2's BitFunction)
        if (ex instanceof ConditionalExpressionTree && !type.getKind().isPrimitive() && operandsBelowHidden(ex, path)) return null;
        // return apply(f, source, subscribers) of <T, U, R> R apply(BiFunction<T, U, R> f, ..), f's R a
        // capture of ? extends Subscriber[] (raw), returned as a Subscriber<? super T>[]: javac resolves R
        // first and converts unchecked (JLS 18.5.2.1); inside await(ready(..)) the bound joins the outer
        // inference and fails (RxJava's RxJavaPlugins.onSubscribe; javac 17 and 25 crash formatting it)
        if (ex instanceof MethodInvocationTree && holdsGenericPoly(ex, path) && mentionsRaw(type, new HashSet<>())) return null;
        // The context: the nearest parent that is not parentheses.
        TreePath ctxPath = path.getParentPath();
        Tree child = ex;
        while (ctxPath.getLeaf() instanceof ParenthesizedTree) {
          child = ctxPath.getLeaf();
          ctxPath = ctxPath.getParentPath();
        }
        Tree parent = ctxPath.getLeaf();
        if (parent instanceof ExpressionStatementTree) return null;
        if (parent instanceof AssignmentTree a && a.getVariable() == child) return null;
        if (parent instanceof CompoundAssignmentTree a && a.getVariable() == child) return null;
        if (parent instanceof UnaryTree u && isIncDec(u)) return null;
        if (parent instanceof MethodInvocationTree mi && mi.getMethodSelect() == child) return null;
        // delegate.invokeAny(wrapAll(tasks)) of a private <T> Collection<? extends Callable<T>>
        // wrapAll(..): a generic call typed with a wildcard, given to a generic method; inside
        // await(ready(..)) javac's inference of the outer call fails on it ("no suitable method
        // found for invokeAny(Collection<CAP#1>)" without the processor too; micrometer-core's
        // TimedExecutorService, the thirteenth campaign); and given to any method or constructor:
        // withKeyCopier(SerializingCopier.asCopierClass()) of a <T> Class<? extends Copier<T>>,
        // overloaded with a Class<? extends Copier<K>>, infers T from that parameter, which
        // await(ready(..)) hides ("no suitable method found for withKeyCopier(Class<CAP#1>)"
        // without the processor too; ehcache's CacheConfigurationBuilder, the fourteenth campaign)
        if ((parent instanceof MethodInvocationTree pmi && pmi.getArguments().contains(child)
                || parent instanceof NewClassTree pnc && pnc.getArguments().contains(child))
            && ex instanceof MethodInvocationTree && holdsGenericPoly(ex, path)
            && trees.getElement(path) instanceof ExecutableElement called
            && called.getReturnType() instanceof DeclaredType dt && dt.getTypeArguments().stream().anyMatch(a -> a.getKind() == TypeKind.WILDCARD)) return null;
        if (parent instanceof TryTree) return null;
        if (parent instanceof ThrowTree) return null; // throw asRuntimeException(t): javac infers <R> from nothing there
        if (parent instanceof InstanceOfTree io && io.getType() == child) return null;
        if (parent instanceof TypeCastTree tc && tc.getType() == child) return null;
        if (parent instanceof CaseTree ct && ct.getExpressions().contains(child)) return null;
        if (parent instanceof CaseTree ct && ct.getBody() == child && !(ctxPath.getParentPath().getLeaf() instanceof SwitchExpressionTree)) return null;
        if (parent instanceof MemberSelectTree && type.getKind().isPrimitive()) return null;
        // x.<VE>get().field: the receiver's type comes from VE's bound; inside await(ready(..)) javac
        // infers Object instead (jgrapht's annotatedFlowEdge.getTarget().prototype).
        if (parent instanceof MemberSelectTree && ex instanceof MethodInvocationTree && trees.getElement(path) instanceof ExecutableElement me
            && me.getReturnType().getKind() == TypeKind.TYPEVAR
            && me.getTypeParameters().stream().anyMatch(tp -> tp.asType().equals(me.getReturnType()))) return null;
        // new Object() { int g() {..} }.g(): an awaited anonymous instance whose own member is used
        // cannot be cast back to its class (F114, refused by the processor with an error, as F26).
        if (parent instanceof MemberSelectTree && type instanceof DeclaredType dt
            && ((TypeElement) dt.asElement()).getNestingKind() == NestingKind.ANONYMOUS) return null;
        boolean constant = isConstant(ex, path);
        boolean argument = (parent instanceof MethodInvocationTree mi2 && mi2.getArguments().contains(child))
            || (parent instanceof NewClassTree nc && nc.getArguments().contains(child));
        if (constant && !argument) return null;
        if (argument && parameterTypeHidden(ctxPath, parent, child)) return null;
        if ((type.getKind() == TypeKind.BOOLEAN || isBoxOf(type, "Boolean")) && assignsOrBinds(ex)) return null;
        if (containsBinding(ex)) return null;
        if (!type.getKind().isPrimitive()) {
          // c ? Long.MIN_VALUE : boxedInteger is numeric (JLS 15.25); a bare generic await there
          // would make it a reference conditional: keep the box's type with a cast.
          boolean operand = parent instanceof ConditionalExpressionTree ce && ce.getCondition() != child;
          String box = type instanceof DeclaredType d
              ? ((TypeElement) d.asElement()).getQualifiedName().toString() : "";
          if (operand && Set.of("java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
              "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double").contains(box)) {
            return box;
          }
          return "";
        }
        String prim = type.getKind().name().toLowerCase(Locale.ROOT);
        return boxedIsFine(parent, child, ctxPath) ? "" : prim;
      }

      /**
       * Whether the parameter an argument goes to has a type of another package that is not
       * public: javac would infer the await's type as that type and refuse to name it
       * ({@code new Parser(new HtmlTreeBuilder())} with a package-private {@code TreeBuilder}).
       */
      boolean parameterTypeHidden(TreePath callPath, Tree call, Tree arg) {
        Element el = trees.getElement(callPath);
        if (!(el instanceof ExecutableElement ex)) return true;
        List<? extends ExpressionTree> args = call instanceof MethodInvocationTree mi ? mi.getArguments() : ((NewClassTree) call).getArguments();
        int i = Math.min(args.indexOf(arg), ex.getParameters().size() - 1);
        if (i < 0) return true;
        TypeMirror t = types.erasure(ex.getParameters().get(i).asType());
        while (t instanceof ArrayType at) t = at.getComponentType();
        for (Element x = types.asElement(t); x instanceof TypeElement te; x = x.getEnclosingElement()) {
          if (!te.getModifiers().contains(Modifier.PUBLIC) && !samePackage(te)) return true;
        }
        return false;
      }

      boolean samePackage(Element el) {
        Element a = el, b = cu.getPackage() == null ? null : trees.getElement(new TreePath(new TreePath(cu), cu.getPackage()));
        while (a != null && a.getKind() != ElementKind.PACKAGE) a = a.getEnclosingElement();
        return a != null && b != null && a.equals(b);
      }

      boolean isBoxOf(TypeMirror t, String name) {
        return t.getKind() == TypeKind.DECLARED && ((DeclaredType) t).asElement().getSimpleName().contentEquals(name);
      }

      /** Contexts where a box behaves as its primitive (JLS 5.2, 5.6): the await may stay boxed there. */
      boolean boxedIsFine(Tree parent, Tree child, TreePath ctxPath) {
        if (parent instanceof BinaryTree b) {
          return b.getKind() != Tree.Kind.EQUAL_TO && b.getKind() != Tree.Kind.NOT_EQUAL_TO;
        }
        if (parent instanceof UnaryTree) return true;
        if (parent instanceof CompoundAssignmentTree) return true;
        if (parent instanceof ArrayAccessTree aa) return aa.getIndex() == child;
        if (parent instanceof IfTree || parent instanceof WhileLoopTree || parent instanceof DoWhileLoopTree
            || parent instanceof ForLoopTree) return true;
        if (parent instanceof AssignmentTree a) {
          TypeMirror vt = trees.getTypeMirror(new TreePath(ctxPath, a.getVariable()));
          return vt != null && vt.getKind().isPrimitive();
        }
        if (parent instanceof VariableTree vt) {
          Element el = trees.getElement(ctxPath);
          return el != null && el.asType().getKind().isPrimitive() && !isVar(vt);
        }
        return false;
      }

      boolean isVar(VariableTree vt) {
        // javac 25 gives the type it infers for var a start and no end
        return vt.getType() == null || start(vt.getType()) < 0 || end(vt.getType()) < 0 || src(vt.getType()).equals("var");
      }

      boolean isIncDec(UnaryTree u) {
        return switch (u.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        };
      }

      /** JLS 15.29, read from the trees. */
      boolean isConstant(ExpressionTree t, TreePath path) {
        if (t instanceof LiteralTree) return t.getKind() != Tree.Kind.NULL_LITERAL;
        if (t instanceof ParenthesizedTree p) return isConstant(p.getExpression(), new TreePath(path, p.getExpression()));
        if (t instanceof IdentifierTree || t instanceof MemberSelectTree) {
          Element el = trees.getElement(path);
          return el instanceof VariableElement ve && ve.getConstantValue() != null;
        }
        if (t instanceof TypeCastTree c) return isConstant(c.getExpression(), new TreePath(path, c.getExpression()));
        if (t instanceof UnaryTree u) return !isIncDec(u) && isConstant(u.getExpression(), new TreePath(path, u.getExpression()));
        if (t instanceof BinaryTree b) {
          return isConstant(b.getLeftOperand(), new TreePath(path, b.getLeftOperand()))
              && isConstant(b.getRightOperand(), new TreePath(path, b.getRightOperand()));
        }
        if (t instanceof ConditionalExpressionTree c) {
          return isConstant(c.getCondition(), new TreePath(path, c.getCondition()))
              && isConstant(c.getTrueExpression(), new TreePath(path, c.getTrueExpression()))
              && isConstant(c.getFalseExpression(), new TreePath(path, c.getFalseExpression()));
        }
        return false;
      }

      /** Whether a conditional of the parameterized type {@code type} has an operand (through parentheses and nested conditionals) of another type than {@code type}, null aside. */
      boolean operandsOfOtherTypes(Tree t, TreePath path, TypeMirror type) {
        if (!(type instanceof DeclaredType d) || d.getTypeArguments().isEmpty()) return false;
        if (t instanceof ParenthesizedTree p) return operandsOfOtherTypes(p.getExpression(), new TreePath(path, p.getExpression()), type);
        if (t instanceof ConditionalExpressionTree c) {
          return operandsOfOtherTypes(c.getTrueExpression(), new TreePath(path, c.getTrueExpression()), type)
              || operandsOfOtherTypes(c.getFalseExpression(), new TreePath(path, c.getFalseExpression()), type);
        }
        TypeMirror ot = trees.getTypeMirror(path);
        return ot != null && ot.getKind() != TypeKind.NULL && !types.isSameType(ot, type);
      }

      /** Whether a type is raw, or holds a raw type (as an array's component, a type argument or a type variable's bound). */
      boolean mentionsRaw(TypeMirror t, Set<TypeMirror> seen) {
        if (t == null || !seen.add(t)) return false;
        if (t instanceof ArrayType at) return mentionsRaw(at.getComponentType(), seen);
        if (t instanceof DeclaredType d) {
          if (d.getTypeArguments().isEmpty() && !((TypeElement) d.asElement()).getTypeParameters().isEmpty()) return true;
          for (TypeMirror a : d.getTypeArguments()) if (mentionsRaw(a, seen)) return true;
          return false;
        }
        if (t instanceof TypeVariable tv) return mentionsRaw(tv.getUpperBound(), seen);
        if (t instanceof WildcardType w) return mentionsRaw(w.getExtendsBound(), seen) || mentionsRaw(w.getSuperBound(), seen);
        return false;
      }

      /** Whether an operand of a conditional (through parentheses and nested conditionals) has a superclass not accessible here. */
      boolean operandsBelowHidden(Tree t, TreePath path) {
        if (t instanceof ParenthesizedTree p) return operandsBelowHidden(p.getExpression(), new TreePath(path, p.getExpression()));
        if (t instanceof ConditionalExpressionTree c) {
          return operandsBelowHidden(c.getTrueExpression(), new TreePath(path, c.getTrueExpression()))
              || operandsBelowHidden(c.getFalseExpression(), new TreePath(path, c.getFalseExpression()));
        }
        TypeMirror ot = trees.getTypeMirror(path);
        for (int depth = 0; ot instanceof DeclaredType d && depth < 20; depth++) {
          TypeElement te = (TypeElement) d.asElement();
          for (Element x = te; x instanceof TypeElement xe; x = x.getEnclosingElement()) {
            if (!xe.getModifiers().contains(Modifier.PUBLIC) && !samePackage(xe)) return true;
          }
          ot = te.getSuperclass();
        }
        return false;
      }

      /** A generic call without explicit type arguments, or a diamond, as an operand of conditionals (through parentheses). */
      boolean holdsGenericPoly(Tree t, TreePath path) {
        if (t instanceof ParenthesizedTree p) return holdsGenericPoly(p.getExpression(), new TreePath(path, p.getExpression()));
        if (t instanceof ConditionalExpressionTree c) {
          return holdsGenericPoly(c.getTrueExpression(), new TreePath(path, c.getTrueExpression()))
              || holdsGenericPoly(c.getFalseExpression(), new TreePath(path, c.getFalseExpression()));
        }
        if (t instanceof MethodInvocationTree mi) {
          return mi.getTypeArguments().isEmpty() && trees.getElement(path) instanceof ExecutableElement me
              && !me.getTypeParameters().isEmpty();
        }
        if (t instanceof NewClassTree nc) {
          return nc.getIdentifier() instanceof ParameterizedTypeTree pt && pt.getTypeArguments().isEmpty();
        }
        return false;
      }

      /** A lambda or method reference reached through parentheses, casts, conditionals or switch expressions: a poly value. */
      boolean containsFunctional(Tree t) {
        if (t instanceof LambdaExpressionTree || t instanceof MemberReferenceTree) return true;
        if (t instanceof ParenthesizedTree p) return containsFunctional(p.getExpression());
        if (t instanceof TypeCastTree c) return containsFunctional(c.getExpression());
        if (t instanceof ConditionalExpressionTree c) return containsFunctional(c.getTrueExpression()) || containsFunctional(c.getFalseExpression());
        if (t instanceof SwitchExpressionTree s) {
          boolean[] found = {false};
          new TreeScanner<Void, Void>() {
            @Override public Void visitLambdaExpression(LambdaExpressionTree l, Void v) { found[0] = true; return null; }
            @Override public Void visitMemberReference(MemberReferenceTree l, Void v) { found[0] = true; return null; }
          }.scan(s, null);
          return found[0];
        }
        return false;
      }

      /** Definite assignment "when true/false" and pattern bindings do not pass through a method call. */
      boolean assignsOrBinds(Tree t) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
          @Override public Void visitAssignment(AssignmentTree a, Void v) { found[0] = true; return null; }
          @Override public Void visitLambdaExpression(LambdaExpressionTree l, Void v) { return null; }
          @Override public Void visitClass(ClassTree l, Void v) { return null; }
        }.scan(t, null);
        return found[0] || containsBinding(t);
      }

      boolean containsBinding(Tree t) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
          @Override public Void visitInstanceOf(InstanceOfTree i, Void v) {
            if (i.getPattern() != null) found[0] = true;
            return super.visitInstanceOf(i, v);
          }
          @Override public Void visitLambdaExpression(LambdaExpressionTree l, Void v) { return null; }
          @Override public Void visitClass(ClassTree l, Void v) { return null; }
        }.scan(t, null);
        return found[0];
      }
    }

    static final java.lang.reflect.Method GUARD = guardMethod();

    /** {@code CaseTree.getGuard()} of Java 21, looked up reflectively: this program also runs on JDK 17. */
    static java.lang.reflect.Method guardMethod() {
      try {
        return CaseTree.class.getMethod("getGuard");
      } catch (NoSuchMethodException e) {
        return null;
      }
    }

    /** The {@code when} guard of {@code c}, or null. */
    static ExpressionTree guard(CaseTree c) {
      try {
        return GUARD == null ? null : (ExpressionTree) GUARD.invoke(c);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The labels of {@code c} (Java 21's label trees), or its expressions where there are none. */
    @SuppressWarnings("unchecked")
    static List<? extends Tree> caseLabels(CaseTree c) {
      if (GUARD == null) return c.getExpressions();
      try {
        return (List<? extends Tree>) CaseTree.class.getMethod("getLabels").invoke(c);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    static String box(TypeKind k) {
      return switch (k) {
        case BOOLEAN -> "Boolean";
        case BYTE -> "Byte";
        case SHORT -> "Short";
        case INT -> "Integer";
        case LONG -> "Long";
        case CHAR -> "Character";
        case FLOAT -> "Float";
        case DOUBLE -> "Double";
        default -> throw new IllegalArgumentException(k.toString());
      };
    }

    /** Applies insertions (positions absolute, the text starting at {@code base}). */
    static String apply(String text, int base, List<Insertion> ins) {
      List<Insertion> sorted = new ArrayList<>(ins);
      sorted.sort(Comparator.comparingInt(Insertion::pos).thenComparingInt(Insertion::order));
      StringBuilder sb = new StringBuilder();
      int at = 0;
      for (Insertion i : sorted) {
        int p = i.pos() - base;
        sb.append(text, at, p).append(i.text());
        at = p;
      }
      sb.append(text.substring(at));
      return sb.toString();
    }
  }
}
