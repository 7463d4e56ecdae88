package dev.machina.processor.lower;

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
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.machina.processor.UnsupportedCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Prints a tree without awaits as Java for the generated class: the user's source text, with
 * names substituted where the meaning would change in the machine (locals that became fields,
 * {@code this} that became {@code self}, members reached through {@code self.}, types through
 * imports of the generated file, private members through handles, {@code @Async} calls through
 * their factories) and jumps out of the tree turned into state transitions. Each printing is a
 * {@link Walk}, which hands names and members to its {@link MemberPrinter}, casts to its {@link
 * CastPrinter}, patterns and case labels to its {@link PatternPrinter}, and type names to its
 * {@link TypeNamePrinter}.
 */
final class Splicer {
  private final Lowerer l;
  private final SourcePositions positions;
  /** The handles the body uses. */
  final Handles handles;
  /** The interfaces the machine declares for hidden function types of primitives. */
  final FunctionShapes shapes;
  /**
   * Code the lowering wrote with its casts already ({@link #privateCasts}): printed as it is where
   * it stands for its expression (a temporary holding it gets the casts where it is read).
   */
  final Set<Code> castByLowering = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  Splicer(Lowerer lowerer) {
    this.l = lowerer;
    this.positions = lowerer.trees.getSourcePositions();
    this.handles = new Handles(lowerer);
    this.shapes = new FunctionShapes(lowerer);
  }

  /**
   * {@code Arrays.copyOf(new Object[] {a, b}, 2, (Class) P_CLASS.arrayType())}: the
   * array {@code new P[] {a, b}} would create, of the private nested type {@code P}'s array class
   * (so that it takes only {@code P}s and a handle of a {@code P[]} parameter accepts it).
   */
  Code privateArrayOf(ArrayType type, List<Code> elements) {
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
    Code.Builder cls = Code.builder().name(handles.classHandle(l.hidden.of(type)));
    for (TypeMirror x = type; x instanceof ArrayType a; x = a.getComponentType()) {
      cls.text(".arrayType()");
    }
    return b.text("}, " + elements.size() + ", (Class) ").add(cls.build()).text(deeper ? "))" : ")").build();
  }

