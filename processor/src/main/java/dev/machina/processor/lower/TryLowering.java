package dev.machina.processor.lower;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;

/**
 * Lowers a {@code try} statement with awaits: the blocks of its body form a {@link Region} whose
 * handlers the machine's exception dispatcher tries in order; a {@code finally} (or the closing of
 * a resource, as JLS 14.20.3 spells it out) becomes a block entered with a pending completion.
 */
final class TryLowering {
  private final Lowerer l;

  TryLowering(Lowerer lowerer) {
    this.l = lowerer;
  }

  void lower(TreePath path, TryTree tree) {
    TreePath block = new TreePath(path, tree.getBlock());
    boolean handlers = !tree.getCatches().isEmpty() || tree.getFinallyBlock() != null;
    if (tree.getResources().isEmpty()) {
      tryCatchFinally(path, tree, () -> l.statements.statement(block));
    } else if (!handlers) {
      resources(path, tree, 0);
    } else {
      tryCatchFinally(path, tree, () -> resources(path, tree, 0));
    }
  }

  /**
   * Whether {@code block} names {@code name}: a catch parameter it never reads (or an unnamed one,
   * {@code _}) is not stored. By name, so a member of a local class with that name keeps it.
   */
  private static boolean mentions(Tree block, Name name) {
    if (name.length() == 0) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        found[0] |= tree.getName().contentEquals(name);
        return null;
      }
    }.scan(block, null);
    return found[0];
  }

  private void tryCatchFinally(TreePath path, TryTree tree, Runnable body) {
    Region outer = l.region;
    Block after = l.newBlock("TRY_END");
    Region.Finally fin = null;
    if (tree.getFinallyBlock() != null) {
      fin = newFinally(l.newBlock("FINALLY"), outer);
    }
    Region tryRegion = new Region(outer, fin);
    List<Block> handlers = new ArrayList<>();
    for (CatchTree c : tree.getCatches()) {
      TreePath cp = new TreePath(path, c);
      VariableElement pe =
          (VariableElement) l.trees.getElement(new TreePath(cp, c.getParameter()));
      TypeMirror declared = pe.asType();
      List<TypeMirror> alternatives = new ArrayList<>();
      if (declared.getKind() == TypeKind.UNION) {
        alternatives.addAll(((UnionType) declared).getAlternatives());
      } else {
        alternatives.add(declared);
      }
      // a private nested type is tested with its class: the dispatch cannot name it
      List<Handle> classes = new ArrayList<>();
      for (TypeMirror alternative : alternatives) {
        TypeElement hidden = l.hidden.of(alternative);
        classes.add(hidden == null ? null : l.splicer.handles.classHandle(hidden));
      }
      Var param = null;
      if (mentions(c.getBlock(), pe.getSimpleName())) {
        param = l.newVar(pe.getSimpleName().toString(), l.writable.lub(alternatives), Var.Kind.LOCAL);
        param.makeField();
        l.varsByElement.put(pe, param);
      }
      Block h =
          l.newBlock(
              "CATCH_" + Names.constantName(l.types.asElement(alternatives.get(0)).getSimpleName().toString()));
      h.targeted = true;
      handlers.add(h);
      tryRegion.catches().add(new Region.Catch(List.copyOf(alternatives), classes, param, h));
    }
    if (fin != null) {
      l.finallies.add(fin);
    }
    Block start = l.newBlock("TRY");
    l.goTo(start);
    l.region = tryRegion;
    l.place(start);
    body.run();
    leave(fin, after);
    Region catchRegion = fin != null ? new Region(outer, fin) : outer;
    for (int i = 0; i < handlers.size(); i++) {
      l.region = catchRegion;
      l.place(handlers.get(i));
      CatchTree c = tree.getCatches().get(i);
      l.statements.statement(new TreePath(new TreePath(path, c), c.getBlock()));
      leave(fin, after);
    }
    l.region = outer;
    if (fin != null) {
      l.finallies.remove(l.finallies.size() - 1);
      fin.entry().targeted = true;
      l.place(fin.entry());
      l.finallyBodies++;
      l.statements.statement(new TreePath(path, tree.getFinallyBlock()));
      l.finallyBodies--;
      boolean completes = l.cur != null;
      endFinally(fin);
      if (!completes) {
        // a finally that cannot complete normally (throw e;): neither can the try statement
        // (JLS 14.22), whatever its blocks did. after stays a state (the blocks that complete
        // store it as the finally's target), which nothing reaches: the try ends nowhere
        // (undertow's AbstractFramedStreamSinkConduit.doWrite, F182)
        l.place(after);
        l.cur = null;
        return;
      }
    }
    l.place(after);
  }

  private Region.Finally newFinally(Block entry, Region outer) {
    Var next = l.newVar("afterFinally", l.types.getPrimitiveType(TypeKind.INT), Var.Kind.BOOKKEEPING);
    Var pending =
        l.newVar(
            "pending",
            l.env.getElementUtils().getTypeElement("java.lang.Throwable").asType(),
            Var.Kind.BOOKKEEPING);
    Region.Finally fin = new Region.Finally(entry, next, pending, outer);
    l.finallyTargets.put(fin, new LinkedHashSet<>());
    return fin;
  }

  /** Completes the try body (or a catch block) normally: through the finally, then on. */
  private void leave(Region.Finally fin, Block after) {
    if (l.cur == null) {
      return;
    }
    if (fin == null) {
      l.goTo(after);
      return;
    }
    after.targeted = true;
    l.finallyTargets.get(fin).add(after);
    l.line(Code.of("$L = $L;", fin.next(), after));
    l.goTo(fin.entry());
  }

  /** The end of a finally block: rethrow the pending exception or go where the jump went. */
  private void endFinally(Region.Finally fin) {
    if (l.cur == null) {
      return;
    }
    l.line(Code.of("if ($L == RETHROW) { throw $L; }", fin.next(), fin.thrown()));
    l.line(Code.of("state = $L;\ncontinue;", fin.next()));
    Set<Block> targets = l.finallyTargets.get(fin);
    l.cur.successors.addAll(targets);
    l.cur = null;
  }

  private void resources(TreePath path, TryTree tree, int i) {
    if (i == tree.getResources().size()) {
      l.statements.statement(new TreePath(path, tree.getBlock()));
      return;
    }
    Tree res = tree.getResources().get(i);
    TreePath rp = new TreePath(path, res);
    Var resource;
    if (res instanceof VariableTree v) {
      Code init = l.expression(new TreePath(rp, v.getInitializer()));
      resource = l.declare((VariableElement) l.trees.getElement(rp));
      l.emit(new Stmt.Decl(resource, init));
    } else {
      // try (permit) keeps permit in permitResource, which its close reads after permit is dead
      String named =
          res instanceof IdentifierTree id ? id.getName().toString()
              : res instanceof MemberSelectTree select ? select.getIdentifier().toString()
              : null;
      resource = l.temp(named == null ? "resource" : named + "Resource", l.typeOf(rp));
      l.emit(new Stmt.Decl(resource, l.expression(rp)));
    }
    if (l.cur == null) {
      return;
    }
    Region outer = l.region;
    Block after = l.newBlock("RESOURCE_END");
    Region.Finally fin =
        newFinally(l.newBlock("CLOSE_" + Names.constantName(resource.name())), outer);
    l.finallies.add(fin);
    Block start = l.newBlock("TRY");
    l.goTo(start);
    l.region = new Region(outer, fin);
    l.place(start);
    resources(path, tree, i + 1);
    leave(fin, after);
    l.finallies.remove(l.finallies.size() - 1);
    l.region = outer;
    fin.entry().targeted = true;
    l.place(fin.entry());
    String s = l.names.suppressed();
    // a resource of a private nested type is an Object here: closed as the AutoCloseable it is
    // (its close() runs as it would; what it may throw is javac's check, done on the original)
    Object closed =
        l.hidden.of(resource.type()) == null
            ? resource
            : Code.of("(($T) $L)", l.env.getElementUtils().getTypeElement("java.lang.AutoCloseable"), resource);
    l.line(
        Code.of(
            "if ($L != null) {\n"
                + "  if ($L == RETHROW) {\n"
                + "    try {\n"
                + "      $L.close();\n"
                + "    } catch (Throwable $L) {\n"
                + "      $L.addSuppressed($L);\n"
                + "    }\n"
                + "  } else {\n"
                + "    $L.close();\n"
                + "  }\n"
                + "}",
            resource, fin.next(), closed, s, fin.thrown(), s, closed));
    endFinally(fin);
    l.place(after);
  }

}
