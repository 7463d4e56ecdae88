package dev.machina.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.machina.processor.Reporter;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Requires an {@code @Async} method to return {@code dev.machina.Future<T>}, and explains the
 * common ways to get it wrong: a JDK future, or the ambiguous simple name {@code Future} under the
 * wildcard imports of both {@code dev.machina} and {@code java.util.concurrent}.
 */
final class ReturnTypeRule implements MethodRule {
  private final Types types;
  private final Elements elements;

  ReturnTypeRule(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  @Override
  public boolean check(AsyncMethod method, Reporter reporter) {
    TypeMirror returned = method.element().getReturnType();
    if (returned.getKind() == TypeKind.DECLARED && isMachinaFuture((DeclaredType) returned)) {
      return true;
    }
    String message;
    if (returned.getKind() == TypeKind.ERROR) {
      if (!ambiguousFutureName(method)) {
        // An unresolved type: javac reports it itself, and the method cannot be lowered.
        return false;
      }
      message = Messages.ambiguousFuture(method.element());
    } else if (machinaFutureValue(returned) != null) {
      message = Messages.returnsFutureSubtype(method.element(), returned, machinaFutureValue(returned));
    } else if (isJdkFuture(returned)) {
      message = Messages.returnsConcurrentFuture(method.element(), returned);
    } else {
      message = Messages.returnTypeNotFuture(method.element(), returned);
    }
    if (method.path() != null && method.tree().getReturnType() != null) {
      reporter.error(new TreePath(method.path(), method.tree().getReturnType()), message);
    } else {
      reporter.error(method.element(), message);
    }
    return false;
  }

  private static boolean isMachinaFuture(DeclaredType type) {
    Element element = type.asElement();
    return element instanceof TypeElement
        && ((TypeElement) element).getQualifiedName().contentEquals(MachinaSymbols.FUTURE);
  }

  /**
   * For a type implementing {@code dev.machina.Future<V>} (a JoinHandle, a user's future), its
   * {@code V}; null for other types.
   */
  private TypeMirror machinaFutureValue(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED && isMachinaFuture((DeclaredType) supertype)) {
        List<? extends TypeMirror> args = ((DeclaredType) supertype).getTypeArguments();
        return args.isEmpty() ? elements.getTypeElement("java.lang.Object").asType() : args.get(0);
      }
      TypeMirror inherited = machinaFutureValue(supertype);
      if (inherited != null) {
        return inherited;
      }
    }
    return null;
  }

  private boolean isJdkFuture(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    for (String name : new String[] {"java.util.concurrent.Future", "java.util.concurrent.CompletionStage"}) {
      TypeElement jdk = elements.getTypeElement(name);
      if (jdk != null && types.isAssignable(types.erasure(type), types.erasure(jdk.asType()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the return type is written as the simple name {@code Future} in a file importing both
   * {@code dev.machina.*} and {@code java.util.concurrent.*} without a single-type import of it.
   */
  private static boolean ambiguousFutureName(AsyncMethod method) {
    if (method.path() == null) {
      return false;
    }
    Tree type = method.tree().getReturnType();
    if (type instanceof ParameterizedTypeTree) {
      type = ((ParameterizedTypeTree) type).getType();
    }
    if (!(type instanceof IdentifierTree)
        || !((IdentifierTree) type).getName().contentEquals("Future")) {
      return false;
    }
    CompilationUnitTree unit = method.path().getCompilationUnit();
    boolean machinaWildcard = false;
    boolean concurrentWildcard = false;
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree select = (MemberSelectTree) imp.getQualifiedIdentifier();
      String name = select.getIdentifier().toString();
      String qualifier = select.getExpression().toString();
      if (name.equals("Future")) {
        return false; // a single-type import decides
      }
      if (name.equals("*")) {
        machinaWildcard |= qualifier.equals("dev.machina");
        concurrentWildcard |= qualifier.equals("java.util.concurrent");
      }
    }
    return machinaWildcard && concurrentWildcard;
  }
}
