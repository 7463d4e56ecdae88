package dev.machina.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a random, well-typed method body from a seed: nested if/else, every loop form with bounded
 * iteration, labeled break/continue, switch statements and expressions, try/catch/finally and
 * try-with-resources, return and throw at any depth, locals of several types in nested scopes, and
 * {@code await(e.f(site, value))} in expression positions. The body is valid for both the
 * {@code @Async} method and the reference method; it ends with a {@code return}.
 *
 * <p>Some locals, loop variables, catch and pattern variables and labels take the names of the
 * generated machines' own members and locals ({@link #MEMBER_LIKE}: {@code state},
 * {@code awaiting}, {@code SUSPENDED}, {@code START}, {@code cx}, ...), which the processor must
 * rename or avoid. Which ones is decided by the name counter, not by the random stream, so a seed
 * keeps its program's shape.
 *
 * <p>Well-formedness rules the generator keeps: every name is unique in the program (no shadowing);
 * every jump ({@code return}, {@code throw}, {@code break}, {@code continue}) is guarded by an
 * {@code if}, so no statement is unreachable; loops count their iterations; lambdas capture only
 * {@code final} locals; nothing jumps out of a switch expression.
 */
final class ProgramGenerator {
  /** The types of locals and expressions. */
  enum Ty {
    INT("int"),
    LONG("long"),
    STR("String"),
    BOOL("boolean"),
    ARR("int[]"),
    LIST("List<Integer>"),
    /** A boxed int, sometimes {@code null}: unboxed by arithmetic, comparisons and arguments. */
    BOX("Integer"),
    /**
     * The narrow types and {@code double}: implicit narrowing in compound assignments and
     * {@code ++}, conditionals typed by their operands' constant-ness, char arithmetic and
     * concatenation, overloads by argument type.
     */
    CHAR("char"),
    BYTE("byte"),
    SHORT("short"),
    DOUBLE("double"),
    CARR("char[]");

    final String java;

    Ty(String java) {
      this.java = java;
    }
  }

  /**
   * A variable in scope: a local, or a field of the program class ({@link #fields}), read bare
   * or through {@code qualifier} ({@code P1.} or {@code this.}); a private field is assigned
   * only by statements, as the processor requires.
   */
  private record Var(
      String name,
      Ty ty,
      boolean assignable,
      boolean capturable,
      String qualifier,
      boolean isPrivate,
      Integer constant) {
    Var(String name, Ty ty, boolean assignable, boolean capturable) {
      this(name, ty, assignable, capturable, null, false, null);
    }

    Var(String name, Ty ty, boolean assignable, boolean capturable, String qualifier, boolean isPrivate) {
      this(name, ty, assignable, capturable, qualifier, isPrivate, null);
    }
  }

  /**
   * The fields the program class declares ({@link FuzzProgram#source}), set at the top of the
   * body: static {@code sf0}, private {@code sf1} and {@code sf2}, and in an instance program
   * {@code if0} and private {@code if1}; the private ones go through the machine's handles.
   */
  private List<Var> fields(long seed) {
    String c = className + ".";
    List<Var> fs =
        new ArrayList<>(
            List.of(
                new Var("sf0", Ty.INT, true, false, c, false),
                new Var("sf1", Ty.INT, true, false, c, true),
                new Var("sf2", Ty.STR, true, false, c, true),
                new Var("sf3", Ty.CHAR, true, false, c, true),
                new Var("sf4", Ty.DOUBLE, true, false, c, false)));
    if (FuzzProgram.isInstance(seed)) {
      fs.add(new Var("if0", Ty.INT, true, false, "this.", false));
      fs.add(new Var("if1", Ty.INT, true, false, "this.", true));
    }
    return fs;
  }

  /** Where a statement stands: which jumps it may take. */
  private record Ctx(
      int depth,
      boolean canReturn,
      boolean canBreak,
      boolean canContinue,
      List<String> labels,
      boolean inSwitchExpression) {
    Ctx(int depth, boolean canReturn, boolean canBreak, boolean canContinue, List<String> labels) {
      this(depth, canReturn, canBreak, canContinue, labels, false);
    }

    Ctx deeper() {
      return new Ctx(depth + 1, canReturn, canBreak, canContinue, labels, inSwitchExpression);
    }

    Ctx inLoop(String label) {
      List<String> ls = new ArrayList<>(labels);
      if (label != null) {
        ls.add(label);
      }
      return new Ctx(depth + 1, canReturn, true, true, ls, inSwitchExpression);
    }

    Ctx inSwitch() {
      return new Ctx(depth + 1, canReturn, true, canContinue, labels, inSwitchExpression);
    }

    Ctx enterSwitchExpression() {
      return new Ctx(depth + 1, false, false, false, List.of(), true);
    }
  }

  /**
   * Whether guarded jumps are written {@code if (c) break;} rather than {@code if (c) { break; }}.
   * On since FINDINGS.md F8 was fixed (the processor used to lower the unbraced form to
   * {@code if (c) state = X; continue;}); RegressionsTest keeps the two seeds that found it.
   */
  static final boolean UNBRACED_JUMPS = true;

  private static final String[] WORDS = {"a", "b", "ab", "ba", "", "abc"};

  /**
   * Names of members and locals of generated machines, given to some variables and labels; the
   * generated class's own name ({@code PxAsync}) comes third.
   */
  private static final String[] MEMBER_LIKE = {
    "state", "awaiting", null, "SUSPENDED", "RETHROW", "MAX_NESTED", "START", "STATES", "r", "cx",
    "depth", "self", "machine", "t", "suppressed", "result", "resultFuture"
  };
  private static final int MAX_DEPTH = 4;
  private static final int MAX_EXPR_DEPTH = 3;

  private final Random rnd;
  private final StringBuilder out = new StringBuilder();
  private final List<List<Var>> scopes = new ArrayList<>();
  private final int awaitPercent;
  private int indent = 1;
  private final String className;
  private final List<Var> fields;
  private final String generatedClass;
  private int names;
  private int memberLike;
  private int sites;
  private int budget;
  /** Whether the body is {@code work}'s, returning {@code int}s ({@link FuzzProgram#returnsInt}). */
  private final boolean intResult;

  private ProgramGenerator(long seed) {
    rnd = new Random(seed);
    intResult = FuzzProgram.returnsInt(seed);
    className = FuzzProgram.name(seed);
    generatedClass = className + "Async";
    fields = fields(seed);
    awaitPercent = 15 + rnd.nextInt(30);
    budget = 12 + rnd.nextInt(40);
  }

