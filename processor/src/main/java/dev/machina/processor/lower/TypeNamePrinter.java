package dev.machina.processor.lower;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The part of a {@link Splicer} printing that writes type names: the TYPE_USE annotations javac
 * attached to a declaration rather than its type, and a private nested type as {@code Object}
 * where that means the same in the generated class (an error where it would not).
 */
final class TypeNamePrinter {
  private final Splicer splicer;
  private final Splicer.Walk w;
  private final Lowerer l;

  TypeNamePrinter(Splicer splicer, Splicer.Walk w, Lowerer l) {
    this.splicer = splicer;
    this.w = w;
    this.l = l;
  }

  /**
   * The TYPE_USE annotations written before the type name at {@code p} (through its array
   * types, for a declaration): of a {@code @A T} annotated type, of {@code new @A T[n]}, or among
   * a declaration's modifiers where they apply to its type only (not also to the declaration).
   */
  List<? extends AnnotationTree> typeAnnotationsOf(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    if (parent instanceof com.sun.source.tree.AnnotatedTypeTree a && a.getUnderlyingType() == p.getLeaf()
        && !a.getAnnotations().isEmpty() && splicer.start(a.getAnnotations().get(0)) < splicer.start(p.getLeaf())) {
      return a.getAnnotations();
    }
    if (parent instanceof NewArrayTree n && n.getType() == p.getLeaf() && n.getAnnotations() != null) {
      return n.getAnnotations();
    }
    TreePath q = declaredTypeOf(p);
    Tree decl = q.getParentPath().getLeaf();
    com.sun.source.tree.ModifiersTree mods =
        decl instanceof com.sun.source.tree.VariableTree v && v.getType() == q.getLeaf() ? v.getModifiers()
            : decl instanceof com.sun.source.tree.MethodTree m && m.getReturnType() == q.getLeaf()
                ? m.getModifiers()
                : null;
    if (mods == null) {
      return List.of();
    }
    TreePath modsPath = new TreePath(q.getParentPath(), mods);
    List<AnnotationTree> out = new ArrayList<>();
    for (AnnotationTree a : mods.getAnnotations()) {
      if (typeUseOnly(new TreePath(modsPath, a), decl)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The type at {@code p} with the array and parameterized types whose element or class it is
   * ({@code T[]}, {@code T<A>}): what a declaration's modifiers stand before.
   */
  TreePath declaredTypeOf(TreePath p) {
    TreePath q = p;
    while (q.getParentPath().getLeaf() instanceof ArrayTypeTree
        || (q.getParentPath().getLeaf() instanceof ParameterizedTypeTree pt && pt.getType() == q.getLeaf())) {
      q = q.getParentPath();
    }
    return q;
  }

  /** The tree holding the annotations {@link #typeAnnotationsOf} found for the name at {@code p}. */
  TreePath annotationParent(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    if (parent instanceof com.sun.source.tree.AnnotatedTypeTree || parent instanceof NewArrayTree) {
      return p.getParentPath();
    }
    TreePath q = declaredTypeOf(p);
    Tree decl = q.getParentPath().getLeaf();
    return new TreePath(
        q.getParentPath(),
        decl instanceof com.sun.source.tree.VariableTree v ? v.getModifiers()
            : ((com.sun.source.tree.MethodTree) decl).getModifiers());
  }

  /**
   * Whether the annotation at {@code ann} (of a declaration's modifiers) applies to the
   * declared type only: its {@code @Target} has {@code TYPE_USE} and not the declaration's kind.
   */
  boolean typeUseOnly(TreePath ann, Tree decl) {
    if (!(l.trees.getElement(new TreePath(ann, ((AnnotationTree) ann.getLeaf()).getAnnotationType()))
        instanceof TypeElement type)) {
      return false;
    }
    java.lang.annotation.Target target = type.getAnnotation(java.lang.annotation.Target.class);
    if (target == null) {
      return false;
    }
    List<java.lang.annotation.ElementType> kinds = List.of(target.value());
    if (!kinds.contains(java.lang.annotation.ElementType.TYPE_USE)) {
      return false;
    }
    Element declared = l.trees.getElement(ann.getParentPath().getParentPath());
    java.lang.annotation.ElementType context =
        decl instanceof com.sun.source.tree.MethodTree ? java.lang.annotation.ElementType.METHOD
            : declared == null ? java.lang.annotation.ElementType.LOCAL_VARIABLE
            : switch (declared.getKind()) {
                case FIELD, ENUM_CONSTANT -> java.lang.annotation.ElementType.FIELD;
                case PARAMETER, EXCEPTION_PARAMETER -> java.lang.annotation.ElementType.PARAMETER;
                default -> java.lang.annotation.ElementType.LOCAL_VARIABLE;
              };
    return !kinds.contains(context);
  }

  /**
   * The type name (an identifier naming a class the generated code writes itself) that the
   * annotation {@code ann}, a child of {@code parent}, is written after instead of where it
   * stands (F131); null where it stays.
   */
  Tree annotatedName(TreePath parent, Tree ann) {
    Tree t = parent.getLeaf();
    Tree type = null;
    if (t instanceof com.sun.source.tree.ModifiersTree) {
      Tree decl = parent.getParentPath().getLeaf();
      type = decl instanceof com.sun.source.tree.VariableTree v ? v.getType()
          : decl instanceof com.sun.source.tree.MethodTree m ? m.getReturnType() : null;
      while (type instanceof ArrayTypeTree || type instanceof ParameterizedTypeTree) {
        type = type instanceof ArrayTypeTree at ? at.getType() : ((ParameterizedTypeTree) type).getType();
      }
      if (type == null || !typeUseOnly(new TreePath(parent, ann), decl)) {
        return null;
      }
    } else if (t instanceof NewArrayTree n && n.getAnnotations() != null && n.getAnnotations().contains(ann)) {
      type = n.getType();
    } else {
      return null;
    }
    if (!(type instanceof IdentifierTree)) {
      return null;
    }
    TreePath typePath = TreePath.getPath(parent.getCompilationUnit(), type);
    return typePath != null && l.trees.getElement(typePath) instanceof TypeElement te
            && !w.members.isLocalType(te) && !l.hidden.isHidden(te)
        ? type
        : null;
  }

  /**
   * The private nested type {@code te} named at {@code p}: written {@code Object}, as the
   * generated code keeps its values, where that is what the code means in the generated class
   * too: the type of a local, loop variable or lambda parameter, a type argument ({@code
   * List<Item>} becomes {@code List<Object>}) or bound, and the parameter or result type of a
   * method of a class of the body that w.overrides no method declared with the real type; an
   * error anywhere else.
   */
  boolean privateTypeName(TreePath p, TypeElement te, Code.Builder out) {
    TreePath q = p;
    while (q.getParentPath().getLeaf().getKind() == Tree.Kind.ARRAY_TYPE) {
      q = q.getParentPath();
    }
    TreePath up = q.getParentPath();
    Tree parent = up.getLeaf();
    String fix = ": make " + te.getSimpleName() + " " + l.hidden.fix(te);
    if (parent instanceof com.sun.source.tree.VariableTree v && v.getType() == q.getLeaf()) {
      TreePath declaredIn = up.getParentPath();
      switch (declaredIn.getLeaf().getKind()) {
        case CATCH ->
            throw new UnsupportedCode(
                parent, "the generated class cannot name " + l.hidden.describe(te)
                    + " of this catch parameter, which it tests with the type's class only in"
                    + " a try statement of the body itself (not of a lambda, a class body or a"
                    + " synchronized block)" + fix);
        case TRY, BINDING_PATTERN ->
            throw new UnsupportedCode(
                parent, "the generated class cannot name " + l.hidden.describe(te)
                    + " of this variable" + fix);
        case METHOD -> requireNoRealOverride(declaredIn, te, parent);
        default -> {}
      }
      out.text("Object");
      return true;
    }
    if (parent instanceof com.sun.source.tree.MethodTree m && m.getReturnType() == q.getLeaf()) {
      requireNoRealOverride(up, te, parent);
      out.text("Object");
      return true;
    }
    if (typeArgument(q)) {
      out.text("Object");
      return true;
    }
    throw new UnsupportedCode(
        p.getLeaf(), "the generated class cannot name " + l.hidden.describe(te) + " here" + fix);
  }

  /** Whether the type at {@code q} is a type argument, a wildcard's bound or a type parameter's. */
  boolean typeArgument(TreePath q) {
    Tree parent = q.getParentPath().getLeaf();
    return switch (parent.getKind()) {
      case PARAMETERIZED_TYPE -> ((ParameterizedTypeTree) parent).getType() != q.getLeaf();
      case EXTENDS_WILDCARD, SUPER_WILDCARD, TYPE_PARAMETER -> true;
      case METHOD_INVOCATION -> ((MethodInvocationTree) parent).getTypeArguments().contains(q.getLeaf());
      case NEW_CLASS -> ((NewClassTree) parent).getTypeArguments().contains(q.getLeaf());
      case MEMBER_REFERENCE -> {
        List<? extends ExpressionTree> args = ((MemberReferenceTree) parent).getTypeArguments();
        yield args != null && args.contains(q.getLeaf());
      }
      default -> false;
    };
  }

  /**
   * Refuses, at {@code at}, the method at {@code method} (of a class of the body) writing the
   * private type {@code te} as {@code Object} where it w.overrides a method declared with the
   * real type, which the {@code Object} would no longer override.
   */
  void requireNoRealOverride(TreePath method, TypeElement te, Tree at) {
    if (!(l.trees.getElement(method) instanceof ExecutableElement m)
        || !(m.getEnclosingElement() instanceof TypeElement owner)) {
      return;
    }
    var elements = l.env.getElementUtils();
    Deque<TypeMirror> todo = new ArrayDeque<>(l.types.directSupertypes(owner.asType()));
    while (!todo.isEmpty()) {
      TypeMirror sup = todo.poll();
      todo.addAll(l.types.directSupertypes(sup));
      for (Element other : ((TypeElement) l.types.asElement(sup)).getEnclosedElements()) {
        if (other instanceof ExecutableElement o && !w.members.declaredLocally(o)
            && o.getSimpleName().equals(m.getSimpleName()) && elements.overrides(m, o, owner)
            && l.hidden.inSignature(l.types, o)) {
          throw new UnsupportedCode(
              at, "the generated class writes " + l.hidden.describe(te) + " as Object,"
                  + " so this method would no longer override " + o.getEnclosingElement().getSimpleName()
                  + "." + o.getSimpleName() + ": make " + te.getSimpleName() + " " + l.hidden.fix(te));
        }
      }
    }
  }
}
