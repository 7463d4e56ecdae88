package dev.machina.processor.parse;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads an {@code @Async} method into an {@link AsyncMethod}, refusing shapes it cannot host. */
public final class MethodParser {
  private final ProcessingEnvironment env;
  private final Trees trees;

  public MethodParser(ProcessingEnvironment env, Trees trees) {
    this.env = env;
    this.trees = trees;
  }

  /** Parses {@code method}; throws {@link UnsupportedCode} for a shape the processor refuses. */
  public AsyncMethod parse(ExecutableElement method) {
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof com.sun.source.tree.MethodTree)) {
      throw new UnsupportedCode(null, "@Async method " + method + " has no source to compile");
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    Tree at = path.getLeaf();
    for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        throw new UnsupportedCode(
            at,
            "@Async methods of local or anonymous classes are not supported: move the method to a"
                + " top-level or nested class");
      }
    }
    if (((com.sun.source.tree.MethodTree) at).getBody() == null) {
      throw new UnsupportedCode(at, "@Async method has no body");
    }
    TypeMirror returnType = method.getReturnType();
    TypeMirror result = futureArgument(returnType);
    if (result == null) {
      throw new UnsupportedCode(
          at, "@Async method must return dev.machina.Future<T>, not " + returnType);
    }
    PackageElement pkg = env.getElementUtils().getPackageOf(owner);
    String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    List<TypeParameterElement> typeParameters = new ArrayList<>();
    if (!isStatic) {
      for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
        typeParameters.addAll(0, t.getTypeParameters());
        if (t.getModifiers().contains(Modifier.STATIC) || t.getKind() != ElementKind.CLASS
            || t.getNestingKind() == NestingKind.TOP_LEVEL) {
          break;
        }
      }
    }
    typeParameters.addAll(method.getTypeParameters());
    refuseShadowedTypeVariables(path, typeParameters);
    String file = path.getCompilationUnit().getSourceFile().getName();
    file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    return new AsyncMethod(
        method,
        owner,
        path,
        packageName,
        generatedName(owner),
        isStatic,
        isStatic ? null : owner.asType(),
        List.copyOf(typeParameters),
        method.getParameters(),
        returnType,
        result,
        file);
  }

  /**
   * Refuses a type variable that hides another of the same name ({@code class Box<T> { @Async <T>
   * Future<T> m() }}, or {@code Outer<T>.Inner<T>}): the factory and the machine declare the
   * owner's type variables and the method's side by side, where two of one name cannot stand.
   */
  private static void refuseShadowedTypeVariables(
      TreePath path, List<TypeParameterElement> typeParameters) {
    var method = (com.sun.source.tree.MethodTree) path.getLeaf();
    for (int i = 0; i < typeParameters.size(); i++) {
      TypeParameterElement hidden = typeParameters.get(i);
      for (int j = i + 1; j < typeParameters.size(); j++) {
        TypeParameterElement hiding = typeParameters.get(j);
        if (!hiding.getSimpleName().contentEquals(hidden.getSimpleName())) {
          continue;
        }
        Tree at = method;
        for (var tp : method.getTypeParameters()) {
          if (tp.getName().contentEquals(hiding.getSimpleName())) {
            at = tp;
          }
        }
        String name = hiding.getSimpleName().toString();
        throw new UnsupportedCode(
            at,
            "type variable " + name + " of " + describe(hiding.getGenericElement()) + " hides type"
                + " variable " + name + " of " + describe(hidden.getGenericElement())
                + ", and the generated factory of this @Async method declares both: rename one"
                + " of them (say " + name + "2)");
      }
    }
  }

  private static String describe(Element generic) {
    return (generic instanceof ExecutableElement ? "method " : "class ") + generic.getSimpleName();
  }

  /**
   * The erased signature of the generated factory, {@code g(Clash,int)}: the receiver's class
   * first for an instance method, so an instance {@code g(int)} and a static {@code g(Clash, int)}
   * of one class would give the same factory.
   */
  public String factorySignature(AsyncMethod m) {
    var types = env.getTypeUtils();
    java.util.StringJoiner params = new java.util.StringJoiner(", ", "(", ")");
    if (!m.isStatic()) {
      params.add(types.erasure(m.receiverType()).toString());
    }
    // a parameter naming a hidden type is taken as its erasure written (Object for Item)
    var hidden = new dev.machina.processor.HiddenTypes(m.element());
    for (var p : m.parameters()) {
      TypeMirror erased = types.erasure(p.asType());
      params.add(
          (hidden.mentions(p.asType()) ? hidden.written(types, env.getElementUtils(), erased) : erased)
              .toString());
    }
    return m.generatedClass() + "." + m.element().getSimpleName() + params;
  }

  /** {@code p.Outer.Inner} gives {@code Outer_InnerAsync}. */
  public static String generatedName(TypeElement owner) {
    StringBuilder name = new StringBuilder(owner.getSimpleName());
    for (Element e = owner.getEnclosingElement(); e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      name.insert(0, t.getSimpleName() + "_");
    }
    return name + "Async";
  }

  /** Whether the body refers to a type that does not exist yet (maybe generated this round). */
  public boolean mentionsMissingTypes(AsyncMethod method) {
    if (namesMissingGeneratedClass(method)) {
      // Decided without attributing the body: attributing a lambda that mentions a class not
      // generated yet makes javac fail later in the compilation.
      return true;
    }
    // getTypeMirror reads the types attribution left in the trees, and javac gives a later round
    // fresh, unattributed trees: resolving a tree without a symbol (the body) attributes the
    // class first, or a body with unresolved names looked complete and was lowered (F38).
    trees.getElement(new TreePath(method.path(), method.tree().getBody()));
    boolean[] missing = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (missing[0] || tree == null) {
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        check();
        return null;
      }

      @Override
      public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree node, Void unused) {
        check();
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitMethodInvocation(
          com.sun.source.tree.MethodInvocationTree node, Void unused) {
        check();
        return super.visitMethodInvocation(node, unused);
      }

      private void check() {
        TypeMirror t = trees.getTypeMirror(getCurrentPath());
        if (t != null && t.getKind() == TypeKind.ERROR) {
          missing[0] = true;
        }
      }
    }.scan(method.path(), null);
    return missing[0];
  }

  /**
   * Refuses a body that names the class generated from its own class ({@code AAsync.one(a, f)}
   * inside {@code A}): the class is generated from the bodies, so the body cannot wait for it.
   */
  public void refuseOwnGeneratedClass(AsyncMethod method) {
    String own = method.generatedClass();
    Tree[] found = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        if (found[0] == null && node.getName().contentEquals(own) && unresolved()) {
          found[0] = node;
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree node, Void unused) {
        if (found[0] == null && node.getIdentifier().contentEquals(own) && unresolved()) {
          found[0] = node;
        }
        return super.visitMemberSelect(node, unused);
      }

      /** A variable or field may be named like the generated class (MachineNamesTest). */
      private boolean unresolved() {
        Element e = trees.getElement(getCurrentPath());
        return e == null || e.asType().getKind() == TypeKind.ERROR;
      }
    }.scan(new TreePath(method.path(), method.tree().getBody()), null);
    if (found[0] != null
        && env.getElementUtils().getTypeElement(
                method.packageName().isEmpty() ? own : method.packageName() + "." + own)
            == null) {
      throw new UnsupportedCode(
          found[0],
          "the @Async body names " + own + ", which Machina generates from this very class, so"
              + " it does not exist while the body is compiled: call the @Async method directly"
              + " (m(..), or receiver.m(..) for an instance method): inside an @Async body such a"
              + " call already is its state machine");
    }
  }

  /**
   * In the last round, reports each name of the body that is the generated class of one of
   * {@code owners} (classes with {@code @Async} methods) and still missing: those classes waited
   * for each other (A's body names BAsync and B's names AAsync), so neither was generated.
   */
  public void reportWaitedForGenerated(
      AsyncMethod method, java.util.Collection<TypeElement> owners, dev.machina.processor.Reporter reporter) {
    java.util.Map<String, TypeElement> generated = new java.util.HashMap<>();
    for (TypeElement t : owners) {
      generated.put(generatedName(t), t);
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        TypeElement from = generated.get(node.getName().toString());
        TypeMirror t = trees.getTypeMirror(getCurrentPath());
        if (from != null && (t == null || t.getKind() == TypeKind.ERROR)) {
          reporter.error(
              getCurrentPath(),
              node.getName() + " is generated from the @Async methods of " + from.getSimpleName()
                  + ", whose class waits, as this one does, for a class generated from the other"
                  + " (or did not compile), so neither was generated: call the @Async method of "
                  + from.getSimpleName() + " directly (" + from.getSimpleName() + ".m(..), or"
                  + " receiver.m(..)): inside an @Async body such a call already is its state"
                  + " machine");
        }
        return null;
      }
    }.scan(method.path(), null);
  }

  /**
   * Whether some unresolved name of the body could still be supplied by a class generated in a
   * later round: a generated class's name, or a type-like (capitalized) name, alone or as the
   * member of a qualified name. A lowercase variable or method that does not resolve (a typo,
   * {@code await} without its static import) cannot be, so waiting for a later round would only
   * leave the class without its generated factories until the last, and every use of them an
   * error of its own.
   */
  public boolean missingTypesCouldBeGenerated(AsyncMethod method) {
    if (namesMissingGeneratedClass(method)) {
      return true;
    }
    boolean[] typeLike = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        check(node.getName());
        return null;
      }

      @Override
      public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree node, Void unused) {
        check(node.getIdentifier());
        return super.visitMemberSelect(node, unused);
      }

      private void check(javax.lang.model.element.Name name) {
        TypeMirror t = trees.getTypeMirror(getCurrentPath());
        if (t != null && t.getKind() == TypeKind.ERROR && name.length() > 0
            && Character.isUpperCase(name.charAt(0))) {
          typeLike[0] = true;
        }
      }
    }.scan(method.path(), null);
    return typeLike[0];
  }

  /**
   * Whether the body names a {@code XxxAsync} class (by its simple name, as written) that exists
   * neither in the method's package nor among the unit's imports: it is generated this round.
   */
  private boolean namesMissingGeneratedClass(AsyncMethod method) {
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Set<String> declared = new java.util.HashSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        String n = node.getName().toString();
        if (n.endsWith("Async") && n.length() > 5 && Character.isUpperCase(n.charAt(0))) {
          names.add(n);
        }
        return null;
      }

      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree node, Void unused) {
        declared.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        declared.add(node.getSimpleName().toString());
        return super.visitClass(node, unused);
      }
    }.scan(method.tree().getBody(), null);
    // A variable or local class of the body, a parameter, or a member type of an enclosing class
    // is not a generated class: deferring for it would defer the class for good, and in the last
    // round javac would have no missing type to report (the class was silently not generated).
    method.element().getParameters().forEach(p -> declared.add(p.getSimpleName().toString()));
    names.removeAll(declared);
    var elements = env.getElementUtils();
    for (Element e = method.element().getEnclosingElement();
        e instanceof TypeElement te;
        e = te.getEnclosingElement()) {
      for (Element m : elements.getAllMembers(te)) {
        if (m instanceof TypeElement) {
          names.remove(m.getSimpleName().toString());
        }
      }
    }
    for (String n : names) {
      boolean found =
          elements.getTypeElement(
                  method.packageName().isEmpty() ? n : method.packageName() + "." + n)
              != null;
      for (var imp : method.unit().getImports()) {
        String q = imp.getQualifiedIdentifier().toString();
        if (!imp.isStatic() && q.endsWith("." + n)) {
          found |= elements.getTypeElement(q) != null;
        } else if (!imp.isStatic() && q.endsWith(".*")) {
          found |= elements.getTypeElement(q.substring(0, q.length() - 1) + n) != null;
        } else if (!imp.isStatic() && !q.endsWith("." + n)) {
          continue;
        }
      }
      found |= elements.getTypeElement("java.lang." + n) != null;
      if (!found) {
        return true;
      }
    }
    return false;
  }

  private TypeMirror futureArgument(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)) {
      return null;
    }
    TypeElement e = (TypeElement) declared.asElement();
    if (!e.getQualifiedName().contentEquals("dev.machina.Future")
        || declared.getTypeArguments().size() != 1) {
      return null;
    }
    return declared.getTypeArguments().get(0);
  }
}