  /** The body for {@code seed}: statements using the parameter {@code Env e}. */
  static String body(long seed) {
    return new ProgramGenerator(seed).generate();
  }

  private String generate() {
    scopes.add(new ArrayList<>());
    for (Var f : fields) {
      line(f.name + " = " + leaf(f.ty) + ";");
      scope().add(f);
    }
    declare(Ty.INT, new Ctx(0, true, false, false, List.of()));
    declare(Ty.STR, new Ctx(0, true, false, false, List.of()));
    while (budget > 0) {
      statement(new Ctx(0, true, false, false, List.of()));
    }
    StringBuilder all = new StringBuilder();
    for (Var v : scopes.get(0)) {
      all.append(all.length() == 0 ? "" : ", ").append(v.name);
    }
    line("return Future.ready(e." + (intResult ? "endCode" : "end") + "(" + all + "));");
    return out.toString();
  }

  /**
   * A new identifier: {@code prefix} and the name counter, or, for every fifth name while they
   * last, the next of {@link #MEMBER_LIKE}.
   */
  private String name(String prefix) {
    int n = names++;
    if (n % 5 == 4 && memberLike < MEMBER_LIKE.length) {
      String m = MEMBER_LIKE[memberLike++];
      return m != null ? m : generatedClass;
    }
    return prefix + n;
  }

  // ---------------------------------------------------------------- statements

  private void statement(Ctx ctx) {
    budget--;
    boolean nest = ctx.depth < MAX_DEPTH && budget > 0;
    int roll = rnd.nextInt(100);
    if (roll < 20 || !nest && roll < 45) {
      declare(randomType(), ctx);
    } else if (roll < 33) {
      assign(ctx);
    } else if (roll < 40) {
      line("e.log(\"l" + (names++) + "\", " + expr(randomType(), 0) + ");");
    } else if (roll < 45) {
      jump(ctx);
    } else if (!nest) {
      line("e.log(\"l" + (names++) + "\", " + expr(Ty.INT, 0) + ");");
    } else if (roll < 55) {
      ifElse(ctx);
    } else if (roll < 67) {
      loop(ctx);
    } else if (roll < 74) {
      switchStatement(ctx);
    } else if (roll < 86 && ctx.inSwitchExpression) {
      // javac 17 crashes (AssertionError in Code$State.join) on some try statements inside
      // switch expressions used as operands; see tests/README.md.
      line("e.log(\"l" + (names++) + "\", " + expr(Ty.INT, 0) + ");");
    } else if (roll < 82) {
      tryCatch(ctx);
    } else if (roll < 86) {
      tryWithResources(ctx);
    } else if (roll < 90) {
      pattern(ctx);
    } else if (roll < 94) {
      capture(ctx);
    } else if (roll < 96) {
      // tests run with -ea: the condition runs, and the message only if it is false
      line("assert " + expr(Ty.BOOL, 0) + (rnd.nextBoolean() ? " : " + expr(Ty.STR, 1) : "") + ";");
    } else if (roll < 98 && nest) {
      inferred(ctx);
    } else {
      line("{");
      block(ctx.deeper(), 1 + rnd.nextInt(3));
      line("}");
    }
  }

  /**
   * Variables whose types javac infers and no field can be declared with, living across awaits:
   * an intersection ({@code var x = c ? Integer.valueOf(..) : ".."}), intersections as type
   * arguments ({@code List.of(int, long)}: {@code List<Number & Comparable<..> & ..>};
   * {@code List.of(new StringBuilder(..), "..")}: {@code List<.. & CharSequence>}), and a local
   * record assigned again; read through members of every bound, in a lambda too (F22, F23).
   */
  private void inferred(Ctx ctx) {
    int n = names++;
    String x = name("x");
    String l = name("l");
    String cs = name("cs");
    String rec = "R" + n;
    String r = name("r");
    line("{");
    indent++;
    line("var " + x + " = " + expr(Ty.BOOL, 1) + " ? Integer.valueOf(" + expr(Ty.INT, 1) + ") : "
        + expr(Ty.STR, 1) + ";");
    line("var " + l + " = List.of(" + expr(Ty.INT, 1) + ", " + expr(Ty.LONG, 1) + ");");
    line("var " + cs + " = List.of(new StringBuilder(" + expr(Ty.STR, 1) + "), " + expr(Ty.STR, 1)
        + ");");
    line("record " + rec + "(int a, String b) {}");
    line(rec + " " + r + " = new " + rec + "(" + expr(Ty.INT, 1) + ", " + expr(Ty.STR, 1) + ");");
    block(ctx.deeper(), 1 + rnd.nextInt(2));
    line("e.log(\"i" + n + "\", " + awaitOf("0") + ");");
    line(r + " = new " + rec + "(" + r + ".a() + " + expr(Ty.INT, 1) + ", " + r + ".b() + " + cs
        + ".get(0).length());");
    line("e.log(\"x" + n + "\", " + x + " + \":\" + " + x + ".describeConstable().isPresent() + \":\" + "
        + l + ".get(1).longValue() + \":\" + (" + cs + ".get(1).length() + " + cs
        + ".get(0).length()));");
    line("e.log(\"c" + n + "\", e.call(() -> " + cs + ".get(0).length() + " + l
        + ".get(0).intValue() + (" + x + " instanceof Integer ? 1 : 0)));");
    line("e.log(\"r" + n + "\", " + r + ");");
    indent--;
    line("}");
  }

  /** Statements in a new scope, without the braces. */
  private void block(Ctx ctx, int n) {
    scopes.add(new ArrayList<>());
    indent++;
    for (int i = 0; i < n; i++) {
      statement(ctx);
    }
    indent--;
    scopes.remove(scopes.size() - 1);
  }

  private void declare(Ty ty, Ctx ctx) {
    if ((ty == Ty.INT || ty == Ty.CHAR) && rnd.nextInt(5) == 0) {
      constant(ty);
      return;
    }
    String name = name("v");
    String init =
        ty == Ty.ARR && rnd.nextInt(3) == 0
            ? "{" + expr(Ty.INT, 1) + ", " + expr(Ty.INT, 1) + "}" // a bare array initializer
            : ty == Ty.CARR && rnd.nextInt(3) == 0
                // 'a' + 2 narrows to char as a constant expression only
                ? "{" + (rnd.nextBoolean() ? "'a' + " + rnd.nextInt(5) : expr(Ty.CHAR, 1)) + ", "
                    + expr(Ty.CHAR, 1) + "}"
                : narrowInit(ty);
    line(ty.java + " " + name + " = " + init + ";");
    scope().add(new Var(name, ty, true, false));
  }

