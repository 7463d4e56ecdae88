package dev.machina.processor.lower;

import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ConditionalExpressionTree;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ArrayType;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.machina.processor.PrivateTypes;
import dev.machina.processor.UnsupportedCode;
import dev.machina.processor.parse.AsyncMethod;
import dev.machina.processor.parse.MethodParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Prints a tree without awaits as Java for the generated class: the user's source text, with
 * names substituted where the meaning would change in the machine (locals that became fields,
 * {@code this} that became {@code self}, members reached through {@code self.}, types through
 * imports of the generated file, private members through handles, {@code @Async} calls through
 * their factories) and jumps out of the tree turned into state transitions.
 */
final class Splicer {
  private final Lowerer l;
  private final SourcePositions positions;
  /** The handles the body uses, by {@link Handle#key()}. */
  private final Map<Object, Handle> handles = new LinkedHashMap<>();
  /**
   * Code the lowering wrote with its casts already ({@link #privateCasts}): printed as it is where
   * it stands for its expression (a temporary holding it gets the casts where it is read).
   */
  private final Set<Code> castByLowering = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  Splicer(Lowerer lowerer) {
    this.l = lowerer;
    this.positions = lowerer.trees.getSourcePositions();
  }

  List<Handle> handles() {
    // The classes of private nested types the handles' lookups name (their receivers, parameter
    // and result types), which the generated class finds by name.
    for (Handle h : List.copyOf(handles.values())) {
      if (h.isClassObject()) {
        continue;
      }
      List<TypeMirror> named = new ArrayList<>();
      named.add(h.owner().asType());
      named.add(h.erasedType());
      if (h.member() instanceof ExecutableElement) {
        h.erasedParameters().forEach(x -> named.add((TypeMirror) x));
      }
      for (TypeMirror t : named) {
        TypeElement te = PrivateTypes.of(t);
        if (te != null) {
          classHandle(te);
        }
      }
    }
    return List.copyOf(handles.values());
  }

  /**
   * {@code Arrays.copyOf(new Object[] {a, b}, 2, (Class) P_CLASS.arrayType())}: the
   * array {@code new P[] {a, b}} would create, of the private nested type {@code P}'s array class
   * (so that it takes only {@code P}s and a handle of a {@code P[]} parameter accepts it).
   */
  private Code privateArrayOf(ArrayType type, List<Code> elements) {
    // Object[] by itself (the raw Class makes the call unchecked, so its T[] is erased); deeper
    // arrays need the cast back to Object[][]
    boolean deeper = type.getComponentType().getKind() == TypeKind.ARRAY;
    Code.Builder b = Code.builder();
    if (deeper) {
      b.text("((").type(type).text(") ");
    }
    b.type(l.env.getElementUtils().getTypeElement("java.util.Arrays"))
        .text(".copyOf(new ").type(type).text(" {");
    for (int i = 0; i < elements.size(); i++) {
      b.text(i == 0 ? "" : ", ").add(elements.get(i));
    }
    Code.Builder cls = Code.builder().name(classHandle(PrivateTypes.of(type)));
    for (TypeMirror x = type; x instanceof ArrayType a; x = a.getComponentType()) {
      cls.text(".arrayType()");
    }
    return b.text("}, " + elements.size() + ", (Class) ").add(cls.build()).text(deeper ? "))" : ")").build();
  }

  /** The handle holding the {@code Class} of the private nested type {@code te}. */
  Handle classHandle(TypeElement te) {
    return handles.computeIfAbsent(
        Handle.classKey(te),
        k -> {
          TypeElement top = te;
          while (top.getEnclosingElement() instanceof TypeElement o) {
            top = o;
          }
          return new Handle(
              Names.constantName(te.getSimpleName().toString()) + "_CLASS",
              top, te, l.types.erasure(te.asType()), List.of(), null);
        });
  }

  /**
   * {@code value} with the casts the value of a private nested type at {@code path} (or one naming
   * such a type as a type argument) needs in its context, as the printer gives them ({@code
   * Walk.castsAround}), for code the lowering writes itself rather than prints: an awaited value,
   * a conditional or switch expression lowered into a temporary.
   */
  Code privateCasts(TreePath path, Code value) {
    Walk w = new Walk(path, Map.of());
    Code.Builder out = Code.builder();
    w.castsAround(path, out, value);
    Code cast = out.build();
    castByLowering.add(cast);
    return cast;
  }

  /** Prints {@code path}, using {@code overrides} for subtrees already lowered. */
  Code splice(TreePath path, Map<Tree, Code> overrides) {
    Code.Builder out = Code.builder();
    new Walk(path, overrides).emit(path, out);
    return out.build();
  }

  /**
   * Prints {@code path} with the binding variables of {@code renames} declared and read under
   * the names it gives (a case label of a dispatching switch, which stores them in fields).
   */
  Code spliceRenamed(TreePath path, Map<? extends Element, String> renames) {
    Code.Builder out = Code.builder();
    Walk w = new Walk(path, Map.of());
    w.renames.putAll(renames);
    w.emit(path, out);
    return out.build();
  }

  /**
   * The class test of the case at {@code casePath} whose label is a type pattern of a private
   * nested type, with the bindings named as {@code renames} says; {@code null} where its label
   * needs none ({@link Walk#privateCaseTest}).
   */
  Code privateCaseTest(TreePath casePath, Map<? extends Element, String> renames, String match) {
    Walk w = new Walk(casePath, Map.of());
    w.renames.putAll(renames);
    w.matchNames.put(casePath.getLeaf(), match);
    return w.privateCaseTest(casePath);
  }

  /**
   * Prints {@code path}, the label or the guard of the case at {@code casePath}, with the
   * bindings of {@code renames} declared and read under their new names, and a record pattern of
   * a private type standing as the {@code Object} binding {@code match}, whose bindings the guard
   * reads as component reads ({@link Walk#privateCaseLabel}).
   */
  Code spliceCasePart(TreePath casePath, TreePath path, Map<? extends Element, String> renames, String match) {
    Code.Builder out = Code.builder();
    Walk w = new Walk(path, Map.of());
    w.renames.putAll(renames);
    w.matchNames.put(casePath.getLeaf(), match);
    PrivateRecordPattern rp = w.privateRecordLabel(casePath);
    boolean guard = dev.machina.processor.parse.PatternTrees.guard((CaseTree) casePath.getLeaf()) == path.getLeaf();
    if (rp != null && guard) {
      w.readBindings(casePath, rp);
    }
    w.caseGuard = guard;
    w.emit(path, out);
    return out.build();
  }

  /**
   * The record pattern naming a private type that is the only label of the case at {@code
   * casePath}, or {@code null}.
   */
  PrivateRecordPattern privateRecordLabel(TreePath casePath) {
    return new Walk(casePath, Map.of()).privateRecordLabel(casePath);
  }

  /** The value of the binding {@code ve} of such a record pattern, read from the match {@code match}. */
  Code recordBindingValue(TreePath casePath, VariableElement ve, String match) {
    Walk w = new Walk(casePath, Map.of());
    w.matchNames.put(casePath.getLeaf(), match);
    return w.bindingValue(casePath, w.privateRecordLabel(casePath), ve);
  }

  /**
   * Prints the statement {@code path} as the branch of a generated {@code if}: in braces unless it
   * is a block, so that a jump it turns into stays one statement.
   */
  Code spliceBranch(TreePath path) {
    Code.Builder out = Code.builder();
    Walk w = new Walk(path, Map.of());
    w.rootAlone = false;
    boolean block = path.getLeaf() instanceof com.sun.source.tree.BlockTree;
    if (!block) {
      out.text("{ ");
    }
    w.emit(path, out);
    if (!block) {
      out.text(" }");
    }
    return out.build();
  }

  /**
   * Prints a local class declared in the body, to be declared at the top of {@code step}: each
   * instance copies the variables it captures from their (pinned) fields when it is created (a
   * {@link Snapshot} after the opening brace) and its body reads the copies.
   */
  Code spliceLocalClass(TreePath path) {
    Code.Builder out = Code.builder();
    Walk w = new Walk(path, Map.of());
    w.hoisted = true;
    w.snapshot = new Snapshot(((ClassTree) path.getLeaf()).getExtendsClause() != null);
    w.emit(path, out);
    return out.build();
  }

  /**
   * If {@code target} is a field reached through a handle (private, or protected in another
   * package), the statement-expression storing {@code value} in it; otherwise {@code null}.
   */
  Code privateStore(TreePath target, Map<Tree, Code> overrides, Code value, TreePath use) {
    Element e = l.trees.getElement(target);
    Walk w = new Walk(target, overrides);
    if (e == null || e.getKind() != ElementKind.FIELD || !w.viaHandle(e)) {
      return null;
    }
    Handle h = handle(target.getLeaf(), e);
    Code recv = null;
    if (!e.getModifiers().contains(Modifier.STATIC)) {
      TreePath receiver = null;
      if (target.getLeaf() instanceof MemberSelectTree s
          && !l.facts.isTypeName(new TreePath(target, s.getExpression()))) {
        receiver = new TreePath(target, s.getExpression());
      }
      recv = w.receiverCode(receiver, target.getLeaf(), e);
    }
    Code stored = storeCast(h, true, value);
    if (use.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT) {
      Code.Builder out = Code.builder().name(h).text(".set(");
      if (recv != null) {
        out.add(recv).text(", ");
      }
      return out.add(stored).text(")").build();
    }
    return w.storedValue(h, recv, stored, false, use);
  }

  /**
   * {@code (T) (value)} for a store into the field of handle {@code h}; for a boxed {@code T}
   * and a primitive value, {@code (T) (p) (value)} with {@code T}'s primitive {@code p}, which is
   * what Java's assignment converts the value to: {@code Short s; s = 5;} and {@code
   * Character c; c++;} are Java, but {@code (Short) (5)} and {@code (Character) (c + 1)} are not.
   */
  private Code storeCast(Handle h, boolean primitiveValue, Code value) {
    TypeMirror field = h.erasedType();
    Code.Builder out = Code.builder().text("(").type(field).text(") ");
    if (primitiveValue && field.getKind() == TypeKind.DECLARED) {
      TypeMirror primitive;
      try {
        primitive = l.types.unboxedType(field);
      } catch (IllegalArgumentException notABox) {
        primitive = null; // a reference type that is no box: the value is boxed or widened to it
      }
      if (primitive != null) {
        out.text("(").type(primitive).text(") ");
      }
    }
    return out.text("(").add(value).text(")").build();
  }

  private long start(Tree t) {
    return positions.getStartPosition(l.method.unit(), t);
  }

  private long end(Tree t) {
    return positions.getEndPosition(l.method.unit(), t);
  }