  /**
   * {@code value} with the casts the value of a private nested type at {@code path} (or one naming
   * such a type as a type argument) needs in its context, as the printer gives them ({@link
   * CastPrinter#castsAround}), for code the lowering writes itself rather than prints: an awaited value,
   * a conditional or switch expression lowered into a temporary.
   */
  Code privateCasts(TreePath path, Code value) {
    Walk w = new Walk(path, Map.of());
    Code.Builder out = Code.builder();
    w.casts.castsAround(path, out, value);
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
   * The class test of the case at {@code casePath} whose label is a type pattern of a private
   * nested type, with the bindings named as {@code renames} says; {@code null} where its label
   * needs none ({@link PatternPrinter#privateCaseTest}).
   */
  Code privateCaseTest(TreePath casePath, Map<? extends Element, String> renames, String match) {
    Walk w = new Walk(casePath, Map.of());
    w.renames.putAll(renames);
    w.patterns.matchNames.put(casePath.getLeaf(), match);
    return w.patterns.privateCaseTest(casePath);
  }

  /**
   * Prints {@code path}, the label or the guard of the case at {@code casePath}, with the
   * bindings of {@code renames} declared and read under their new names, and a record pattern of
   * a private type standing as the {@code Object} binding {@code match}, whose bindings the guard
   * reads as component reads ({@link PatternPrinter#privateCaseLabel}).
   */
  Code spliceCasePart(TreePath casePath, TreePath path, Map<? extends Element, String> renames, String match) {
    Code.Builder out = Code.builder();
    Walk w = new Walk(path, Map.of());
    w.renames.putAll(renames);
    w.patterns.matchNames.put(casePath.getLeaf(), match);
    PrivateRecordPattern rp = w.patterns.privateRecordLabel(casePath);
    boolean guard = dev.machina.processor.parse.PatternTrees.guard((CaseTree) casePath.getLeaf()) == path.getLeaf();
    if (rp != null && guard) {
      w.patterns.readBindings(casePath, rp);
    }
    w.patterns.caseGuard = guard;
    w.emit(path, out);
    return out.build();
  }

  /**
   * The record pattern naming a private type that is the only label of the case at {@code
   * casePath}, or {@code null}.
   */
  PrivateRecordPattern privateRecordLabel(TreePath casePath) {
    return new Walk(casePath, Map.of()).patterns.privateRecordLabel(casePath);
  }

  /** The value of the binding {@code ve} of such a record pattern, read from the match {@code match}. */
  Code recordBindingValue(TreePath casePath, VariableElement ve, String match) {
    Walk w = new Walk(casePath, Map.of());
    w.patterns.matchNames.put(casePath.getLeaf(), match);
    return w.patterns.bindingValue(casePath, w.patterns.privateRecordLabel(casePath), ve);
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
    if (e == null || e.getKind() != ElementKind.FIELD || !w.members.viaHandle(e)) {
      return null;
    }
    Handle h = handles.handle(e);
    Code recv = null;
    if (!e.getModifiers().contains(Modifier.STATIC)) {
      TreePath receiver = null;
      if (target.getLeaf() instanceof MemberSelectTree s
          && !l.facts.isTypeName(new TreePath(target, s.getExpression()))) {
        receiver = new TreePath(target, s.getExpression());
      }
      recv = w.members.receiverCode(receiver, target.getLeaf(), e);
    }
    Code stored = storeCast(h, true, value);
    if (use.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT) {
      Code.Builder out = Code.builder().name(h).text(".set(");
      if (recv != null) {
        out.add(recv).text(", ");
      }
      return out.add(stored).text(")").build();
    }
    return w.members.storedValue(h, recv, stored, false, use);
  }

  /**
   * {@code (T) (value)} for a store into the field of handle {@code h}; for a boxed {@code T}
   * and a primitive value, {@code (T) (p) (value)} with {@code T}'s primitive {@code p}, which is
   * what Java's assignment converts the value to: {@code Short s; s = 5;} and {@code
   * Character c; c++;} are Java, but {@code (Short) (5)} and {@code (Character) (c + 1)} are not.
   */
  Code storeCast(Handle h, boolean primitiveValue, Code value) {
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

  long start(Tree t) {
    return positions.getStartPosition(l.method.unit(), t);
  }

  long end(Tree t) {
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
  record SuperTarget(TypeElement owner, TypeElement superType, Code receiver) {}

  /** Where {@link Walk#dedent} is in the text it copies. */
  private enum Lexed {
    CODE,
    STRING,
    CHAR,
    TEXT_BLOCK,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  /**
   * One printing of one tree: copies the source text between the subtrees it rewrites and turns
   * jumps out of the tree into state transitions; its printers hold the other rules.
   */
  final class Walk {
    final TypeNamePrinter typeNames = new TypeNamePrinter(Splicer.this, this, l);
    final MemberPrinter members = new MemberPrinter(Splicer.this, this, l);
    final ReferencePrinter references = new ReferencePrinter(Splicer.this, this, l);
    final HiddenFunctionPrinter functions = new HiddenFunctionPrinter(Splicer.this, this, l);
    final CreationPrinter creations = new CreationPrinter(Splicer.this, this, l);
    final CastPrinter casts = new CastPrinter(Splicer.this, this, l);
    final PatternPrinter patterns = new PatternPrinter(Splicer.this, this, l);
    final TreePath root;
    final Map<Tree, Code> overrides;
    private int lambdas;
    private int loops;
    final Deque<TypeElement> classes = new ArrayDeque<>();
    /**
     * The indentation of the line the root starts on in the user's file, which its continuation
     * lines lose: they keep their indentation relative to that line.
     */
    final int column;
    boolean hoisted;
    /** The captured variables of the hoisted local class being printed. */
    Snapshot snapshot;
    /** Where the body of the hoisted local class opens (its brace), or -1 once printed. */
    private long bodyOpen = -1;
    /** Whether the root is printed as a statement of its own (not as the branch of an if). */
    boolean rootAlone = true;
    /** Binding variables declared and read under another name in this printing. */
    final Map<Element, String> renames = new java.util.HashMap<>();

    Walk(TreePath root, Map<Tree, Code> overrides) {
      this.root = root;
      this.overrides = overrides;
      this.column = indentation(start(root.getLeaf()), false);
    }

    /**
     * The indentation of the line of the user's file that {@code at} is on; -1 where {@code
     * onlyIt} and something else comes before {@code at} on that line.
     */
    private int indentation(long at, boolean onlyIt) {
      CharSequence src = l.facts.text();
      long lineStart = at;
      while (lineStart > 0 && src.charAt((int) lineStart - 1) != '\n') {
        lineStart--;
      }
      int c = 0;
      while (lineStart + c < at && src.charAt((int) (lineStart + c)) == ' ') {
        c++;
      }
      return onlyIt && lineStart + c < at ? -1 : c;
    }

    /**
     * What separates the statements of the jump that replaces the statement {@code p}: a line
     * break where it is the root, or stands on a line of its own in the copied code (then the
     * statements line up under its first); a space where it shares its line or is the branch
     * of an {@code if} (in braces of its own).
     */
    private String jumpSeparator(TreePath p) {
      if (p.getLeaf() == root.getLeaf()) {
        return rootAlone ? "\n" : " ";
      }
      int indent = standsAlone(p) ? indentation(start(p.getLeaf()), true) : -1;
      return indent < 0 ? " " : "\n" + " ".repeat(Math.max(0, indent - column));
    }

    /**
     * Removes the indentation of the root's line in the user's file from continuation lines, except
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
      PatternPrinter.PatternAnchor anchor = patterns.patternAnchors().get(p.getLeaf());
      if (anchor != null) {
        patterns.declareBindings(p, anchor, out);
        return;
      }
      casts.castsAround(p, out, null);
    }

    /** Whether {@code t} is a primary expression (or a cast), which a cast needs no parentheses around. */
    static boolean primary(Tree t) {
      return switch (t.getKind()) {
        case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION, NEW_CLASS, NEW_ARRAY, PARENTHESIZED,
            ARRAY_ACCESS, TYPE_CAST, INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL,
            BOOLEAN_LITERAL, CHAR_LITERAL, STRING_LITERAL, NULL_LITERAL -> true;
        default -> false;
      };
    }

    boolean opaque() {
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
          patterns.guard(p, kid, out);
        } else if (t instanceof CaseTree c && patterns.caseBody(p, c, kid, out)) {
          // the body with the locals of a record pattern of a private type (caseBody)
          if (c.getCaseKind() == CaseTree.CaseKind.RULE && kid instanceof ExpressionTree) {
            at = patterns.skipSemicolon(ke);
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
    boolean inConstructorCall(TreePath p) {
      for (TreePath x = p; x != null && x.getLeaf() != root.getLeaf(); x = x.getParentPath()) {
        if (x.getLeaf() instanceof MethodInvocationTree call
            && call.getMethodSelect() instanceof IdentifierTree id
            && (id.getName().contentEquals("this") || id.getName().contentEquals("super"))) {
          return true;
        }
      }
      return false;
    }

    boolean rewrite(TreePath p, Code.Builder out) {
      Tree t = p.getLeaf();
      if ((t.getKind() == Tree.Kind.LAMBDA_EXPRESSION || t.getKind() == Tree.Kind.MEMBER_REFERENCE)
          && functions.print(p, out)) {
        return true;
      }
      switch (t.getKind()) {
        case IDENTIFIER:
          return members.identifier(p, (IdentifierTree) t, out);
        case TRY:
          return members.tryResources(p, (com.sun.source.tree.TryTree) t, out);
        case MEMBER_SELECT:
          return members.memberSelect(p, (MemberSelectTree) t, out);
        case METHOD_INVOCATION:
          return members.invocation(p, (MethodInvocationTree) t, out);
        case NEW_CLASS:
          return creations.newClass(p, (NewClassTree) t, out);
        case ASSIGNMENT:
          return members.privateAssignment(p, ((AssignmentTree) t).getVariable(), null, out)
              || members.localTypedAssignment(p, (AssignmentTree) t, out);
        case INSTANCE_OF:
          return patterns.privateRecordInstanceOf(p, (InstanceOfTree) t, out)
              || patterns.privateInstanceOf(p, (InstanceOfTree) t, out) || patterns.instanceOf(p, (InstanceOfTree) t, out);
        case TYPE_CAST:
          return casts.privateCast(p, (TypeCastTree) t, out);
        case SWITCH_EXPRESSION, SWITCH:
          return patterns.exhaustedSwitch(p, out);
        case PARAMETERIZED_TYPE:
          if (l.trees.getTypeMirror(p) instanceof DeclaredType d && l.hidden.writtenRaw(d)
              && !l.hidden.isHidden((TypeElement) d.asElement())) {
            // EnumSet<Mode>: raw, as Object would be outside the bound of EnumSet's parameter
            out.type(l.types.erasure(d));
            return true;
          }
          // P<A> of a generic private nested P: written Object as a whole
          return l.trees.getElement(new TreePath(p, ((ParameterizedTypeTree) t).getType()))
                  instanceof TypeElement te
              && l.hidden.isHidden(te)
              && typeNames.privateTypeName(p, te, out);
        case VARIABLE:
          return patterns.renamedBinding(p, (com.sun.source.tree.VariableTree) t, out);
        case MEMBER_REFERENCE:
          return references.memberReference(p, (MemberReferenceTree) t, out);
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT:
          return members.privateAssignment(p, ((UnaryTree) t).getExpression(), t.getKind(), out);
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
          return typeNames.annotatedName(p.getParentPath(), t) != null;
        case ANNOTATED_TYPE: {
          com.sun.source.tree.AnnotatedTypeTree a = (com.sun.source.tree.AnnotatedTypeTree) t;
          if (a.getUnderlyingType() instanceof IdentifierTree id
              && start(a.getAnnotations().get(0)) < start(id)
              && l.trees.getElement(new TreePath(p, id)) instanceof TypeElement te
              && !members.isLocalType(te) && !l.hidden.isHidden(te)) {
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
            return members.privateAssignment(p, c.getVariable(), t.getKind(), out);
          }
          if (dev.machina.processor.parse.PatternTrees.isPattern(t)) {
            return patterns.privateCaseLabel(p, out);
          }
          return false;
      }
    }

    /**
     * An array whose element type is a private nested type: created with its real class, as
     * {@code new P[..]} would, through {@code Array.newInstance(P_CLASS, n)}, or for an
     * initializer by copying the elements into one ({@link #privateArrayOf}); the generated class
     * holds it as an {@code Object[]}.
     */
    private boolean privateArray(TreePath p, NewArrayTree n, Code.Builder out) {
      TypeMirror type = l.trees.getTypeMirror(p);
      if (!(type instanceof ArrayType array) || l.hidden.of(type) == null) {
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
          .text(".newInstance(").add(patterns.classObject(element));
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
      l.separator = jumpSeparator(p);
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
      l.separator = jumpSeparator(p);
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

  /** The binary operator of the compound assignment {@code op}: {@code +} for {@code +=}. */
  static String compoundOperator(Tree.Kind op) {
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
}