  /**
   * A constant variable (JLS 4.12.4): {@code final int k = 3;} or {@code final char k = 'b';}.
   * Its name is a constant expression: it narrows in assignments ({@code byte b = k}), is a case
   * label, keeps {@code c ? 'a' : k} a {@code char}, and {@code "s" + k} is folded and interned.
   */
  private void constant(Ty ty) {
    String name = name("k");
    int value = ty == Ty.CHAR ? 'a' + rnd.nextInt(4) : rnd.nextInt(3) == 0 ? 60 + rnd.nextInt(60) : rnd.nextInt(4);
    line("final " + ty.java + " " + name + " = " + (ty == Ty.CHAR ? "'" + (char) value + "'" : "" + value) + ";");
    scope().add(new Var(name, ty, false, true, null, false, value));
  }

  /** The initializer of a narrow variable: sometimes a constant int, narrowed (JLS 5.2). */
  private String narrowInit(Ty ty) {
    if ((ty == Ty.BYTE || ty == Ty.SHORT || ty == Ty.CHAR) && rnd.nextInt(4) == 0) {
      Var k = constantVar(Ty.INT);
      if (k != null) {
        return k.name;
      }
      if (ty != Ty.CHAR) {
        // byte b = -5; short s = (3 + 4) * 2; (constant expressions)
        return rnd.nextBoolean()
            ? "" + (rnd.nextInt(200) - 100)
            : "(" + rnd.nextInt(10) + " + " + rnd.nextInt(10) + ") * " + rnd.nextInt(5);
      }
    }
    if (ty == Ty.DOUBLE && rnd.nextInt(4) == 0) {
      return expr(Ty.INT, 0); // widened
    }
    return expr(ty, 0);
  }

  /** A constant variable of {@code ty} in scope, or null. */
  private Var constantVar(Ty ty) {
    List<Var> candidates = new ArrayList<>();
    for (List<Var> sc : scopes) {
      for (Var v : sc) {
        if (v.constant != null && v.ty == ty) {
          candidates.add(v);
        }
      }
    }
    return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
  }

  private void assign(Ctx ctx) {
    Var v = pick(true, null);
    if (v == null) {
      declare(randomType(), ctx);
      return;
    }
    switch (v.ty) {
      case INT -> {
        int k = rnd.nextInt(7);
        if (k == 0) {
          line(v.name + "++;");
        } else if (k == 1) {
          // implicit (int) of a double, char arithmetic, shifts
          String[] ops = {"+=", "*=", "-=", "<<=", ">>>=", "%="};
          Ty[] rights = {Ty.DOUBLE, Ty.CHAR, Ty.BYTE, Ty.INT, Ty.INT, Ty.DOUBLE};
          int o = rnd.nextInt(ops.length);
          line(v.name + " " + ops[o] + " " + expr(rights[o], 0) + ";");
        } else {
          String op = new String[] {"=", "+=", "-=", "*=", "^="}[rnd.nextInt(5)];
          line(v.name + " " + op + " " + expr(Ty.INT, 0) + ";");
        }
      }
      case LONG -> {
        switch (rnd.nextInt(3)) {
          case 0 -> line(v.name + " <<= " + expr(Ty.INT, 0) + ";");
          case 1 -> line(v.name + " += " + expr(Ty.LONG, 0) + ";");
          default -> line(v.name + " = " + expr(Ty.LONG, 0) + ";");
        }
      }
      case CHAR, BYTE, SHORT -> {
        switch (rnd.nextInt(6)) {
          case 0 -> line(v.name + (rnd.nextBoolean() ? "++;" : "--;"));
          case 1 -> line(v.name + " = " + narrowInit(v.ty) + ";");
          case 2 -> line(v.name + " -= " + expr(Ty.DOUBLE, 0) + ";");
          case 3 -> line(v.name + (rnd.nextBoolean() ? " >>= " : " <<= ") + expr(Ty.INT, 0) + ";");
          case 4 -> line(v.name + " *= " + expr(v.ty, 0) + ";");
          default -> line(v.name + " += " + expr(Ty.INT, 0) + ";");
        }
      }
      case DOUBLE -> {
        String op = new String[] {"=", "+=", "-=", "*=", "/=", "%="}[rnd.nextInt(6)];
        line(v.name + " " + op + " " + expr(rnd.nextInt(3) == 0 ? Ty.INT : Ty.DOUBLE, 0) + ";");
      }
      case CARR -> {
        switch (rnd.nextInt(4)) {
          case 0 -> line(v.name + " = " + expr(Ty.CARR, 0) + ";");
          case 1 -> line(v.name + "[" + index(v.name + ".length") + "]++;");
          case 2 -> line(v.name + "[" + index(v.name + ".length") + "] = " + expr(Ty.CHAR, 0) + ";");
          default -> line(v.name + "[" + index(v.name + ".length") + "] += " + expr(Ty.INT, 0) + ";");
        }
      }
      case STR -> line(v.name + (rnd.nextBoolean() ? " += " : " = ") + expr(Ty.STR, 1) + ";");
      case BOOL -> line(v.name + (rnd.nextBoolean() ? " &= " : " = ") + expr(Ty.BOOL, 0) + ";");
      case ARR -> {
        if (rnd.nextInt(3) == 0) {
          line(v.name + " = " + expr(Ty.ARR, 0) + ";");
        } else {
          String op = new String[] {"=", "+=", "-="}[rnd.nextInt(3)];
          line(v.name + "[" + index(v.name + ".length") + "] " + op + " " + expr(Ty.INT, 0) + ";");
        }
      }
      case LIST -> {
        if (rnd.nextBoolean()) {
          line(v.name + ".add(" + expr(Ty.INT, 0) + ");");
        } else {
          line(v.name + ".set(" + index(v.name + ".size()") + ", " + expr(Ty.INT, 0) + ");");
        }
      }
      case BOX -> {
        switch (rnd.nextInt(3)) {
          case 0 -> line(v.name + " = " + expr(Ty.BOX, 0) + ";");
          case 1 -> line(v.name + " += " + expr(Ty.INT, 0) + ";");
          default -> line(v.name + "++;");
        }
      }
    }
  }