  private static List<Tree> children(Tree t) {
    List<Tree> out = new ArrayList<>();
    t.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void scan(Tree tree, Void unused) {
            if (tree != null) {
              out.add(tree);
            }
            return null;
          }

          @Override
          public Void scan(Iterable<? extends Tree> trees, Void unused) {
            if (trees != null) {
              for (Tree x : trees) {
                if (x != null) {
                  out.add(x);
                }
              }
            }
            return null;
          }
        },
        null);
    return out;
  }

  /**
   * What {@code super} or {@code X.super} names: {@code owner}, the class whose super it is (the
   * method's class, or an enclosing class), the direct supertype {@code superType} its members are
   * looked up in, and the code of {@code owner}'s instance.
   */
  private record SuperTarget(TypeElement owner, TypeElement superType, Code receiver) {}

  /** Where {@link Walk#dedent} is in the text it copies. */
  private enum Lexed {
    CODE,
    STRING,
    CHAR,
    TEXT_BLOCK,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  /** One printing of one tree. */
  private final class Walk {
    private final TreePath root;
    private final Map<Tree, Code> overrides;
    /** The final copies of variables used as resources of copied try statements (F158). */
    private final Map<Tree, String> resourceNames = new java.util.IdentityHashMap<>();
    /** The try statements {@link #tryResources} is printing. */
    private final Set<Tree> resourceTries =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private int lambdas;
    private int loops;
    private final Deque<TypeElement> classes = new ArrayDeque<>();
    private final int column;
    boolean hoisted;
    /** The captured variables of the hoisted local class being printed. */
    Snapshot snapshot;
    /** Where the body of the hoisted local class opens (its brace), or -1 once printed. */
    private long bodyOpen = -1;
    /** Whether the root is printed as a statement of its own (not as the branch of an if). */
    boolean rootAlone = true;
    /** Binding variables declared and read under another name in this printing. */
    final Map<Element, String> renames = new java.util.HashMap<>();
    /** The pattern variables of the bindings stored by the tests printed so far ({@link #instanceOf}). */
    private final Map<Element, String> bindingLocals = new java.util.HashMap<>();
    /**
     * The name of the {@code Object} binding that stands for a case's record pattern naming a
     * private type ({@link #privateCaseLabel}), by case.
     */
    final Map<Tree, String> matchNames = new java.util.IdentityHashMap<>();
    /** Bindings of such a pattern read in its guard, printed as the component reads they are. */
    private final Map<Element, Code> bindingValues = new java.util.HashMap<>();
    /** Whether a case's guard is being printed as the guard of its label (no statement around it). */
    private boolean caseGuard;
    /** The bindings of kept nested patterns ({@link #keptTest}) to store, with their fresh names. */
    private final Map<VariableElement, String> keptStores = new LinkedHashMap<>();
    /** The local holding the value an anchored record instanceof matches, by instanceof. */
    private final Map<Tree, String> recordHolders = new java.util.IdentityHashMap<>();

    Walk(TreePath root, Map<Tree, Code> overrides) {
      this.root = root;
      this.overrides = overrides;
      long s = start(root.getLeaf());
      CharSequence src = l.facts.text();
      int c = 0;
      for (long i = s - 1; i >= 0 && src.charAt((int) i) != '\n'; i--) {
        c++;
      }
      this.column = c;
    }

    /**
     * Removes the indentation the root had in the user's file from continuation lines, except
     * the lines of a text block: their indentation is content, relative to the least indented
     * line (JLS 3.10.6), and a root starting to the right of it would cut some lines and not
     * others (F120). The generated file indents them all alike, which keeps what they mean.
     */
    private String dedent(CharSequence text) {
      String t = text.toString();
      if (t.indexOf('\n') < 0 || column == 0) {
        return t;
      }
      StringBuilder out = new StringBuilder();
      Lexed in = Lexed.CODE;
      for (int i = 0; i < t.length(); i++) {
        char ch = t.charAt(i);
        out.append(ch);
        switch (in) {
          case CODE -> {
            if (t.startsWith("\"\"\"", i)) {
              out.append("\"\"");
              i += 2;
              in = Lexed.TEXT_BLOCK;
            } else if (ch == '"') {
              in = Lexed.STRING;
            } else if (ch == '\'') {
              in = Lexed.CHAR;
            } else if (t.startsWith("//", i)) {
              in = Lexed.LINE_COMMENT;
            } else if (t.startsWith("/*", i)) {
              out.append('*');
              i++;
              in = Lexed.BLOCK_COMMENT;
            }
          }
          case STRING, CHAR -> {
            if (ch == '\\' && i + 1 < t.length()) {
              out.append(t.charAt(++i));
            } else if (ch == (in == Lexed.STRING ? '"' : '\'')) {
              in = Lexed.CODE;
            }
          }
          case TEXT_BLOCK -> {
            if (ch == '\\' && i + 1 < t.length()) {
              out.append(t.charAt(++i));
            } else if (t.startsWith("\"\"\"", i)) {
              out.append("\"\"");
              i += 2;
              in = Lexed.CODE;
            }
          }
          case LINE_COMMENT -> {
            if (ch == '\n') {
              in = Lexed.CODE;
            }
          }
          case BLOCK_COMMENT -> {
            if (t.startsWith("*/", i)) {
              out.append('/');
              i++;
              in = Lexed.CODE;
            }
          }
        }
        if (ch == '\n' && in != Lexed.TEXT_BLOCK) {
          int skip = 0;
          while (skip < column && i + 1 < t.length() && t.charAt(i + 1) == ' ') {
            i++;
            skip++;
          }
        }
      }
      return out.toString();
    }

    void emit(TreePath p, Code.Builder out) {
      PatternAnchor anchor = patternAnchors().get(p.getLeaf());
      if (anchor != null) {
        declareBindings(p, anchor, out);
        return;
      }
      castsAround(p, out, null);
    }

    /**
     * Prints the guard {@code g} of a copied case, after the class test of the case's private
     * type pattern where it has one ({@link #privateCaseLabel}).
     */
    private void guard(TreePath casePath, Tree g, Code.Builder out) {
      Code test = privateCaseTest(casePath);
      boolean operand = test != null && !primary(g);
      if (test != null) {
        out.add(test).text(operand ? " && (" : " && ");
      }
      PrivateRecordPattern rp = privateRecordLabel(casePath);
      if (rp != null) {
        readBindings(casePath, rp);
      }
      boolean outer = caseGuard;
      caseGuard = true;
      emit(new TreePath(casePath, g), out);
      caseGuard = outer;
      if (rp != null) {
        rp.bindings.forEach(b -> bindingValues.remove(b.variable()));
      }
      if (operand) {
        out.text(")");
      }
    }

    /** Makes the guard of the case at {@code casePath} read the bindings of {@code rp} as component reads. */
    void readBindings(TreePath casePath, PrivateRecordPattern rp) {
      for (PrivateRecordPattern.Binding b : rp.bindings) {
        bindingValues.put(b.variable(), bindingValue(casePath, rp, b.variable()));
      }
    }

    /**
     * The private record pattern that is the only label of the case at {@code casePath}, or
     * {@code null}.
     */
    PrivateRecordPattern privateRecordLabel(TreePath casePath) {
      List<? extends Tree> labels =
          dev.machina.processor.parse.PatternTrees.labels((CaseTree) casePath.getLeaf());
      if (labels.size() != 1 || !dev.machina.processor.parse.PatternTrees.isPattern(labels.get(0))) {
        return null;
      }
      return PrivateCasePatterns.record(l, new TreePath(casePath, labels.get(0)));
    }

    /** The name of the {@code Object} binding standing for the record pattern {@code rp} of a case. */
    private String matchName(TreePath casePath, PrivateRecordPattern rp) {
      return matchNames.computeIfAbsent(casePath.getLeaf(), c -> {
        return l.fresh(lowerFirst(rp.record.getSimpleName().toString()) + "Match");
      });
    }

    /** The value of the binding {@code ve} of {@code rp}: its component read from the case's match. */
    Code bindingValue(TreePath casePath, PrivateRecordPattern rp, VariableElement ve) {
      for (PrivateRecordPattern.Binding b : rp.bindings) {
        if (b.variable().equals(ve)) {
          return componentRead(b.chain(), Code.text(matchName(casePath, rp)), ve.asType(), casePath.getLeaf());
        }
      }
      throw new IllegalArgumentException(ve.toString());
    }

    /**
     * The component {@code chain} reads from the {@code Object} named {@code match}: each accessor
     * called on the value before, by its handle for a private record ({@code ((int)
     * R_METHOD.invokeExact((Object) m))}), else on the value cast to the record's erasure; cast to
     * the written form of {@code as} where the erased read is not one.
     */
    private Code componentRead(List<ExecutableElement> chain, Code match, TypeMirror as, Tree at) {
      Code value = match;
      TypeMirror type = l.env.getElementUtils().getTypeElement("java.lang.Object").asType();
      for (ExecutableElement accessor : chain) {
        if (viaHandle(accessor)) {
          Handle h = handle(at, accessor);
          // an Object already, as the match and every private read is: no cast to Object first
          Code call = !opaque()
                  && l.types.isSameType(PrivateTypes.written(l.types, l.env.getElementUtils(), type), l.objectType())
                  && PrivateTypes.isPrivate(h.owner())
              ? Code.builder().name(h).text(".invokeExact(").add(value).text(")").build()
              : handleCall(h, value, List.of(), opaque());
          value = Code.builder().text("((").type(h.erasedType()).text(") ").add(call).text(")").build();
          type = h.erasedType();
        } else {
          TypeMirror owner = l.types.erasure(accessor.getEnclosingElement().asType());
          value = Code.builder().text("((").type(owner).text(") ").add(value).text(")."
              + accessor.getSimpleName() + "()").build();
          type = l.types.erasure(accessor.getReturnType());
        }
      }
      if (as == null) {
        return value;
      }
      TypeMirror written = PrivateTypes.written(l.types, l.env.getElementUtils(), l.denotable(as));
      if (l.types.isAssignable(type, written)) {
        return value;
      }
      return Code.builder().text("((").type(written).text(") ").add(value).text(")").build();
    }

    /**
     * The tests of the record pattern {@code rp} on the case's match, in Java's order: {@code
     * ITEM_CLASS.isInstance(itemMatch) && ((Object) ..) instanceof String} (the erased read's type
     * is a supertype of the tested one's erasure, or javac would have refused the pattern).
     */
    private Code recordTest(TreePath casePath, PrivateRecordPattern rp) {
      Code.Builder out = Code.builder();
      String match = matchName(casePath, rp);
      boolean first = true;
      for (PrivateRecordPattern.Test t : rp.tests) {
        out.text(first ? "" : " && ");
        first = false;
        Code read = componentRead(t.chain(), Code.text(match), null, casePath.getLeaf());
        out.add(t.kept() != null ? keptTest(read, t.kept()) : classTest(t.type(), read));
      }
      keptStores.clear(); // a case's kept bindings are stored after its label (CaseLabels)
      return out.build();
    }

    /**
     * Prints {@code kid} of the copied case at {@code casePath} if the case's body starts with it
     * and its label is a record pattern of a private type whose bindings the body reads: the
     * locals of those bindings ({@link #recordLocals}) first, in braces with a rule's body ({@code
     * -> { String n = ..; yield n + q; }}), before a group's first statement under fresh names
     * (a group's locals are in scope in the groups after it).
     */
    private boolean caseBody(TreePath casePath, CaseTree c, Tree kid, Code.Builder out) {
      boolean rule = c.getCaseKind() == CaseTree.CaseKind.RULE;
      if (rule ? c.getBody() != kid : c.getStatements().isEmpty() || c.getStatements().get(0) != kid) {
        return false;
      }
      PrivateRecordPattern rp = privateRecordLabel(casePath);
      if (rp == null) {
        return false;
      }
      Code locals = recordLocals(casePath, rp, !rule);
      if (locals.isEmpty()) {
        return false;
      }
      TreePath body = new TreePath(casePath, kid);
      if (!rule) {
        out.add(locals);
        emit(body, out);
        return true;
      }
      out.text("{ ").add(locals);
      if (kid instanceof ExpressionTree) {
        boolean value = casePath.getParentPath().getLeaf() instanceof com.sun.source.tree.SwitchExpressionTree;
        out.text(value ? "yield " : "");
        emit(body, out);
        out.text("; }");
      } else {
        emit(body, out);
        out.text(" }");
      }
      return true;
    }

    /** Where the text after the semicolon that follows {@code from} starts. */
    private long skipSemicolon(long from) {
      CharSequence src = l.facts.text();
      for (long i = from; i < src.length(); i++) {
        if (src.charAt((int) i) == ';') {
          return i + 1;
        }
      }
      return from;
    }

    /**
     * The locals a copied case with a record pattern of a private type declares for the bindings
     * its body reads, {@code String n = ((String) NAME_METHOD.invokeExact((Object) itemMatch)); }.
     */
    private Code recordLocals(TreePath casePath, PrivateRecordPattern rp, boolean fresh) {
      CaseTree c = (CaseTree) casePath.getLeaf();
      Tree last = dev.machina.processor.parse.PatternTrees.guard(c) != null
          ? dev.machina.processor.parse.PatternTrees.guard(c)
          : dev.machina.processor.parse.PatternTrees.labels(c).get(0);
      Code.Builder out = Code.builder();
      for (PrivateRecordPattern.Binding b : rp.bindings) {
        VariableElement ve = b.variable();
        if (!l.facts.usedOutside(ve, start(dev.machina.processor.parse.PatternTrees.labels(c).get(0)), end(last))) {
          continue;
        }
        String name = ve.getSimpleName().toString();
        if (fresh || l.isMemberName(name)) {
          name = l.fresh(name);
          renames.put(ve, name);
        }
        out.type(PrivateTypes.written(l.types, l.env.getElementUtils(), l.denotable(ve.asType())))
            .text(" " + name + " = ").add(bindingValue(casePath, rp, ve)).text("; ");
      }
      return out.build();
    }

    /**
     * Prints {@code p} ({@code value} instead, where the lowering wrote it) with the casts a value
     * of a private nested type needs: to the supertype its context uses it as ({@link
     * #privateValueCast}), from the written type of one naming such a type as a type argument to
     * its context's ({@link #privateGenericWidening}), and of the result of a generic call made
     * raw ({@link #rawCall}).
     */
    void castsAround(TreePath p, Code.Builder out, Code value) {
      Code lowered = overrides.get(p.getLeaf());
      if (value == null && lowered != null && castByLowering.contains(lowered)) {
        out.add(lowered);
        return;
      }
      // one attribution lookup for every check: this runs for each expression the body prints
      TypeMirror type = p.getLeaf() instanceof ExpressionTree ? l.trees.getTypeMirror(p) : null;
      TypeMirror cast = privateValueCast(p, type);
      // a switch over a private enum switches on the ordinal, in the parentheses a switch needs
      boolean ordinal = cast != null && privateEnumSelector(p);
      if (cast != null) {
        out.text(ordinal ? "(((" : "((").type(cast).text(") ");
      }
      TypeMirror widening = cast == null ? privateGenericWidening(p, type) : null;
      if (widening != null) {
        out.text("((").type(widening).text(") ").add(rawFirst(widening, p));
      }
      TypeMirror rawResult =
          value == null && p.getLeaf() instanceof MethodInvocationTree ? rawCallResult(p)
              : null;
      if (rawResult != null) {
        out.text("((").type(rawResult).text(") ").add(rawFirst(rawResult, p));
      }
      Tree t = p.getLeaf();
      // a cast binds tighter than the operators of c ? a : b, a + b, x = v, x -> ..
      boolean operand = (cast != null || widening != null) && !primary(t);
      if (operand) {
        out.text("(");
      }
      Code o = value != null ? value : overrides.get(t);
      if (o != null) {
        out.add(o);
      } else if (!rewrite(p, out)) {
        copy(p, out);
      }
      if (operand) {
        out.text(")");
      }
      if (rawResult != null) {
        out.text(")");
      }
      if (widening != null) {
        out.text(")");
      }
      if (cast != null) {
        out.text(ordinal ? ").ordinal())" : ")");
      }
    }

    /**
     * {@code (Raw) }, the cast to the erasure of {@code p}'s type that a cast to {@code to} goes
     * through (between two parameterizations of a class no cast goes directly); nothing where
     * {@code to} is written raw itself, which any parameterization casts to.
     */
    private Code rawFirst(TypeMirror to, TreePath p) {
      TypeMirror raw = l.types.erasure(l.typeOf(p));
      TypeMirror written = PrivateTypes.written(l.types, l.env.getElementUtils(), to);
      if (l.types.isSameType(written, l.types.erasure(written))) {
        return Code.builder().build();
      }
      return Code.builder().text("(").type(raw).text(") ").build();
    }

    /** Whether {@code t} is a primary expression (or a cast), which a cast needs no parentheses around. */
    private static boolean primary(Tree t) {
      return switch (t.getKind()) {
        case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION, NEW_CLASS, NEW_ARRAY, PARENTHESIZED,
            ARRAY_ACCESS, TYPE_CAST, INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL,
            BOOLEAN_LITERAL, CHAR_LITERAL, STRING_LITERAL, NULL_LITERAL -> true;
        default -> false;
      };
    }

    /**
     * The type a value whose type names a private nested type as a type argument must be cast to
     * where it goes: the generated class writes {@code List<Gift>} as {@code List<Object>}, which
     * is no {@code Iterable<? extends Base>}, so such a value goes through its raw type, {@code
     * ((Iterable<? extends Base>) (List) gifts)}; an argument of a generic call made raw
     * ({@link #rawCall}), to the erasure of its parameter's declared type. {@code null} where the
     * written type converts as it is.
     */
    private TypeMirror privateGenericWidening(TreePath p, TypeMirror type) {
      Tree t = p.getLeaf();
      if (type == null || !PrivateTypes.mentions(type) || PrivateTypes.of(type) != null
          || l.facts.isTypeName(p)) {
        return null;
      }
      TreePath up = p.getParentPath();
      if (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
        return null; // the outermost parentheses take the cast
      }
      while (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
        up = up.getParentPath();
      }
      Tree parent = up.getLeaf();
      if ((parent instanceof MethodInvocationTree || parent instanceof NewClassTree) && rawCall(up)
          && argumentIndex(up, t) >= 0) {
        return rawParameter(up, (ExecutableElement) l.trees.getElement(up), argumentIndex(up, t));
      }
      TypeMirror target =
          switch (parent.getKind()) {
            case VARIABLE -> ((com.sun.source.tree.VariableTree) parent).getInitializer() == t
                ? ((VariableElement) l.trees.getElement(up)).asType()
                : null;
            case ASSIGNMENT -> ((AssignmentTree) parent).getExpression() == t
                    && !viaHandle(l.trees.getElement(new TreePath(up, ((AssignmentTree) parent).getVariable())))
                ? l.trees.getTypeMirror(new TreePath(up, ((AssignmentTree) parent).getVariable()))
                : null;
            case METHOD_INVOCATION, NEW_CLASS -> {
              Element callee = l.trees.getElement(up);
              if (!(callee instanceof ExecutableElement m) || viaHandle(m) || isAsync(m)) {
                yield null;
              }
              int i = argumentIndex(up, t);
              if (i < 0) {
                yield null;
              }
              yield instantiatedParameter(up, m, i);
            }
            case RETURN, LAMBDA_EXPRESSION -> returnTarget(up);
            case CONDITIONAL_EXPRESSION -> ((ConditionalExpressionTree) parent).getCondition() == t
                ? null
                : l.trees.getTypeMirror(up);
            default -> null;
          };
      if (target == null || (target.getKind() != TypeKind.DECLARED && target.getKind() != TypeKind.ARRAY)) {
        return null;
      }
      var elements = l.env.getElementUtils();
      if (l.types.isAssignable(
          PrivateTypes.written(l.types, elements, type), PrivateTypes.written(l.types, elements, target))) {
        return null;
      }
      return l.denotable(target);
    }

    /** The index of {@code arg} among the arguments of the call or instance creation {@code call}. */
    private int argumentIndex(TreePath call, Tree arg) {
      List<? extends ExpressionTree> args =
          call.getLeaf() instanceof MethodInvocationTree m ? m.getArguments()
              : ((NewClassTree) call.getLeaf()).getArguments();
      for (int k = 0; k < args.size(); k++) {
        if (args.get(k) == arg) {
          return k;
        }
      }
      return -1;
    }

    /**
     * The type of the parameter the {@code i}th argument of {@code call} (of {@code m}) goes to,
     * as the call instantiated it: a varargs method's component where the call is of variable
     * arity.
     */
    private TypeMirror instantiatedParameter(TreePath call, ExecutableElement m, int i) {
      ExecutableType called = null;
      if (call.getLeaf() instanceof MethodInvocationTree mi
          && l.trees.getTypeMirror(new TreePath(call, mi.getMethodSelect())) instanceof ExecutableType et) {
        called = et;
      } else if (call.getLeaf() instanceof NewClassTree
          && l.trees.getTypeMirror(call) instanceof DeclaredType created
          && !created.getTypeArguments().isEmpty()) {
        called = (ExecutableType) l.types.asMemberOf(created, m);
      }
      if (called == null) {
        called = (ExecutableType) m.asType();
      }
      List<? extends TypeMirror> params = called.getParameterTypes();
      int n = params.size();
      if (n == 0) {
        return null;
      }
      TypeMirror target = params.get(Math.min(i, n - 1));
      List<? extends ExpressionTree> args =
          call.getLeaf() instanceof MethodInvocationTree mi ? mi.getArguments()
              : ((NewClassTree) call.getLeaf()).getArguments();
      if (m.isVarArgs() && i >= n - 1 && target instanceof ArrayType a
          && !(args.size() == n && l.types.isAssignable(l.trees.getTypeMirror(new TreePath(call, args.get(i))), a))) {
        target = a.getComponentType();
      }
      return target;
    }

    /**
     * The erasure of the declared type of the parameter the {@code i}th argument of {@code call}
     * (a call made raw, {@link #rawCall}) goes to: a varargs method's component where the call is
     * of variable arity.
     */
    private TypeMirror rawParameter(TreePath call, ExecutableElement m, int i) {
      List<? extends VariableElement> params = m.getParameters();
      List<? extends ExpressionTree> args =
          call.getLeaf() instanceof MethodInvocationTree mi ? mi.getArguments()
              : ((NewClassTree) call.getLeaf()).getArguments();
      TypeMirror declared = l.types.erasure(params.get(Math.min(i, params.size() - 1)).asType());
      if (m.isVarArgs() && i >= params.size() - 1 && declared instanceof ArrayType a
          && !(args.size() == params.size()
              && l.types.isAssignable(l.types.erasure(l.trees.getTypeMirror(new TreePath(call, args.get(i)))), a))) {
        return a.getComponentType();
      }
      return declared;
    }

    /**
     * Whether the generic call at {@code call} is made raw in the generated class: one whose
     * method has a type parameter bounded by more than {@code Object} and whose signature as the
     * call instantiated it names a private nested type ({@code Collections.sort(items)} of a
     * private {@code Item implements Comparable<Item>}, {@code EnumSet.of(mode)}). Written with
     * {@code Object} for that type, javac would infer the type parameter as {@code Object},
     * outside its bound; with each such argument cast to its parameter's erasure it infers
     * nothing from them, and the result, erased, is cast back ({@link #rawCallResult}).
     */
    private boolean rawCall(TreePath call) {
      if (!(l.trees.getElement(call) instanceof ExecutableElement m)) {
        return false;
      }
      if (call.getLeaf() instanceof NewClassTree n) {
        // new EnumMap<>(Mode.class): the class's type parameters bounded
        return n.getClassBody() == null
            && l.trees.getTypeMirror(call) instanceof DeclaredType created
            && PrivateTypes.writtenRaw(created)
            && !viaHandle(m) && !declaredLocally(m);
      }
      if (!(call.getLeaf() instanceof MethodInvocationTree mi)
          || m.getTypeParameters().stream().noneMatch(PrivateTypes::bounded)
          || viaHandle(m) || isAsync(m) || declaredLocally(m)
          || !(l.trees.getTypeMirror(new TreePath(call, mi.getMethodSelect())) instanceof ExecutableType called)) {
        return false;
      }
      if (PrivateTypes.mentions(called.getReturnType())) {
        return true;
      }
      for (TypeMirror param : called.getParameterTypes()) {
        if (PrivateTypes.mentions(param)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The written type the result of a call made raw ({@link #rawCall}) is cast back to (from its
     * erasure), where the value is used and its type has type arguments; else {@code null}.
     */
    private TypeMirror rawCallResult(TreePath p) {
      if (!rawCall(p)) {
        return null;
      }
      if (!(p.getLeaf() instanceof MethodInvocationTree mi)) {
        return null; // a constructor's: a raw type, which the written type of the value is too
      }
      if (!mi.getTypeArguments().isEmpty()) {
        throw new UnsupportedCode(
            mi, "the generated class writes the private nested types among these type arguments as"
                + " Object, outside the bounds of the method's type parameters: leave the type"
                + " arguments out");
      }
      TypeMirror type = l.trees.getTypeMirror(p);
      Tree.Kind parent = p.getParentPath().getLeaf().getKind();
      if (type == null || type.getKind() != TypeKind.DECLARED || PrivateTypes.of(type) != null
          || parent == Tree.Kind.EXPRESSION_STATEMENT || voidLambdaBody(p)
          || l.types.isSameType(type, l.types.erasure(type))) {
        return null;
      }
      TypeMirror written = PrivateTypes.written(l.types, l.env.getElementUtils(), type);
      if (l.types.isSameType(written, l.types.erasure(written))) {
        return null; // written raw (EnumSet), as the unchecked call's result is
      }
      return l.denotable(type);
    }

    private boolean opaque() {
      return lambdas > 0 || !classes.isEmpty();
    }

    void copy(TreePath p, Code.Builder out) {
      Tree t = p.getLeaf();
      long s = start(t);
      long e = end(t);
      if (s < 0 || e < s) {
        out.text(t.toString());
        return;
      }
      boolean lambda = t.getKind() == Tree.Kind.LAMBDA_EXPRESSION;
      boolean cls = t instanceof ClassTree;
      boolean loop =
          switch (t.getKind()) {
            case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> true;
            default -> false;
          };
      if (lambda) {
        lambdas++;
      }
      if (cls) {
        classes.push((TypeElement) l.trees.getElement(p));
      }
      if (loop) {
        loops++;
      }
      List<Tree> kids = children(t);
      List<? extends Tree> typeArguments = typeArgumentsWithin(p);
      kids.addAll(typeArguments);
      kids.sort(Comparator.comparingLong(Splicer.this::start));
      if (snapshot != null && t == root.getLeaf()) {
        bodyOpen = bodyOpen((ClassTree) t);
      }
      long at = s;
      for (Tree kid : kids) {
        long ks = start(kid);
        long ke = end(kid);
        if (ks >= 0 && ks < at && ke <= e && laterDeclarator(p, kid, at, out)) {
          // the rest (a semicolon the last declarator spans over) is copied with what follows
          at = end(((com.sun.source.tree.VariableTree) kid).getInitializer());
          continue;
        }
        if (ks < at || ke > e || ks < 0 || ke < ks) {
          continue;
        }
        if (kid instanceof com.sun.source.tree.ModifiersTree m && m.getAnnotations().isEmpty()) {
          // Keywords only, copied between the kids; javac spans the modifiers of a resource
          // variable over its type, which would be copied as text, unimported (F56).
          continue;
        }
        source(at, ks, out);
        boolean adopted = typeArguments.stream().anyMatch(a -> a == kid);
        if (t instanceof CaseTree c && dev.machina.processor.parse.PatternTrees.guard(c) == kid) {
          guard(p, kid, out);
        } else if (t instanceof CaseTree c && caseBody(p, c, kid, out)) {
          // the body with the locals of a record pattern of a private type (caseBody)
          if (c.getCaseKind() == CaseTree.CaseKind.RULE && kid instanceof ExpressionTree) {
            at = skipSemicolon(ke);
            continue;
          }
        } else {
          emit(new TreePath(adopted ? p.getParentPath() : p, kid), out);
        }
        at = ke;
      }
      source(at, e, out);
      if (lambda) {
        lambdas--;
      }
      if (cls) {
        classes.pop();
      }
      if (loop) {
        loops--;
      }
    }

    /**
     * Prints the initializer of {@code kid} if it is a later declarator of a declaration ({@code
     * b} in {@code int a = 1, b = f();}): javac starts its span at the shared type, inside the
     * first declarator's, so it was skipped as overlapping and its initializer copied as written
     * (F75). The text up to the initializer ({@code , b = }) is copied from {@code at}.
     */
    private boolean laterDeclarator(TreePath p, Tree kid, long at, Code.Builder out) {
      if (!(kid instanceof com.sun.source.tree.VariableTree v) || v.getInitializer() == null) {
        return false;
      }
      long init = start(v.getInitializer());
      if (init < at) {
        return false;
      }
      source(at, init, out);
      emit(new TreePath(new TreePath(p, kid), v.getInitializer()), out);
      return true;
    }

    /**
     * The explicit type arguments of the call whose method select is {@code p} ({@code
     * List.<Box>of}): javac spans the select over them, so they are printed as its kids, not
     * the call's, which would skip them as overlapping and keep their text unrewritten (F74).
     */
    private List<? extends Tree> typeArgumentsWithin(TreePath p) {
      TreePath parent = p.getParentPath();
      if (parent != null
          && p.getLeaf() instanceof MemberSelectTree
          && parent.getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == p.getLeaf()) {
        return call.getTypeArguments();
      }
      return List.of();
    }

    /** Copies the source text in [from, to), with the snapshot fields after the class's brace. */
    private void source(long from, long to, Code.Builder out) {
      CharSequence src = l.facts.text();
      if (bodyOpen >= from && bodyOpen < to) {
        int at = (int) bodyOpen + 1;
        int eol = at;
        while (eol < to && (src.charAt(eol) == ' ' || src.charAt(eol) == '\t')) {
          eol++;
        }
        if (eol < to && src.charAt(eol) == '/' && eol + 1 < to && src.charAt(eol + 1) == '/') {
          while (eol < to && src.charAt(eol) != '\n') {
            eol++;
          }
        }
        if (eol < to && src.charAt(eol) == '\n') {
          at = eol;
        }
        out.text(dedent(src.subSequence((int) from, at))).name(snapshot);
        from = at;
        bodyOpen = -1;
      }
      out.text(dedent(src.subSequence((int) from, (int) to)));
    }

    /** The position of the brace opening the body of {@code c}, skipping comments. */
    private long bodyOpen(ClassTree c) {
      long from = start(c);
      List<Tree> header = new ArrayList<>();
      header.add(c.getModifiers());
      header.addAll(c.getTypeParameters());
      header.add(c.getExtendsClause());
      header.addAll(c.getImplementsClause());
      for (Tree h : header) {
        if (h != null && end(h) > from) {
          from = end(h);
        }
      }
      CharSequence src = l.facts.text();
      for (int i = (int) from; i < src.length(); i++) {
        char ch = src.charAt(i);
        if (ch == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
          while (i < src.length() && src.charAt(i) != '\n') {
            i++;
          }
        } else if (ch == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
          i += 2;
          while (i + 1 < src.length() && !(src.charAt(i) == '*' && src.charAt(i + 1) == '/')) {
            i++;
          }
          i++;
        } else if (ch == '{') {
          return i;
        }
      }
      throw new UnsupportedCode(c, "cannot find the body of this local class");
    }

    /**
     * Whether {@code p} is inside the arguments of an explicit constructor call ({@code this(..)}
     * or {@code super(..)}), where the fields of the instance being built cannot be read yet.
     */
    private boolean inConstructorCall(TreePath p) {
      for (TreePath x = p; x != null && x.getLeaf() != root.getLeaf(); x = x.getParentPath()) {
        if (x.getLeaf() instanceof MethodInvocationTree call
            && call.getMethodSelect() instanceof IdentifierTree id
            && (id.getName().contentEquals("this") || id.getName().contentEquals("super"))) {
          return true;
        }
      }
      return false;
    }

    private boolean rewrite(TreePath p, Code.Builder out) {
      Tree t = p.getLeaf();
      if (t.getKind() == Tree.Kind.LAMBDA_EXPRESSION || t.getKind() == Tree.Kind.MEMBER_REFERENCE) {
        requireNameableFunction(p);
      }
      switch (t.getKind()) {
        case IDENTIFIER:
          return identifier(p, (IdentifierTree) t, out);
        case TRY:
          return tryResources(p, (com.sun.source.tree.TryTree) t, out);
        case MEMBER_SELECT:
          return memberSelect(p, (MemberSelectTree) t, out);
        case METHOD_INVOCATION:
          return invocation(p, (MethodInvocationTree) t, out);
        case NEW_CLASS:
          return newClass(p, (NewClassTree) t, out);
        case ASSIGNMENT:
          return privateAssignment(p, ((AssignmentTree) t).getVariable(), null, out)
              || localTypedAssignment(p, (AssignmentTree) t, out);
        case INSTANCE_OF:
          return privateRecordInstanceOf(p, (InstanceOfTree) t, out)
              || privateInstanceOf(p, (InstanceOfTree) t, out) || instanceOf(p, (InstanceOfTree) t, out);
        case TYPE_CAST:
          return privateCast(p, (TypeCastTree) t, out);
        case SWITCH_EXPRESSION, SWITCH:
          return exhaustedSwitch(p, out);
        case PARAMETERIZED_TYPE:
          if (l.trees.getTypeMirror(p) instanceof DeclaredType d && PrivateTypes.writtenRaw(d)
              && !PrivateTypes.isPrivate((TypeElement) d.asElement())) {
            // EnumSet<Mode>: raw, as Object would be outside the bound of EnumSet's parameter
            out.type(l.types.erasure(d));
            return true;
          }
          // P<A> of a generic private nested P: written Object as a whole
          return l.trees.getElement(new TreePath(p, ((ParameterizedTypeTree) t).getType()))
                  instanceof TypeElement te
              && PrivateTypes.isPrivate(te)
              && privateTypeName(p, te, out);
        case VARIABLE:
          return renamedBinding(p, (com.sun.source.tree.VariableTree) t, out);
        case MEMBER_REFERENCE:
          return memberReference(p, (MemberReferenceTree) t, out);
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT:
          return privateAssignment(p, ((UnaryTree) t).getExpression(), t.getKind(), out);
        case RETURN:
          return !opaque() && returnJump(p, (ReturnTree) t, out);
        case BREAK, CONTINUE:
          return !opaque() && jump(p, out);
        case YIELD:
          return !opaque() && yieldJump(p, (YieldTree) t, out);
        case ASSERT:
          return !opaque() && assertion(p, (AssertTree) t, out);
        case NEW_ARRAY:
          return privateArray(p, (NewArrayTree) t, out) || partlySizedArray(p, (NewArrayTree) t, out);
        case ANNOTATION, TYPE_ANNOTATION:
          // written after the qualifier of the type it annotates (F131)
          return annotatedName(p.getParentPath(), t) != null;
        case ANNOTATED_TYPE: {
          com.sun.source.tree.AnnotatedTypeTree a = (com.sun.source.tree.AnnotatedTypeTree) t;
          if (a.getUnderlyingType() instanceof IdentifierTree id
              && start(a.getAnnotations().get(0)) < start(id)
              && l.trees.getElement(new TreePath(p, id)) instanceof TypeElement te
              && !isLocalType(te) && !PrivateTypes.isPrivate(te)) {
            emit(new TreePath(p, id), out); // the identifier writes the annotations (F131)
            return true;
          }
          if (a.getUnderlyingType() instanceof ArrayTypeTree at
              && start(a.getAnnotations().get(0)) > start(at)
              && !(at.getType() instanceof com.sun.source.tree.AnnotatedTypeTree)) {
            // T @A []: the annotations lie inside the array type's text, which would copy them as
            // written, their names unresolved in the generated file
            emit(new TreePath(new TreePath(p, at), at.getType()), out);
            for (AnnotationTree x : a.getAnnotations()) {
              out.text(" ");
              copy(new TreePath(p, x), out);
            }
            out.text(" []");
            return true;
          }
          return false;
        }
        default:
          if (t instanceof CompoundAssignmentTree c) {
            return privateAssignment(p, c.getVariable(), t.getKind(), out);
          }
          if (dev.machina.processor.parse.PatternTrees.isPattern(t)) {
            return privateCaseLabel(p, out);
          }
          return false;
      }
    }

    /**
     * A copied switch that no longer covers every value in the generated class, which gets the
     * {@code default} that throws what javac's code throws for a value no case takes (JLS
     * 15.28.2, 14.11.3): a switch expression over a private enum without {@code default}, over
     * the ordinal; and a switch whose private type patterns became guarded {@code Object} ones,
     * where it relied on a sealed hierarchy being exhausted ({@link
     * PrivateCasePatterns#needsNoMatch}).
     */
    private boolean exhaustedSwitch(TreePath p, Code.Builder out) {
      List<? extends CaseTree> cases = p.getLeaf() instanceof com.sun.source.tree.SwitchTree sw
          ? sw.getCases()
          : ((com.sun.source.tree.SwitchExpressionTree) p.getLeaf()).getCases();
      if (cases.isEmpty()) {
        return false;
      }
      boolean enumOrdinal = p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION
          && privateEnumSelector(PrivateCasePatterns.selector(p))
          && cases.stream().noneMatch(dev.machina.processor.parse.PatternTrees::isDefault);
      if (!enumOrdinal && !PrivateCasePatterns.needsNoMatch(l, p, cases)) {
        return false;
      }
      Code.Builder copied = Code.builder();
      copy(p, copied);
      Code c = copied.build();
      int brace = c.format().lastIndexOf('}');
      String head = c.format().substring(0, brace);
      int line = head.lastIndexOf('\n');
      boolean multiline = line >= 0 && head.substring(line + 1).isBlank();
      String label = cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE ? "default -> " : "default: ";
      Code.Builder b = Code.builder();
      if (multiline) {
        // on a line of its own before the closing brace's, indented as the case before it
        String previous = head.substring(head.lastIndexOf('\n', line - 1) + 1, line);
        String indent = previous.substring(0, previous.length() - previous.stripLeading().length());
        b.format(head.substring(0, line + 1), c.args().toArray())
            .text(indent + label).add(SwitchDispatch.noMatch(l)).text("\n")
            .text(head.substring(line + 1));
      } else {
        b.format(head.stripTrailing(), c.args().toArray()).text(" " + label).add(SwitchDispatch.noMatch(l))
            .text(" ");
      }
      out.add(b.format(c.format().substring(brace)).build());
      return true;
    }

    /**
     * An array whose element type is a private nested type: created with its real class, as
     * {@code new P[..]} would, through {@code Array.newInstance(P_CLASS, n)}, or for an
     * initializer by copying the elements into one ({@link #privateArrayOf}); the generated class
     * holds it as an {@code Object[]}.
     */
    private boolean privateArray(TreePath p, NewArrayTree n, Code.Builder out) {
      TypeMirror type = l.trees.getTypeMirror(p);
      if (!(type instanceof ArrayType array) || PrivateTypes.of(type) == null) {
        return false;
      }
      if (n.getInitializers() != null) {
        List<Code> elements = new ArrayList<>();
        for (ExpressionTree e : n.getInitializers()) {
          Code.Builder b = Code.builder();
          emit(new TreePath(p, e), b);
          elements.add(b.build());
        }
        out.add(privateArrayOf(array, elements));
        return true;
      }
      TypeMirror element = array;
      for (int i = 0; i < n.getDimensions().size(); i++) {
        element = ((ArrayType) element).getComponentType();
      }
      out.text("((").type(type).text(") ").type(l.env.getElementUtils().getTypeElement("java.lang.reflect.Array"))
          .text(".newInstance(").add(classObject(element));
      for (ExpressionTree d : n.getDimensions()) {
        out.text(", ");
        emit(new TreePath(p, d), out);
      }
      out.text("))");
      return true;
    }

    /**
     * {@code new T[n][]}, printed from its parts: javac spans the element type {@code T[]} over
     * the sized dimensions, so copying the kids in source order skipped the dimensions, which
     * kept the user's text, awaits and all (F67, found again as F73).
     */
    private boolean partlySizedArray(TreePath p, NewArrayTree n, Code.Builder out) {
      if (n.getDimensions().isEmpty()
          || !(n.getType() instanceof ArrayTypeTree)
          || !n.getAnnotations().isEmpty()
          || n.getDimAnnotations().stream().anyMatch(a -> !a.isEmpty())) {
        return false;
      }
      TreePath element = new TreePath(p, n.getType());
      int unsized = 0;
      while (element.getLeaf() instanceof ArrayTypeTree a) {
        unsized++;
        element = new TreePath(element, a.getType());
      }
      out.text("new ");
      emit(element, out);
      for (ExpressionTree d : n.getDimensions()) {
        out.text("[");
        emit(new TreePath(p, d), out);
        out.text("]");
      }
      out.text("[]".repeat(unsized));
      return true;
    }

    /**
     * {@code assert c : d;} as {@code if (ASSERTIONS && !(c)) { throw new AssertionError(d); }}:
     * javac would key an {@code assert} in {@code step} to the generated class's assertion status,
     * and the plain method's follows the user's class ({@link MachineModel#assertionsFlag}).
     */
    private boolean assertion(TreePath p, AssertTree t, Code.Builder out) {
      boolean top = standsAlone(p);
      out.text(top ? "" : "{ ");
      out.format("if ($L && !(", l.assertionsFlag());
      emit(new TreePath(p, t.getCondition()), out);
      out.format(")) { throw new $T(", l.env.getElementUtils().getTypeElement("java.lang.AssertionError"));
      if (t.getDetail() != null) {
        emit(new TreePath(p, t.getDetail()), out);
      }
      out.text("); }");
      out.text(top ? "" : " }");
      return true;
    }

    /** Whether statements replacing the one at {@code p} need no braces around them. */
    private boolean standsAlone(TreePath p) {
      Tree parent = p.getParentPath().getLeaf();
      return (p.getLeaf() == root.getLeaf() && rootAlone)
          || parent instanceof com.sun.source.tree.BlockTree
          || parent instanceof CaseTree;
    }

    private boolean inside(Tree target) {
      Tree r = root.getLeaf();
      return target != null && start(target) >= start(r) && end(target) <= end(r);
    }

    private boolean returnJump(TreePath p, ReturnTree t, Code.Builder out) {
      TreePath e = new TreePath(p, t.getExpression());
      TreePath ready = l.facts.readyArgument(e);
      boolean top = standsAlone(p);
      out.text(top ? "" : "{ ");
      Code.Builder v = Code.builder();
      emit(ready != null ? ready : e, v);
      String saved = l.separator;
      boolean savedQualify = l.qualifyMembers;
      l.separator = p.getLeaf() == root.getLeaf() && rootAlone ? "\n" : " ";
      l.qualifyMembers = p.getLeaf() != root.getLeaf();
      try {
        out.add(
            ready != null
                ? l.returnValue(l.typedValue(ready, v.build()), loops > 0)
                : l.returnFuture(v.build(), loops > 0));
      } finally {
        l.separator = saved;
        l.qualifyMembers = savedQualify;
      }
      out.text(top ? "" : " }");
      return true;
    }

    private boolean jump(TreePath p, Code.Builder out) {
      Tree target = BodyFacts.jumpTarget(p);
      if (target == null || inside(target)) {
        return false;
      }
      Lowerer.Scope scope = l.scopes.get(target);
      if (scope == null) {
        throw new UnsupportedCode(p.getLeaf(), "cannot find where this jump goes");
      }
      Block to =
          p.getLeaf().getKind() == Tree.Kind.BREAK ? scope.breakTarget : scope.continueTarget;
      boolean top = standsAlone(p);
      String saved = l.separator;
      boolean savedQualify = l.qualifyMembers;
      l.separator = p.getLeaf() == root.getLeaf() && rootAlone ? "\n" : " ";
      l.qualifyMembers = p.getLeaf() != root.getLeaf();
      try {
        out.text(top ? "" : "{ ").add(l.jump(to, scope.finallyDepth, loops > 0)).text(top ? "" : " }");
      } finally {
        l.separator = saved;
        l.qualifyMembers = savedQualify;
      }
      return true;
    }

    private boolean yieldJump(TreePath p, YieldTree t, Code.Builder out) {
      Tree target = l.facts.yieldTarget(p);
      if (target == null || inside(target)) {
        return false;
      }
      Lowerer.Scope scope = l.scopes.get(target);
      Code.Builder v = Code.builder();
      emit(new TreePath(p, t.getValue()), v);
      boolean savedQualify = l.qualifyMembers;
      l.qualifyMembers = p.getLeaf() != root.getLeaf();
      try {
        out.text("{ ")
            .add(l.assignment(scope.yieldVar, t.getValue(), v.build()))
            .text("; ")
            .add(l.jump(scope.breakTarget, scope.finallyDepth, loops > 0))
            .text(" }");
      } finally {
        l.qualifyMembers = savedQualify;
      }
      return true;
    }

    private boolean identifier(TreePath p, IdentifierTree t, Code.Builder out) {
      String resource = resourceNames.get(t);
      if (resource != null) {
        out.text(resource);
        return true;
      }
      return identifierValue(p, t, out);
    }

    /**
     * A try statement copied whole whose resource is a variable the machine keeps in a field (or
     * renames): {@code try (..)} takes only an effectively final variable, so it gets a final
     * local copy first, {@code { final var r = out; try (r) { .. } }} (spring-core's
     * FileCopyUtils.copy, F158). The variable is effectively final in the body, so the copy and
     * the field hold the same resource; the body still reads the field.
     */
    private boolean tryResources(TreePath p, com.sun.source.tree.TryTree t, Code.Builder out) {
      if (!resourceTries.add(t)) {
        return false;
      }
      try {
        Code.Builder decls = Code.builder();
        boolean any = false;
        for (Tree r : t.getResources()) {
          if (!(r instanceof IdentifierTree id)) {
            continue;
          }
          Code.Builder value = Code.builder();
          if (!identifierValue(new TreePath(p, r), id, value)) {
            continue;
          }
          String name = l.fresh("resource");
          resourceNames.put(r, name);
          decls.text("final var " + name + " = ").add(value.build()).text("; ");
          any = true;
        }
        if (!any) {
          return false;
        }
        out.text("{ ").add(decls.build());
        emit(p, out);
        out.text(" }");
        return true;
      } finally {
        resourceTries.remove(t);
      }
    }

    private boolean identifierValue(TreePath p, IdentifierTree t, Code.Builder out) {
      String name = t.getName().toString();
      if (name.equals("this")) {
        if (!classes.isEmpty()) {
          return false;
        }
        out.text(l.names.self());
        return true;
      }
      if (name.equals("super")) {
        if (!classes.isEmpty()) {
          return false;
        }
        return superQualifier(p, superTarget(p), out);
      }
      Element e = l.trees.getElement(p);
      if (e == null) {
        return false;
      }
      if (renames.containsKey(e)) {
        out.text(renames.get(e));
        return true;
      }
      if (bindingValues.containsKey(e)) {
        out.add(bindingValues.get(e));
        return true;
      }
      if (opaque() && bindingLocals.containsKey(e)) {
        // a lambda or class body capturing a binding stored by a test of this printing: the
        // capture copy of the variable is taken before the statement, before the test assigns
        // it (F135); the pattern's own variable is in scope wherever the binding is here, and
        // holds the same value (a captured binding is effectively final)
        out.text(bindingLocals.get(e));
        return true;
      }
      Code constant = constantOf(e, true);
      if (constant != null) {
        out.add(constant);
        return true;
      }
      Var v = l.varsByElement.get(e);
      if (v != null) {
        if (hoisted) {
          v.pin();
          if (inConstructorCall(p)) {
            out.name(v);
          } else {
            snapshot.add(v);
            out.name(new Snapshot.Read(snapshot, v));
          }
        } else {
          out.name(opaque() ? new Captured(v) : v);
        }
        return true;
      }
      ElementKind k = e.getKind();
      if (privateEnumLabel(p, e, out)) {
        return true;
      }
      if (k == ElementKind.FIELD || k == ElementKind.ENUM_CONSTANT) {
        // An enum constant as a case label stays as written (a constant field there is qualified
        // like anywhere else, F55); an arrow's body is an expression. javac 21+ wraps a constant
        // label in a tree of its own (F46).
        Tree parent = p.getParentPath().getLeaf();
        if ((k == ElementKind.ENUM_CONSTANT
                && ((parent instanceof CaseTree c && c.getExpressions().contains(t))
                    || parent.getKind().name().equals("CONSTANT_CASE_LABEL")))
            || declaredLocally(e)) {
          return false;
        }
        if (viaHandle(e)) {
          out.add(readField(e, null, p));
          return true;
        }
        if (e.getModifiers().contains(Modifier.STATIC)) {
          out.type(e.getEnclosingElement()).text("." + name);
        } else {
          out.add(instance(t, e)).text("." + name);
        }
        return true;
      }
      if (k == ElementKind.METHOD) {
        if (declaredLocally(e)) {
          return false;
        }
        if (e.getModifiers().contains(Modifier.STATIC)) {
          out.type(e.getEnclosingElement()).text("." + name);
        } else {
          out.add(instance(t, e)).text("." + name);
        }
        return true;
      }
      if (e instanceof TypeElement te) {
        if (isLocalType(te)) {
          return false;
        }
        if (PrivateTypes.isPrivate(te)) {
          return privateTypeName(p, te, out);
        }
        requireNameable(t, te);
        List<? extends AnnotationTree> annotations = typeAnnotationsOf(p);
        if (annotations.isEmpty()) {
          out.type(te);
          return true;
        }
        // Outer.@A Inner, pkg.@A Top: the generated class may qualify the name, before which javac
        // refuses a TYPE_USE annotation ("scoping construct cannot be annotated", F131)
        if (te.getEnclosingElement() instanceof TypeElement outer) {
          out.type(outer).text(".");
        } else {
          out.text(l.env.getElementUtils().getPackageOf(te).getQualifiedName() + ".");
        }
        for (AnnotationTree a : annotations) {
          copy(new TreePath(annotationParent(p), a), out);
          out.text(" ");
        }
        out.text(name);
        return true;
      }
      return false;
    }

    /**
     * The TYPE_USE annotations written before the type name at {@code p} (through its array
     * types, for a declaration): of a {@code @A T} annotated type, of {@code new @A T[n]}, or among
     * a declaration's modifiers where they apply to its type only (not also to the declaration).
     */
    private List<? extends AnnotationTree> typeAnnotationsOf(TreePath p) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof com.sun.source.tree.AnnotatedTypeTree a && a.getUnderlyingType() == p.getLeaf()
          && !a.getAnnotations().isEmpty() && start(a.getAnnotations().get(0)) < start(p.getLeaf())) {
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
    private TreePath declaredTypeOf(TreePath p) {
      TreePath q = p;
      while (q.getParentPath().getLeaf() instanceof ArrayTypeTree
          || (q.getParentPath().getLeaf() instanceof ParameterizedTypeTree pt && pt.getType() == q.getLeaf())) {
        q = q.getParentPath();
      }
      return q;
    }

    /** The tree holding the annotations {@link #typeAnnotationsOf} found for the name at {@code p}. */
    private TreePath annotationParent(TreePath p) {
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
    private boolean typeUseOnly(TreePath ann, Tree decl) {
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
    private Tree annotatedName(TreePath parent, Tree ann) {
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
              && !isLocalType(te) && !PrivateTypes.isPrivate(te)
          ? type
          : null;
    }

    /**
     * The private nested type {@code te} named at {@code p}: written {@code Object}, as the
     * generated code keeps its values, where that is what the code means in the generated class
     * too: the type of a local, loop variable or lambda parameter, a type argument ({@code
     * List<Item>} becomes {@code List<Object>}) or bound, and the parameter or result type of a
     * method of a class of the body that overrides no method declared with the real type; an
     * error anywhere else.
     */
    private boolean privateTypeName(TreePath p, TypeElement te, Code.Builder out) {
      TreePath q = p;
      while (q.getParentPath().getLeaf().getKind() == Tree.Kind.ARRAY_TYPE) {
        q = q.getParentPath();
      }
      TreePath up = q.getParentPath();
      Tree parent = up.getLeaf();
      String fix = ": make " + te.getSimpleName() + " package-private";
      if (parent instanceof com.sun.source.tree.VariableTree v && v.getType() == q.getLeaf()) {
        TreePath declaredIn = up.getParentPath();
        switch (declaredIn.getLeaf().getKind()) {
          case CATCH ->
              throw new UnsupportedCode(
                  parent, "the generated class cannot name the private type " + te.getSimpleName()
                      + " of this catch parameter, which it tests with the type's class only in"
                      + " a try statement of the body itself (not of a lambda, a class body or a"
                      + " synchronized block)" + fix);
          case TRY, BINDING_PATTERN ->
              throw new UnsupportedCode(
                  parent, "the generated class cannot name the private type " + te.getSimpleName()
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
          p.getLeaf(), "the generated class cannot name the private type " + te.getSimpleName()
              + " here" + fix);
    }

    /** Whether the type at {@code q} is a type argument, a wildcard's bound or a type parameter's. */
    private boolean typeArgument(TreePath q) {
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
     * private type {@code te} as {@code Object} where it overrides a method declared with the
     * real type, which the {@code Object} would no longer override.
     */
    private void requireNoRealOverride(TreePath method, TypeElement te, Tree at) {
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
          if (other instanceof ExecutableElement o && !declaredLocally(o)
              && o.getSimpleName().equals(m.getSimpleName()) && elements.overrides(m, o, owner)
              && PrivateTypes.inSignature(l.types, o)) {
            throw new UnsupportedCode(
                at, "the generated class writes the private type " + te.getSimpleName() + " as Object,"
                    + " so this method would no longer override " + o.getEnclosingElement().getSimpleName()
                    + "." + o.getSimpleName() + ": make " + te.getSimpleName() + " package-private");
          }
        }
      }
    }

    /**
     * {@code (P) e} for a private nested type {@code P} (or an array of it): {@code
     * P_CLASS.cast(e)}, which checks the class as the cast would; the value stays an {@code
     * Object} (an {@code Object[]}).
     */
    private boolean privateCast(TreePath p, TypeCastTree t, Code.Builder out) {
      TypeMirror type = l.trees.getTypeMirror(new TreePath(p, t.getType()));
      TypeElement te = type == null ? null : PrivateTypes.of(type);
      if (te == null) {
        return false;
      }
      boolean array = type.getKind() == TypeKind.ARRAY;
      out.text("(");
      if (array) {
        out.text("(").type(type).text(") ");
      }
      out.add(classObject(type)).text(".cast(");
      emit(new TreePath(p, t.getExpression()), out);
      out.text(array ? ")))" : "))");
      return true;
    }

    /**
     * {@code e instanceof P} for a private nested type {@code P}: {@code P_CLASS.isInstance(e)}.
     * With a type pattern {@code e instanceof P b}, the binding is a variable of the generated
     * code typed {@code Object} that the test assigns, {@code P_CLASS.isInstance(b = e)}: a local
     * declared before the statement (see {@link #patternAnchors}), or a variable of the machine
     * ({@link Lowerer#bindingVar}) where the printed tree is an expression or the binding is used
     * outside it. Assigned whether or not the test holds, it is read only where the binding is
     * in scope, which javac's definite assignment of it covers.
     */
    private boolean privateInstanceOf(TreePath p, InstanceOfTree t, Code.Builder out) {
      Tree type = t.getPattern() != null ? t.getPattern() : t.getType();
      TypeMirror tested = l.trees.getTypeMirror(new TreePath(p, type));
      if (tested == null || PrivateTypes.of(tested) == null) {
        return false;
      }
      String target = null;
      Var v = null;
      if (t.getPattern() != null) {
        VariableElement ve = privateBinding(p, t);
        if (ve == null) {
          throw new UnsupportedCode(
              t, "the generated class cannot name the private type "
                  + PrivateTypes.of(tested).getSimpleName() + " of this pattern (a record pattern"
                  + " or an array type): test with instanceof and cast, or make it package-private");
        }
        if (caseGuard && inGuard(p)) {
          // a guard may assign no variable declared outside it (F151): the binding is the
          // guard's own pattern variable, typed Object, which flows into the case as the
          // original did
          String name = renames.getOrDefault(ve, ve.getSimpleName().toString());
          out.text("(");
          emit(new TreePath(p, t.getExpression()), out);
          out.text(" instanceof Object " + name + " && ").add(classObject(tested))
              .text(".isInstance(" + name + "))");
          return true;
        }
        target = renames.get(ve);
        if (target == null) {
          // a variable of the machine, whose capture copy is taken before the statement (F135)
          if (capturedWithin(new TreePath(p, t.getPattern()), ve, root)) {
            throw new UnsupportedCode(
                t, "the generated class keeps the binding " + ve.getSimpleName() + " of the private type "
                    + PrivateTypes.of(tested).getSimpleName() + " in a variable that this lambda or"
                    + " class body cannot capture: copy it to a local variable first");
          }
          v = l.bindingVar(ve);
        }
      }
      out.add(classObject(tested)).text(".isInstance(");
      if (v != null) {
        out.name(v).text(" = ");
      } else if (target != null) {
        out.text(target + " = ");
      }
      emit(new TreePath(p, t.getExpression()), out);
      out.text(")");
      return true;
    }

    /**
     * {@code e instanceof Item(String n, var q)} of a record pattern naming a private nested type
     * ({@link PrivateRecordPattern}): {@code (ITEM_CLASS.isInstance(itemMatch = e) && .. && ((n =
     * ((String) NAME_METHOD.invokeExact((Object) itemMatch))) == n | true) && ..)}, the match and
     * the bindings locals declared before the statement ({@link #patternAnchors}), or where the
     * printed tree is an expression or a binding is used outside it, the match a temporary and
     * the bindings variables of the machine; {@code | true} keeps a {@code NaN} from failing the
     * test. Assigned once per test, as the pattern's variables would be; read only where the
     * bindings are in scope, which javac's definite assignment of them covers.
     */
    private boolean privateRecordInstanceOf(TreePath p, InstanceOfTree t, Code.Builder out) {
      if (t.getPattern() == null) {
        return false;
      }
      PrivateRecordPattern rp = PrivateRecordPattern.of(l, new TreePath(p, t.getPattern()));
      if (rp == null) {
        return false;
      }
      if (inGuard(p)) {
        throw new UnsupportedCode(
            t, "the generated class cannot bind this record pattern of a private type in a guard,"
                + " which may assign no variable declared outside it: match the record in the case's"
                + " label, or make the private types package-private");
      }
      String anchored = recordHolders.get(t);
      boolean stored = anchored == null;
      Code holder = stored ? null : Code.text(anchored);
      if (stored) {
        for (PrivateRecordPattern.Binding b : rp.bindings) {
          if (capturedWithin(new TreePath(p, t.getPattern()), b.variable(), root)) {
            throw new UnsupportedCode(
                t, "the generated class keeps the binding " + b.variable().getSimpleName()
                    + " of this record pattern in a variable that this lambda or class body cannot"
                    + " capture: copy it to a local variable first");
          }
        }
        Var match = l.matchVar(lowerFirst(rp.record.getSimpleName().toString()) + "Match");
        holder = Code.builder().name(match).build();
      }
      out.text("(");
      for (int i = 0; i < rp.tests.size(); i++) {
        PrivateRecordPattern.Test test = rp.tests.get(i);
        if (i > 0) {
          out.text(" && ");
        }
        if (i == 0) {
          // the record's own test assigns the match: e is evaluated once
          Code.Builder e = Code.builder().add(holder).text(" = ");
          emit(new TreePath(p, t.getExpression()), e);
          Code value = e.build();
          out.add(classTest(test.type(), PrivateTypes.of(test.type()) != null
              ? value : Code.builder().text("(").add(value).text(")").build()));
          continue;
        }
        Code read = componentRead(test.chain(), holder, null, t);
        out.add(test.kept() != null ? keptTest(read, test.kept()) : classTest(test.type(), read));
      }
      for (Map.Entry<VariableElement, String> kept : keptStores.entrySet()) {
        out.text(" && ").add(l.bindingStore(kept.getKey(), kept.getValue()));
      }
      keptStores.clear();
      for (PrivateRecordPattern.Binding b : rp.bindings) {
        VariableElement ve = b.variable();
        Code read = componentRead(b.chain(), holder, ve.asType(), t);
        out.text(" && ");
        if (stored) {
          out.add(l.bindingStore(ve, read));
        } else {
          String name = renames.get(ve);
          out.text("((" + name + " = ").add(read).text(") == " + name + " | true)");
        }
      }
      out.text(")");
      return true;
    }

    /**
     * {@code read instanceof Point(var x, var y)}: a nested record pattern naming no private type,
     * kept as a pattern ({@link PrivateRecordPattern.Test#kept}). A binding of it that lives
     * outside the printed tree is declared under a fresh name and stored after the tests ({@link
     * #keptStores}), as {@link #instanceOf} stores one.
     */
    private Code keptTest(Code read, TreePath kept) {
      for (TreePath binding : bindings(kept)) {
        if (!(l.trees.getElement(binding) instanceof VariableElement ve) || renames.containsKey(ve)) {
          continue;
        }
        if (l.facts.usedOutside(ve, root.getLeaf()) || l.varsByElement.containsKey(ve)) {
          String local = l.fresh(ve.getSimpleName() + "Match");
          renames.put(ve, local);
          keptStores.put(ve, local);
        } else if (l.isMemberName(ve.getSimpleName().toString())) {
          // renamed for the rest of this printing, as instanceOf's: flow scoping may put it in
          // scope of the generated code after the statement (if (!(.. instanceof
          // Pt(var x, int awaiting))) throw ..; awaiting = ..), F47's case
          renames.put(ve, l.fresh(ve.getSimpleName() + "Match"));
        }
      }
      Code.Builder pattern = Code.builder();
      emit(kept, pattern);
      keptStores.keySet().forEach(renames::remove);
      return Code.builder().add(read).text(" instanceof ").add(pattern.build()).build();
    }

    /** {@code P_CLASS.isInstance(value)} for a private nested type, else {@code value instanceof T}. */
    private Code classTest(TypeMirror type, Code value) {
      if (PrivateTypes.of(type) != null) {
        return Code.builder().add(classObject(type)).text(".isInstance(").add(value).text(")").build();
      }
      return Code.builder().add(value).text(" instanceof ").type(type).build();
    }

    /**
     * The binding of {@code t}'s pattern if it is a type pattern of a private nested type (not an
     * array of one), which {@link #privateInstanceOf} lowers; else {@code null}.
     */
    private VariableElement privateBinding(TreePath p, InstanceOfTree t) {
      if (!(t.getPattern() instanceof com.sun.source.tree.BindingPatternTree bp)) {
        return null;
      }
      Element e = l.trees.getElement(new TreePath(new TreePath(p, bp), bp.getVariable()));
      if (!(e instanceof VariableElement ve)
          || PrivateTypes.of(ve.asType()) == null
          || ve.asType().getKind() == TypeKind.ARRAY) {
        return null;
      }
      return ve;
    }

    /** Whether the binding {@code ve} lives outside the printed tree: a variable of the machine. */
    private boolean storedBinding(VariableElement ve) {
      return l.facts.usedOutside(ve, root.getLeaf()) || l.varsByElement.containsKey(ve);
    }

    /**
     * Whether the expression at {@code p} is part of a case's guard, outside any lambda or class
     * body in it.
     */
    private boolean inGuard(TreePath p) {
      for (TreePath x = p; x.getParentPath() != null; x = x.getParentPath()) {
        Tree parent = x.getParentPath().getLeaf();
        if (parent instanceof CaseTree c) {
          return dev.machina.processor.parse.PatternTrees.guard(c) == x.getLeaf();
        }
        if (parent instanceof LambdaExpressionTree || parent instanceof ClassTree
            || parent instanceof com.sun.source.tree.StatementTree) {
          return false;
        }
      }
      return false;
    }

    /** Whether a lambda or class body inside {@code within} reads or writes {@code ve}. */
    private boolean capturedWithin(TreePath pattern, VariableElement ve, TreePath within) {
      boolean[] captured = {false};
      new com.sun.source.util.TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          if (ve.equals(l.trees.getElement(getCurrentPath()))) {
            for (TreePath x = getCurrentPath(); x != null && x.getLeaf() != within.getLeaf(); x = x.getParentPath()) {
              if (x.getLeaf() instanceof LambdaExpressionTree || x.getLeaf() instanceof ClassTree) {
                captured[0] = true;
              }
            }
          }
          return null;
        }
      }.scan(within, null);
      return captured[0];
    }

    /**
     * Where a type pattern of a private nested type declares its binding as a local of the
     * printed code: the innermost statement around the {@code instanceof} that stands in a block
     * or a case's statements (the local is declared before it, so that flow scoping's later
     * statements see it) or as a branch or loop body (the local and the statement go in braces).
     */
    private record PatternAnchor(Form form, List<VariableElement> bindings, List<TreePath> records) {}

    /**
     * How a {@link PatternAnchor} declares its bindings: before the statement; in braces with it;
     * in a block replacing a lambda's expression body, returning it or (a void lambda) not.
     */
    private enum Form { BEFORE, BRACES, RETURN, VOID }

    private Map<Tree, PatternAnchor> anchors;

    /** The statements of the printed tree before which bindings are declared ({@link PatternAnchor}). */
    private Map<Tree, PatternAnchor> patternAnchors() {
      if (anchors != null) {
        return anchors;
      }
      anchors = new java.util.IdentityHashMap<>();
      new com.sun.source.util.TreePathScanner<Void, Void>() {
        @Override
        public Void visitInstanceOf(InstanceOfTree node, Void unused) {
          TreePath ip = getCurrentPath();
          VariableElement ve = privateBinding(ip, node);
          if (ve != null && !storedBinding(ve) && !inGuard(ip)) {
            anchor(ip, ve);
          }
          PrivateRecordPattern rp = node.getPattern() == null ? null
              : PrivateRecordPattern.of(l, new TreePath(ip, node.getPattern()));
          if (rp != null && !inGuard(ip)
              && rp.bindings.stream().noneMatch(b -> storedBinding(b.variable()))) {
            lastAnchor = null;
            for (PrivateRecordPattern.Binding b : rp.bindings) {
              anchor(ip, b.variable());
            }
            if (rp.bindings.isEmpty()) {
              anchor(ip, null);
            }
            if (lastAnchor != null) { // else an expression: the match is a temporary
              anchors.get(lastAnchor.getLeaf()).records().add(ip);
            }
          }
          return super.visitInstanceOf(node, unused);
        }
      }.scan(root, null);
      return anchors;
    }

    /** Finds the {@link PatternAnchor} of the binding {@code ve} tested at {@code ip}. */
    private void anchor(TreePath ip, VariableElement ve) {
      boolean loop = false; // evaluated again by a loop around it, inside the anchor
      for (TreePath x = ip; ; x = x.getParentPath()) {
        Tree leaf = x.getLeaf();
        if (leaf == root.getLeaf()) {
          if (leaf instanceof com.sun.source.tree.StatementTree && !(leaf instanceof ClassTree)) {
            add(x, Form.BEFORE, loop, ve);
          }
          return; // an expression: a variable of the machine (privateInstanceOf)
        }
        Tree parent = x.getParentPath().getLeaf();
        if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == leaf) {
          // an expression body: a block declaring it, returning the value unless the lambda is void
          ExecutableType fn = functionType(l.trees.getTypeMirror(x.getParentPath()));
          add(x, fn != null && fn.getReturnType().getKind() == TypeKind.VOID ? Form.VOID : Form.RETURN, loop, ve);
          return;
        }
        if (parent instanceof ClassTree) {
          throw new UnsupportedCode(
              ip.getLeaf(), "the generated class declares " + bindingWhat(ve)
                  + " as a variable before the statement, which a field's initializer does not have:"
                  + " initialize the field in an initializer block");
        }
        boolean statement = leaf instanceof com.sun.source.tree.StatementTree && !(leaf instanceof ClassTree);
        switch (parent.getKind()) {
          case BLOCK -> {
            add(x, Form.BEFORE, loop, ve);
            return;
          }
          case CASE -> {
            if (statement) {
              add(x, ((CaseTree) parent).getCaseKind() == CaseTree.CaseKind.RULE ? Form.BRACES : Form.BEFORE, loop, ve);
              return;
            }
          }
          case IF -> {
            if (statement) { // a branch
              add(x, Form.BRACES, loop, ve);
              return;
            }
          }
          case WHILE_LOOP -> {
            if (((com.sun.source.tree.WhileLoopTree) parent).getStatement() == leaf) {
              add(x, Form.BRACES, loop, ve);
              return;
            }
            loop = true; // the condition
          }
          case DO_WHILE_LOOP -> {
            if (((com.sun.source.tree.DoWhileLoopTree) parent).getStatement() == leaf) {
              add(x, Form.BRACES, loop, ve);
              return;
            }
            loop = true;
          }
          case ENHANCED_FOR_LOOP -> {
            if (((com.sun.source.tree.EnhancedForLoopTree) parent).getStatement() == leaf) {
              add(x, Form.BRACES, loop, ve);
              return;
            }
          }
          case FOR_LOOP -> {
            com.sun.source.tree.ForLoopTree f = (com.sun.source.tree.ForLoopTree) parent;
            if (f.getStatement() == leaf) {
              add(x, Form.BRACES, loop, ve);
              return;
            }
            loop |= f.getCondition() == leaf || f.getUpdate().contains(leaf);
          }
          default -> {}
        }
      }
    }

    /** The statement {@link #add} anchored the last binding before. */
    private TreePath lastAnchor;

    /**
     * {@code the binding it of the private type Item}, or for a binding of a record pattern
     * naming a private type, {@code the binding n of a record pattern} ({@code null}: its match).
     */
    private String bindingWhat(VariableElement ve) {
      if (ve == null) {
        return "the match of a record pattern";
      }
      TypeElement te = PrivateTypes.of(ve.asType());
      return "the binding " + ve.getSimpleName()
          + (te != null ? " of the private type " + te.getSimpleName() : " of a record pattern");
    }

    private void add(TreePath anchor, Form form, boolean loop, VariableElement ve) {
      lastAnchor = anchor;
      if (ve == null) {
        anchors.computeIfAbsent(anchor.getLeaf(), k -> new PatternAnchor(form, new ArrayList<>(), new ArrayList<>()));
        return;
      }
      if (loop && capturedWithin(anchor, ve, anchor)) {
        throw new UnsupportedCode(
            anchor.getLeaf(), "the generated class declares " + bindingWhat(ve)
                + " before this loop, which tests it again: a lambda or class body cannot capture"
                + " it; copy it to a local variable first");
      }
      PatternAnchor a = anchors.get(anchor.getLeaf());
      if (a == null) {
        a = new PatternAnchor(form, new ArrayList<>(), new ArrayList<>());
        anchors.put(anchor.getLeaf(), a);
      }
      a.bindings().add(ve);
    }

    /**
     * The anchor statement {@code p} with the locals of its bindings declared before it ({@code
     * Object i2;}), or in braces with it.
     */
    private void declareBindings(TreePath p, PatternAnchor anchor, Code.Builder out) {
      Code.Builder decl = Code.builder();
      java.util.Set<Element> inRecords = new java.util.HashSet<>();
      for (TreePath ip : anchor.records()) {
        // the record's match, and its bindings as locals of their own (written) types
        PrivateRecordPattern rp =
            PrivateRecordPattern.of(l, new TreePath(ip, ((InstanceOfTree) ip.getLeaf()).getPattern()));
        String holder = l.fresh(lowerFirst(rp.record.getSimpleName().toString()) + "Match");
        recordHolders.put(ip.getLeaf(), holder);
        decl.text("Object " + holder + "; ");
        for (PrivateRecordPattern.Binding b : rp.bindings) {
          VariableElement ve = b.variable();
          String name = l.fresh(ve.getSimpleName().toString());
          renames.put(ve, name);
          inRecords.add(ve);
          decl.type(PrivateTypes.written(l.types, l.env.getElementUtils(), l.denotable(ve.asType())))
              .text(" " + name + "; ");
        }
      }
      for (VariableElement ve : anchor.bindings()) {
        if (inRecords.contains(ve)) {
          continue;
        }
        String name = l.fresh(ve.getSimpleName().toString());
        renames.put(ve, name);
        decl.text("Object " + name + "; ");
      }
      anchors.remove(p.getLeaf());
      if (anchor.form() != Form.BEFORE) {
        out.text("{ ").add(decl.build()).text(anchor.form() == Form.RETURN ? "return " : "");
        emit(p, out);
        out.text(anchor.form() == Form.BRACES ? " }" : "; }");
        return;
      }
      // on a line of its own where the statement starts one, else before it on its line
      int col = 0;
      boolean first = true;
      CharSequence src = l.facts.text();
      for (long i = start(p.getLeaf()) - 1; i >= 0 && src.charAt((int) i) != '\n'; i--) {
        col++;
        first &= Character.isWhitespace(src.charAt((int) i));
      }
      if (first) {
        String indent = p.getLeaf() == root.getLeaf() ? "" : " ".repeat(Math.max(0, col - column));
        Code d = decl.build();
        out.add(Code.builder().format(d.format().stripTrailing(), d.args().toArray()).build())
            .text("\n" + indent);
      } else {
        out.add(decl.build());
      }
      emit(p, out);
    }

    /** The {@code Class} of the private nested type {@code type} or of an array of it. */
    private Code classObject(TypeMirror type) {
      Code.Builder b = Code.builder().name(classHandle(PrivateTypes.of(type)));
      for (TypeMirror x = type; x instanceof ArrayType a; x = a.getComponentType()) {
        b.text(".arrayType()");
      }
      return b.build();
    }

    /**
     * The cast a value of a private nested type at {@code p} needs where it is used as one of its
     * supertypes: the generated class keeps such values as {@code Object} (arrays of them as
     * {@code Object[]}), so a call of a method that type inherits ({@code p.hashCode()}), an
     * argument of a parameter typed with the supertype, or a variable of it needs the cast that
     * Java's widening did not. {@code null} where the value goes as it is (to a handle, to
     * another variable of the type, to {@code ==} or string concatenation); an error where the
     * generated class could not write the use at all.
     */
    private TypeMirror privateValueCast(TreePath p, TypeMirror type) {
      Tree t = p.getLeaf();
      TypeElement te = type == null ? null : PrivateTypes.of(type);
      if (te == null || l.facts.isTypeName(p)) {
        return null;
      }
      TreePath up = p.getParentPath();
      TreePath use = p;
      while (up.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
        use = up;
        up = up.getParentPath();
      }
      if (use != p) {
        return null; // the outermost parentheses take the cast
      }
      Tree parent = up.getLeaf();
      String what = "a value of the private type " + te.getSimpleName();
      String fix = ": make " + te.getSimpleName() + " package-private";
      switch (parent.getKind()) {
        case EXPRESSION_STATEMENT, TYPE_CAST, INSTANCE_OF, EQUAL_TO, NOT_EQUAL_TO, PLUS,
            PLUS_ASSIGNMENT, SYNCHRONIZED, ARRAY_ACCESS, ASSIGNMENT:
          if (parent instanceof AssignmentTree a && a.getExpression() == t) {
            return castTarget(l.trees.getTypeMirror(new TreePath(up, a.getVariable())));
          }
          return null;
        case TRY:
          if (p.getLeaf() == root.getLeaf()) {
            return null; // a resource TryLowering stores in a variable of its own, closed as AutoCloseable
          }
          throw new UnsupportedCode(
              parent, "the generated class cannot use " + what + " as the resource of a try"
                  + " statement it copies (in a lambda, a class body or a synchronized block)" + fix);
        case ENHANCED_FOR_LOOP:
          // an array is an Object[] as it is; an Iterable is iterated as the Iterable it is
          return type.getKind() == TypeKind.ARRAY
              ? null
              : supertypeDeclaring((DeclaredType) type, l.env.getElementUtils().getTypeElement("java.lang.Iterable"));
        case THROW:
          // thrown as its nearest superclass the generated class can name, which javac's checks
          // of what the body throws allow wherever they allowed the private type
          return nameableSuperclass(te);
        case MEMBER_SELECT:
        case MEMBER_REFERENCE: {
          Element member = l.trees.getElement(up);
          if (type.getKind() == TypeKind.ARRAY || member == null || viaHandle(member)
              || member.getModifiers().contains(Modifier.STATIC)) {
            return null;
          }
          return supertypeDeclaring((DeclaredType) type, (TypeElement) member.getEnclosingElement());
        }
        case METHOD_INVOCATION, NEW_CLASS:
          return argumentCast(up, t, what, fix);
        case VARIABLE:
          return castTarget(((VariableElement) l.trees.getElement(up)).asType());
        case CONDITIONAL_EXPRESSION:
          return ((ConditionalExpressionTree) parent).getCondition() == t
              ? null
              : castTarget(l.trees.getTypeMirror(up));
        case RETURN, LAMBDA_EXPRESSION:
          return castTarget(returnTarget(up));
        case YIELD:
          for (TreePath x = up; x != null; x = x.getParentPath()) {
            if (x.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
              return castTarget(l.trees.getTypeMirror(x));
            }
          }
          return null;
        case NEW_ARRAY: {
          TypeMirror array = l.trees.getTypeMirror(up);
          return array instanceof ArrayType a ? castTarget(a.getComponentType()) : null;
        }
        case SWITCH, SWITCH_EXPRESSION:
          if (privateEnumSelector(p)) {
            // switch on the ordinal: the case labels are the constants' ordinals (privateEnumLabel)
            return l.types.erasure(l.env.getElementUtils().getTypeElement("java.lang.Enum").asType());
          }
          if (patternSelector(p)) {
            return null; // switched over as the Object it is, by patterns (privateCaseLabel)
          }
          throw new UnsupportedCode(
              parent, "the generated class cannot switch over " + what + " with these labels"
                  + fix);
        case CASE:
          return null; // a constant label, written as its ordinal (privateEnumLabel)
        default:
          if (parent.getKind().name().equals("CONSTANT_CASE_LABEL")) {
            return null; // javac 21+'s tree around a constant label
          }
          throw new UnsupportedCode(
              parent, "the generated class keeps " + what + " as an Object, which it cannot use"
                  + " here" + fix);
      }
    }

    /** The cases of the switch whose selector {@code p} is, or {@code null} if it is none. */
    private List<? extends CaseTree> switchedCases(TreePath p) {
      Tree parent = p.getParentPath().getLeaf();
      return parent instanceof com.sun.source.tree.SwitchTree sw && sw.getExpression() == p.getLeaf()
          ? sw.getCases()
          : parent instanceof com.sun.source.tree.SwitchExpressionTree se && se.getExpression() == p.getLeaf()
              ? se.getCases()
              : null;
    }

    /**
     * Whether {@code p} is the selector of a switch whose labels are all patterns, {@code null}
     * or {@code default}: the generated class switches over the {@code Object} it keeps, its
     * private type patterns written as {@code Object} ones ({@link #privateCaseLabel}).
     */
    private boolean patternSelector(TreePath p) {
      List<? extends CaseTree> cases = switchedCases(p);
      if (cases == null) {
        return false;
      }
      for (CaseTree c : cases) {
        for (Tree label : dev.machina.processor.parse.PatternTrees.labels(c)) {
          if (!dev.machina.processor.parse.PatternTrees.isPattern(label)
              && !dev.machina.processor.parse.PatternTrees.isDefault(label)
              && !dev.machina.processor.parse.PatternTrees.isNull(label)) {
            return false;
          }
        }
      }
      return true;
    }

    /**
     * A type pattern of a private nested type (or an array of one) as a case label, {@code case
     * Circle c}: the generated class cannot name the type, so the label is the pattern {@code
     * Object c} and the case's guard tests the class ({@link #privateCaseTest}), here as {@code
     * when CIRCLE_CLASS.isInstance(c)} where the case has no guard of its own.
     */
    private boolean privateCaseLabel(TreePath p, Code.Builder out) {
      PrivateRecordPattern rp = PrivateCasePatterns.record(l, p);
      if (rp != null) {
        // Object itemMatch when ITEM_CLASS.isInstance(itemMatch) && ..: the bindings are read
        // from it where the guard and the body use them
        CaseTree c = (CaseTree) p.getParentPath().getLeaf();
        out.text("Object " + matchName(p.getParentPath(), rp));
        if (dev.machina.processor.parse.PatternTrees.guard(c) == null) {
          out.text(" when ").add(recordTest(p.getParentPath(), rp));
        }
        return true;
      }
      VariableElement ve = PrivateCasePatterns.binding(l, p);
      if (ve == null) {
        return false;
      }
      com.sun.source.tree.BindingPatternTree b =
          (com.sun.source.tree.BindingPatternTree) dev.machina.processor.parse.PatternTrees.pattern(p.getLeaf());
      if (b.getVariable().getModifiers().getFlags().contains(Modifier.FINAL)) {
        out.text("final ");
      }
      out.type(PrivateTypes.written(l.types, l.env.getElementUtils(), ve.asType()))
          .text(" " + caseBindingName(ve));
      CaseTree c = (CaseTree) p.getParentPath().getLeaf();
      Code test = privateCaseTest(p.getParentPath());
      if (test != null && dev.machina.processor.parse.PatternTrees.guard(c) == null) {
        out.text(" when ").add(test);
      }
      return true;
    }

    /**
     * {@code CIRCLE_CLASS.isInstance(c)}, the class test of the case at {@code casePath} whose
     * label is a type pattern of a private nested type that is not unconditional for the
     * selector's type; {@code null} for any other case.
     */
    Code privateCaseTest(TreePath casePath) {
      List<? extends Tree> labels =
          dev.machina.processor.parse.PatternTrees.labels((CaseTree) casePath.getLeaf());
      if (labels.size() != 1 || !dev.machina.processor.parse.PatternTrees.isPattern(labels.get(0))) {
        return null;
      }
      PrivateRecordPattern rp = PrivateCasePatterns.record(l, new TreePath(casePath, labels.get(0)));
      if (rp != null) {
        return recordTest(casePath, rp);
      }
      VariableElement ve = PrivateCasePatterns.binding(l, new TreePath(casePath, labels.get(0)));
      if (ve == null || !PrivateCasePatterns.tested(l, casePath.getParentPath(), ve)) {
        return null;
      }
      return Code.builder().add(classObject(ve.asType()))
          .text(".isInstance(" + caseBindingName(ve) + ")").build();
    }

    /** The name the printed code gives the binding {@code ve} of a case label; a fresh one for {@code _}. */
    private String caseBindingName(VariableElement ve) {
      String name = ve.getSimpleName().toString();
      if (name.isEmpty() || name.equals("_")) {
        return renames.computeIfAbsent(ve, x -> l.fresh("matched"));
      }
      return renames.getOrDefault(ve, name);
    }

    /**
     * Whether {@code p} is the selector of a switch over a private enum whose labels are all
     * constants (no pattern, no {@code null}): the generated class switches on its ordinal.
     */
    private boolean privateEnumSelector(TreePath p) {
      List<? extends CaseTree> cases = switchedCases(p);
      TypeMirror type = l.trees.getTypeMirror(p);
      if (cases == null || type == null || !(l.types.asElement(type) instanceof TypeElement te)
          || te.getKind() != ElementKind.ENUM || !PrivateTypes.isPrivate(te)) {
        return false;
      }
      for (CaseTree c : cases) {
        for (Tree label : dev.machina.processor.parse.PatternTrees.labels(c)) {
          if (dev.machina.processor.parse.PatternTrees.isPattern(label)
              || label.getKind() == Tree.Kind.NULL_LITERAL
              || label.getKind().name().equals("NULL_LITERAL")
              || l.facts.source(label).trim().equals("null")) {
            return false;
          }
        }
      }
      return true;
    }

    /**
     * A constant of a private enum as a case label: its ordinal, {@code 1 /* SLOW *}{@code /},
     * the switch being over the selector's ordinal ({@link #privateEnumSelector}).
     */
    private boolean privateEnumLabel(TreePath p, Element e, Code.Builder out) {
      if (e.getKind() != ElementKind.ENUM_CONSTANT
          || !PrivateTypes.isPrivate((TypeElement) e.getEnclosingElement())) {
        return false;
      }
      Tree parent = p.getParentPath().getLeaf();
      if (!(parent instanceof CaseTree c && c.getExpressions().contains(p.getLeaf()))
          && !parent.getKind().name().equals("CONSTANT_CASE_LABEL")) {
        return false;
      }
      int ordinal = 0;
      for (Element x : e.getEnclosingElement().getEnclosedElements()) {
        if (x.equals(e)) {
          break;
        }
        if (x.getKind() == ElementKind.ENUM_CONSTANT) {
          ordinal++;
        }
      }
      out.text(ordinal + " /* " + e.getSimpleName() + " */");
      return true;
    }

    /**
     * The cast of a private-typed argument {@code arg} of the call or instance creation at {@code
     * call}: to the parameter's type as the call instantiated it, unless the method is reached
     * through a handle (whose parameters are erased) or the type is the private type itself.
     */
    private TypeMirror argumentCast(TreePath call, Tree arg, String what, String fix) {
      int i = argumentIndex(call, arg);
      if (i < 0) {
        throw new UnsupportedCode(
            call.getLeaf(), "the generated class cannot create an inner instance of " + what
                + fix);
      }
      if (!(l.trees.getElement(call) instanceof ExecutableElement m) || viaHandle(m) || isAsync(m)) {
        return null;
      }
      if (rawCall(call)) {
        return castTarget(rawParameter(call, m, i));
      }
      return castTarget(instantiatedParameter(call, m, i));
    }

    /** {@code target} if a value kept as {@code Object} needs a cast to be one; else {@code null}. */
    private TypeMirror castTarget(TypeMirror target) {
      if (target == null || target.getKind() != TypeKind.DECLARED && target.getKind() != TypeKind.ARRAY
          && target.getKind() != TypeKind.TYPEVAR && target.getKind() != TypeKind.INTERSECTION) {
        return null;
      }
      if (PrivateTypes.of(target) != null || l.types.isSameType(target, l.objectType())) {
        return null;
      }
      TypeMirror objects = l.objectType();
      for (TypeMirror x = target; x instanceof ArrayType a; x = a.getComponentType()) {
        objects = l.types.getArrayType(objects);
      }
      if (l.types.isSameType(target, objects)) {
        return null; // an array of a private type is an Object[] as written already
      }
      return l.denotable(target);
    }

    /** What a {@code return} at {@code ret} (or a lambda's expression body) returns to. */
    private TypeMirror returnTarget(TreePath ret) {
      for (TreePath x = ret; x != null; x = x.getParentPath()) {
        if (x.getLeaf() instanceof LambdaExpressionTree) {
          ExecutableType fn = functionType(l.trees.getTypeMirror(x));
          return fn == null ? null : fn.getReturnType();
        }
        if (x.getLeaf() instanceof com.sun.source.tree.MethodTree
            && l.trees.getElement(x) instanceof ExecutableElement m) {
          return m.getReturnType();
        }
      }
      return null;
    }

    /** The nearest superclass of the private nested type {@code te} that is not private itself. */
    private TypeMirror nameableSuperclass(TypeElement te) {
      TypeMirror sup = te.getSuperclass();
      while (l.types.asElement(sup) instanceof TypeElement s && PrivateTypes.isPrivate(s)) {
        sup = s.getSuperclass();
      }
      return l.types.erasure(sup);
    }

    /**
     * The supertype of {@code type} (a private nested type) whose class is {@code declaring}, as
     * {@code type} extends it ({@code Comparable<P>} for {@code compareTo}): the cast that lets the
     * generated class call a member {@code type} inherits.
     */
    private TypeMirror supertypeDeclaring(DeclaredType type, TypeElement declaring) {
      Deque<TypeMirror> todo = new ArrayDeque<>(List.of(type));
      while (!todo.isEmpty()) {
        TypeMirror x = todo.poll();
        if (l.types.asElement(x) instanceof TypeElement xe && xe.equals(declaring)) {
          // Enum<P> cannot be Enum<Object>: a supertype naming the private type is cast to raw
          return PrivateTypes.mentions(x) ? l.types.erasure(x) : l.denotable(x);
        }
        todo.addAll(l.types.directSupertypes(x));
      }
      return l.types.erasure(declaring.asType());
    }

    private boolean isLocalType(TypeElement te) {
      for (Element x = te; x != null; x = x.getEnclosingElement()) {
        if (x instanceof TypeElement xt
            && (xt.getNestingKind() == NestingKind.LOCAL
                || xt.getNestingKind() == NestingKind.ANONYMOUS)) {
          return true;
        }
      }
      return false;
    }

    /** Whether {@code e} is a member of a class declared in the body (or inherited by one). */
    private boolean declaredLocally(Element e) {
      Element owner = e.getEnclosingElement();
      if (owner instanceof TypeElement te && isLocalType(te)) {
        return true;
      }
      for (TypeElement c : classes) {
        if (c != null && l.env.getElementUtils().getAllMembers(c).contains(e)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The instance an unqualified use of {@code member} refers to: {@code self}, or for members of
     * an enclosing class of an inner class, its enclosing instance read from javac's
     * {@code this$N} field through a handle.
     */
    private Code instance(Tree at, Element member) {
      TypeMirror self = l.method.receiverType();
      if (self == null) {
        throw new UnsupportedCode(at, "instance member " + member + " used in a static method");
      }
      Element owner = member.getEnclosingElement();
      if (member instanceof TypeElement) {
        owner = owner instanceof TypeElement ? owner : null;
      }
      return outerInstance(at, owner);
    }

    /** {@code self}, or the enclosing instance of {@code self} that is a {@code target}. */
    private Code outerInstance(Tree at, Element target) {
      Code code = Code.text(l.names.self());
      TypeElement cls = l.method.owner();
      TypeMirror clsType = l.method.receiverType();
      while (true) {
        if (target == null
            || l.types.isSubtype(l.types.erasure(cls.asType()), l.types.erasure(target.asType()))) {
          return code;
        }
        if (cls.getModifiers().contains(Modifier.STATIC)
            || cls.getNestingKind() != NestingKind.MEMBER
            || cls.getKind() != ElementKind.CLASS
            || !(cls.getEnclosingElement() instanceof TypeElement outer)) {
          throw new UnsupportedCode(
              at, "cannot reach the instance of " + target.getSimpleName() + " from the @Async body:"
                  + " pass what it needs as a parameter");
        }
        Handle h = outerHandle(cls, outer);
        // Outer<T>.Inner<U>: the enclosing instance is an Outer<T>, not a raw Outer (whose
        // members would lose their type arguments).
        TypeMirror outerType =
            clsType instanceof DeclaredType d && d.getEnclosingType().getKind() == TypeKind.DECLARED
                ? d.getEnclosingType()
                : l.types.erasure(outer.asType());
        code =
            Code.builder().text("((").type(outerType).text(") ").name(h)
                .text(".get(").add(code).text("))").build();
        cls = outer;
        clsType = outerType;
      }
    }

    private void requireOwnMember(Tree at, Element member) {
      instance(at, member);
    }

    /**
     * {@code super} or {@code Outer.super} as the qualifier of a member of a superclass: the
     * superclass's name for a static member, {@code ((Super) self)} (or the enclosing instance
     * cast) for a field (fields are not overridden, so the cast picks the one {@code super.x}
     * names) and for a private method of a nest mate (not overridden either); {@code super.m(..)}
     * of other methods goes through a handle instead ({@link #invocation}).
     */
    private boolean superQualifier(TreePath p, SuperTarget sup, Code.Builder out) {
      Tree t = p.getLeaf();
      TreePath select = p.getParentPath();
      Element member = select.getLeaf() instanceof MemberSelectTree ? l.trees.getElement(select) : null;
      if (member == null || member.getKind() == ElementKind.CONSTRUCTOR) {
        throw new UnsupportedCode(t, "super is not supported here in @Async bodies");
      }
      TypeMirror superclass = l.types.erasure(sup.owner().getSuperclass());
      TypeElement unnameable = l.unnameable(superclass, 0);
      if (unnameable != null) {
        throw new UnsupportedCode(
            t, t + "." + ((MemberSelectTree) select.getLeaf()).getIdentifier() + " names the"
                + " superclass " + unnameable.getSimpleName() + ", which the generated class cannot"
                + " name: call a helper method of " + sup.owner().getSimpleName() + " instead");
      }
      if (member.getModifiers().contains(Modifier.STATIC)) {
        out.type(superclass);
      } else {
        out.text("((").type(superclass).text(") ").add(sup.receiver()).text(")");
      }
      return true;
    }

    /**
     * Where {@code super} or {@code X.super} at {@code p} leads, outside class bodies of the body:
     * for {@code super} and a class's {@code X.super}, that class's superclass with the instance
     * of that class ({@code self}, or an enclosing instance); for an interface's {@code I.super},
     * the interface with {@code self} (JLS 15.12.1: a direct superinterface of the method's class).
     */
    private SuperTarget superTarget(TreePath p) {
      TypeElement cls = l.method.owner();
      Code receiver = Code.text(l.names.self());
      if (p.getLeaf() instanceof MemberSelectTree s
          && l.trees.getElement(new TreePath(p, s.getExpression())) instanceof TypeElement x) {
        if (x.getKind().isInterface()) {
          return new SuperTarget(cls, x, receiver);
        }
        receiver = outerInstance(s, x);
        cls = x;
      }
      return new SuperTarget(cls, (TypeElement) l.types.asElement(cls.getSuperclass()), receiver);
    }

    /** The target of {@code super.m(..)} or {@code X.super.m(..)} at {@code p}, or {@code null}. */
    private SuperTarget superCall(TreePath p, MethodInvocationTree t) {
      if (!classes.isEmpty() || !(t.getMethodSelect() instanceof MemberSelectTree s)) {
        return null;
      }
      ExpressionTree q = s.getExpression();
      return isSuper(q) ? superTarget(new TreePath(new TreePath(p, s), q)) : null;
    }

    /**
     * Whether {@code select} is {@code super.m} or {@code super.x} inside a lambda's or class's
     * body within a class body of the method: the member of that class's superclass, which the
     * class, copied with its {@code extends}, reaches as written (F113). A handle would have
     * {@code super} for its receiver, which is no expression.
     */
    private boolean classBodySuper(Tree select) {
      return !classes.isEmpty()
          && select instanceof MemberSelectTree s
          && s.getExpression() instanceof IdentifierTree id
          && id.getName().contentEquals("super");
    }

    private boolean memberSelect(TreePath p, MemberSelectTree t, Code.Builder out) {
      String id = t.getIdentifier().toString();
      TreePath exprPath = new TreePath(p, t.getExpression());
      if (id.equals("this")) {
        // Outer.this of the user's classes, also inside a class body of the body (F56).
        Element e = l.trees.getElement(exprPath);
        if (e instanceof TypeElement te && (classes.isEmpty() || !isLocalType(te))) {
          out.add(outerInstance(t, e));
          return true;
        }
        return false;
      }
      TypeMirror selected = id.equals("class") ? l.trees.getTypeMirror(exprPath) : null;
      if (selected != null && PrivateTypes.of(selected) != null && !(selected instanceof ArrayType)) {
        // Item.class: the class the generated class found by name
        out.text("((").type(l.trees.getTypeMirror(p)).text(") (Class) ").add(classObject(selected)).text(")");
        return true;
      }
      if (id.equals("super")) {
        if (!classes.isEmpty()) {
          if (l.trees.getElement(exprPath) instanceof TypeElement te && isLocalType(te)) {
            return false; // L.super in the body of the local class L: copied as it is
          }
          throw new UnsupportedCode(t, "super is not supported here in @Async bodies");
        }
        SuperTarget sup = superTarget(p);
        if (sup.superType().getKind().isInterface()) {
          throw new UnsupportedCode(t, t + " is only supported as the receiver of a method call");
        }
        return superQualifier(p, sup, out);
      }
      Element e = l.trees.getElement(p);
      if (e != null && l.facts.isTypeName(exprPath)) { // Owner.NAME; this.name is no constant
        Code constant = constantOf(e, false);
        if (constant != null) {
          out.add(constant);
          return true;
        }
      }
      if (e != null && privateEnumLabel(p, e, out)) {
        return true;
      }
      if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)
          && viaHandle(e) && !classBodySuper(t)) {
        out.add(readField(e, l.facts.isTypeName(exprPath) ? null : exprPath, p));
        return true;
      }
      if (e instanceof TypeElement te && !isLocalType(te)) {
        if (PrivateTypes.isPrivate(te)) {
          return privateTypeName(p, te, out);
        }
        requireNameable(t, te);
      }
      return false;
    }

    /**
     * The value of the constant variable {@code e} (JLS 4.12.4) as a parenthesized literal, where
     * the name as the generated code would write it is no constant expression any more (JLS
     * 15.29): a local of the body (it may become a field of the machine), a field read through a
     * handle, an instance field named bare (written {@code self.x}); {@code null} otherwise, and
     * for names that stay constants as they are ({@code Owner.NAME}, locals of statements copied
     * whole). Java's typing depends on constant-ness: {@code byte b = K;} with {@code final int K =
     * 10}, {@code case K:}, {@code cond ? 'a' : K} (a {@code char}), {@code "a" + K == "a10"}.
     * javac inlines constant variables too, so their reads run nothing.
     */
    private Code constantOf(Element e, boolean bare) {
      if (!(e instanceof VariableElement v) || v.getConstantValue() == null) {
        return null;
      }
      boolean replace =
          switch (e.getKind()) {
            case LOCAL_VARIABLE -> l.varsByElement.containsKey(e);
            case FIELD ->
                !declaredLocally(e)
                    && (viaHandle(e) || (bare && !e.getModifiers().contains(Modifier.STATIC)));
            default -> false;
          };
      if (!replace) {
        return null;
      }
      String text = l.env.getElementUtils().getConstantExpression(v.getConstantValue());
      // -1, (byte)0x0a, 0.0/0.0 ("x-K" must not become "x--1")
      boolean literal = !text.startsWith("-") && !text.startsWith("(") && !text.contains("/");
      return Code.of("$L", literal ? text : "(" + text + ")");
    }

    /**
     * Whether the generated class (a top-level class in the package of the method's class) cannot
     * use {@code e} directly, so goes through a handle looked up in a class that can: private
     * members, protected members inherited from a class in another package (the user's class
     * has a subclass's access to them; the generated class has none), and members whose
     * signature names a private nested type: the generated class keeps values of that type as
     * {@code Object} and writes {@code List<Item>} as {@code List<Object>}, which a parameter or
     * field of the real type does not accept, while a handle's types are erased.
     */
    boolean viaHandle(Element e) {
      if (declaredLocally(e)) {
        return false;
      }
      return e.getModifiers().contains(Modifier.PRIVATE) || protectedElsewhere(e)
          || (e.getEnclosingElement() instanceof TypeElement owner && PrivateTypes.isPrivate(owner))
          || PrivateTypes.inSignature(l.types, e);
    }

    /**
     * A method reference the generated class cannot write as it is: to a private (or another
     * package's protected) method, which it reaches through a handle; to an {@code @Async}
     * method, whose factory the body calls instead (as a call of it in the body does); through
     * {@code super}; or to a private constructor. It becomes a lambda cast to the reference's
     * functional interface, {@code ((F) (a, b) -> call(receiver, a, b))}; a bound receiver other
     * than {@code this} or {@code super} is evaluated once, where the reference is, and must not
     * be null (JLS 15.13.3). A varargs method's handle gets the trailing arguments in the array
     * javac would create where the reference uses variable arity ({@link ReferenceArity}).
     */
    /**
     * Refuses a lambda or method reference whose functional interface is a private nested type:
     * the generated class writes that type as {@code Object}, which is no functional interface,
     * and no other type it can write gives the lambda that class (F144).
     */
    private void requireNameableFunction(TreePath p) {
      TypeMirror type = l.trees.getTypeMirror(p);
      TypeElement te = type == null || type.getKind() != TypeKind.DECLARED ? null : PrivateTypes.of(type);
      if (te != null) {
        throw new UnsupportedCode(
            p.getLeaf(), "the generated class cannot name the private functional interface "
                + te.getSimpleName() + " of this " + (p.getLeaf() instanceof MemberReferenceTree
                    ? "method reference" : "lambda")
                + ": make " + te.getSimpleName() + " package-private");
      }
    }

    private boolean memberReference(TreePath p, MemberReferenceTree t, Code.Builder out) {
      if (!classes.isEmpty() && isSuper(t.getQualifierExpression())) {
        return false; // in a class body of the body: that class's super, copied as written
      }
      if (!(l.trees.getElement(p) instanceof ExecutableElement m) || declaredLocally(m)) {
        return false;
      }
      if (t.getMode() == MemberReferenceTree.ReferenceMode.NEW) {
        if (m.getKind() != ElementKind.CONSTRUCTOR || !m.getModifiers().contains(Modifier.PRIVATE)) {
          return false;
        }
        requireOuterlessConstructor(t, m);
      } else if (m.getKind() != ElementKind.METHOD) {
        return false;
      }
      boolean constructor = m.getKind() == ElementKind.CONSTRUCTOR;
      TreePath q = new TreePath(p, t.getQualifierExpression());
      boolean superRef = isSuper(q.getLeaf());
      boolean isAsync = isAsync(m);
      if (!constructor && !superRef && !isAsync && !viaHandle(m)) {
        return false;
      }
      TypeMirror target = l.trees.getTypeMirror(p);
      ExecutableType fn = functionType(target);
      if (fn == null) {
        throw new UnsupportedCode(
            t, "the generated class cannot write the method reference " + t + " as it is: write a"
                + " lambda calling " + referenced(m) + " instead");
      }
      boolean isStatic = constructor || m.getModifiers().contains(Modifier.STATIC);
      boolean unbound = !isStatic && !superRef && l.facts.isTypeName(q);
      List<String> params = new ArrayList<>();
      for (int i = 0; i < fn.getParameterTypes().size(); i++) {
        params.add(l.lambdaParameter(i));
      }
      Code recv = null;
      String bound = null;
      SuperTarget sup = superRef ? superTarget(q) : null;
      if (unbound) {
        recv = Code.text(params.get(0));
      } else if (sup != null) {
        recv = sup.receiver();
      } else if (!isStatic && isThis(q.getLeaf())) {
        Code.Builder b = Code.builder();
        emit(q, b);
        recv = b.build();
      } else if (!isStatic) {
        bound = l.lambdaParameter(-1);
        recv = Code.text(bound);
      }
      List<Code> args = new ArrayList<>();
      for (String a : params.subList(unbound ? 1 : 0, params.size())) {
        args.add(Code.text(a));
      }
      Code body;
      if (isAsync) {
        // the factory is varargs too: javac resolves its call as it resolved the reference
        body = factoryCall(m, sup != null, recv, args);
      } else {
        Handle h = constructor ? handle(t, m) : methodHandle(t, m, sup);
        TypeMirror component =
            new ReferenceArity(l).packedComponent(
                t, m, q, sup == null ? null : sup.owner(), sup == null ? null : sup.superType(), fn, unbound);
        List<Code> typed = new ArrayList<>();
        int fixed = component == null ? args.size() : m.getParameters().size() - 1;
        args.subList(0, fixed).forEach(a -> typed.add(Code.builder().text("(").add(a).text(")").build()));
        if (component != null) {
          Code.Builder array = Code.builder().text("new ").type(component).text("[] {");
          for (int i = fixed; i < args.size(); i++) {
            array.text(i == fixed ? "" : ", ").add(args.get(i));
          }
          typed.add(array.text("}").build());
        }
        body = handleCall(h, recv, typed, true);
        if (fn.getReturnType().getKind() != TypeKind.VOID) {
          body = Code.builder().text("(").type(castType(fn.getReturnType())).text(") ").add(body).build();
        }
      }
      TypeMirror fi = l.denotable(target);
      boolean generic = !fn.getTypeVariables().isEmpty();
      Code implementation =
          generic
              ? new GenericFunction(l).implementation(t, fi, functionMethod(target), fn, params, body)
              : Code.builder().text("(" + String.join(", ", params) + ") -> ").add(body).build();
      if (bound == null) {
        out.add(generic ? implementation : Code.builder().text("((").type(fi).text(") ").add(implementation).text(")").build());
        return true;
      }
      TypeElement function = l.env.getElementUtils().getTypeElement("java.util.function.Function");
      TypeMirror binder =
          l.types.getDeclaredType(function, l.denotable(l.boxed(l.typeOf(q))), fi);
      Code.Builder receiver = Code.builder();
      emit(q, receiver);
      out.text("((").type(binder).text(") " + bound + " -> ").add(implementation).text(").apply(")
          .type(l.env.getElementUtils().getTypeElement("java.util.Objects"))
          .text(".requireNonNull(").add(receiver.build()).text("))");
      return true;
    }

    /** {@code m}'s name for a message, its class's for a constructor. */
    private String referenced(ExecutableElement m) {
      return m.getKind() == ElementKind.CONSTRUCTOR
          ? "the constructor of " + m.getEnclosingElement().getSimpleName()
          : m.getSimpleName().toString();
    }

    /**
     * Refuses a reference to the private constructor of an inner class, whose handle would take
     * the enclosing instance too (as {@code new Inner(..)} is refused).
     */
    private void requireOuterlessConstructor(Tree at, ExecutableElement ctor) {
      TypeElement c = (TypeElement) ctor.getEnclosingElement();
      if (c.getNestingKind() == NestingKind.MEMBER
          && !c.getModifiers().contains(Modifier.STATIC)
          && c.getKind() == ElementKind.CLASS) {
        throw new UnsupportedCode(
            at, "the private constructor of the inner class " + c.getSimpleName()
                + " cannot be called from the generated class: make the constructor of "
                + c.getSimpleName() + " package-private");
      }
    }

    /** The type a lambda's value is cast to for a function type's result {@code r}. */
    private TypeMirror castType(TypeMirror r) {
      if (r instanceof javax.lang.model.type.WildcardType w) {
        return w.getExtendsBound() != null ? l.denotable(w.getExtendsBound()) : l.objectType();
      }
      return l.denotable(r);
    }

    /**
     * The function type of the functional interface {@code target} (JLS 9.9): its one abstract
     * method that is not a public method of {@code Object}, as a member of {@code target}.
     */
    private ExecutableType functionType(TypeMirror target) {
      ExecutableElement e = functionMethod(target);
      return e == null ? null : (ExecutableType) l.types.asMemberOf((DeclaredType) target, e);
    }

    /** The one abstract method of the functional interface {@code target}, or {@code null}. */
    private ExecutableElement functionMethod(TypeMirror target) {
      if (!(target instanceof DeclaredType d)
          || !(d.asElement() instanceof TypeElement fi)
          || fi.getKind() != ElementKind.INTERFACE) {
        return null;
      }
      for (ExecutableElement e : ElementFilter.methodsIn(l.env.getElementUtils().getAllMembers(fi))) {
        if (e.getModifiers().contains(Modifier.ABSTRACT) && !isObjectMethod(e)) {
          return e;
        }
      }
      return null;
    }

    private boolean isObjectMethod(ExecutableElement e) {
      String n = e.getSimpleName().toString();
      int arity = e.getParameters().size();
      return (n.equals("equals") && arity == 1
              && l.types.isSameType(e.getParameters().get(0).asType(), l.objectType()))
          || (n.equals("hashCode") && arity == 0)
          || (n.equals("toString") && arity == 0);
    }

    /** {@code super} or {@code X.super}. */
    private boolean isSuper(Tree t) {
      return (t instanceof IdentifierTree id && id.getName().contentEquals("super"))
          || (t instanceof MemberSelectTree s && s.getIdentifier().contentEquals("super"));
    }

    /** {@code this} or {@code X.this}: an instance no code of the body can change. */
    private boolean isThis(Tree t) {
      return (t instanceof IdentifierTree id && id.getName().contentEquals("this"))
          || (t instanceof MemberSelectTree s && s.getIdentifier().contentEquals("this"));
    }

    /** Refuses a type the generated class cannot name. */
    private void requireNameable(Tree at, TypeElement te) {
      if (te.getModifiers().contains(Modifier.PRIVATE)) {
        throw new UnsupportedCode(
            at, "the generated class cannot name the private type " + te.getSimpleName()
                + ": make it package-private");
      }
      if (protectedElsewhere(te)) {
        throw new UnsupportedCode(
            at, "the generated class cannot name the protected type " + te.getSimpleName()
                + " of another package: make it public");
      }
    }

    /** {@code ((T) FIELD.get(receiver))} for a private field. */
    private Code readField(Element field, TreePath receiver, TreePath use) {
      Handle h = handle(use.getLeaf(), field);
      Code.Builder b = Code.builder().text("((").type(h.erasedType()).text(") ");
      b.name(h).text(".get(");
      if (!field.getModifiers().contains(Modifier.STATIC)) {
        b.add(receiverCode(receiver, use.getLeaf(), field));
      }
      b.text("))");
      return castTo(b.build(), h.erasedType(), use);
    }

    private Code receiverCode(TreePath receiver, Tree at, Element member) {
      if (receiver == null) {
        return instance(at, member);
      }
      Code.Builder r = Code.builder();
      emit(receiver, r);
      return r.build();
    }

    /**
     * Whether evaluating {@code p} twice gives the same value and does nothing else: a variable,
     * {@code this}, a field of such, or what the lowering kept in a temporary already.
     */
    private boolean repeatable(TreePath p) {
      Tree t = p.getLeaf();
      if (overrides.containsKey(t) || t instanceof IdentifierTree || isThis(t)) {
        return true;
      }
      if (t instanceof ParenthesizedTree par) {
        return repeatable(new TreePath(p, par.getExpression()));
      }
      return t instanceof MemberSelectTree s
          && l.trees.getElement(p) instanceof VariableElement
          && (l.facts.isTypeName(new TreePath(p, s.getExpression()))
              || repeatable(new TreePath(p, s.getExpression())));
    }

    private Code castTo(Code erased, TypeMirror erasedType, TreePath use) {
      TypeMirror exact = l.trees.getTypeMirror(use);
      if (exact == null || l.types.isSameType(exact, erasedType)
          || exact.getKind() == TypeKind.VOID || PrivateTypes.of(exact) != null) {
        return erased;
      }
      return Code.builder().text("((").type(l.denotable(exact)).text(") ").add(erased).text(")").build();
    }

    /**
     * {@code g = s -> ..;} to a variable whose type names a local class or interface: its field
     * is an {@code Object} (local types are declared inside {@code step}), which gives a lambda,
     * method reference or conditional of them no target type; a cast to the variable's type does.
     */
    private boolean localTypedAssignment(TreePath p, AssignmentTree a, Code.Builder out) {
      if (!(a.getVariable() instanceof IdentifierTree)) {
        return false;
      }
      Var v = l.varsByElement.get(l.trees.getElement(new TreePath(p, a.getVariable())));
      if (v == null || !LocalTypes.mentionsLocal(v.type())
          || !LocalTypes.needsTarget(a.getExpression())) {
        return false;
      }
      emit(new TreePath(p, a.getVariable()), out);
      // A cast would not reach the arms of a conditional; an argument of a call whose parameter
      // type is given does, as it does a switch expression's arms and a diamond.
      out.text(" = ").type(l.env.getElementUtils().getTypeElement("java.util.function.Function"))
          .text(".<").type(v.type()).text(">identity().apply(");
      emit(new TreePath(p, a.getExpression()), out);
      out.text(")");
      return true;
    }

    private boolean privateAssignment(
        TreePath p, ExpressionTree target, Tree.Kind op, Code.Builder out) {
      TreePath tp = new TreePath(p, target);
      Element e = l.trees.getElement(tp);
      if (e == null || e.getKind() != ElementKind.FIELD || !viaHandle(e) || classBodySuper(target)) {
        return false;
      }
      boolean statement =
          p.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT || voidLambdaBody(p);
      TreePath receiver =
          target instanceof MemberSelectTree s && !l.facts.isTypeName(new TreePath(tp, s.getExpression()))
              ? new TreePath(tp, s.getExpression())
              : null;
      Handle h = handle(p.getLeaf(), e);
      boolean isStatic = e.getModifiers().contains(Modifier.STATIC);
      if (op != null && !isStatic && receiver != null && !repeatable(receiver)) {
        // the handle reads the field and stores it with two calls, each given the receiver
        throw new UnsupportedCode(
            p.getLeaf(), "the receiver of this update of the private field " + e.getSimpleName()
                + " would be evaluated twice in the generated code: keep it in a local variable"
                + " first, or make the field package-private");
      }
      Code recv = isStatic ? null : receiverCode(receiver, p.getLeaf(), e);
      Code.Builder value = Code.builder();
      if (op == null) {
        // a lambda, method reference or target-typed call gets the field's own type before the
        // handle's raw one, which would type it otherwise (F141)
        TreePath assigned = new TreePath(p, ((AssignmentTree) p.getLeaf()).getExpression());
        Code.Builder rhs = Code.builder();
        emit(assigned, rhs);
        value.add(targetTyped(assigned, rhs.build()));
      } else {
        value.text("((").type(h.erasedType()).text(") ").name(h).text(".get(");
        if (recv != null) {
          value.add(recv);
        }
        value.text(")) ");
        switch (op) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT -> value.text("+ 1");
          case PREFIX_DECREMENT, POSTFIX_DECREMENT -> value.text("- 1");
          default -> {
            Code.Builder rhs = Code.builder();
            emit(new TreePath(p, ((CompoundAssignmentTree) p.getLeaf()).getExpression()), rhs);
            value.text(compoundOperator(op) + " (").add(rhs.build()).text(")");
          }
        }
      }
      boolean primitiveValue =
          op != null
              || l.typeOf(new TreePath(p, ((AssignmentTree) p.getLeaf()).getExpression()))
                  .getKind()
                  .isPrimitive();
      Code stored = storeCast(h, primitiveValue, value.build());
      if (statement) {
        out.name(h).text(".set(");
        if (recv != null) {
          out.add(recv).text(", ");
        }
        out.add(stored).text(")");
        return true;
      }
      boolean postfix = op == Tree.Kind.POSTFIX_INCREMENT || op == Tree.Kind.POSTFIX_DECREMENT;
      out.add(storedValue(h, recv, stored, postfix, p));
      return true;
    }

    /**
     * A store into the field of {@code h} whose value is used at {@code use}: the variable's
     * value after the store ({@code assignX(recv, v)}, a helper of the machine), or before it
     * for {@code x++} and {@code x--} (JLS 15.14.2), which {@code getAndSet} returns.
     */
    Code storedValue(Handle h, Code recv, Code stored, boolean postfix, TreePath use) {
      Code.Builder store = Code.builder().text("((").type(h.erasedType()).text(") ");
      if (postfix) {
        store.name(h).text(".getAndSet(");
      } else {
        store.name(new FieldAssign(h)).text("(");
      }
      if (recv != null) {
        store.add(recv).text(", ");
      }
      store.add(stored).text("))");
      return castTo(store.build(), h.erasedType(), use);
    }

    private boolean invocation(TreePath p, MethodInvocationTree t, Code.Builder out) {
      Element el = l.trees.getElement(p);
      if (!(el instanceof ExecutableElement m) || declaredLocally(m)
          || classBodySuper(t.getMethodSelect())) {
        return false;
      }
      boolean isAsync = isAsync(m);
      boolean isPrivate = viaHandle(m);
      SuperTarget sup =
          m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)
              ? null
              : superCall(p, t);
      boolean viaSuper = sup != null;
      if (!isAsync && !isPrivate && !viaSuper) {
        return false;
      }
      boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
      TreePath receiver = null;
      if (t.getMethodSelect() instanceof MemberSelectTree s) {
        TreePath rp = new TreePath(new TreePath(p, s), s.getExpression());
        if (!l.facts.isTypeName(rp)) {
          receiver = rp;
        }
      }
      List<Code> args = new ArrayList<>();
      Code recv = isStatic ? null : viaSuper ? sup.receiver() : receiverCode(receiver, t, m);
      for (ExpressionTree a : t.getArguments()) {
        Code.Builder b = Code.builder();
        emit(new TreePath(p, a), b);
        args.add(b.build());
      }
      if (isAsync) {
        out.add(factoryCall(m, viaSuper, recv, args));
        return true;
      }
      Handle h = methodHandle(t, m, sup);
      // A cast is no statement: a call whose value is dropped goes through the helper (F50).
      boolean statement = (p.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT
              || voidLambdaBody(p))
          && h.erasedType().getKind() != TypeKind.VOID;
      List<Code> typedArgs = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        typedArgs.add(targetTyped(new TreePath(p, t.getArguments().get(i)), args.get(i)));
      }
      TypeMirror type = l.trees.getTypeMirror(new TreePath(p, t.getMethodSelect()));
      // the parameter types as the call instantiated them (T... gives the inferred T[])
      ExecutableType called = type instanceof ExecutableType et ? et : (ExecutableType) m.asType();
      List<? extends TypeMirror> parameters = called.getParameterTypes();
      typedArgs = variableArity(m, parameters, p, t.getArguments(), typedArgs);
      Code call = handleCall(h, recv, typedArgs, opaque() || statement);
      if (h.erasedType().getKind() == TypeKind.VOID || statement) {
        out.add(call);
      } else {
        out.add(
            castTo(
                Code.builder().text("((").type(h.erasedType()).text(") ").add(call).text(")").build(),
                h.erasedType(),
                p));
      }
      return true;
    }

    /**
     * The arguments of a call of {@code m} as its handle takes them: for a varargs method called
     * in variable-arity form (JLS 15.12.4.2: more or fewer arguments than parameters, or a last
     * argument that is no array of the parameter's type), the trailing arguments in an array
     * {@code new C[] {a, b}} of the erased component type of the parameter as the call
     * instantiated it, which javac would have created.
     */
    private List<Code> variableArity(
        ExecutableElement m, List<? extends TypeMirror> parameters, TreePath call,
        List<? extends ExpressionTree> argTrees, List<Code> args) {
      int n = m.getParameters().size();
      if (!m.isVarArgs() || parameters.size() != n) {
        return args;
      }
      TypeMirror last = parameters.get(n - 1);
      if (args.size() == n
          // erased: a constructor's parameters come uninstantiated (Function<T, String>[] of the
          // class's T, against the caller's), and the source compiled, so only arrays matter
          && l.types.isAssignable(
              l.types.erasure(l.typeOf(new TreePath(call, argTrees.get(n - 1)))), l.types.erasure(last))) {
        return args;
      }
      List<Code> packed = new ArrayList<>(args.subList(0, n - 1));
      if (PrivateTypes.of(last) != null) {
        packed.add(privateArrayOf((ArrayType) last, args.subList(n - 1, args.size())));
        return packed;
      }
      Code.Builder array =
          Code.builder().text("new ").type(l.types.erasure(((ArrayType) last).getComponentType())).text("[] {");
      for (int i = n - 1; i < args.size(); i++) {
        array.text(i == n - 1 ? "" : ", ").add(args.get(i));
      }
      packed.add(array.text("}").build());
      return packed;
    }

    /** Whether {@code m} is an {@code @Async} method. */
    private boolean isAsync(ExecutableElement m) {
      return m.getAnnotationMirrors().stream()
          .anyMatch(
              a -> ((TypeElement) a.getAnnotationType().asElement())
                  .getQualifiedName()
                  .contentEquals("dev.machina.Async"));
    }

    /**
     * The call of the {@code @Async} method {@code m}'s factory: its machine, as the body's calls
     * of {@code @Async} methods are; {@code super.m(..)} of an overridable method runs {@code
     * m}'s own machine through its {@code m$super} entry, as the factory would dispatch to the
     * override again.
     */
    private Code factoryCall(ExecutableElement m, boolean viaSuper, Code recv, List<Code> args) {
      TypeElement owner = (TypeElement) m.getEnclosingElement();
      String pkg = l.env.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
      String factory =
          viaSuper && AsyncMethod.overridable(m) ? AsyncMethod.superEntryName(m) : m.getSimpleName().toString();
      Code.Builder out = Code.builder();
      out.type(new GeneratedType(pkg, MethodParser.generatedName(owner))).text("." + factory + "(");
      boolean first = true;
      if (recv != null) {
        out.add(recv);
        first = false;
      }
      for (Code a : args) {
        if (!first) {
          out.text(", ");
        }
        out.add(a);
        first = false;
      }
      return out.text(")").build();
    }

    /**
     * The handle a call of the private (or another package's protected) method {@code m}, or a
     * super call of it ({@code sup} not {@code null}), goes through; refused for varargs methods.
     */
    private Handle methodHandle(Tree at, ExecutableElement m, SuperTarget sup) {
      return sup != null ? superHandle(at, m, sup) : handle(at, m);
    }

    /**
     * {@code HANDLE.invokeExact((Owner) recv, (P1) a1, ..)}, or through the machine's helper that
     * rethrows ({@code viaHelper}: in a lambda or class body, or where a cast is no statement);
     * {@code args} are parenthesized already.
     */
    private Code handleCall(Handle h, Code recv, List<Code> args, boolean viaHelper) {
      Code.Builder call = Code.builder();
      if (viaHelper) {
        call.name(new HandleCall(h)).text("(");
      } else {
        call.name(h).text(".invokeExact(");
      }
      boolean first = true;
      if (recv != null) {
        call.text("(").type(l.types.erasure(h.owner().asType())).text(") ").add(recv);
        first = false;
      }
      for (int i = 0; i < args.size(); i++) {
        if (!first) {
          call.text(", ");
        }
        first = false;
        call.text("(").type((TypeMirror) h.erasedParameters().get(i)).text(") ").add(args.get(i));
      }
      return call.text(")").build();
    }

    /**
     * {@code (arg)}, or {@code ((Target) (arg))} for a lambda or method reference: a handle's
     * erased (raw) parameter type would type {@code x -> x.m()} as taking an {@code Object}, so
     * it gets the type javac gave it first (F59); a generic call inferred from the parameter's
     * type gets it as an invocation context, which a cast is not (F65).
     */
    private Code targetTyped(TreePath arg, Code code) {
      if (!l.facts.targetTyped(arg)) {
        return Code.builder().text("(").add(code).text(")").build();
      }
      TypeMirror target = l.trees.getTypeMirror(arg);
      if (target == null || target.getKind() != TypeKind.DECLARED) {
        return Code.builder().text("(").add(code).text(")").build();
      }
      Tree leaf = arg.getLeaf();
      while (leaf instanceof ParenthesizedTree p) {
        leaf = p.getExpression();
      }
      if (!BodyFacts.functional(leaf) || leaf instanceof ConditionalExpressionTree) {
        // a conditional of lambdas is a poly expression in an invocation context, not in a cast's
        // (h2's SingleFileStore.open(.., key == null ? null : fileChannel -> ..), F155)
        return Code.builder().text("(").add(l.withTarget(l.denotable(target), code)).text(")").build();
      }
      return Code.builder().text("((").type(l.denotable(target)).text(") (").add(code).text("))").build();
    }

    private boolean newClass(TreePath p, NewClassTree t, Code.Builder out) {
      if (l.trees.getElement(p) instanceof ExecutableElement ctor
          && ctor.getKind() == ElementKind.CONSTRUCTOR
          && viaHandle(ctor)
          && !protectedElsewhere(ctor)) {
        privateConstructor(p, t, ctor, out);
        return true;
      }
      if (t.getClassBody() != null) {
        requireAccessibleSuperConstructor(p, t);
      }
      if (t.getEnclosingExpression() != null) {
        qualifiedNew(p, t, out);
        return true;
      }
      Element c = l.trees.getElement(new TreePath(p, t.getIdentifier()));
      if (!(c instanceof TypeElement te)
          || te.getNestingKind() != NestingKind.MEMBER
          || te.getModifiers().contains(Modifier.STATIC)
          || te.getKind() != ElementKind.CLASS) {
        return false;
      }
      // in a class body of the body, the enclosing instance is that class's own where it declares
      // or inherits the inner class, else the user's (F147), as for an unqualified method
      if (declaredLocally(te)) {
        return false;
      }
      Element enclosing = te.getEnclosingElement();
      if (enclosing.getKind().isInterface()) {
        return false;
      }
      out.add(instance(t, te)).text(".new " + te.getSimpleName());
      argumentsAndBody(p, t, out);
      return true;
    }

    /**
     * Whether {@code p} is the expression body of a lambda whose function type returns
     * {@code void} ({@code l.forEach(e -> interpret(e))}): its value is dropped, so it must stay
     * a statement expression, which a cast is not (F87, the lambda form of F50).
     */
    private boolean voidLambdaBody(TreePath p) {
      TreePath parent = p.getParentPath();
      if (!(parent.getLeaf() instanceof LambdaExpressionTree lambda) || lambda.getBody() != p.getLeaf()) {
        return false;
      }
      ExecutableType fn = functionType(l.trees.getTypeMirror(parent));
      return fn != null && fn.getReturnType().getKind() == TypeKind.VOID;
    }

    /**
     * {@code new C(args)} with a private constructor of {@code C} (a nestmate of the user's
     * class, which the generated class is not): {@code ((C) C_NEW.invokeExact((P) (arg), ..))}
     * through a handle from {@code findConstructor}.
     */
    private void privateConstructor(TreePath p, NewClassTree t, ExecutableElement ctor, Code.Builder out) {
      TypeElement c = (TypeElement) ctor.getEnclosingElement();
      String fix = PrivateTypes.isPrivate(c)
          ? ": make " + c.getSimpleName() + " static"
          : ": make the constructor of " + c.getSimpleName() + " package-private";
      if (c.getNestingKind() == NestingKind.MEMBER
          && !c.getModifiers().contains(Modifier.STATIC)
          && c.getKind() == ElementKind.CLASS) {
        if (!PrivateTypes.isPrivate(c) && !ctor.getModifiers().contains(Modifier.PRIVATE)) {
          throw new UnsupportedCode(
              t, "the constructor of the inner class " + c.getSimpleName() + " takes a private"
                  + " nested type, so the generated class would call it through a handle, which"
                  + " cannot create an inner instance: make that type package-private, or "
                  + c.getSimpleName() + " static");
        }
        throw new UnsupportedCode(
            t, (PrivateTypes.isPrivate(c)
                    ? "the constructor of the private inner class "
                    : "the private constructor of the inner class ")
                + c.getSimpleName() + " cannot be called from the generated class" + fix);
      }
      Handle h = handle(t, ctor);
      Code.Builder call = Code.builder();
      // A cast is no statement: new C(..); calls the helper that returns the new instance.
      boolean statement = p.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT
          || voidLambdaBody(p);
      if (opaque() || statement) {
        call.name(new HandleCall(h)).text("(");
      } else {
        call.name(h).text(".invokeExact(");
      }
      List<? extends ExpressionTree> argTrees = t.getArguments();
      List<Code> args = new ArrayList<>();
      for (ExpressionTree a : argTrees) {
        Code.Builder arg = Code.builder();
        emit(new TreePath(p, a), arg);
        args.add(targetTyped(new TreePath(p, a), arg.build()));
      }
      args = variableArity(ctor, ((ExecutableType) ctor.asType()).getParameterTypes(), p, argTrees, args);
      for (int i = 0; i < args.size(); i++) {
        call.text(i == 0 ? "" : ", ").text("(").type((TypeMirror) h.erasedParameters().get(i)).text(") ")
            .add(args.get(i));
      }
      call.text(")");
      if (statement) {
        out.add(call.build());
        return;
      }
      out.add(
          castTo(
              Code.builder().text("((").type(h.erasedType()).text(") ").add(call.build()).text(")").build(),
              h.erasedType(),
              p));
    }

    /**
     * Refuses an anonymous class whose superclass constructor, as the arguments select it, is
     * private: the class body is declared in the generated class, which is no nestmate.
     */
    private void requireAccessibleSuperConstructor(TreePath p, NewClassTree t) {
      Element anonymous = l.trees.getElement(new TreePath(p, t.getClassBody()));
      if (anonymous instanceof TypeElement a) {
        for (TypeMirror i : a.getInterfaces()) {
          if (l.types.asElement(i) instanceof TypeElement te && PrivateTypes.isPrivate(te)) {
            throw new UnsupportedCode(
                t, "the generated class cannot implement the private interface " + te.getSimpleName()
                    + ": make it package-private");
          }
        }
      }
      if (!(anonymous instanceof TypeElement a)
          || !(l.types.asElement(a.getSuperclass()) instanceof TypeElement sup)
          || isLocalType(sup)) {
        return;
      }
      if (PrivateTypes.isPrivate(sup)) {
        throw new UnsupportedCode(
            t, "the generated class cannot subclass the private class " + sup.getSimpleName()
                + ": make it package-private");
      }
      List<TypeMirror> argTypes = new ArrayList<>();
      for (ExpressionTree arg : t.getArguments()) {
        argTypes.add(l.typeOf(new TreePath(p, arg)));
      }
      for (Element e : sup.getEnclosedElements()) {
        boolean privateSignature = e.getKind() == ElementKind.CONSTRUCTOR && PrivateTypes.inSignature(l.types, e);
        if (e.getKind() != ElementKind.CONSTRUCTOR
            || !(e.getModifiers().contains(Modifier.PRIVATE) || privateSignature)) {
          continue;
        }
        List<? extends VariableElement> params = ((ExecutableElement) e).getParameters();
        boolean applicable = params.size() == argTypes.size() || ((ExecutableElement) e).isVarArgs();
        for (int i = 0; applicable && i < Math.min(params.size(), argTypes.size()); i++) {
          applicable =
              l.types.isAssignable(argTypes.get(i), l.types.erasure(params.get(i).asType()))
                  || ((ExecutableElement) e).isVarArgs() && i == params.size() - 1;
        }
        if (applicable && privateSignature) {
          // an anonymous class cannot be created through a handle, and the generated class keeps
          // the values such a constructor takes with Object for the private type
          throw new UnsupportedCode(
              t, "the generated class cannot extend " + sup.getSimpleName() + " through a"
                  + " constructor whose parameters name a private nested type: make that type"
                  + " package-private");
        }
        if (applicable) {
          throw new UnsupportedCode(
              t, "the generated class cannot extend " + sup.getSimpleName() + " through its private"
                  + " constructor: make the constructor package-private");
        }
      }
    }

    /** {@code (args) body} of a class instance creation, rewritten as anywhere else. */
    private void argumentsAndBody(TreePath p, NewClassTree t, Code.Builder out) {
      out.text("(");
      boolean first = true;
      for (ExpressionTree a : t.getArguments()) {
        out.text(first ? "" : ", ");
        first = false;
        emit(new TreePath(p, a), out);
      }
      out.text(")");
      if (t.getClassBody() != null) {
        out.text(" ");
        emit(new TreePath(p, t.getClassBody()), out);
      }
    }

    /**
     * {@code outer.new Inner<A>(args) body}: the class stays a simple name, as the syntax
     * requires (it is looked up in {@code outer}'s type), while its type arguments, the enclosing
     * expression, the arguments and the body are rewritten as anywhere else.
     */
    private void qualifiedNew(TreePath p, NewClassTree t, Code.Builder out) {
      emit(new TreePath(p, t.getEnclosingExpression()), out);
      out.text(".new ");
      Tree id = t.getIdentifier();
      if (id instanceof com.sun.source.tree.ParameterizedTypeTree pt) {
        out.text(simpleName(pt.getType()) + "<");
        boolean first = true;
        for (Tree arg : pt.getTypeArguments()) {
          out.text(first ? "" : ", ");
          first = false;
          emit(new TreePath(new TreePath(p, pt), arg), out);
        }
        out.text(">");
      } else {
        out.text(simpleName(id));
      }
      argumentsAndBody(p, t, out);
    }

    private static String simpleName(Tree type) {
      return type instanceof MemberSelectTree s
          ? s.getIdentifier().toString()
          : ((IdentifierTree) type).getName().toString();
    }

    /**
     * {@code x instanceof P} whose pattern {@code P} (a type pattern {@code T b} or a record
     * pattern {@code Point(int x, var y)}, nested at any depth) binds variables used outside this
     * tree: each such binding becomes a field assigned by the test, {@code (x instanceof T bMatch
     * && (b = bMatch) == bMatch)}; a primitive one is assigned by {@code ((b = bMatch) == bMatch
     * || true)}, which a {@code NaN} does not make false.
     */
    private boolean instanceOf(TreePath p, InstanceOfTree t, Code.Builder out) {
      Tree pattern = t.getPattern();
      if (pattern == null) {
        return false;
      }
      TreePath pp = new TreePath(p, pattern);
      Map<VariableElement, String> stored = new LinkedHashMap<>();
      Map<VariableElement, String> hiding = new LinkedHashMap<>();
      for (TreePath binding : bindings(pp)) {
        VariableElement ve = (VariableElement) l.trees.getElement(binding);
        if (ve == null || renames.containsKey(ve)) {
          continue; // renamed by the caller, which stores it (a guard's binding: CaseLabels)
        }
        if (l.facts.usedOutside(ve, root.getLeaf()) || l.varsByElement.containsKey(ve)) {
          stored.put(ve, l.fresh(ve.getSimpleName() + "Match"));
        } else if (l.isMemberName(ve.getSimpleName().toString())) {
          // Renamed for the rest of this printing: flow scoping may put it in scope of the
          // generated code after the statement (if (!(o instanceof String state)) return ..;).
          hiding.put(ve, l.fresh(ve.getSimpleName() + "Match"));
        }
      }
      renames.putAll(hiding);
      if (stored.isEmpty()) {
        return false;
      }
      out.text("(");
      emit(new TreePath(p, t.getExpression()), out);
      out.text(" instanceof ");
      renames.putAll(stored);
      emit(pp, out);
      stored.keySet().forEach(renames::remove);
      bindingLocals.putAll(stored);
      stored.forEach((ve, local) -> out.text(" && ").add(l.bindingStore(ve, local)));
      out.text(")");
      return true;
    }

    /** A binding variable of {@link #renames}, declared under its new name. */
    private boolean renamedBinding(
        TreePath p, com.sun.source.tree.VariableTree t, Code.Builder out) {
      Element e = l.trees.getElement(p);
      if (e == null || !renames.containsKey(e)) {
        return false;
      }
      Tree type = t.getType();
      String text = l.facts.source(t);
      if (type == null || start(type) < 0 || end(type) <= start(type)
          || text.startsWith("var ") || text.startsWith("var\t")) {
        out.text("var");
      } else {
        emit(new TreePath(p, type), out);
      }
      out.text(" " + renames.get(e));
      return true;
    }
  }

  /** The binding variables ({@code VariableTree}s) declared by the pattern at {@code pattern}. */
  static List<TreePath> bindings(TreePath pattern) {
    List<TreePath> out = new ArrayList<>();
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void unused) {
        out.add(new TreePath(getCurrentPath(), node.getVariable()));
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(
          com.sun.source.tree.LambdaExpressionTree node, Void unused) {
        return null;
      }
    }.scan(pattern, null);
    return out;
  }

  private static String compoundOperator(Tree.Kind op) {
    return switch (op) {
      case PLUS_ASSIGNMENT -> "+";
      case MINUS_ASSIGNMENT -> "-";
      case MULTIPLY_ASSIGNMENT -> "*";
      case DIVIDE_ASSIGNMENT -> "/";
      case REMAINDER_ASSIGNMENT -> "%";
      case LEFT_SHIFT_ASSIGNMENT -> "<<";
      case RIGHT_SHIFT_ASSIGNMENT -> ">>";
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
      case AND_ASSIGNMENT -> "&";
      case OR_ASSIGNMENT -> "|";
      case XOR_ASSIGNMENT -> "^";
      default -> throw new AssertionError(op);
    };
  }

  /** The handle reading the enclosing instance ({@code this$N}) of the inner class {@code inner}. */
  private Handle outerHandle(TypeElement inner, TypeElement outer) {
    return handles.computeIfAbsent(
        inner,
        m -> {
          // javac's Lower.outerThisName: N counts the enclosing *instances* of the outer class
          // (its enclosing types while it is inner), not the classes around it, so a static
          // nested Outer gives this$0 however deep it is nested.
          int depth = 0;
          for (TypeMirror t = ((DeclaredType) outer.asType()).getEnclosingType();
              t.getKind() == TypeKind.DECLARED;
              t = ((DeclaredType) t).getEnclosingType()) {
            depth++;
          }
          return new Handle(
              Names.constantName(inner.getSimpleName().toString()) + "_OUTER",
              inner,
              inner,
              l.types.erasure(outer.asType()),
              List.of(String.valueOf(depth)),
              null);
        });
  }

  /**
   * Whether {@code e} is protected and declared in another package than the method's class (so
   * in a superclass), which the generated class, not a subclass, cannot access.
   */
  private boolean protectedElsewhere(Element e) {
    if (!e.getModifiers().contains(Modifier.PROTECTED)) {
      return false;
    }
    var elements = l.env.getElementUtils();
    return !elements.getPackageOf(e).equals(elements.getPackageOf(l.method.owner()));
  }

  /**
   * The class a handle to {@code member} is looked up in: the declaring class for a private
   * member; for a protected member of another package, the innermost class enclosing the body
   * that inherits it (Java grants that class access; the handle's receiver is that class).
   */
  private TypeElement accessClass(Element member) {
    TypeElement declaring = (TypeElement) member.getEnclosingElement();
    if (!protectedElsewhere(member)) {
      return declaring;
    }
    TypeMirror target = l.types.erasure(declaring.asType());
    for (Element c = l.method.owner(); c instanceof TypeElement te; c = c.getEnclosingElement()) {
      if (l.types.isSubtype(l.types.erasure(te.asType()), target)) {
        return te;
      }
    }
    return declaring;
  }

  /**
   * The handle of {@code member}, refused at {@code at} where its type or a parameter's is a
   * type the generated class cannot name (a private nested type: gson's {@code RECORD_HELPER}
   * field of the private {@code RecordHelper}), which the handle's lookup and cast would name (F59).
   */
  private Handle superHandle(Tree at, ExecutableElement method, SuperTarget sup) {
    requireNameableSignature(at, method);
    if (sup.superType().getKind().isInterface()) {
      TypeElement unnameable = l.unnameable(l.types.erasure(sup.superType().asType()), 0);
      if (unnameable != null) {
        throw new UnsupportedCode(
            at, sup.superType().getSimpleName() + ".super." + method.getSimpleName() + "(..) names"
                + " the interface " + unnameable.getSimpleName() + ", which the generated class"
                + " cannot name: call a helper method of " + sup.owner().getSimpleName() + " instead");
      }
    }
    return superHandle(method, sup);
  }

  private Handle handle(Tree at, Element member) {
    requireNameableSignature(at, member);
    return handle(member);
  }

  /**
   * Refuses, at {@code at}, a handle to {@code member} whose signature names a protected type of
   * another package, which the generated class cannot write (a private nested type it writes as
   * {@code Object}).
   */
  private void requireNameableSignature(Tree at, Element member) {
    List<TypeMirror> used = new ArrayList<>();
    if (member instanceof ExecutableElement ex) {
      ex.getParameters().forEach(x -> used.add(x.asType()));
      used.add(member.getKind() == ElementKind.CONSTRUCTOR ? member.getEnclosingElement().asType() : ex.getReturnType());
    } else {
      used.add(member.asType());
    }
    for (TypeMirror t : used) {
      TypeElement te = l.unwritable(t);
      if (te != null) {
        throw new UnsupportedCode(
            at, "the generated class reaches "
                + (member.getKind() == ElementKind.CONSTRUCTOR
                    ? "the constructor of " + member.getEnclosingElement().getSimpleName()
                    : member.getSimpleName())
                + " through a handle whose type names the protected type of another package "
                + te.getSimpleName() + ", which it cannot name: make " + te.getSimpleName() + " public");
      }
    }
  }

  /**
   * The handle calling the instance method {@code method} as {@code super.method(..)} (or {@code
   * X.super.method(..)}) in the class {@code sup} names does: looked up with {@code findSpecial}
   * in that class, so the supertype's version runs whatever the receiver's class overrides.
   */
  private Handle superHandle(ExecutableElement method, SuperTarget sup) {
    return handles.computeIfAbsent(
        Handle.superCallKey(method, sup.owner(), sup.superType()),
        key -> {
          List<TypeMirror> params = new ArrayList<>();
          method.getParameters().forEach(pa -> params.add(l.types.erasure(pa.asType())));
          return new Handle(
              Names.constantName(method.getSimpleName().toString()) + "_SUPER",
              sup.owner(),
              method,
              l.types.erasure(method.getReturnType()),
              List.copyOf(params),
              sup.superType());
        });
  }

  /** The handle for a private (or another package's protected) member, created on first use. */
  private Handle handle(Element member) {
    return handles.computeIfAbsent(
        member,
        key -> {
          Element m = member;
          TypeElement owner = accessClass(m);
          boolean constructor = m.getKind() == ElementKind.CONSTRUCTOR;
          String base =
              constructor
                  ? Names.constantName(m.getEnclosingElement().getSimpleName().toString()) + "_NEW"
                  : Names.constantName(m.getSimpleName().toString())
                      + (m instanceof ExecutableElement ? "_METHOD" : "_FIELD");
          if (m instanceof ExecutableElement ex) {
            List<TypeMirror> params = new ArrayList<>();
            ex.getParameters().forEach(pa -> params.add(l.types.erasure(pa.asType())));
            TypeMirror result =
                constructor ? m.getEnclosingElement().asType() : ex.getReturnType();
            return new Handle(base, owner, m, l.types.erasure(result), List.copyOf(params), null);
          }
          return new Handle(base, owner, m, l.types.erasure(m.asType()), List.of(), null);
        });
  }

  /** {@code name} with its first letter in lower case: the base of a match's name ({@code itemMatch}). */
  static String lowerFirst(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
