package dev.machina.processor.lower;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import dev.machina.processor.parse.PatternTrees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * A record pattern naming a private nested type ({@code Item(String n, var q)}), which the
 * generated class cannot write, taken apart into the class tests that decide whether a value
 * matches and the component reads that give each binding its value: every read a chain of
 * accessors from the matched value. Reading a component again reads a final field (the records'
 * accessors must be implicit), so reads in a guard and in the case's body see what the match saw.
 */
final class PrivateRecordPattern {
  /**
   * A test of the component that {@code chain} reads ({@code chain} empty: the value): of its
   * class {@code type}, or where {@code kept} is not {@code null}, by that nested record pattern
   * itself, which names no private type and stays a pattern of the generated code ({@code read
   * instanceof Point(var x, var y)}): javac's code matches it, calling its accessors once, and
   * its bindings are that pattern's variables.
   */
  record Test(List<ExecutableElement> chain, TypeMirror type, TreePath kept) {}

  /** A binding and the component it is read from. */
  record Binding(VariableElement variable, List<ExecutableElement> chain) {}

  /** The tests, in the order Java matches: the record, then each component's, left to right. */
  final List<Test> tests = new ArrayList<>();
  final List<Binding> bindings = new ArrayList<>();
  /** The bindings of the nested patterns kept as patterns ({@link Test#kept}). */
  final List<TreePath> keptBindings = new ArrayList<>();
  /** The record type of the pattern itself. */
  final TypeElement record;

  private final Lowerer l;
  private boolean names;
  /** The accessors the reads call, with the pattern that calls each. */
  private final List<Runnable> accessorChecks = new ArrayList<>();

  private PrivateRecordPattern(Lowerer l, TreePath pattern) {
    this.l = l;
    this.record = (TypeElement) l.types.asElement(l.trees.getTypeMirror(pattern));
    walk(pattern, List.of(), null);
  }

  /**
   * The record pattern at {@code pattern} taken apart, if it names a private nested type (as a
   * record or a component's pattern); else {@code null}, and the pattern is written as it is.
   */
  static PrivateRecordPattern of(Lowerer l, TreePath pattern) {
    if (!PatternTrees.isRecordPattern(pattern.getLeaf())) {
      return null;
    }
    PrivateRecordPattern p = new PrivateRecordPattern(l, pattern);
    if (!p.names) {
      return null;
    }
    p.accessorChecks.forEach(Runnable::run);
    return p;
  }

  private void walk(TreePath p, List<ExecutableElement> chain, TypeMirror component) {
    Tree t = p.getLeaf();
    if (PatternTrees.isRecordPattern(t)) {
      TypeMirror type = l.trees.getTypeMirror(p);
      TypeElement re = (TypeElement) l.types.asElement(type);
      if (!chain.isEmpty() && !new PrivateRecordPattern(l, p).names) {
        tests.add(new Test(chain, null, p));
        keptBindings.addAll(Splicer.bindings(p));
        return;
      }
      names |= l.hidden.isHidden(re) || l.hidden.mentions(type);
      tests.add(new Test(chain, l.types.erasure(type), null)); // a record pattern never matches null
      List<? extends RecordComponentElement> components = re.getRecordComponents();
      List<? extends Tree> nested = PatternTrees.nestedPatterns(t);
      for (int i = 0; i < nested.size(); i++) {
        ExecutableElement accessor = components.get(i).getAccessor();
        accessorChecks.add(() -> requireImplicit(t, re, accessor));
        List<ExecutableElement> next = new ArrayList<>(chain);
        next.add(accessor);
        TypeMirror read = type instanceof DeclaredType d
            ? ((ExecutableType) l.types.asMemberOf(d, accessor)).getReturnType()
            : accessor.getReturnType();
        walk(new TreePath(p, nested.get(i)), List.copyOf(next), read);
      }
      return;
    }
    if (t instanceof BindingPatternTree b) {
      Element e = l.trees.getElement(new TreePath(p, b.getVariable()));
      if (!(e instanceof VariableElement ve)) {
        return;
      }
      names |= l.hidden.mentions(ve.asType());
      // a type pattern unconditional for the component's type matches null too (JLS 14.30.2)
      if (!l.types.isSubtype(l.types.erasure(component), l.types.erasure(ve.asType()))) {
        tests.add(new Test(chain, l.types.erasure(ve.asType()), null));
      }
      String name = ve.getSimpleName().toString();
      if (!name.isEmpty() && !name.equals("_")) {
        bindings.add(new Binding(ve, chain));
      }
    }
    // `_` (Java 22's match-all pattern) tests and binds nothing
  }

  /**
   * An error unless {@code accessor} of {@code re} is implicitly declared: an explicit one may do
   * anything, and the generated code calls it wherever the guard or the body reads its binding,
   * where Java calls it once, while matching.
   */
  private void requireImplicit(Tree at, TypeElement re, ExecutableElement accessor) {
    TreePath path = l.trees.getPath(re);
    if (path == null) {
      throw new UnsupportedCode(
          at, "the generated class reads the components of this record pattern again where they"
              + " are used, and cannot tell whether " + re.getSimpleName() + "." + accessor.getSimpleName()
              + "() (compiled elsewhere) only reads its field: match with a type pattern and read the"
              + " components, or make the private types package-private");
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    for (Tree member : ((ClassTree) path.getLeaf()).getMembers()) {
      if (member instanceof MethodTree m && m.getParameters().isEmpty()
          && m.getName().contentEquals(accessor.getSimpleName())
          && l.trees.getSourcePositions().getEndPosition(unit, m) > 0) {
        throw new UnsupportedCode(
            at, "the generated class reads the components of this record pattern again where they"
                + " are used, and " + re.getSimpleName() + " declares its accessor "
                + accessor.getSimpleName() + "() itself, which Java calls once: match with a type"
                + " pattern and read the components, or make the private types package-private");
      }
    }
  }
}