  private void jump(Ctx ctx) {
    List<String> options = new ArrayList<>();
    options.add("throw");
    if (ctx.canReturn) {
      options.add("return");
      options.add("return");
    }
    if (ctx.canBreak) {
      options.add("break");
    }
    if (ctx.canContinue) {
      options.add("continue");
    }
    for (String l : ctx.labels) {
      options.add("break " + l);
      options.add("continue " + l);
    }
    String j = options.get(rnd.nextInt(options.size()));
    String guard = "if (" + expr(Ty.BOOL, 1) + ") ";
    String stmt;
    switch (j) {
      case "throw" -> stmt = "throw " + (rnd.nextBoolean()
          ? "e.boom(\"t" + (names++) + "\");"
          : "new IllegalStateException(\"t" + (names++) + "\");");
      case "return" -> stmt = intResult
          ? "return Future.ready(0 + (" + expr(Ty.INT, 1) + "));" // an int, even if awaited
          : rnd.nextBoolean()
          ? "return Future.ready(" + expr(Ty.STR, 1) + ");"
          : "return e.f(" + (sites++) + ", " + expr(Ty.STR, 1) + ");";
      default -> stmt = j + ";";
    }
    line(guard + (UNBRACED_JUMPS ? stmt : "{ " + stmt + " }"));
  }

  private void ifElse(Ctx ctx) {
    line("if (" + expr(Ty.BOOL, 0) + ") {");
    block(ctx.deeper(), 1 + rnd.nextInt(3));
    if (rnd.nextBoolean()) {
      if (rnd.nextBoolean()) {
        line("} else if (" + expr(Ty.BOOL, 0) + ") {");
        block(ctx.deeper(), 1 + rnd.nextInt(2));
      }
      line("} else {");
      block(ctx.deeper(), 1 + rnd.nextInt(3));
    }
    line("}");
  }

  private void loop(Ctx ctx) {
    String label = rnd.nextInt(3) == 0 ? name("L") : null;
    Ctx inner = ctx.inLoop(label);
    int n = 1 + rnd.nextInt(3);
    int form = rnd.nextInt(6);
    if (label != null && form != 1 && form != 2) {
      line(label + ":");
    }
    switch (form) {
      case 0 -> {
        String i = name("i");
        String update = rnd.nextBoolean() ? i + "++" : i + " += " + awaitOf("1");
        line("for (int " + i + " = 0; " + i + " < Math.min(" + (2 + rnd.nextInt(3)) + ", "
            + expr(Ty.INT, 1) + "); " + update + ") {");
        scopes.add(new ArrayList<>(List.of(new Var(i, Ty.INT, false, false))));
        block(inner, n);
        scopes.remove(scopes.size() - 1);
        line("}");
      }
      case 1 -> {
        String k = counter(label);
        line("while (" + k + "++ < " + (1 + rnd.nextInt(4)) + " && " + expr(Ty.BOOL, 1) + ") {");
        block(inner, n);
        line("}");
      }
      case 2 -> {
        String k = counter(label);
        line("do {");
        block(inner, n);
        line("} while (" + k + "++ < " + rnd.nextInt(3) + " && " + expr(Ty.BOOL, 1) + ");");
      }
      case 5 -> {
        // a char loop variable: ch++ narrows, the bound is int arithmetic
        String ch = name("ch");
        String update = rnd.nextBoolean() ? ch + "++" : ch + " += " + awaitOf("1");
        line("for (char " + ch + " = 'a'; " + ch + " < 'a' + Math.min(" + (2 + rnd.nextInt(3)) + ", "
            + expr(Ty.INT, 1) + "); " + update + ") {");
        scopes.add(new ArrayList<>(List.of(new Var(ch, Ty.CHAR, false, false))));
        block(inner, n);
        scopes.remove(scopes.size() - 1);
        line("}");
      }
      case 3 -> {
        String x = name("x");
        int overChars = rnd.nextInt(4); // 2: for (int x : chars), 3: for (char x : chars)
        Ty xt = overChars == 3 ? Ty.CHAR : Ty.INT;
        line("for (" + xt.java + " " + x + " : " + expr(overChars >= 2 ? Ty.CARR : Ty.ARR, 1) + ") {");
        scopes.add(new ArrayList<>(List.of(new Var(x, xt, false, false))));
        block(inner, n);
        scopes.remove(scopes.size() - 1);
        line("}");
      }
      default -> {
        String x = name("x");
        // for (long x : List<Integer>): each element is unboxed and widened
        Ty xt = rnd.nextInt(3) == 0 ? Ty.LONG : Ty.INT;
        line("for (" + xt.java + " " + x + " : " + expr(Ty.LIST, 1) + ") {");
        scopes.add(new ArrayList<>(List.of(new Var(x, xt, false, false))));
        block(inner, n);
        scopes.remove(scopes.size() - 1);
        line("}");
      }
    }
  }

  private void switchStatement(Ctx ctx) {
    int kind = rnd.nextInt(6); // 0, 1: strings; 2: chars; else ints
    boolean strings = kind < 2;
    boolean chars = kind == 2;
    String selector =
        strings
            ? expr(Ty.STR, 1)
            : chars
                ? (rnd.nextBoolean() ? expr(Ty.CHAR, 1) : "(char) ('a' + Math.floorMod(" + expr(Ty.INT, 1) + ", 4))")
                : "Math.floorMod(" + expr(Ty.INT, 1) + ", 4)";
    int cases = 1 + rnd.nextInt(3);
    List<String> labels = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    while (labels.size() < cases) {
      int value = chars ? 'a' + rnd.nextInt(4) : rnd.nextInt(4);
      String l =
          strings
              ? "\"" + WORDS[rnd.nextInt(WORDS.length)] + "\""
              : chars ? "'" + (char) value + "'" : "" + value;
      if (!strings) {
        // a constant variable of the same value as the label (a constant expression)
        Var k = constantVar(chars ? Ty.CHAR : Ty.INT);
        if (k != null && k.constant == value && rnd.nextBoolean()) {
          l = k.name;
        }
        if (values.contains(value)) {
          continue;
        }
        values.add(value);
      }
      if (!labels.contains(l)) {
        labels.add(l);
      }
    }
    boolean arrows = rnd.nextBoolean();
    line("switch (" + selector + ") {");
    indent++;
    Ctx inner = ctx.inSwitch();
    for (String l : labels) {
      if (arrows) {
        line("case " + l + " -> {");
        block(inner, 1 + rnd.nextInt(2));
        line("}");
      } else {
        line("case " + l + ": {");
        block(inner, 1 + rnd.nextInt(2));
        line("}");
        if (rnd.nextInt(3) > 0) {
          indent++;
          line("break;");
          indent--;
        }
      }
    }
    if (rnd.nextBoolean()) {
      line(arrows ? "default -> {" : "default: {");
      block(inner, 1);
      line("}");
    }
    indent--;
    line("}");
  }

