package dev.machina.processor.check;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.Reporter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/**
 * Records with a canonical constructor written out (compact or not) in a class the processor
 * would attribute before the last round: an error on the constructor, and the class is left alone.
 *
 * <p>javac (17 to 25 at least; JDK-8387215) inserts {@code super();} into a constructor's body
 * when it attributes it, and the cleanup between annotation processing rounds removes that call
 * from enum constructors only. A record's canonical constructor attributed in one round is
 * attributed again in the next with the call in it and fails: "invalid canonical constructor in
 * record R (canonical constructor must not contain explicit constructor invocation)", on code that
 * compiles without the processor. Attributing a class attributes its nested and local classes,
 * its superclass and the classes around those; the processor must attribute classes with
 * {@code @Async} methods in the round that generates their machines, which is never the last. The
 * check reads trees only, so it attributes nothing itself.
 */
public final class RecordConstructorRule {
  private final Trees trees;
  private final Elements elements;
  private final Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * The verdict on each top-level class, taken the first time: once a class is attributed, javac
   * has added implicit canonical constructors to its local records' trees.
   */
  private final java.util.Map<Tree, Boolean> verdicts = new IdentityHashMap<>();
  /** The verdicts of {@link #wouldBreak}, which reported nothing. */
  private final java.util.Map<Tree, Boolean> silentVerdicts = new IdentityHashMap<>();

  public RecordConstructorRule(Trees trees, Elements elements) {
    this.trees = trees;
    this.elements = elements;
  }

  /**
   * Reports each such constructor that attributing {@code owner} would reach (once); returns
   * whether there was one, reported now or before.
   */
  public boolean check(TypeElement owner, Reporter reporter) {
    return find(owner, reporter, verdicts);
  }

  /**
   * Whether attributing {@code top} would reach such a constructor, as {@link #check} finds
   * them, reporting nothing: the whole-unit scan then resolves no call in it (F172).
   */
  public boolean wouldBreak(TypeElement top) {
    return find(top, null, silentVerdicts);
  }

  private boolean find(TypeElement owner, Reporter reporter, java.util.Map<Tree, Boolean> verdicts) {
    boolean found = false;
    Set<Tree> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<TypeElement> work = new ArrayDeque<>();
    work.add(owner);
    while (!work.isEmpty()) {
      TypeElement top = topLevel(work.poll());
      TreePath path = top == null ? null : trees.getPath(top);
      if (path == null || !seen.add(path.getLeaf())) {
        continue; // from a class file, or scanned already
      }
      Boolean verdict = verdicts.get(path.getLeaf());
      if (verdict == null) {
        verdict = scan(path, top, work, reporter, owner);
        verdicts.put(path.getLeaf(), verdict);
      }
      found |= verdict;
    }
    return found;
  }

  private boolean scan(
      TreePath top, TypeElement topElement, Deque<TypeElement> work, Reporter reporter,
      TypeElement owner) {
    boolean[] found = {false};
    new TreePathScanner<Void, Boolean>() {
      @Override
      public Void visitClass(ClassTree tree, Boolean local) {
        Element e = null;
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        // An anonymous class (in a field initializer too) has no element before attribution.
        boolean inBody = local || parent instanceof NewClassTree;
        if (!inBody) {
          // A member class: its element exists without attribution; its superclass is attributed too.
          e = trees.getElement(getCurrentPath());
          if (e instanceof TypeElement te && te.getSuperclass() instanceof DeclaredType sup) {
            work.add((TypeElement) sup.asElement());
          }
        } else {
          // Attributing a local or anonymous class attributes its superclass too (F100): found by
          // its name, since asking javac for the element would attribute the enclosing class.
          Tree named = parent instanceof NewClassTree n ? n.getIdentifier() : tree.getExtendsClause();
          TypeElement sup = named == null ? null : typeNamed(named, getCurrentPath());
          if (sup != null && sup.getKind() != ElementKind.INTERFACE) {
            work.add(sup);
          }
        }
        boolean isOwner = owner.equals(e);
        if (tree.getKind() == Tree.Kind.RECORD) {
          for (Tree member : tree.getMembers()) {
            if (member instanceof MethodTree m && canonical(m, local)) {
              found[0] = true;
              if (reporter != null && reported.add(m)) {
                reporter.error(
                    new TreePath(getCurrentPath(), m),
                    Messages.recordCanonicalConstructor(
                        tree.getSimpleName().toString(), topElement, isOwner, owner));
              }
            }
          }
        }
        return super.visitClass(tree, inBody);
      }

      @Override
      public Void visitMethod(MethodTree tree, Boolean local) {
        scan(tree.getModifiers(), local);
        scan(tree.getReturnType(), local);
        scan(tree.getParameters(), local);
        scan(tree.getBody(), true); // classes in bodies are local
        return null;
      }

      @Override
      public Void visitBlock(BlockTree tree, Boolean local) {
        return super.visitBlock(tree, true);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Boolean local) {
        return super.visitLambdaExpression(tree, true);
      }

      /** A constructor of a record written in the source that does not begin with this(..). */
      private boolean canonical(MethodTree m, boolean local) {
        if (!m.getName().contentEquals("<init>") || m.getBody() == null) {
          return false;
        }
        // javac adds the implicit canonical constructor to the tree (MANDATED), to a local record
        // when it attributes it: resolving is safe once the record has a type, and needless before.
        if (!local || trees.getTypeMirror(getCurrentPath()) != null) {
          Element e = trees.getElement(new TreePath(getCurrentPath(), m));
          if (e == null || elements.getOrigin(e) != Elements.Origin.EXPLICIT) {
            return false;
          }
        }
        var stats = m.getBody().getStatements();
        if (!stats.isEmpty()) {
          StatementTree first = stats.get(0);
          if (first instanceof ExpressionStatementTree s
              && s.getExpression() instanceof MethodInvocationTree call
              && call.getMethodSelect() instanceof IdentifierTree id
              && id.getName().contentEquals("this")) {
            return false; // a non-canonical constructor, which javac leaves alone
          }
        }
        return true;
      }
    }.scan(top, false);
    return found[0];
  }

