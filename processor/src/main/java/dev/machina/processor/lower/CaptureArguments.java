package dev.machina.processor.lower;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.machina.processor.HiddenTypes;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Awaited values given to a parameter typed by the capture of the call's receiver, which are
 * passed raw: written with their wildcards they would be none of what the call's new capture
 * takes (F132).
 */
final class CaptureArguments {
  private final Trees trees;
  private final Types types;
  private final Elements elements;
  private final HiddenTypes hidden;

  CaptureArguments(Trees trees, Types types, Elements elements, HiddenTypes hidden) {
    this.trees = trees;
    this.types = types;
    this.elements = elements;
    this.hidden = hidden;
  }

  /**
   * Whether the await at {@code awaitPath}, of {@code valueType}, is an argument of a call whose
   * parameter is typed by the capture of the call's receiver ({@code p.subscribe(await(..))} of a
   * {@code Mono<? extends T> p}, the value a {@code MonoUsingSubscriber<capture of ? extends T,
   * S>}, F132): written with wildcards the value is none of what the capture {@code p.subscribe}
   * makes anew takes, so it is passed raw. Only for a non-generic method whose result an
   * unchecked call does not change (void, primitive or not generic), and which remains the most
   * specific of the methods a raw argument makes applicable.
   */
  boolean passedRaw(TreePath awaitPath, TypeMirror valueType) {
    if (valueType.getKind() != TypeKind.DECLARED || !valueType.toString().contains("capture#")
        || hidden.mentions(valueType)) {
      return false;
    }
    TreePath up = awaitPath.getParentPath();
    Tree arg = awaitPath.getLeaf();
    while (up.getLeaf() instanceof com.sun.source.tree.ParenthesizedTree) {
      arg = up.getLeaf();
      up = up.getParentPath();
    }
    if (!(up.getLeaf() instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select)
        || !(trees.getElement(up) instanceof ExecutableElement m)
        || !m.getTypeParameters().isEmpty()
        || m.isVarArgs()) {
      return false;
    }
    int i = call.getArguments().indexOf(arg);
    TypeMirror result = m.getReturnType();
    if (i < 0 || !(result.getKind() == TypeKind.VOID || result.getKind().isPrimitive()
        || types.isSameType(result, types.erasure(result)))) {
      return false;
    }
    if (!(trees.getTypeMirror(new TreePath(up, select)) instanceof javax.lang.model.type.ExecutableType called)
        || !called.getParameterTypes().get(i).toString().contains("capture#")) {
      return false;
    }
    if (called.getParameterTypes().get(i) instanceof javax.lang.model.type.TypeVariable param
        && param.getLowerBound().getKind() != TypeKind.NULL) {
      // the capture of ? super X (onNext of an Observer<? super ObservableSource<? extends R>>)
      // takes what is below X, which a raw value is not: the value keeps its type (F153)
      return false;
    }
    // the raw argument must not make another method the most specific
    TypeMirror rawArg = types.erasure(valueType);
    TypeMirror mine = types.erasure(m.getParameters().get(i).asType());
    if (!(types.erasure(trees.getTypeMirror(new TreePath(new TreePath(up, select), select.getExpression())))
        instanceof DeclaredType receiver)) {
      return false;
    }
    for (Element e : elements.getAllMembers((TypeElement) receiver.asElement())) {
      if (e.getKind() != javax.lang.model.element.ElementKind.METHOD || e.equals(m)
          || !e.getSimpleName().equals(m.getSimpleName())) {
        continue;
      }
      ExecutableElement other = (ExecutableElement) e;
      if (other.getParameters().size() != call.getArguments().size() || other.isVarArgs()) {
        continue;
      }
      TypeMirror theirs = types.erasure(other.getParameters().get(i).asType());
      if (types.isSubtype(rawArg, theirs) && !types.isSubtype(mine, theirs)) {
        return false;
      }
    }
    return true;
  }
}