  private void tryCatch(Ctx ctx) {
    line("try {");
    block(ctx.deeper(), 1 + rnd.nextInt(3));
    boolean any = false;
    String[] catches = {
      "Env.Boom", "ArithmeticException | IndexOutOfBoundsException", "RuntimeException", "Exception"
    };
    for (String c : catches) {
      if (rnd.nextInt(3) == 0) {
        any = true;
        catchClause(ctx, c);
      }
    }
    if (!any || rnd.nextBoolean()) {
      line("} finally {");
      block(ctx.deeper(), 1 + rnd.nextInt(2));
    }
    line("}");
  }

  private void catchClause(Ctx ctx, String type) {
    String x = name("x");
    line("} catch (" + type + " " + x + ") {");
    indent++;
    line("e.log(\"c" + x + "\", e.describe(" + x + "));");
    indent--;
    block(ctx.deeper(), rnd.nextInt(3));
  }

  private void tryWithResources(Ctx ctx) {
    int n = 1 + rnd.nextInt(2);
    StringBuilder header = new StringBuilder("try (");
    for (int i = 0; i < n; i++) {
      String r = "r" + (names++);
      String name = rnd.nextBoolean() ? "\"" + r + "\"" : awaitOf("\"" + r + "\"");
      header.append(i == 0 ? "" : "; ").append("Env.Res ").append(r).append(" = e.res(")
          .append(name).append(", ").append(expr(Ty.BOOL, 2)).append(")");
    }
    line(header + ") {");
    block(ctx.deeper(), 1 + rnd.nextInt(3));
    if (rnd.nextBoolean()) {
      catchClause(ctx, rnd.nextBoolean() ? "Env.Boom" : "Exception");
    }
    if (rnd.nextInt(3) == 0) {
      line("} finally {");
      block(ctx.deeper(), 1);
    }
    line("}");
  }

  private void pattern(Ctx ctx) {
    String p = name("p");
    boolean str = rnd.nextBoolean();
    line("if (e.obj(" + expr(Ty.INT, 1) + ") instanceof " + (str ? "String " : "Integer ") + p + ") {");
    String read = str ? p : "((int) " + p + ")";
    scopes.add(new ArrayList<>(List.of(new Var(read, str ? Ty.STR : Ty.INT, false, false))));
    indent++;
    line("e.log(\"p" + p + "\", " + awaitOf("0") + ");");
    line("e.log(\"q" + p + "\", " + p + ");");
    indent--;
    block(ctx.deeper(), 1 + rnd.nextInt(2));
    scopes.remove(scopes.size() - 1);
    line("}");
  }