  /**
   * The class that {@code name} (a type as written, in the class at {@code at}) denotes, looked up
   * as JLS 6.5.5 does through elements only (member types of the enclosing member classes and their
   * supertypes, the imports, the package, {@code java.lang}); null where it is not found so.
   */
  private TypeElement typeNamed(Tree name, TreePath at) {
    if (name instanceof ParameterizedTypeTree p) {
      return typeNamed(p.getType(), at);
    }
    if (name instanceof AnnotatedTypeTree a) {
      return typeNamed(a.getUnderlyingType(), at);
    }
    if (name instanceof MemberSelectTree select) {
      TypeElement outer = typeNamed(select.getExpression(), at);
      return outer != null
          ? memberType(outer, select.getIdentifier())
          : elements.getTypeElement(select.toString());
    }
    if (!(name instanceof IdentifierTree id)) {
      return null;
    }
    Name simple = id.getName();
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree && isMemberChain(p)) {
        TypeElement c = (TypeElement) trees.getElement(p);
        TypeElement found = c == null ? null : c.getSimpleName().equals(simple) ? c : memberType(c, simple);
        if (found != null) {
          return found;
        }
      }
    }
    CompilationUnitTree unit = at.getCompilationUnit();
    List<String> candidates = new ArrayList<>();
    for (ImportTree i : unit.getImports()) {
      if (i.getQualifiedIdentifier() instanceof MemberSelectTree q && q.getIdentifier().equals(simple)) {
        candidates.add(q.toString());
      }
    }
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
    candidates.add(pkg + simple);
    for (ImportTree i : unit.getImports()) {
      if (i.getQualifiedIdentifier() instanceof MemberSelectTree q && q.getIdentifier().contentEquals("*")) {
        candidates.add(q.getExpression() + "." + simple);
      }
    }
    candidates.add("java.lang." + simple);
    for (String c : candidates) {
      TypeElement found = elements.getTypeElement(c);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** A member class or top-level class, whose element javac gives without attributing anything. */
  private static boolean isMemberChain(TreePath p) {
    for (; p.getParentPath() != null; p = p.getParentPath()) {
      if (!(p.getLeaf() instanceof ClassTree)
          || !(p.getParentPath().getLeaf() instanceof ClassTree
              || p.getParentPath().getLeaf() instanceof CompilationUnitTree)) {
        return false;
      }
    }
    return true;
  }

  private TypeElement memberType(TypeElement outer, Name simple) {
    for (Element m : elements.getAllMembers(outer)) {
      if (m instanceof TypeElement t && t.getSimpleName().equals(simple)) {
        return t;
      }
    }
    return null;
  }

  private static TypeElement topLevel(TypeElement t) {
    Element e = t;
    while (e.getEnclosingElement() instanceof TypeElement outer) {
      e = outer;
    }
    return e instanceof TypeElement te ? te : null;
  }
}