  private void capture(Ctx ctx) {
    String c = name("c");
    line("final int " + c + " = " + expr(Ty.INT, 0) + ";");
    scope().add(new Var(c, Ty.INT, false, true));
    line("e.log(\"w" + c + "\", " + awaitOf("0") + ");");
    StringBuilder sum = new StringBuilder(c);
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.capturable && !v.name.equals(c) && rnd.nextBoolean()) {
          sum.append(" + ").append(v.name);
        }
      }
    }
    Var k = constantVar(Ty.INT);
    if (k != null && rnd.nextBoolean()) {
      // narrowed in the lambda: k must still be a constant there
      line("e.log(\"g" + c + "\", e.call(() -> { byte b" + c + " = " + k.name + "; return b" + c + " + "
          + sum + "; }));");
    } else if (rnd.nextBoolean()) {
      line("e.log(\"g" + c + "\", e.call(() -> " + sum + "));");
    } else {
      line("e.log(\"g" + c + "\", new Object() { public String toString() { return \"o\" + ("
          + sum + "); } });");
    }
  }

  // --------------------------------------------------------------- expressions

  private String expr(Ty ty, int d) {
    if (d < MAX_EXPR_DEPTH && rnd.nextInt(100) < awaitPercent) {
      if (rnd.nextInt(4) == 0) {
        String helper = helperAwait(ty, d + 1);
        if (helper != null) {
          return helper;
        }
      }
      return awaitOf(expr(ty, d + 1));
    }
    if (d >= MAX_EXPR_DEPTH || rnd.nextInt(3) == 0) {
      return leaf(ty);
    }
    int n = d + 1;
    switch (ty) {
      case INT:
        return intExpr(n);
      case LONG:
        switch (rnd.nextInt(4)) {
          case 0:
            return "(" + expr(Ty.LONG, n) + " + " + expr(Ty.INT, n) + ")";
          case 1:
            return "(" + expr(Ty.LONG, n) + " * " + expr(Ty.LONG, n) + ")";
          case 2:
            return "e.t(\"t" + (names++) + "\", " + expr(Ty.LONG, n) + ")";
          default:
            return "(long) " + expr(Ty.INT, n);
        }
      case CHAR, BYTE, SHORT, DOUBLE, CARR:
        return narrowExpr(ty, n);
      case STR:
        switch (rnd.nextInt(8)) {
          case 5: {
            // overloads by argument type: ov(byte), ov(short), ov(char), ov(int), ov(long),
            // ov(double), ov(Object)
            Ty t = randomScalar();
            String arg = t == Ty.STR || t == Ty.BOOL ? expr(t, n) : num(t, n);
            return "e.ov(" + (rnd.nextInt(3) == 0 ? awaitOf(arg) : arg) + ")";
          }
          case 6:
            // chars and bytes add as ints before the string starts
            return "(" + expr(Ty.CHAR, n) + " + " + expr(rnd.nextBoolean() ? Ty.CHAR : Ty.BYTE, n)
                + " + " + expr(Ty.STR, n) + ")";
          case 7:
            if (rnd.nextBoolean()) {
              // a char conditional if the int is a constant that fits (a literal, a constant
              // variable, a cast of one), else an int one: the concatenation shows which
              return "(" + expr(Ty.STR, n) + " + (" + expr(Ty.BOOL, n) + " ? " + num(Ty.CHAR, n) + " : "
                  + num(Ty.INT, n) + "))";
            }
            return "String.valueOf(" + num(Ty.CHAR, n) + ")";
          case 0:
            return "(" + expr(Ty.STR, n) + " + " + expr(Ty.STR, n) + ")";
          case 1:
            return "(" + expr(Ty.STR, n) + " + " + expr(randomScalar(), n) + ")";
          case 2:
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.STR, n) + " : " + expr(Ty.STR, n) + ")";
          case 3:
            return "e.t(\"t" + (names++) + "\", " + expr(Ty.STR, n) + ")";
          default:
            return "Integer.toString(" + expr(Ty.INT, n) + ")";
        }
      case BOOL:
        switch (rnd.nextInt(12)) {
          case 9:
            return "(" + expr(Ty.DOUBLE, n) + (rnd.nextBoolean() ? " < " : " == ") + expr(Ty.DOUBLE, n) + ")";
          case 10:
            return "(" + expr(Ty.CHAR, n) + " <= " + num(Ty.CHAR, n) + ")";
          case 11: {
            // "s" + k is folded and interned when k is a constant variable
            Var k = constantVar(rnd.nextBoolean() ? Ty.INT : Ty.CHAR);
            if (k != null) {
              String v = k.ty == Ty.CHAR ? "" + (char) (int) k.constant : "" + k.constant;
              return "(\"s\" + " + k.name + " == \"s" + v + "\")";
            }
            return "(" + expr(Ty.BYTE, n) + " > " + expr(Ty.SHORT, n) + ")";
          }
          case 7:
            return "((Integer) (" + expr(Ty.BOX, n) + ") == null)";
          case 8:
            return "(" + expr(Ty.BOX, n) + (rnd.nextBoolean() ? " == " : " != ")
                + expr(rnd.nextBoolean() ? Ty.BOX : Ty.INT, n) + ")";
          case 0:
            return "(" + expr(Ty.INT, n) + " < " + expr(Ty.INT, n) + ")";
          case 1:
            return "(" + expr(Ty.INT, n) + " == " + expr(Ty.INT, n) + " + 0)";
          case 2:
            return "!" + expr(Ty.BOOL, n);
          case 3:
            return "(" + expr(Ty.BOOL, n) + " && " + expr(Ty.BOOL, n) + ")";
          case 4:
            return "(" + expr(Ty.BOOL, n) + " || " + expr(Ty.BOOL, n) + ")";
          case 5:
            return expr(Ty.STR, n) + ".isEmpty()";
          default:
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.BOOL, n) + " : " + expr(Ty.BOOL, n) + ")";
        }
      case ARR:
        if (rnd.nextInt(4) == 0) {
          // an element of a two-dimensional array with bare inner initializers
          return "new int[][] {{" + expr(Ty.INT, n) + "}, {" + expr(Ty.INT, n) + ", "
              + expr(Ty.INT, n) + "}}[" + rnd.nextInt(2) + "]";
        }
        return "new int[] {" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + "}";
      case BOX:
        switch (rnd.nextInt(4)) {
          case 0:
            return "Integer.valueOf(" + expr(Ty.INT, n) + ")";
          case 1:
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.BOX, n) + " : " + expr(Ty.BOX, n) + ")";
          case 2:
            return "e.t(\"t" + (names++) + "\", " + expr(Ty.BOX, n) + ")";
          default:
            // int-typed: the boxed operand is unboxed (JLS 15.25)
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.BOX, n) + " : " + expr(Ty.INT, n) + ")";
        }
      default:
        return "new ArrayList<>(List.of(" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + "))";
    }
  }

  private String intExpr(int n) {
    switch (rnd.nextInt(18)) {
      case 16:
        switch (rnd.nextInt(6)) {
          case 0:
            return "(" + expr(Ty.CHAR, n) + " - 'a')";
          case 1:
            return "(" + expr(Ty.BYTE, n) + " + " + expr(Ty.SHORT, n) + ")";
          case 2:
            return "(int) " + num(Ty.DOUBLE, n);
          case 3:
            // char and int: an int conditional, or a char one if the int is a constant that fits
            return "(int) (" + expr(Ty.BOOL, n) + " ? " + num(Ty.CHAR, n) + " : " + num(Ty.INT, n) + ")";
          case 4:
            return "(" + expr(Ty.INT, n) + (rnd.nextBoolean() ? " >>> " : " << ") + expr(Ty.INT, n) + ")";
          default:
            return "(int) (" + expr(Ty.DOUBLE, n) + " * " + expr(Ty.INT, n) + ")";
        }
      case 17:
        return "(int) (" + expr(Ty.LONG, n) + (rnd.nextBoolean() ? " >> " : " << ") + expr(Ty.INT, n) + ")";
      case 14:
        return "(" + expr(Ty.BOX, n) + (rnd.nextBoolean() ? " * " : " - ") + expr(Ty.INT, n) + ")";
      case 15:
        return "Math.min(" + expr(Ty.BOX, n) + ", " + expr(Ty.INT, n) + ")";
      case 0:
        return "(" + expr(Ty.INT, n) + " + " + expr(Ty.INT, n) + ")";
      case 1:
        return "(" + expr(Ty.INT, n) + " - " + expr(Ty.INT, n) + ")";
      case 2:
        return "(" + expr(Ty.INT, n) + " * " + expr(Ty.INT, n) + ")";
      case 3:
        return "(" + expr(Ty.INT, n) + (rnd.nextBoolean() ? " / " : " % ") + expr(Ty.INT, n) + ")";
      case 4:
        return "e.h(" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + ")";
      case 5:
        return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.INT, n) + " : " + expr(Ty.INT, n) + ")";
      case 6:
        return "e.t(\"t" + (names++) + "\", " + expr(Ty.INT, n) + ")";
      case 7: {
        Var a = pick(false, Ty.ARR);
        if (a != null) {
          return a.name + "[" + indexExpr(a.name + ".length", n) + "]";
        }
        return expr(Ty.STR, n) + ".length()";
      }
      case 8: {
        Var l = pick(false, Ty.LIST);
        if (l != null) {
          return l.name + ".get(" + indexExpr(l.name + ".size()", n) + ")";
        }
        return "(" + expr(Ty.ARR, n) + ").length";
      }
      case 9: {
        Var v = pick(true, Ty.INT);
        if (v != null && v.isPrivate) {
          v = null; // an assignment to a private field can only be a statement
        }
        if (v == null) {
          return "-(" + expr(Ty.INT, n) + ")";
        }
        switch (rnd.nextInt(4)) {
          case 0:
            return v.name + "++";
          case 1:
            return "--" + v.name;
          case 2:
            return "(" + v.name + " = " + expr(Ty.INT, n) + ")";
          default:
            return "(" + v.name + " += " + expr(Ty.INT, n) + ")";
        }
      }
      case 10:
        return switchExpression(n);
      case 11:
        return "(int) (0L + " + expr(Ty.LONG, n) + ")";
      case 12:
        return expr(Ty.STR, n) + ".length()";
      default:
        return "Math.max(" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + ")";
    }
  }

  /** An expression of a narrow type, {@code double} or {@code char[]}. */
  private String narrowExpr(Ty ty, int n) {
    String cast = "(" + ty.java + ") ";
    switch (ty) {
      case CHAR:
        switch (rnd.nextInt(10)) {
          case 0:
            return "(char) (" + expr(Ty.CHAR, n) + " + " + expr(Ty.INT, n) + ")";
          case 1:
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.CHAR, n) + " : " + expr(Ty.CHAR, n) + ")";
          case 2: {
            // a char: the other operand is a constant int that fits (JLS 15.25)
            Var k = constantVar(Ty.INT);
            String konst =
                k != null && rnd.nextBoolean()
                    ? k.name
                    : rnd.nextBoolean() ? "" + (48 + rnd.nextInt(75)) : "(60 + " + rnd.nextInt(10) + ")";
            return rnd.nextBoolean()
                ? "(" + expr(Ty.BOOL, n) + " ? " + num(Ty.CHAR, n) + " : " + konst + ")"
                : "(" + expr(Ty.BOOL, n) + " ? " + konst + " : " + num(Ty.CHAR, n) + ")";
          }
          case 3:
            return "e.t(\"t" + (names++) + "\", " + expr(Ty.CHAR, n) + ")";
          case 4:
            return "Character.toUpperCase(" + expr(Ty.CHAR, n) + ")";
          case 5:
            return "(" + expr(Ty.STR, n) + " + \"x\").charAt(0)";
          case 6: {
            Var v = pick(true, Ty.CHAR);
            if (v == null || v.isPrivate) {
              return "(char) (" + expr(Ty.CHAR, n) + " + 1)";
            }
            return new String[] {v.name + "++", "--" + v.name, "(" + v.name + " += " + expr(Ty.INT, n) + ")"}[rnd.nextInt(3)];
          }
          case 7:
            return "(char) ('a' + Math.floorMod(" + expr(Ty.INT, n) + ", 26))";
          case 8: {
            Var a = pick(false, Ty.CARR);
            if (a != null) {
              return a.name + "[" + indexExpr(a.name + ".length", n) + "]";
            }
            return expr(Ty.CARR, n) + "[" + rnd.nextInt(2) + "]";
          }
          default:
            return "(char) " + num(Ty.BYTE, n) + "";
        }
      case BYTE:
      case SHORT: {
        Ty other = ty == Ty.BYTE ? Ty.SHORT : Ty.BYTE;
        int max = ty == Ty.BYTE ? 127 : 32767;
        switch (rnd.nextInt(9)) {
          case 0:
            return cast + "(" + expr(ty, n) + " + " + expr(Ty.INT, n) + ")";
          case 1:
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(ty, n) + " : " + expr(ty, n) + ")";
          case 2:
            // of type ty: the constant fits
            return "(" + expr(Ty.BOOL, n) + " ? " + num(ty, n) + " : " + rnd.nextInt(max) + ")";
          case 3:
            return "e.t(\"t" + (names++) + "\", " + expr(ty, n) + ")";
          case 4:
            // an int conditional: 200 does not fit a byte; cast back
            return cast + "(" + expr(Ty.BOOL, n) + " ? " + num(ty, n) + " : " + (max + 1 + rnd.nextInt(100)) + ")";
          case 5:
            return cast + num(Ty.CHAR, n);
          case 6:
            return cast + "(" + expr(ty, n) + " * " + expr(other, n) + ")";
          case 7: {
            Var v = pick(true, ty);
            if (v == null) {
              return cast + "-(" + num(ty, n) + ")";
            }
            return new String[] {v.name + "++", "--" + v.name, "(" + v.name + " -= " + expr(Ty.INT, n) + ")"}[rnd.nextInt(3)];
          }
          default:
            return cast + "(" + expr(ty, n) + (rnd.nextBoolean() ? " >>> " : " >> ") + expr(Ty.INT, n) + ")";
        }
      }
      case DOUBLE:
        switch (rnd.nextInt(11)) {
          case 0:
            return "(" + expr(Ty.DOUBLE, n) + " + " + expr(Ty.DOUBLE, n) + ")";
          case 1:
            return "(" + expr(Ty.DOUBLE, n) + " * " + expr(Ty.INT, n) + ")";
          case 2:
            return "(" + expr(Ty.DOUBLE, n) + " / " + expr(rnd.nextBoolean() ? Ty.DOUBLE : Ty.INT, n) + ")";
          case 3:
            return "(" + expr(Ty.DOUBLE, n) + " % " + expr(Ty.DOUBLE, n) + ")";
          case 4:
            // double: binary numeric promotion of the int (or Integer, unboxed) operand
            return "(" + expr(Ty.BOOL, n) + " ? " + num(Ty.DOUBLE, n) + " : "
                + num(rnd.nextBoolean() ? Ty.INT : Ty.BOX, n) + ")";
          case 5:
            return "(" + expr(Ty.BOOL, n) + " ? " + num(rnd.nextBoolean() ? Ty.CHAR : Ty.INT, n) + " : 2.5)";
          case 6:
            return "e.t(\"t" + (names++) + "\", " + expr(Ty.DOUBLE, n) + ")";
          case 7:
            return "Math.floor(" + expr(Ty.DOUBLE, n) + ")";
          case 8:
            return "-(" + num(Ty.DOUBLE, n) + ")";
          case 9:
            return "(double) " + num(Ty.LONG, n);
          default:
            return "(" + expr(Ty.DOUBLE, n) + " - " + expr(Ty.CHAR, n) + ")";
        }
      default: // CARR
        if (rnd.nextInt(3) == 0) {
          return "new char[] {'a' + " + rnd.nextInt(5) + ", " + expr(Ty.CHAR, n) + "}";
        }
        if (rnd.nextBoolean()) {
          return "(" + expr(Ty.STR, n) + " + \"ab\").toCharArray()";
        }
        return "new char[] {" + expr(Ty.CHAR, n) + ", " + expr(Ty.CHAR, n) + "}";
    }
  }

  /**
   * An expression of {@code ty} that is a numeric expression (JLS 15.25): not a generic call
   * ({@code await}, {@code e.t}) at the top, so a conditional with it and an operand of another
   * type is a numeric conditional, typed by promotion, rather than a reference one.
   */
  private String num(Ty ty, int d) {
    if (d >= MAX_EXPR_DEPTH || rnd.nextInt(3) == 0) {
      return leaf(ty);
    }
    return "(" + ty.java + ") (" + expr(ty, d + 1) + ")";
  }

  private String index(String length) {
    return indexExpr(length, 1);
  }

  private String indexExpr(String length, int n) {
    if (rnd.nextInt(12) == 0) {
      return expr(Ty.INT, n);
    }
    return "Math.floorMod(" + expr(Ty.INT, n) + ", " + length + ")";
  }

  /** A switch expression; its block arms hold statements, written inline on one line. */
  private String switchExpression(int n) {
    if (budget <= 0 || scopes.size() > MAX_DEPTH + 2) {
      return leaf(Ty.INT);
    }
    StringBuilder saved = new StringBuilder(out);
    out.setLength(0);
    int savedIndent = indent;
    indent = 0;
    String sel = "Math.floorMod(" + expr(Ty.INT, n) + ", 3)";
    StringBuilder sb = new StringBuilder("switch (" + sel + ") { ");
    boolean oldStyle = rnd.nextInt(3) == 0;
    for (int k = 0; k < 2; k++) {
      if (rnd.nextBoolean()) {
        sb.append(oldStyle ? "case " + k + ": yield " + yieldable(expr(Ty.INT, n))
            : "case " + k + " -> " + expr(Ty.INT, n)).append("; ");
      } else {
        sb.append(oldStyle ? "case " + k + ": { " : "case " + k + " -> { ");
        scopes.add(new ArrayList<>());
        int stmts = 1 + rnd.nextInt(2);
        for (int i = 0; i < stmts; i++) {
          out.setLength(0);
          statement(new Ctx(MAX_DEPTH - 1, false, false, false, List.of()).enterSwitchExpression());
          sb.append(out.toString().replace('\n', ' ')).append(' ');
        }
        out.setLength(0);
        sb.append("yield ").append(yieldable(expr(Ty.INT, n))).append("; } ");
        scopes.remove(scopes.size() - 1);
      }
    }
    sb.append(oldStyle ? "default: yield " + yieldable(expr(Ty.INT, n)) : "default -> " + expr(Ty.INT, n))
        .append("; }");
    out.setLength(0);
    out.append(saved);
    indent = savedIndent;
    return sb.toString();
  }

  /** {@code yield (x)} would parse as a call of a method named yield. */
  private static String yieldable(String e) {
    return e.startsWith("(") ? "0 + " + e : e;
  }

  private String leaf(Ty ty) {
    Var v = rnd.nextInt(4) > 0 ? pick(false, ty) : null;
    if (v != null) {
      return v.qualifier != null && rnd.nextInt(3) == 0 ? v.qualifier + v.name : v.name;
    }
    return switch (ty) {
      case INT -> "" + (rnd.nextInt(23) - 3);
      case LONG -> (rnd.nextInt(100) - 10) + "L";
      case STR -> "\"" + WORDS[rnd.nextInt(WORDS.length)] + "\"";
      case BOOL -> rnd.nextBoolean() ? "true" : "false";
      case ARR -> "new int[] {" + rnd.nextInt(9) + ", " + rnd.nextInt(9) + "}";
      case LIST -> "new ArrayList<>(List.of(" + rnd.nextInt(9) + "))";
      case BOX -> rnd.nextInt(6) == 0 ? "(Integer) null" : "" + (rnd.nextInt(300) - 10);
      case CHAR -> "'" + "abcxyz0A".charAt(rnd.nextInt(8)) + "'";
      case BYTE -> "(byte) " + (rnd.nextInt(300) - 150);
      case SHORT -> "(short) " + (rnd.nextInt(70000) - 35000);
      case DOUBLE -> new String[] {"0.5", "-1.25", "0.1", "3.0", "-0.0", "1e-3", "2.5E10", "Double.NaN"}[rnd.nextInt(8)];
      case CARR -> "new char[] {'" + (char) ('a' + rnd.nextInt(26)) + "', 'z'}";
    };
  }

  /** Declares an iteration counter; a label, if any, goes after it, on the loop. */
  private String counter(String label) {
    String k = name("k");
    line("int " + k + " = 0;");
    if (label != null) {
      line(label + ":");
    }
    return k;
  }

  private String awaitOf(String value) {
    return "await(e.f(" + (sites++) + ", " + value + "))";
  }

  /**
   * An await of a call to one of the program's {@code @Async} helpers ({@link FuzzProgram}'s
   * {@code g}, {@code gl}, {@code gb}), which the machine steps directly and which return their
   * value unboxed; {@code g} recurses {@code depth} times, sometimes deeper than the machines'
   * nesting bound. Null for types without a helper.
   */
  private String helperAwait(Ty ty, int d) {
    switch (ty) {
      case INT: {
        int depth = rnd.nextInt(8) == 0 ? 30 + rnd.nextInt(10) : rnd.nextInt(3);
        return "await(g(e, " + (sites++) + ", " + expr(Ty.INT, d) + ", " + depth + "))";
      }
      case LONG:
        return "await(gl(e, " + (sites++) + ", " + expr(Ty.LONG, d) + "))";
      case BOOL:
        return "await(gb(e, " + (sites++) + ", " + expr(Ty.BOOL, d) + "))";
      default:
        return null;
    }
  }

  // ------------------------------------------------------------------- helpers

  private Ty randomType() {
    Ty[] all = Ty.values();
    return all[rnd.nextInt(all.length)];
  }

  private Ty randomScalar() {
    Ty[] scalars = {Ty.INT, Ty.LONG, Ty.STR, Ty.BOOL, Ty.BOX, Ty.CHAR, Ty.BYTE, Ty.SHORT, Ty.DOUBLE};
    return scalars[rnd.nextInt(scalars.length)];
  }

  /** A random variable in scope, of {@code ty} if not null, assignable if asked; or null. */
  private Var pick(boolean assignable, Ty ty) {
    List<Var> candidates = new ArrayList<>();
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if ((!assignable || v.assignable) && (ty == null || v.ty == ty)) {
          candidates.add(v);
        }
      }
    }
    return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
  }

  private List<Var> scope() {
    return scopes.get(scopes.size() - 1);
  }

  private void line(String s) {
    out.append("  ".repeat(indent + 1)).append(s).append('\n');
  }
}
