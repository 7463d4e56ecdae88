package dev.machina.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a random, well-typed method body from a seed: nested if/else, every loop form with bounded
 * iteration, labeled break/continue, switch statements and expressions, try/catch/finally and
 * try-with-resources, return and throw at any depth, locals of several types in nested scopes
 * (enums and {@code int[][]} among them), labeled blocks, explicit iterators, instances of nested
 * and inner classes, and {@code await(e.f(site, value))} in expression positions. The body is valid for both the
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
    CARR("char[]"),
    /** {@link Env.Dir}, sometimes {@code null}: switches over enums, {@code ordinal()}, {@code name()}. */
    DIR("Env.Dir"),
    /** A rectangular {@code int[][]} (rows of two or more): creation with awaits in dimensions. */
    MAT("int[][]");

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
      boolean inSwitchExpression,
      boolean inTry) {
    Ctx(int depth, boolean canReturn, boolean canBreak, boolean canContinue, List<String> labels) {
      this(depth, canReturn, canBreak, canContinue, labels, false, false);
    }

    Ctx deeper() {
      return new Ctx(depth + 1, canReturn, canBreak, canContinue, labels, inSwitchExpression, inTry);
    }

    /**
     * Inside a try, catch or finally block, or a try-with-resources: a tail await
     * {@code return m(..)} of a machine is not written there, since the reference runs {@code m}'s
     * body where the return stands, before the finally blocks and inside the catch's reach,
     * and the machine runs it after them, lazily (as the contract says).
     */
    Ctx tryBlock() {
      return new Ctx(depth + 1, canReturn, canBreak, canContinue, labels, inSwitchExpression, true);
    }

    Ctx inLoop(String label) {
      List<String> ls = new ArrayList<>(labels);
      if (label != null) {
        ls.add(label);
      }
      return new Ctx(depth + 1, canReturn, true, true, ls, inSwitchExpression, inTry);
    }

    Ctx inSwitch() {
      return new Ctx(depth + 1, canReturn, true, canContinue, labels, inSwitchExpression, inTry);
    }

    Ctx enterSwitchExpression() {
      return new Ctx(depth + 1, false, false, false, List.of(), true, true);
    }
  }

  /** The value type of a method of the program: {@code Future<String>}, ..., {@code <T> Future<T>}. */
  enum Ret {
    STR("String"),
    INT("Integer"),
    LONG("Long"),
    BOOL("Boolean"),
    VOID("Void"),
    GEN("T");

    final String java;

    Ret(String java) {
      this.java = java;
    }
  }

  /**
   * One of the program's own methods beside {@code run} that bodies call and await
   * ({@code m0}..{@code m3}, and {@code dp}, recursing deep): {@code (Env e, int n, int a)} (a
   * generic one takes {@code T a}), {@code n} the fuel that bounds recursion through the call
   * graph. {@code override}: 0 none, 1 an {@code @Async} override in the nested subclass
   * {@code S}, 2 a plain one.
   */
  record Callee(String name, Ret ret, boolean isStatic, String modifier, int override, boolean deep) {
    String header() {
      return (isStatic ? "static " : "") + modifier + (ret == Ret.GEN ? "<T> " : "") + "Future<"
          + ret.java + "> " + name + "(Env e, int n, " + (ret == Ret.GEN ? "T" : "int") + " a)";
    }
  }

  /** A generated program: the body of {@code run} (or {@code work}) and the other members. */
  record Generated(String body, String members) {}

  /**
   * Marks where {@code @Async} goes in {@link Generated#members}: {@link FuzzProgram} writes it in
   * the {@code @Async} class and drops it in the reference.
   */
  static final String ASYNC_MARK = "/*@Async*/";

  /** Percent of programs with methods that call and await each other. */
  static final int CALLS_PERCENT = Integer.getInteger("machina.fuzz.callsPercent", 60);

  /** Which body a generator writes. */
  private enum Role {
    /** {@code run}'s (or {@code work}'s). */
    MAIN,
    /** A method of the program class, {@code m0}.., static or instance. */
    HELPER,
    /** An {@code @Async} override in {@code S}. */
    OVERRIDE,
    /** A plain override in {@code S}: no awaits. */
    PLAIN
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
  /**
   * Decides, apart from {@link #rnd} (so that the rest of a seed's program stays as it was),
   * whether a pattern's binding is read before its case's or statement's first await instead of
   * after it (a local of {@code step} rather than a field, F83).
   */
  private final Random early;
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
  /** The value type of the method whose body this is. */
  private final Ret ret;
  private final Role role;
  /** Whether the body is that of a static method (no {@code this}). */
  private final boolean staticBody;
  /** The program's other methods, which this body may call and await. */
  private final List<Callee> plan;
  /** Whether the program has the subclass {@code S} (some method is overridden). */
  private final boolean hasSub;
  /** Prefix of the body's trace labels, exception messages and resource names ({@code "m0."}). */
  private final String pre;
  /** The fuel a call passes on: a literal in {@code run}, {@code n - 1} (guarded) elsewhere. */
  private final boolean fueled;
  /** Whether calls of {@link #plan} may be written (not in {@code dp}, whose fuel is its depth). */
  private boolean callsAllowed = true;
  /**
   * Whether the program is compiled with {@code --release 21}: pattern switches over
   * {@link Env.Shape} and record patterns in {@code instanceof} join the statements.
   */
  private boolean java21;
  /** Whether a guard is being written: no guards, nor pattern switches, inside one. */
  private boolean inGuard;
  /**
   * Labels of the enclosing labeled blocks that are not loops ({@code L: { .. }}): a jump may
   * {@code break} to them; cleared inside a switch expression, which nothing jumps out of.
   */
  private List<String> blockLabels = new ArrayList<>();
  /**
   * Whether expressions are written without awaits (and without switch expressions, whose arms
   * hold statements): the bodies of {@code synchronized} blocks, which may not await.
   */
  private boolean noAwaits;

  private ProgramGenerator(long seed) {
    this(seed, new Random(seed), plan(seed), Role.MAIN, null, !FuzzProgram.isInstance(seed), "", 0);
  }

  private ProgramGenerator(
      long seed, Random rnd, List<Callee> plan, Role role, Ret ret, boolean staticBody, String pre,
      int siteBase) {
    this.rnd = rnd;
    this.early = new Random(seed * 31 + siteBase);
    this.plan = plan;
    this.role = role;
    this.staticBody = staticBody;
    this.pre = pre;
    this.sites = siteBase;
    this.fueled = role != Role.MAIN;
    hasSub = plan.stream().anyMatch(c -> c.override > 0);
    intResult = role == Role.MAIN && FuzzProgram.returnsInt(seed);
    this.ret = ret != null ? ret : intResult ? Ret.INT : Ret.STR;
    className = FuzzProgram.name(seed);
    generatedClass = className + (role == Role.OVERRIDE ? "_SAsync" : "Async");
    List<Var> fs = new ArrayList<>(fields(seed));
    fs.removeIf(f -> staticBody && f.qualifier.equals("this.") || role != Role.MAIN && f.name.equals("if1"));
    fields = fs;
    awaitPercent = role == Role.PLAIN ? 0 : 15 + rnd.nextInt(30);
    budget = role == Role.MAIN
        ? (plan.isEmpty() ? 12 + rnd.nextInt(40) : 5 + rnd.nextInt(20))
        : role == Role.PLAIN ? 1 + rnd.nextInt(2) : 2 + rnd.nextInt(5);
  }

  /** The body for {@code seed}: statements using the parameter {@code Env e}. */
  static String body(long seed) {
    return generate(seed).body;
  }

  /**
   * The program of {@code seed}: {@code run}'s body, and for {@link #CALLS_PERCENT} percent of
   * seeds the methods of {@link #plan} with random bodies of their own, and the subclass
   * {@code S} with their overrides.
   */
  static Generated generate(long seed) {
    return generate(seed, false);
  }

  /** The program of {@code seed}, with Java 21's patterns among its statements if {@code java21}. */
  static Generated generate(long seed, boolean java21) {
    List<Callee> plan = plan(seed);
    ProgramGenerator main = new ProgramGenerator(seed);
    main.java21 = java21;
    String body = main.generate();
    StringBuilder members = new StringBuilder();
    StringBuilder sub = new StringBuilder();
    String p = FuzzProgram.name(seed);
    for (int i = 0; i < plan.size(); i++) {
      Callee c = plan.get(i);
      Random r = new Random(seed * 0x9E3779B97F4A7C15L + 17 * (i + 1));
      members.append('\n').append(method(seed, r, plan, c, Role.HELPER, 4000 + 400 * i, "  ", java21));
      if (c.override > 0) {
        Random o = new Random(seed * 0x9E3779B97F4A7C15L + 17 * (i + 1) + 5);
        sub.append('\n').append(method(seed, o, plan, c,
            c.override == 1 ? Role.OVERRIDE : Role.PLAIN, 6000 + 300 * i, "    ", java21));
      }
    }
    if (sub.length() > 0) {
      members.append("\n  static class S extends ").append(p).append(" {").append(sub).append("  }\n");
    }
    return new Generated(body, members.toString());
  }

  /** The methods of {@code seed}'s program beside {@code run}: empty for most seeds. */
  static List<Callee> plan(long seed) {
    Random pr = new Random(seed * 0x2545F4914F6CDD1DL + 1);
    List<Callee> cs = new ArrayList<>();
    if (pr.nextInt(100) >= CALLS_PERCENT) {
      return cs;
    }
    boolean instance = FuzzProgram.isInstance(seed);
    int k = 1 + pr.nextInt(3);
    for (int i = 0; i < k; i++) {
      Ret r = Ret.values()[pr.nextInt(Ret.values().length)];
      boolean st = !instance || pr.nextInt(3) == 0;
      String mod = st
          ? (pr.nextInt(4) == 0 ? "private " : "")
          : new String[] {"", "", "", "final ", "private "}[pr.nextInt(5)];
      int ov = !st && mod.isEmpty() ? pr.nextInt(3) : 0;
      cs.add(new Callee("m" + i, r, st, mod, ov, false));
    }
    if (pr.nextInt(3) > 0) {
      boolean st = !instance || pr.nextBoolean();
      String mod = st || pr.nextBoolean() ? "" : "final ";
      int ov = !st && mod.isEmpty() && pr.nextBoolean() ? 1 : 0;
      cs.add(new Callee("dp", Ret.INT, st, mod, ov, true));
    }
    return cs;
  }

  /** The declaration of {@code c} (or of its override in {@code S}) with a random body. */
  private static String method(
      long seed, Random r, List<Callee> plan, Callee c, Role role, int siteBase, String in,
      boolean java21) {
    String pre = (role == Role.HELPER ? "" : "S.") + c.name + ".";
    ProgramGenerator g =
        new ProgramGenerator(seed, r, plan, role, c.ret, c.isStatic, pre, siteBase);
    g.java21 = java21;
    g.indent = in.length() / 2;
    StringBuilder sb = new StringBuilder();
    if (role != Role.PLAIN) {
      sb.append(in).append(ASYNC_MARK).append('\n');
    }
    if (role != Role.HELPER) {
      sb.append(in).append("@Override\n");
    }
    String header = role == Role.HELPER ? c.header() : c.header().replace(c.modifier, "");
    sb.append(in).append(header).append(" {\n");
    sb.append(c.deep ? g.deepBody() : g.generate());
    sb.append(in).append("}\n");
    return sb.toString();
  }

  private String generate() {
    scopes.add(new ArrayList<>());
    for (Var f : fields) {
      if (role == Role.MAIN) {
        line(f.name + " = " + leaf(f.ty) + ";");
      }
      scope().add(f);
    }
    if (role != Role.MAIN) {
      scope().add(new Var("n", Ty.INT, false, true));
      if (ret != Ret.GEN) {
        scope().add(new Var("a", Ty.INT, false, true));
      }
      line("e.log(\"" + pre + "in\", n + \":\" + a);");
    }
    declare(Ty.INT, new Ctx(0, true, false, false, List.of()));
    declare(Ty.STR, new Ctx(0, true, false, false, List.of()));
    while (budget > 0) {
      statement(new Ctx(0, true, false, false, List.of()));
    }
    StringBuilder all = new StringBuilder();
    for (Var v : scopes.get(0)) {
      if (v.qualifier != null || role == Role.MAIN) {
        all.append(all.length() == 0 ? "" : ", ").append(v.name);
      }
    }
    for (Var v : scopes.get(0)) {
      if (v.qualifier == null && role != Role.MAIN) {
        all.append(all.length() == 0 ? "" : ", ").append(v.name);
      }
    }
    String end = "e." + (ret == Ret.INT || ret == Ret.LONG || ret == Ret.BOOL ? "endCode" : "end")
        + "(" + all + ")";
    switch (ret) {
      case STR -> line("return Future.ready(" + end + ");");
      case INT -> line("return Future.ready(" + end + ");");
      case LONG -> line("return Future.ready(31L * " + end + ");");
      case BOOL -> line("return Future.ready(" + end + " % 3 == 0);");
      case VOID -> {
        line("e.log(\"" + pre + "end\", " + end + ");");
        line("return Future.ready(null);");
      }
      default -> {
        line("e.log(\"" + pre + "end\", " + end + ");");
        line("return Future.ready(a);");
      }
    }
    return out.toString();
  }

  /**
   * The body of {@code dp}, which recurses {@code n} deep (30-45 from some call sites, past the
   * machines' nesting bound of 32): the recursive await inside a try with, by the seed, a catch
   * of {@code Env.Boom} that rethrows at most levels and returns at some, a finally that awaits
   * and sometimes returns, a tail call at some levels, and a throw at the bottom.
   */
  private String deepBody() {
    callsAllowed = false;
    scopes.add(new ArrayList<>());
    scope().add(new Var("n", Ty.INT, false, true));
    scope().add(new Var("a", Ty.INT, false, true));
    Ctx top = new Ctx(MAX_DEPTH, false, false, false, List.of(), false, true);
    line("e.log(\"" + pre + "in\", n + \":\" + " + expr(Ty.INT, 1) + ");");
    line("if (n <= 0) {");
    indent++;
    if (rnd.nextInt(3) > 0) {
      line("if (Math.floorMod(a, " + (2 + rnd.nextInt(3)) + ") == 0) throw e.boom(\"" + pre + "bottom\");");
    }
    line("return Future.ready(" + awaitOf("a") + " + 1);");
    indent--;
    line("}");
    if (rnd.nextInt(3) == 0) {
      line("if (n % " + (3 + rnd.nextInt(5)) + " == 0) return dp(e, n - 1, a + 1);");
    }
    boolean katch = rnd.nextBoolean();
    boolean fin = !katch || rnd.nextBoolean();
    line("try {");
    indent++;
    line("int v = " + (rnd.nextBoolean() ? "await(dp(e, n - 1, a + 1))" : "await(dp(e, n - 1, a + 1)) + " + expr(Ty.INT, 1)) + ";");
    line("return Future.ready(v * 2 - a);");
    indent--;
    if (katch) {
      line("} catch (Env.Boom x) {");
      indent++;
      line("e.log(\"" + pre + "caught\", n + e.describe(x));");
      line("if (n % " + (2 + rnd.nextInt(6)) + " != 0) throw x;");
      line("return Future.ready(-a);");
      indent--;
    }
    if (fin) {
      line("} finally {");
      indent++;
      line("e.log(\"" + pre + "fin\", " + (rnd.nextBoolean() ? awaitOf("n") : "n") + ");");
      if (rnd.nextInt(3) == 0) {
        line("if (n == " + (1 + rnd.nextInt(40)) + ") return Future.ready(n);");
      }
      if (rnd.nextInt(3) == 0) {
        statement(top);
      }
      indent--;
    }
    line("}");
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
    if (nest && rnd.nextInt(100) < 20) {
      switch (rnd.nextInt(12)) {
        case 0, 1 -> labeledBlock(ctx);
        case 2 -> objects();
        case 3 -> boxes();
        case 4 -> matrix();
        case 5, 6 -> readBeforeAwaits(ctx);
        case 7 -> finallyJump(ctx);
        default -> gap(ctx);
      }
      return;
    }
    int roll = rnd.nextInt(100);
    if (roll < 20 || !nest && roll < 45) {
      declare(randomType(), ctx);
    } else if (roll < 33) {
      assign(ctx);
    } else if (roll < 40) {
      if (roll >= 36 && callStatement()) {
        return;
      }
      line("e.log(\"" + pre + "l" + (names++) + "\", " + expr(randomType(), 0) + ");");
    } else if (roll < 45) {
      jump(ctx);
    } else if (!nest) {
      line("e.log(\"" + pre + "l" + (names++) + "\", " + expr(Ty.INT, 0) + ");");
    } else if (roll < 55) {
      ifElse(ctx);
    } else if (roll < 67) {
      loop(ctx);
    } else if (roll < 74) {
      if (java21 && !inGuard && rnd.nextBoolean()) {
        patternSwitch(ctx);
      } else {
        switchStatement(ctx);
      }
    } else if (roll < 86 && ctx.inSwitchExpression) {
      // javac 17 crashes (AssertionError in Code$State.join) on some try statements inside
      // switch expressions used as operands; see tests/README.md.
      line("e.log(\"" + pre + "l" + (names++) + "\", " + expr(Ty.INT, 0) + ");");
    } else if (roll < 82) {
      tryCatch(ctx);
    } else if (roll < 86) {
      tryWithResources(ctx);
    } else if (roll < 90) {
      if (java21 && !inGuard && rnd.nextInt(3) > 0) {
        if (rnd.nextBoolean()) {
          patternSwitch(ctx);
        } else {
          recordPattern(ctx);
        }
        return;
      }
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
    line("e.log(\"" + pre + "i" + n + "\", " + awaitOf("0") + ");");
    line(r + " = new " + rec + "(" + r + ".a() + " + expr(Ty.INT, 1) + ", " + r + ".b() + " + cs
        + ".get(0).length());");
    line("e.log(\"" + pre + "x" + n + "\", " + x + " + \":\" + " + x + ".describeConstable().isPresent() + \":\" + "
        + l + ".get(1).longValue() + \":\" + (" + cs + ".get(1).length() + " + cs
        + ".get(0).length()));");
    line("e.log(\"" + pre + "c" + n + "\", e.call(() -> " + cs + ".get(0).length() + " + l
        + ".get(0).intValue() + (" + x + " instanceof Integer ? 1 : 0)));");
    line("e.log(\"" + pre + "r" + n + "\", " + r + ");");
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
    // javac (17 and 25) refuses `var x = switch (..) { case 0: { int[] a = {..}; .. } ..}`:
    // "array initializer needs an explicit target-type" (FINDINGS.md F44)
    boolean bare = !ctx.inSwitchExpression;
    String init =
        ty == Ty.ARR && rnd.nextInt(3) == 0 && bare
            ? "{" + expr(Ty.INT, 1) + ", " + expr(Ty.INT, 1) + "}" // a bare array initializer
            : ty == Ty.CARR && rnd.nextInt(3) == 0 && bare
                // 'a' + 2 narrows to char as a constant expression only
                ? "{" + (rnd.nextBoolean() ? "'a' + " + rnd.nextInt(5) : expr(Ty.CHAR, 1)) + ", "
                    + expr(Ty.CHAR, 1) + "}"
                : ty == Ty.MAT && rnd.nextInt(3) == 0 && bare
                    ? "{{" + expr(Ty.INT, 1) + ", " + expr(Ty.INT, 1) + "}, {" + expr(Ty.INT, 1) + ", "
                        + expr(Ty.INT, 1) + "}}"
                    : narrowInit(ty);
    if (rnd.nextInt(6) == 0 && ty != Ty.ARR && ty != Ty.CARR && ty != Ty.MAT) {
      // two declarators, the second reading the first (F75)
      scope().add(new Var(name, ty, true, false));
      String second = name("v");
      line(ty.java + " " + name + " = " + init + ", " + second + " = " + narrowInit(ty) + ";");
      scope().add(new Var(second, ty, true, false));
      return;
    }
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
        switch (rnd.nextInt(5)) {
          case 3 -> line(v.name + " *= " + floatExpr(1) + ";"); // (long) (v * f)
          case 4 -> line(v.name + (rnd.nextBoolean() ? " /= " : " -= ") + expr(Ty.INT, 0) + ";");
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
      // a field appended to in a method that runs many times could double each time
      case STR -> line(v.name + (rnd.nextBoolean() && (role == Role.MAIN || v.qualifier == null) ? " += " : " = ")
          + expr(Ty.STR, 1) + ";");
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
      case DIR -> line(v.name + " = " + expr(Ty.DIR, 0) + ";");
      case MAT -> matrixAssign(v);
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
    for (String l : blockLabels) {
      options.add("break " + l);
    }
    String j = options.get(rnd.nextInt(options.size()));
    String guard = "if (" + expr(Ty.BOOL, 1) + ") ";
    String stmt;
    switch (j) {
      case "throw" -> stmt = "throw " + switch (rnd.nextInt(5)) {
        case 0, 1 -> "e.boom(\"" + pre + "t" + (names++) + "\");";
        case 2 -> "new IllegalStateException(\"t" + (names++) + "\");";
        // an exception made from values computed with awaits
        case 3 -> "e.boom(\"" + pre + "t" + (names++) + ":\" + " + expr(Ty.STR, 1) + ");";
        default -> "(" + expr(Ty.BOOL, 1) + " ? e.boom(\"" + pre + "t" + (names++) + ":\" + "
            + expr(Ty.INT, 2) + ") : new IllegalStateException(\"t" + (names++) + ":\" + "
            + expr(Ty.DIR, 2) + "));";
      };
      case "return" -> {
        String tail = ctx.inTry || intResult ? null : tailCall();
        if (tail != null) {
          stmt = "return " + tail + ";";
          if (fueled) {
            guard = "if (n > 0 && " + expr(Ty.BOOL, 1) + ") ";
          }
        } else {
          stmt = "return " + returned() + ";";
        }
      }
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
    int form = rnd.nextInt(7);
    if (label != null && form != 1 && form != 2 && form != 6) {
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
        if (rnd.nextInt(3) == 0) {
          // a constant true condition: the loop ends only by its break (JLS 14.22), checked first
          line("while (" + constantTrue() + ") {");
          indent++;
          line("if (" + k + "++ >= " + (1 + rnd.nextInt(4)) + " || !(" + expr(Ty.BOOL, 1) + ")) break;");
          indent--;
        } else {
          line("while (" + k + "++ < " + (1 + rnd.nextInt(4)) + " && " + expr(Ty.BOOL, 1) + ") {");
        }
        block(inner, n);
        line("}");
      }
      case 2 -> {
        String k = counter(label);
        line("do {");
        if (rnd.nextInt(3) == 0) {
          indent++;
          line("if (" + k + "++ >= " + (1 + rnd.nextInt(3)) + " || !(" + expr(Ty.BOOL, 1) + ")) break;");
          indent--;
          block(inner, n);
          line("} while (" + constantTrue() + ");");
        } else {
          block(inner, n);
          line("} while (" + k + "++ < " + rnd.nextInt(3) + " && " + expr(Ty.BOOL, 1) + ");");
        }
      }
      case 6 -> {
        // an explicit iterator living across awaits, sometimes removing what it returned
        String k = counter(label);
        String it = name("it");
        String x = name("x");
        line("for (java.util.Iterator<Integer> " + it + " = " + expr(Ty.LIST, 1) + ".iterator(); "
            + k + "++ < " + (1 + rnd.nextInt(3)) + " && " + it + ".hasNext(); ) {");
        indent++;
        line("int " + x + " = " + it + ".next() + " + expr(Ty.INT, 2) + ";");
        scopes.add(new ArrayList<>(List.of(new Var(x, Ty.INT, false, false))));
        if (rnd.nextInt(3) == 0) {
          line("if (" + expr(Ty.BOOL, 1) + ") " + it + ".remove();");
        }
        indent--;
        block(inner, n);
        scopes.remove(scopes.size() - 1);
        line("}");
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
        // at most four chars of a string, which the body may double each time (seed 20360899)
        String over = overChars >= 2 ? "e.few(" + expr(Ty.CARR, 1) + ")" : expr(Ty.ARR, 1);
        line("for (" + xt.java + " " + x + " : " + over + ") {");
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
    int kind = rnd.nextInt(7); // 0, 1: strings; 2: chars; 6: Env.Dir; else ints
    boolean strings = kind < 2;
    boolean chars = kind == 2;
    boolean dirs = kind == 6;
    String selector =
        dirs
            ? expr(Ty.DIR, 1)
            : strings
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
          dirs
              ? dirLabel(Env.Dir.values()[value].name())
              : strings
              ? "\"" + WORDS[rnd.nextInt(WORDS.length)] + "\""
              : chars ? "'" + (char) value + "'" : "" + value;
      if (!strings) {
        // a constant variable of the same value as the label (a constant expression)
        Var k = dirs ? null : constantVar(chars ? Ty.CHAR : Ty.INT);
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
    block(ctx.tryBlock(), 1 + rnd.nextInt(3));
    boolean any = false;
    String[] catches = {
      "Env.Boom", "ArithmeticException | IndexOutOfBoundsException", "RuntimeException", "Exception"
    };
    for (String c : catches) {
      if (rnd.nextInt(3) == 0) {
        any = true;
        catchClause(ctx.tryBlock(), c);
      }
    }
    if (!any || rnd.nextBoolean()) {
      line("} finally {");
      block(ctx.tryBlock(), 1 + rnd.nextInt(2));
    }
    line("}");
  }

  private void catchClause(Ctx ctx, String type) {
    String x = name("x");
    line("} catch (" + type + " " + x + ") {");
    indent++;
    line("e.log(\"" + pre + "c" + x + "\", e.describe(" + x + "));");
    indent--;
    block(ctx.tryBlock(), rnd.nextInt(3));
  }

  private void tryWithResources(Ctx ctx) {
    int n = 1 + rnd.nextInt(2);
    StringBuilder header = new StringBuilder("try (");
    for (int i = 0; i < n; i++) {
      String r = "r" + (names++);
      String rn = pre + r;
      String name = rnd.nextBoolean() ? "\"" + rn + "\"" : awaitOf("\"" + rn + "\"");
      header.append(i == 0 ? "" : "; ").append("Env.Res ").append(r).append(" = e.res(")
          .append(name).append(", ").append(expr(Ty.BOOL, 2)).append(")");
    }
    line(header + ") {");
    block(ctx.tryBlock(), 1 + rnd.nextInt(3));
    if (rnd.nextBoolean()) {
      catchClause(ctx.tryBlock(), rnd.nextBoolean() ? "Env.Boom" : "Exception");
    }
    if (rnd.nextInt(3) == 0) {
      line("} finally {");
      block(ctx.tryBlock(), 1);
    }
    line("}");
  }

  private void pattern(Ctx ctx) {
    String p = name("p");
    int kind = rnd.nextInt(3);
    if (kind == 2) {
      // a pattern of a generic type: List<?>
      line("if (e.objs(" + expr(Ty.INT, 1) + ") instanceof List<?> " + p + " && " + p + ".size() > " + rnd.nextInt(2) + ") {");
      scopes.add(new ArrayList<>(List.of(new Var(p + ".size()", Ty.INT, false, false),
          new Var("((Integer) " + p + ".get(1))", Ty.BOX, false, false))));
    } else {
      boolean str = kind == 0;
      line("if (e.obj(" + expr(Ty.INT, 1) + ") instanceof " + (str ? "String " : "Integer ") + p + ") {");
      String read = str ? p : "((int) " + p + ")";
      scopes.add(new ArrayList<>(List.of(new Var(read, str ? Ty.STR : Ty.INT, false, false))));
    }
    indent++;
    line("e.log(\"" + pre + "p" + p + "\", " + awaitOf("0") + ");");
    line("e.log(\"" + pre + "q" + p + "\", " + p + ");");
    indent--;
    block(ctx.deeper(), 1 + rnd.nextInt(2));
    scopes.remove(scopes.size() - 1);
    line("}");
  }

  /**
   * A switch over {@code e.shape(..)} with Java 21's pattern labels: guarded cases first (a guard
   * reads only bindings, fields and effectively final locals, as Java requires, and may await),
   * then unguarded type or record patterns covering the sealed {@link Env.Shape} or a
   * {@code default}; {@code case null} sometimes (else a null selector throws). Arrow cases, or
   * statement groups ending in {@code break} (no group falls into one that declares bindings).
   */
  private void patternSwitch(Ctx ctx) {
    boolean arrows = rnd.nextBoolean();
    boolean priv = rnd.nextInt(3) == 0;
    line("switch (" + shapeSelector(expr(Ty.INT, 1), priv) + ") {");
    indent++;
    Ctx inner = ctx.inSwitch();
    int guarded = rnd.nextInt(3);
    for (int i = 0; i < guarded; i++) {
      List<Var> bound = new ArrayList<>();
      String label = shapePattern(rnd.nextInt(3), bound, priv);
      patternCase(arrows, label + " when " + guard(bound), bound, inner);
    }
    if (rnd.nextInt(3) == 0) {
      patternCase(arrows, "null", List.of(), inner);
    }
    int covered = rnd.nextInt(4);
    for (int k = 0; k < 3; k++) {
      if (k < covered || covered == 3) {
        List<Var> bound = new ArrayList<>();
        patternCase(arrows, shapePattern(k, bound, priv), bound, inner);
      }
    }
    if (covered < 3) {
      patternCase(arrows, "default", List.of(), inner);
    }
    indent--;
    line("}");
  }

  private void patternCase(boolean arrows, String label, List<Var> bound, Ctx inner) {
    String head = label.equals("default") ? "default" : "case " + label;
    line(head + (arrows ? " -> {" : ": {"));
    scopes.add(new ArrayList<>(bound));
    indent++;
    if (!bound.isEmpty()) {
      Var v = bound.get(rnd.nextInt(bound.size()));
      readBinding(pre + "b" + (names++), v, "1", false);
    }
    indent--;
    block(inner, 1 + rnd.nextInt(2));
    scopes.remove(scopes.size() - 1);
    line("}");
    if (!arrows) {
      indent++;
      line("break;");
      indent--;
    }
  }

  /**
   * The selector of a pattern switch over the shape of index {@code i}: {@code e.shape(i)}, or
   * if {@code priv} its copy {@code psh(e.shape(i))} as the program's private sealed
   * {@code Psh}, whose type patterns the generated class tests by class.
   */
  private String shapeSelector(String i, boolean priv) {
    return priv ? "psh(e.shape(" + i + "))" : "e.shape(" + i + ")";
  }

  /**
   * A type or record pattern for the {@code k}th shape, its bindings (read as {@code int}s or
   * {@code String}s) added to {@code bound}; a type or record pattern of the private {@code Pc},
   * {@code Ps} or {@code Pg} if {@code priv}.
   */
  private String shapePattern(int k, List<Var> bound, boolean priv) {
    if (priv && rnd.nextBoolean()) {
      // a record pattern of the private records: tested by class, its bindings read from it
      switch (k) {
        case 0 -> {
          String c = name("c");
          bound.add(new Var(c, Ty.INT, false, true));
          return "Pc(" + (rnd.nextBoolean() ? "var " : "int ") + c + ")";
        }
        case 1 -> {
          String s = name("s");
          String t = name("t");
          bound.add(new Var(s, Ty.INT, false, true));
          bound.add(new Var(t, Ty.STR, false, true));
          return "Ps(int " + s + ", " + (rnd.nextBoolean() ? "var " : "String ") + t + ")";
        }
        default -> {
          String x = name("x");
          String b = name("b");
          String a = name("a");
          bound.add(new Var(x, Ty.INT, false, true));
          bound.add(new Var(b, Ty.INT, false, true));
          if (rnd.nextBoolean()) {
            bound.add(new Var(a + ".x()", Ty.INT, false, true));
            return "Pg(Pq(var " + x + ", int " + b + "), Env.Pt " + a + ")";
          }
          // Env.Pt, compiled elsewhere, stays a pattern of the generated code
          bound.add(new Var(a, Ty.INT, false, true));
          return "Pg(Pq(var " + x + ", int " + b + "), Env.Pt(var " + a + ", int " + name("y") + "))";
        }
      }
    }
    if (priv) {
      String v = name(k == 0 ? "c" : k == 1 ? "s" : "a");
      switch (k) {
        case 0 -> bound.add(new Var(v + ".r()", Ty.INT, false, true));
        case 1 -> {
          bound.add(new Var(v + ".s()", Ty.INT, false, true));
          bound.add(new Var(v + ".tag()", Ty.STR, false, true));
        }
        default -> bound.add(new Var(v + ".a().x()", Ty.INT, false, true));
      }
      return (k == 0 ? "Pc " : k == 1 ? "Ps " : "Pg ") + v;
    }
    boolean record = rnd.nextBoolean();
    switch (k) {
      case 0 -> {
        String c = name("c");
        bound.add(new Var(record ? c : c + ".r()", Ty.INT, false, true));
        return record ? "Env.Circ(" + (rnd.nextBoolean() ? "var " : "int ") + c + ")" : "Env.Circ " + c;
      }
      case 1 -> {
        String s = name("s");
        if (!record) {
          bound.add(new Var(s + ".s()", Ty.INT, false, true));
          bound.add(new Var(s + ".tag()", Ty.STR, false, true));
          return "Env.Sq " + s;
        }
        String t = name("t");
        bound.add(new Var(s, Ty.INT, false, true));
        bound.add(new Var(t, Ty.STR, false, true));
        return "Env.Sq(int " + s + ", " + (rnd.nextBoolean() ? "var " : "String ") + t + ")";
      }
      default -> {
        String a = name("a");
        String b = name("b");
        if (!record) {
          bound.add(new Var(a + ".a().x()", Ty.INT, false, true));
          return "Env.Seg " + a;
        }
        String x = name("x");
        bound.add(new Var(x, Ty.INT, false, true));
        bound.add(new Var(b, Ty.INT, false, true));
        bound.add(new Var(a + ".x()", Ty.INT, false, true));
        return "Env.Seg(Env.Pt(var " + x + ", int " + b + "), Env.Pt " + a + ")";
      }
    }
  }

  /**
   * A guard: a boolean expression over the case's bindings, the fields and the effectively final
   * locals only (the variables a guard may read), logged when it runs (so the trace shows the
   * order guards are tried in) and never a constant expression (javac takes a guard that is
   * constantly true for none, and refuses one constantly false).
   */
  private String guard(List<Var> bound) {
    List<List<Var>> saved = new ArrayList<>(scopes);
    List<Var> visible = new ArrayList<>(bound);
    for (List<Var> s : saved) {
      for (Var v : s) {
        if (v.qualifier != null || (v.capturable && !v.assignable)) {
          visible.add(v);
        }
      }
    }
    scopes.clear();
    scopes.add(visible);
    boolean outer = inGuard;
    inGuard = true;
    String g = "e.t(\"" + pre + "g" + (names++) + "\", " + expr(Ty.BOOL, 2) + ")";
    inGuard = outer;
    scopes.clear();
    scopes.addAll(saved);
    return g;
  }

  /**
   * A record pattern in an {@code if}: {@code if (e.shape(..) instanceof Env.Seg(Env.Pt(var x,
   * int y), Env.Pt b) && ..) { .. }}, or one of the private records over {@code psh(..)}, with
   * the bindings read after an await, or negated with a
   * throw, {@code if (!(.. instanceof Env.Sq(int s, var t))) throw ..;}, after which the
   * bindings are in scope for the rest of the block.
   */
  private void recordPattern(Ctx ctx) {
    List<Var> bound = new ArrayList<>();
    int k = rnd.nextInt(3);
    boolean priv = rnd.nextInt(3) == 0;
    String pattern = shapePattern(k, bound, priv);
    while (!pattern.contains("(")) {
      bound.clear();
      pattern = shapePattern(k, bound, priv);
    }
    String test = shapeSelector(expr(Ty.INT, 1), priv) + " instanceof " + pattern;
    Var v = bound.get(rnd.nextInt(bound.size()));
    if (rnd.nextBoolean()) {
      line("if (!(" + test + ")) throw e.boom(\"" + pre + "np" + (names++) + "\");");
      bound.forEach(scope()::add);
      readBinding(pre + "r" + (names++), v, "0", true);
      return;
    }
    scopes.add(new ArrayList<>(bound));
    String more = rnd.nextBoolean() ? " && " + expr(Ty.BOOL, 1) : "";
    line("if (" + test + more + ") {");
    indent++;
    readBinding(pre + "r" + (names++), v, "0", true);
    indent--;
    block(ctx.deeper(), 1 + rnd.nextInt(2));
    scopes.remove(scopes.size() - 1);
    line("}");
  }

  /**
   * Logs the binding {@code v} and an await of {@code value} under {@code label}: in one
   * statement ({@code awaitFirst}: the await's value before the binding), or, for one in three
   * by {@link #early}, in two, the binding's before the await.
   */
  private void readBinding(String label, Var v, String value, boolean awaitFirst) {
    if (early.nextInt(3) == 0) {
      line("e.log(\"" + label + "\", " + v.name + ");");
      line("e.log(\"" + label + "w\", " + awaitOf(value) + ");");
    } else if (awaitFirst) {
      line("e.log(\"" + label + "\", " + awaitOf(value) + " + " + v.name + ");");
    } else {
      line("e.log(\"" + label + "\", " + v.name + " + " + awaitOf(value) + ");");
    }
  }

  private void capture(Ctx ctx) {
    String c = name("c");
    line("final int " + c + " = " + expr(Ty.INT, 0) + ";");
    scope().add(new Var(c, Ty.INT, false, true));
    line("e.log(\"" + pre + "w" + c + "\", " + awaitOf("0") + ");");
    StringBuilder sum = new StringBuilder(c);
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.capturable && v.ty != Ty.STR && !v.name.equals(c) && rnd.nextBoolean()) {
          sum.append(" + ").append(v.name);
        }
      }
    }
    Var k = constantVar(Ty.INT);
    if (k != null && rnd.nextBoolean()) {
      // narrowed in the lambda: k must still be a constant there
      line("e.log(\"" + pre + "g" + c + "\", e.call(() -> { byte b" + c + " = " + k.name + "; return b" + c + " + "
          + sum + "; }));");
    } else if (rnd.nextBoolean()) {
      line("e.log(\"" + pre + "g" + c + "\", e.call(() -> " + sum + "));");
    } else {
      line("e.log(\"" + pre + "g" + c + "\", new Object() { public String toString() { return \"o\" + ("
          + sum + "); } });");
    }
  }

  // ------------------------------------------------- enums, matrices, floats, boxes, nested classes

  /** An {@link Env.Dir}: {@code e.dir(..)} is sometimes {@code null}. */
  private String dirExpr(int n) {
    switch (rnd.nextInt(5)) {
      case 0:
        return "e.dir(" + expr(Ty.INT, n) + ")";
      case 1:
        return "Env.Dir.values()[Math.floorMod(" + expr(Ty.INT, n) + ", 4)]";
      case 2:
        return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.DIR, n) + " : " + expr(Ty.DIR, n) + ")";
      case 3:
        return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.DIR, n) + ")";
      default:
        return "Env.Dir.valueOf(\"\" + \"NESW\".charAt(Math.floorMod(" + expr(Ty.INT, n) + ", 4)))";
    }
  }

  /**
   * An {@code int[][]} whose rows hold two elements or more: created with awaits in its
   * dimensions (sometimes raw, which may throw {@code NegativeArraySizeException}) or in its
   * initializers.
   */
  private String matExpr(int n) {
    switch (rnd.nextInt(4)) {
      case 0:
        return "new int[" + (rnd.nextInt(12) == 0 ? "Math.min(3, " + expr(Ty.INT, n) + ")" : "1 + Math.floorMod(" + expr(Ty.INT, n) + ", 3)")
            + "][2 + Math.floorMod(" + expr(Ty.INT, n) + ", 2)]";
      case 1:
        return "new int[][] {new int[] {" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + "}, {"
            + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + "}}";
      case 2:
        return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.MAT, n) + " : " + expr(Ty.MAT, n) + ")";
      default:
        return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.MAT, n) + ")";
    }
  }

  /** A statement changing the matrix {@code v}: a cell, a row, or the whole. */
  private void matrixAssign(Var v) {
    String row = v.name + "[Math.floorMod(" + expr(Ty.INT, 1) + ", " + v.name + ".length)]";
    String cell = row + "[Math.floorMod(" + expr(Ty.INT, 1) + ", 2)]";
    switch (rnd.nextInt(6)) {
      case 0, 1 -> line(cell + " " + new String[] {"=", "+=", "-=", "*=", "<<=", "%=", "^="}[rnd.nextInt(7)]
          + " " + expr(Ty.INT, 0) + ";");
      case 2 -> line(cell + (rnd.nextBoolean() ? "++;" : "--;"));
      case 3 -> line(row + " = new int[] {" + expr(Ty.INT, 1) + ", " + expr(Ty.INT, 1) + "};");
      // rows shared by two indices
      case 4 -> line(row + " = " + v.name + "[Math.floorMod(" + expr(Ty.INT, 1) + ", " + v.name + ".length)];");
      default -> line(v.name + " = " + expr(Ty.MAT, 0) + ";");
    }
  }

  /**
   * A {@code float}, a primary or in parentheses: literals (NaN, -0.0f, near the largest),
   * {@code float} arithmetic with int, long and double operands narrowed or promoted, awaited
   * {@code Float}s.
   */
  private String floatExpr(int d) {
    if (!noAwaits && d < MAX_EXPR_DEPTH && rnd.nextInt(100) < awaitPercent) {
      return awaitOf(floatExpr(d + 1));
    }
    if (d >= MAX_EXPR_DEPTH || rnd.nextInt(3) == 0) {
      return new String[] {"1.5f", "-0.0f", "0.1f", "3.4e38f", "Float.NaN", "-7f"}[rnd.nextInt(6)];
    }
    int n = d + 1;
    switch (rnd.nextInt(5)) {
      case 0:
        return "(" + floatExpr(n) + " * " + expr(Ty.INT, n) + ")";
      case 1:
        return "(" + floatExpr(n) + " / " + floatExpr(n) + ")";
      case 2:
        return "((float) (double) " + expr(Ty.DOUBLE, n) + ")";
      case 3:
        return "(" + expr(Ty.LONG, n) + " + " + floatExpr(n) + ")";
      default:
        return "e.t(\"" + pre + "t" + (names++) + "\", " + floatExpr(n) + ")";
    }
  }

  /**
   * The creation of an instance of the program's inner class, up to its arguments:
   * {@code this.new In}, or {@code new Px().new In} where there is no {@code this}.
   */
  private String inner() {
    return staticBody ? "new " + className + "().new In" : rnd.nextBoolean() ? "this.new In" : "new In";
  }

  /**
   * A labeled block that is not a loop, {@code L: { .. if (c) break L; .. }}: statements inside
   * may break to it too.
   */
  /**
   * A variable of the program stored, then read in several blocks before their awaits and never
   * after one (F92): if/else arms that read it and then await, a loop that stores and reads it
   * before each iteration's await (both locals of {@code step}); and a try that stores it around
   * an await and a catch that reads it (a field: the await may throw). F90 makes such variables locals of {@code step} where no read can follow a call of step
   * without a store first; the comparison with plain Java checks whatever it decides.
   */
  private void readBeforeAwaits(Ctx ctx) {
    boolean ints = rnd.nextBoolean();
    Ty ty = ints ? Ty.INT : Ty.STR;
    String v = name("p");
    // 0-2: F92's first shapes; 3-6: the rest of F92's list (a try, javac 17's F6, and a
    // synchronized block are kept out of switch expressions)
    int shape = new int[] {0, 1, 2, 3, 3, 4, 5, 6, 6}[rnd.nextInt(9)];
    if (ctx.inSwitchExpression && (shape == 2 || shape == 6)) {
      shape = shape == 2 ? 0 : 3;
    }
    line("{");
    indent++;
    if (shape == 6) {
      firstStoredInCopiedStatement(ctx, ty, v);
      indent--;
      line("}");
      return;
    }
    line(ty.java + " " + v + " = " + expr(ty, 1) + ";");
    if (shape == 3) {
      reassignedBetweenAwaits(ty, v);
    } else if (shape == 4) {
      readBeforeSwitchAwaits(ctx, ty, v);
    } else if (shape == 5) {
      // a switch expression whose arms read it before their awaits
      String sel = "Math.floorMod(" + expr(Ty.INT, 1) + ", 3)";
      String show = ints ? v + " * 2" : v + ".length()";
      line("e.log(\"" + pre + "l" + (names++) + "\", switch (" + sel + ") { case 0 -> { e.log(\"" + pre + "l"
          + (names++) + "\", " + v + "); yield " + awaitOf(expr(Ty.INT, 1)) + "; } case 1 -> { e.log(\"" + pre
          + "l" + (names++) + "\", " + show + "); yield 0 + " + awaitOf(expr(Ty.INT, 1)) + "; } default -> "
          + show + "; });");
    } else if (shape == 0) {
      line("if (" + expr(Ty.BOOL, 1) + ") {");
      indent++;
      line("e.log(\"" + pre + "l" + (names++) + "\", " + v + ");");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(expr(ty, 0)) + ");");
      scopes.add(new ArrayList<>()); // what the statement declares ends with the arm
      statement(ctx.deeper());
      scopes.remove(scopes.size() - 1);
      indent--;
      line("} else {");
      indent++;
      // a statement of its own: as the left operand of an await the lowering may read it after
      // the await (it cannot change meanwhile), which keeps it a field
      line("e.log(\"" + pre + "l" + (names++) + "\", " + v + " + \"!\");");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(expr(ty, 0)) + ");");
      indent--;
      line("}");
    } else if (shape == 1) {
      String k = name("k");
      line("for (int " + k + " = 0; " + k + " < " + (1 + rnd.nextInt(3)) + "; " + k + "++) {");
      indent++;
      // stored before it is read in each iteration (reading the last iteration's value would
      // carry it across the await: a field)
      line(v + " = " + expr(ty, 1) + " + " + k + ";");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + v + ");");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(expr(ty, 0)) + ");");
      indent--;
      line("}");
    } else {
      String x = name("x");
      line("try {");
      indent++;
      line(v + " = " + (ints ? v + " + " + expr(Ty.INT, 1) : expr(Ty.STR, 1)) + ";");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(v) + ");");
      line(v + " = " + expr(ty, 1) + ";");
      line("if (" + expr(Ty.BOOL, 1) + ") throw new IllegalStateException(\"t" + (names++) + "\");");
      indent--;
      line("} catch (IllegalStateException " + x + ") {");
      indent++;
      line("e.log(\"" + pre + "l" + (names++) + "\", " + v + " + " + x + ".getMessage());");
      indent--;
      line("}");
    }
    indent--;
    line("}");
  }

  /**
   * F92: a reference variable reassigned between two awaits, each value read before the next
   * await (every block that reads it stores it first: a local of {@code step}); a {@code String}
   * or an {@code int[]}.
   */
  private void reassignedBetweenAwaits(Ty ty, String v) {
    boolean arr = ty == Ty.INT; // an int[] in place of the int
    String a = name("pa");
    if (arr) {
      line("int[] " + a + " = new int[] {" + v + ", " + expr(Ty.INT, 1) + "};");
    } else {
      line("String " + a + " = " + v + " + " + expr(Ty.STR, 1) + ";");
    }
    String read = arr ? "java.util.Arrays.toString(" + a + ")" : a;
    line("e.log(\"" + pre + "l" + (names++) + "\", " + read + ");");
    int n = 2 + rnd.nextInt(2);
    for (int i = 0; i < n; i++) {
      line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(expr(Ty.INT, 1)) + ");");
      line(a + " = " + (arr ? "new int[] {" + expr(Ty.INT, 1) + ", " + i + "}" : expr(Ty.STR, 1) + " + \"" + i + "\"") + ";");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + (arr ? a + "[" + (i % 2) + "]" : a + ".length()") + ");");
    }
    line("e.log(\"" + pre + "l" + (names++) + "\", " + read + ");");
  }

  /**
   * F92: a variable stored before a switch statement whose arms read it before they await; in
   * one switch in three an arm falls into the next after its await (which makes it a field).
   */
  private void readBeforeSwitchAwaits(Ctx ctx, Ty ty, String v) {
    boolean fall = rnd.nextInt(3) == 0;
    boolean arrows = !fall && rnd.nextBoolean();
    line("switch (Math.floorMod(" + expr(Ty.INT, 1) + ", 3)) {");
    indent++;
    String[] labels = {"case 0", "case 1", "default"};
    for (int i = 0; i < 3; i++) {
      line(labels[i] + (arrows ? " -> {" : ":"));
      indent++;
      line("e.log(\"" + pre + "l" + (names++) + "\", " + (i == 1 ? v + " + \"!\"" : v) + ");");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(expr(ty, 1)) + ");");
      if (i == 0 && rnd.nextBoolean()) {
        scopes.add(new ArrayList<>());
        statement(ctx.inSwitch());
        scopes.remove(scopes.size() - 1);
      }
      if (!arrows && i < 2 && !(fall && i == 0)) {
        line("break;");
      }
      indent--;
      if (arrows) {
        line("}");
      }
    }
    indent--;
    line("}");
  }

  /**
   * F92: a variable declared without a value and first stored inside a statement the lowering
   * copies whole: a {@code synchronized} block whose lock awaits (F54), or a loop without
   * awaits; read before and after an await. COMPILER.md keeps such variables fields.
   */
  private void firstStoredInCopiedStatement(Ctx ctx, Ty ty, String v) {
    line(ty.java + " " + v + ";");
    boolean sync = !ctx.inSwitchExpression && rnd.nextBoolean();
    noAwaits = true;
    String value = expr(ty, 1);
    String again = expr(ty, 2);
    noAwaits = false;
    if (sync) {
      line("synchronized (" + awaitOf("\"" + pre + "lk" + (names++) + "\"") + ") {");
      indent++;
      line(v + " = " + value + ";");
      line("e.log(\"" + pre + "l" + (names++) + "\", " + v + ");");
      indent--;
      line("}");
    } else {
      String k = name("k");
      line("int " + k + " = 0;");
      line("do {");
      indent++;
      line(v + " = " + value + " + " + k + ";");
      line(k + "++;");
      indent--;
      line("} while (" + k + " < 2);");
    }
    line("e.log(\"" + pre + "l" + (names++) + "\", " + v + ");");
    line("e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(expr(Ty.INT, 1)) + ");");
    if (rnd.nextBoolean()) {
      line(v + " = " + again + ";");
    }
    line("e.log(\"" + pre + "l" + (names++) + "\", " + v + ");");
  }

  private void labeledBlock(Ctx ctx) {
    String label = name("B");
    line(label + ": {");
    scopes.add(new ArrayList<>());
    blockLabels.add(label);
    indent++;
    int before = 1 + rnd.nextInt(2);
    for (int i = 0; i < before; i++) {
      statement(ctx.deeper());
    }
    line("if (" + expr(Ty.BOOL, 1) + ") break " + label + ";");
    int after = 1 + rnd.nextInt(2);
    for (int i = 0; i < after; i++) {
      statement(ctx.deeper());
    }
    line("e.log(\"" + pre + "n" + label + "\", " + awaitOf("0") + ");");
    indent--;
    blockLabels.remove(blockLabels.size() - 1);
    scopes.remove(scopes.size() - 1);
    line("}");
  }

  /**
   * A try whose finally awaits and may jump (return, throw, break or continue), overriding
   * whatever the try block was completing with: a return, a throw, a jump.
   */
  private void finallyJump(Ctx ctx) {
    line("try {");
    block(ctx.tryBlock(), 1 + rnd.nextInt(3));
    line("} finally {");
    indent++;
    line("e.log(\"" + pre + "z" + (names++) + "\", " + awaitOf("0") + ");");
    jump(ctx.tryBlock());
    indent--;
    line("}");
  }

  /** Instances of the program's inner class and generic nested class, living across an await. */
  private void objects() {
    int n = names++;
    String b = name("bx");
    String i = name("in");
    String[] kinds = {"String", "Integer", "Env.Dir"};
    int k = rnd.nextInt(3);
    Ty ty = k == 0 ? Ty.STR : k == 1 ? Ty.INT : Ty.DIR;
    line("Bx<" + kinds[k] + "> " + b + " = new Bx<" + (rnd.nextBoolean() ? "" : kinds[k]) + ">(" + expr(ty, 1) + ");");
    line("In " + i + " = " + inner() + "(" + expr(Ty.INT, 1) + ");");
    line("e.log(\"" + pre + "o" + n + "\", " + awaitOf("0") + ");");
    line("e.log(\"" + pre + "o" + n + "\", " + b + ".get() + \":\" + " + i + ".get() + \":\" + (" + i + ".v + "
        + expr(Ty.INT, 1) + "));");
  }

  /**
   * Boxes of {@code char}, {@code long} and {@code double}, one maybe {@code null}, living across
   * an await: unboxed by arithmetic, {@code ++} and {@code +=} on the boxes, concatenated.
   */
  private void boxes() {
    int n = names++;
    String c = name("cb");
    String l = name("lb");
    String d = name("db");
    line("Character " + c + " = " + (rnd.nextInt(4) == 0 ? "null" : expr(Ty.CHAR, 1)) + ";");
    line("Long " + l + " = " + (rnd.nextBoolean() ? "Long.valueOf(" + expr(Ty.LONG, 1) + ")" : expr(Ty.LONG, 1)) + ";");
    line("Double " + d + " = " + expr(Ty.BOOL, 1) + " ? " + num(Ty.DOUBLE, 1) + " : null;");
    line("e.log(\"" + pre + "u" + n + "\", " + awaitOf("0") + ");");
    line("if (" + c + " != null) " + c + "++;");
    line(l + " += " + expr(Ty.INT, 1) + ";");
    line("e.log(\"" + pre + "u" + n + "\", " + c + " + \":\" + " + l + " + \":\" + " + d + ");");
    line("e.log(\"" + pre + "v" + n + "\", " + l + " * " + expr(Ty.INT, 1) + " + (" + c + " == null ? 0 : " + c
        + ") + (" + d + " == null ? " + expr(Ty.DOUBLE, 1) + " : " + d + "));");
  }

  /**
   * A matrix declared, changed and read across awaits; sometimes created with its rows unsized
   * ({@code new int[n][]}, F73) and filled by a loop.
   */
  private void matrix() {
    String m = name("m");
    if (rnd.nextInt(3) == 0) {
      String i = name("i");
      line("int[][] " + m + " = new int[1 + Math.floorMod(" + expr(Ty.INT, 1) + ", 3)][];");
      line("for (int " + i + " = 0; " + i + " < " + m + ".length; " + i + "++) " + m + "[" + i + "] = new int[] {"
          + i + ", " + expr(Ty.INT, 1) + "};");
    } else {
      line("int[][] " + m + " = " + expr(Ty.MAT, 0) + ";");
    }
    Var v = new Var(m, Ty.MAT, true, false);
    scope().add(v);
    matrixAssign(v);
    line("e.log(\"" + pre + "q" + (names++) + "\", " + m + "[Math.floorMod(" + expr(Ty.INT, 1) + ", " + m
        + ".length)][1] + " + expr(Ty.INT, 1) + ");");
  }

  // ------------------------------------------------------- shapes of the gap analysis (fuzzgaps)

  /**
   * One of the shapes the gap analysis of JLS 14 and 15 against this generator found missing
   * (tests/README.md): stores into array elements whose array may be {@code null} or whose index
   * is out of bounds (15.26.1 runs the right side before the checks, 15.26.2 after them), string
   * switches over labels with equal hash codes, switches over boxes, nested finally blocks that
   * jump, try-with-resources with three resources and a Java 9 resource reference, local enums,
   * interfaces and classes, {@code var} and text blocks, {@code for} with two variables, labeled
   * {@code if}, {@code switch} and {@code try} statements, a declaration in a switch group read
   * by the later groups, {@code yield} from a switch statement nested in a switch expression,
   * variables declared without a value and assigned in lowered branches, statements over
   * several lines with comments and literals that look like them, string switch expressions over
   * equal hash codes, operands reading a variable a later operand assigns after an await, and
   * values of private nested types.
   */
  private void gap(Ctx ctx) {
    int shape = rnd.nextInt(18);
    if (ctx.inSwitchExpression && (shape == 3 || shape == 4 || shape == 6 || shape == 12)) {
      shape = 0; // tries (javac 17's F6), text blocks and line comments (the arms are joined on one line)
    }
    switch (shape) {
      case 0 -> arrayStores();
      case 1 -> hashSwitch(ctx);
      case 2 -> boxSwitch(ctx);
      case 3 -> nestedFinally(ctx);
      case 4 -> threeResources(ctx);
      case 5 -> localTypes();
      case 6 -> varAndTextBlocks();
      case 7 -> twoVariableFor(ctx);
      case 8 -> labeledStatement(ctx);
      case 9 -> switchGroupDeclaration();
      case 10 -> yieldFromNestedSwitch();
      case 11 -> assignedInLoweredBranches();
      case 12 -> commentsAndLiterals();
      case 13 -> hashSwitchExpression();
      case 14, 15 -> selfAssigningOperands();
      case 16 -> privateTypes(ctx);
      case 17 -> privateTypeArguments();
      default -> arrayStores();
    }
  }

  private void log(String value) {
    line("e.log(\"" + pre + "l" + (names++) + "\", " + value + ");");
  }

  /**
   * A labeled statement that is neither a loop nor a block: an {@code if}, a {@code switch} or
   * a {@code try} with a label, broken out of after and before awaits.
   */
  private void labeledStatement(Ctx ctx) {
    String label = name("B");
    int kind = rnd.nextInt(ctx.inSwitchExpression ? 2 : 3);
    blockLabels.add(label);
    scopes.add(new ArrayList<>());
    if (kind == 0) {
      line(label + ": if (" + expr(Ty.BOOL, 1) + ") {");
      indent++;
      log(awaitOf("1"));
      line("if (" + expr(Ty.BOOL, 1) + ") break " + label + ";");
      indent--;
      block(ctx.deeper(), 1);
      line("} else {");
      indent++;
      line("if (" + expr(Ty.BOOL, 1) + ") break " + label + ";");
      log(awaitOf("2"));
      indent--;
      line("}");
    } else if (kind == 1) {
      line(label + ": switch (Math.floorMod(" + expr(Ty.INT, 1) + ", 3)) {");
      indent++;
      line("case 0:");
      indent++;
      log(awaitOf("0"));
      line("if (" + expr(Ty.BOOL, 1) + ") break " + label + ";");
      indent--;
      line("case 1: {");
      block(ctx.inSwitch(), 1);
      line("}");
      indent++;
      log(awaitOf("1"));
      line("break " + label + ";");
      indent--;
      line("default:");
      indent++;
      log(awaitOf("2"));
      indent--;
      indent--;
      line("}");
    } else {
      line(label + ": try {");
      indent++;
      log(awaitOf("0"));
      line("if (" + expr(Ty.BOOL, 1) + ") break " + label + ";");
      indent--;
      block(ctx.tryBlock(), 1);
      line("} finally {");
      indent++;
      log(awaitOf("\"f\""));
      indent--;
      line("}");
    }
    scopes.remove(scopes.size() - 1);
    blockLabels.remove(blockLabels.size() - 1);
    log(awaitOf("\"" + label + "\""));
  }

  /**
   * A switch statement whose first group declares a variable, without braces, that the later
   * groups (in its scope, JLS 6.3) assign before they read it; awaits in every group.
   */
  private void switchGroupDeclaration() {
    boolean ints = rnd.nextBoolean();
    Ty ty = ints ? Ty.INT : Ty.STR;
    String z = name("z");
    line("switch (Math.floorMod(" + expr(Ty.INT, 1) + ", 3)) {");
    indent++;
    line("case 0:");
    indent++;
    line(ty.java + " " + z + " = " + awaitOf(expr(ty, 1)) + ";");
    log(z);
    line("if (" + expr(Ty.BOOL, 1) + ") break;");
    indent--;
    line("case 1:");
    indent++;
    line(z + " = " + expr(ty, 1) + ";");
    log(z + " + " + awaitOf(expr(ty, 1)));
    line("break;");
    indent--;
    line("default:");
    indent++;
    log(awaitOf("-1"));
    line(z + " = " + expr(ty, 1) + ";");
    log(z);
    indent--;
    indent--;
    line("}");
  }

  /**
   * A switch expression whose arm yields from inside a switch statement nested in it, before
   * and after awaits.
   */
  private void yieldFromNestedSwitch() {
    String q = name("q");
    log("switch (Math.floorMod(" + expr(Ty.INT, 1) + ", 3)) { case 0 -> { switch (Math.floorMod(" + expr(Ty.INT, 1)
        + ", 2)) { case 0: yield " + awaitOf(expr(Ty.INT, 2)) + "; default: e.log(\"" + pre + "l" + (names++)
        + "\", " + awaitOf("0") + "); } yield 1; } case 1 -> { int " + q + " = " + awaitOf(expr(Ty.INT, 2)) + "; switch ("
        + q + ") { case 3 -> { yield " + q + " * 2; } default -> e.log(\"" + pre + "l" + (names++) + "\", " + q
        + "); } yield " + awaitOf("-" + q) + "; } default -> 7; }");
  }

  /**
   * A variable declared without a value and assigned in the lowered branches of an {@code if}
   * (one after its await, one before), or in a loop whose body awaits; read after them.
   */
  private void assignedInLoweredBranches() {
    boolean ints = rnd.nextBoolean();
    Ty ty = ints ? Ty.INT : Ty.STR;
    String z = name("z");
    line(ty.java + " " + z + ";");
    if (rnd.nextBoolean()) {
      line("if (" + expr(Ty.BOOL, 1) + ") {");
      indent++;
      line(z + " = " + awaitOf(expr(ty, 1)) + ";");
      indent--;
      line("} else {");
      indent++;
      line(z + " = " + expr(ty, 1) + ";");
      log(awaitOf("0"));
      indent--;
      line("}");
    } else {
      String k = name("k");
      line("int " + k + " = 0;");
      line("do {");
      indent++;
      line(z + " = " + awaitOf(expr(ty, 1)) + " + " + k + ";");
      indent--;
      line("} while (" + k + "++ < 1 && " + expr(Ty.BOOL, 1) + ");");
    }
    log(z);
  }

  /**
   * A statement over several lines, its continuation lines holding what the copy of source text
   * must tell apart (F120): string and char literals with comment and quote characters, comments
   * with quotes and apostrophes, a text block, around awaits.
   */
  private void commentsAndLiterals() {
    String in = "  ".repeat(indent + 3);
    line("e.log(\"" + pre + "l" + (names++) + "\", \"a//b\" + // it's \"q\" /*\n"
        + in + "'\"' + /* '\"' \"\"\" */ " + awaitOf("\"\"\"\n" + in + "  x \" y\n" + in + "    z\\\"\"\"\n" + in + "  \"\"\"")
        + "\n" + in + "+ \"/*\" + '\\'' + \"\\\"\\\"\\\"\" + " + awaitOf(expr(Ty.INT, 1)) + ");");
  }

  /** A string switch expression, labels with equal hash codes grouped in one case, arms awaiting. */
  private void hashSwitchExpression() {
    String sel = "new String[] {\"Aa\", \"BB\", \"AaBB\", \"BBAa\", \"C\"}[Math.floorMod(" + expr(Ty.INT, 1) + ", 5)]";
    log("switch (" + sel + ") { case \"Aa\", \"BB\" -> " + awaitOf(expr(Ty.INT, 1)) + "; case \"AaBB\" -> { e.log(\"" + pre
        + "l" + (names++) + "\", " + awaitOf("\"AaBB\"") + "); yield 2; } case \"BBAa\", \"AaAa\" -> -1; default -> "
        + awaitOf("0") + "; }");
  }

  /**
   * Operands that read a variable which a later operand assigns after an await: the left one
   * is read before (JLS 15.7.1), so the machine must keep its value.
   */
  private void selfAssigningOperands() {
    Var v = pick(true, Ty.INT);
    if (v == null || v.isPrivate) {
      log(awaitOf("0"));
      return;
    }
    String x = v.name;
    switch (rnd.nextInt(4)) {
      case 0 -> log("(" + x + " + (" + x + " = " + awaitOf(expr(Ty.INT, 1)) + "))");
      case 1 -> log("(" + x + " * 10 + (" + x + " += " + awaitOf(expr(Ty.INT, 1)) + ") + " + x + ")");
      case 2 -> log("(" + x + "++ + " + awaitOf(x) + " + " + x + ")");
      default -> log("e.h(" + x + ", " + x + " = " + awaitOf(x + " + 1") + ") + " + x);
    }
  }

  /**
   * Stores into an element of an array that may be {@code null}, at an index that may be out of
   * bounds: a simple assignment evaluates its right side (which awaits) before the checks (JLS
   * 15.26.1), a compound one after them (15.26.2); the array itself awaited; and an
   * {@code Object[]} that is a {@code String[]}, whose store of an {@code Integer} throws
   * {@code ArrayStoreException} after the right side ran.
   */
  private void arrayStores() {
    String a = name("ga");
    line("int[] " + a + " = e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.BOOL, 1) + " ? new int[] {"
        + expr(Ty.INT, 1) + ", " + expr(Ty.INT, 2) + "} : null);");
    String raw = rnd.nextBoolean() ? expr(Ty.INT, 1) : "Math.floorMod(" + expr(Ty.INT, 1) + ", 3)";
    switch (rnd.nextInt(4)) {
      case 0 -> line(a + "[" + raw + "] = " + awaitOf(expr(Ty.INT, 1)) + ";");
      case 1 -> line(a + "[" + raw + "] " + new String[] {"+=", "-=", "*=", "<<=", "/="}[rnd.nextInt(5)] + " "
          + awaitOf(expr(Ty.INT, 1)) + ";");
      case 2 -> line(awaitOf(a) + "[" + raw + "] " + (rnd.nextBoolean() ? "+=" : "=") + " " + expr(Ty.INT, 1) + ";");
      default -> {
        String cell = "(" + expr(Ty.BOOL, 1) + " ? " + a + " : " + awaitOf("new int[] {" + expr(Ty.INT, 2) + ", 7}") + ")["
            + raw + "]";
        log(rnd.nextBoolean() ? "++" + cell : cell + "--");
      }
    }
    log("java.util.Arrays.toString(" + a + ")");
    if (rnd.nextInt(3) > 0) {
      String o = name("go");
      line("Object[] " + o + " = " + expr(Ty.BOOL, 1) + " ? new String[2] : new Object[2];");
      line(o + "[Math.floorMod(" + expr(Ty.INT, 1) + ", 2)] = " + expr(Ty.BOOL, 1) + " ? (Object) "
          + awaitOf(expr(Ty.STR, 1)) + " : " + awaitOf("Integer.valueOf(" + expr(Ty.INT, 2) + ")") + ";");
      log(o);
    }
  }

  /**
   * An old-style string switch whose labels have equal hash codes ({@code "Aa"}, {@code "BB"},
   * {@code "AaBB"}, ...), falling through between awaits; the selector sometimes {@code null}.
   */
  private void hashSwitch(Ctx ctx) {
    String[] words = {"Aa", "BB", "AaBB", "BBAa", "AaAa", "BBBB"};
    String sel = rnd.nextInt(5) == 0
        ? "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.BOOL, 1) + " ? \"BB\" : (String) null)"
        : "new String[] {\"Aa\", \"BB\", \"AaBB\", \"BBAa\", \"AaAa\", \"Ab\"}[Math.floorMod(" + expr(Ty.INT, 1) + ", 6)]";
    List<String> labels = new ArrayList<>();
    int n = 2 + rnd.nextInt(3);
    while (labels.size() < n) {
      String w = words[rnd.nextInt(words.length)];
      if (!labels.contains(w)) {
        labels.add(w);
      }
    }
    line("switch (" + sel + ") {");
    indent++;
    Ctx inner = ctx.inSwitch();
    for (int i = 0; i < labels.size(); i++) {
      line("case \"" + labels.get(i) + "\":");
      if (i + 1 < labels.size() && rnd.nextInt(4) == 0) {
        continue; // two labels on one group
      }
      indent++;
      log(awaitOf("\"" + labels.get(i) + "\""));
      if (rnd.nextBoolean()) {
        line("{");
        block(inner, 1);
        line("}");
      }
      if (rnd.nextBoolean()) {
        line("break;"); // else it falls into the next group
      }
      indent--;
    }
    if (rnd.nextBoolean()) {
      line("default:");
      indent++;
      log(awaitOf("\"default\""));
      indent--;
    }
    indent--;
    line("}");
  }

  /**
   * A switch over a box, unboxed by the switch ({@code null} throws): an {@code Integer}, a
   * {@code Character}, or a {@code byte}.
   */
  private void boxSwitch(Ctx ctx) {
    int kind = rnd.nextInt(3);
    String sel = switch (kind) {
      case 0 -> expr(Ty.BOX, 1);
      case 1 -> "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.BOOL, 1) + " ? Character.valueOf(" + expr(Ty.CHAR, 1)
          + ") : null)";
      default -> "(byte) (0 + " + expr(Ty.INT, 1) + ")"; // (byte) of an Integer would not compile
    };
    String[] labels = kind == 1 ? new String[] {"'x'", "'a'", "'b'"} : new String[] {"-3", "0", "1", "5"};
    boolean arrows = rnd.nextBoolean();
    line("switch (" + sel + ") {");
    indent++;
    Ctx inner = ctx.inSwitch();
    int n = 1 + rnd.nextInt(labels.length);
    for (int i = 0; i < n; i++) {
      line("case " + labels[i] + (arrows ? " -> {" : ": {"));
      indent++;
      log(awaitOf(labels[i]));
      indent--;
      block(inner, rnd.nextInt(2));
      line("}");
      if (!arrows && rnd.nextBoolean()) {
        indent++;
        line("break;");
        indent--;
      }
    }
    if (rnd.nextBoolean()) {
      line(arrows ? "default -> {" : "default: {");
      indent++;
      log(awaitOf("-1"));
      indent--;
      line("}");
    }
    indent--;
    line("}");
  }

  /**
   * A loop around a try in a try, both finally blocks awaiting: jumps (return, throw, break and
   * continue, labeled too) from the inner try block and from its finally block pass through the
   * finally blocks around them.
   */
  private void nestedFinally(Ctx ctx) {
    String label = name("L");
    String k = name("k");
    line("int " + k + " = 0;");
    line(label + ":");
    line("while (" + k + "++ < 2) {");
    indent++;
    Ctx loop = ctx.inLoop(label).tryBlock();
    line("try {");
    indent++;
    line("try {");
    block(loop, 1 + rnd.nextInt(2));
    indent++;
    jump(loop);
    log(awaitOf(k));
    indent--;
    line("} finally {");
    indent++;
    log(awaitOf("\"f\" + " + k));
    if (rnd.nextBoolean()) {
      jump(loop);
    }
    indent--;
    line("}");
    indent--;
    if (rnd.nextBoolean()) {
      String x = name("x");
      line("} catch (Env.Boom " + x + ") {");
      indent++;
      log("e.describe(" + x + ")");
      indent--;
    }
    line("} finally {");
    indent++;
    log(awaitOf("\"g\" + " + k));
    indent--;
    line("}");
    indent--;
    line("}");
  }

  /**
   * Try-with-resources over three resources: a Java 9 reference to a resource declared (with
   * an await) before it, and two declared, one named after the other with an await between.
   */
  private void threeResources(Ctx ctx) {
    String a = "r" + (names++);
    String b = "r" + (names++);
    String c = "r" + (names++);
    line("Env.Res " + a + " = e.res(" + awaitOf("\"" + pre + a + "\"") + ", " + expr(Ty.BOOL, 2) + ");");
    log(awaitOf("0"));
    line("try (" + a + "; Env.Res " + b + " = e.res(" + a + ".name() + " + awaitOf("\"" + b + "\"") + ", "
        + expr(Ty.BOOL, 2) + "); Env.Res " + c + " = e.res(" + awaitOf(b + ".name() + \"" + c + "\"") + ", "
        + expr(Ty.BOOL, 2) + ")) {");
    block(ctx.tryBlock(), 1 + rnd.nextInt(2));
    if (rnd.nextBoolean()) {
      catchClause(ctx.tryBlock(), "Env.Boom");
    }
    line("}");
  }

  /**
   * Values of the program's private nested types {@code Pv}, {@code Acc} and {@code Lvl} (F59),
   * which the generated class cannot name: created, kept across awaits and in an array of their
   * own class, cast, tested, compared, switched over, and their members (inherited ones too) used;
   * tested with type patterns ({@link #privatePatterns}), and the private exception {@code Pe}
   * thrown and caught ({@link #privateCatches}, not in a switch expression's arm: javac 17's F6).
   * One block in two (by the name counter, so the random stream and the block's shape stay those
   * of the seed) uses {@link ProtectedBase}'s protected mirrors {@code Qv}, {@code Qacc}, {@code
   * Qlvl} and {@code Qe} instead, nested types of a superclass in another package, which the
   * generated class cannot name either (session 22).
   */
  private void privateTypes(Ctx ctx) {
    int start = out.length();
    boolean inherited = names % 2 == 1;
    privateTypeValues(ctx);
    if (inherited) {
      String block = out.substring(start);
      out.setLength(start);
      out.append(block.replaceAll("\\bPv\\b", "Qv").replaceAll("\\bAcc\\b", "Qacc")
          .replaceAll("\\bLvl\\b", "Qlvl").replaceAll("\\bPe\\b", "Qe")
          .replaceAll("\\bPf\\b", "Qf").replaceAll("\\bpfApply\\b", "qfApply")
          .replaceAll("\\bpvNext\\b", "qvNext").replaceAll("\\.kv\\(", ".kq("));
    }
  }

  private void privateTypeValues(Ctx ctx) {
    String pv = name("pv");
    String ac = name("ac");
    String ps = name("ps");
    String lv = name("lv");
    String o = name("o");
    line("Pv " + pv + " = " + (rnd.nextBoolean()
        ? "new Pv(" + expr(Ty.INT, 1) + ", " + expr(Ty.STR, 1) + ")"
        : "Pv.of(" + awaitOf(expr(Ty.INT, 1)) + ")") + ";");
    line("Acc " + ac + " = new Acc();");
    log(ac + ".add(" + awaitOf(expr(Ty.INT, 1)) + ") + " + pv + ".x()");
    line("Pv[] " + ps + " = {" + pv + ", Pv.of(" + awaitOf(pv + ".x() * 2") + ")};");
    line("Lvl " + lv + " = Lvl.values()[Math.floorMod(" + expr(Ty.INT, 1) + ", 3)];");
    line("Object " + o + " = " + ps + "[Math.floorMod(" + expr(Ty.INT, 1) + ", 2)];");
    log(awaitOf(lv + ".w()") + " + \":\" + " + lv + " + (" + lv + " == Lvl.MID) + " + ps + "[1].compareTo(" + pv + ")");
    log("((Pv) " + o + ").s() + " + awaitOf(ac + ".add(1)") + " + (" + o + " instanceof Pv) + " + ac + " + " + pv
        + ".hashCode()");
    if (rnd.nextBoolean()) {
      line(ps + "[0] = " + ps + "[0].compareTo(" + ps + "[1]) <= 0 ? " + ps + "[1] : " + awaitOf(pv) + ";");
    }
    log(ps + "[0].sum() + " + ps + ".length + " + awaitOf(lv + ".ordinal()") + " + " + lv + ".name()");
    privateFunctions(pv, ac, ps, lv);
    if (rnd.nextBoolean()) {
      log("switch (" + lv + ") { case LO -> " + awaitOf("\"lo\"") + "; case MID -> \"mid\" + " + ac
          + "; case HI -> " + pv + ".s(); }");
    } else {
      line("switch (" + (rnd.nextBoolean() ? lv : awaitOf(lv)) + ") {");
      line("  case HI:");
      line("    " + ac + ".add(" + awaitOf("2") + ");");
      line("  case LO:");
      line("    e.log(\"" + pre + "l" + (names++) + "\", " + ac + ");");
      line("    break;");
      line("  default:");
      line("    e.log(\"" + pre + "l" + (names++) + "\", " + awaitOf(lv + ".w()") + ");");
      line("}");
    }
    if (rnd.nextInt(3) > 0) {
      privatePatterns(o, ac, lv);
    }
    if (!ctx.inSwitchExpression && rnd.nextInt(3) > 0) {
      privateCatches(o);
    }
  }

  /**
   * Lambdas and method references of the private functional interface {@code Pf} (F144, made
   * through {@code HiddenLambdas} since session 23), given to a method, kept across awaits and
   * called; the lambda captures a value of a private type, and one writes its parameter types.
   * No random choice: the seed's stream and shapes stay as they were.
   */
  private void privateFunctions(String pv, String ac, String ps, String lv) {
    String g = name("pf");
    String h = name("pf");
    // boxKind(x) is 1 for an int, 2 for an Integer: the lambda's parameter stays an int (F191)
    line("Pf " + g + " = (x, p) -> x * 3 + p.x() + " + ac + ".add(0) + boxKind(x);");
    log("pfApply(" + g + ", " + awaitOf(pv + ".x()") + ") + " + g + ".f(" + awaitOf("2") + ", " + ps + "[1])");
    line("Pf " + h + " = Pv::mix;");
    log(h + ".f(" + awaitOf(lv + ".w()") + ", " + pv + ") + pfApply(" + h + ", 1) + pfApply((int x, Pv p) -> p.sum() - x, "
        + awaitOf("3") + ")");
    if (role != Role.PLAIN) {
      // a private @Async method taking and returning Pv (its factory: Object and Future<R>)
      log("await(pvNext(e, " + (sites++) + ", " + pv + ")).s() + " + ps + "[0].x()");
      // and an overridable one of a private class, dispatched to Pk2's override by the receiver
      log("await(((Pk) new Pk" + (sites % 2 == 0 ? "2" : "") + "(" + (sites % 7) + ")).kv(e, " + (sites++) + ", "
          + pv + ")).x()");
    }
  }

  /**
   * Type patterns of the private types ({@code q instanceof Pv b}): in an {@code &&} chain whose
   * branch keeps the binding across an await, in conditionals (one negated), and in a loop's
   * body, the binding's name maybe one the generated code uses.
   */
  private void privatePatterns(String o, String ac, String lv) {
    String q = name("q");
    String pick = switch (rnd.nextInt(3)) {
      case 0 -> o;
      case 1 -> ac;
      default -> lv;
    };
    line("Object " + q + " = " + (rnd.nextBoolean() ? pick : expr(Ty.BOOL, 1) + " ? " + o + " : " + pick) + ";");
    String pb = name("pb");
    line("if (" + q + " instanceof Pv " + pb + " && " + pb + ".x() > " + expr(Ty.INT, 1) + ") {");
    line("  e.log(\"" + pre + "l" + (names++) + "\", " + pb + ".s() + " + awaitOf(pb + ".sum()") + ");");
    line("}");
    String ab = name("ab");
    log("(" + q + " instanceof Acc " + ab + " ? " + ab + ".add(" + awaitOf("1") + ") : -1)");
    String lb = name("lb");
    log("(!(" + q + " instanceof Lvl " + lb + ") ? \"none\" : " + lb + ".name() + " + awaitOf(lb + ".w()") + ")");
    if (rnd.nextBoolean()) {
      String it = name("it");
      String b = name("b");
      line("for (Object " + it + " : new Object[] {" + q + ", " + o + ", " + ac + "})");
      line("  if (" + it + " instanceof Pv " + b + ") e.log(\"" + pre + "l" + (names++) + "\", " + b + ".x());");
    }
  }

  /**
   * The private exception {@code Pe} thrown (with an awaited code) and caught across awaits by
   * its own type, in a multi-catch, and by its superclass; the first try's body reads a binding
   * that flow scoping puts there ({@code if (!(o instanceof Pv r) || ..) throw ..;}).
   */
  private void privateCatches(String o) {
    String r = name("pr");
    String x = name("xp");
    line("try {");
    line("  if (!(" + o + " instanceof Pv " + r + ") || " + r + ".x() % 2 == 0) {");
    line("    throw new Pe(" + awaitOf(expr(Ty.INT, 1)) + ");");
    line("  }");
    line("  e.log(\"" + pre + "l" + (names++) + "\", " + r + ".sum() + " + awaitOf(r + ".x()") + ");");
    line("} catch (" + (rnd.nextBoolean() ? "Pe" : "Pe | ArithmeticException") + " " + x + ") {");
    line("  e.log(\"" + pre + "l" + (names++) + "\", " + x + ".getMessage() + " + awaitOf("1") + ");");
    line("}");
    String y = name("xq");
    String w = name("xw");
    line("try {");
    line("  try {");
    line("    if (" + expr(Ty.BOOL, 1) + ") throw new Pe(" + expr(Ty.INT, 1) + ");");
    line("    e.log(\"" + pre + "l" + (names++) + "\", " + expr(Ty.INT, 1) + ");");
    line("  } catch (Pe " + y + ") {");
    line("    e.log(\"" + pre + "l" + (names++) + "\", " + y + ".code);");
    line("    if (" + y + ".code % 3 == 0) throw " + y + ";");
    line("  }");
    line("  if (" + expr(Ty.BOOL, 1) + ") throw new Pe(7);");
    line("} catch (IllegalStateException " + w + ") {");
    line("  e.log(\"" + pre + "l" + (names++) + "\", " + w + ".getMessage());");
    line("}");
  }

  /**
   * The program's private nested types as type arguments (F59): lists, maps, sets and boxes of
   * them kept across awaits, given to and returned by the program's methods declared with them,
   * sorted, streamed, widened, and an {@code EnumSet} of the private enum (whose bound the
   * generated class cannot meet with {@code Object}).
   */
  private void privateTypeArguments() {
    String pl = name("pl");
    String pm = name("pm");
    String ls = name("ls");
    String bx = name("bx");
    String p = name("p");
    line("List<Pv> " + pl + " = " + (rnd.nextBoolean()
        ? "pvRange(" + awaitOf(expr(Ty.INT, 1)) + ")"
        : "new ArrayList<>(pvRange(" + expr(Ty.INT, 1) + "))") + ";");
    line(pl + ".add(Pv.of(" + awaitOf(expr(Ty.INT, 1)) + "));");
    line("java.util.Map<String, Pv> " + pm + " = new java.util.TreeMap<>();");
    line("for (Pv " + p + " : " + pl + ") {");
    String x = name("x");
    String y = name("y");
    line("  " + pm + ".merge(" + p + ".s(), " + p + ", (" + x + ", " + y + ") -> " + x + ".x() >= " + y + ".x() ? "
        + x + " : " + y + ");");
    line("}");
    switch (rnd.nextInt(4)) {
      case 0 -> line("java.util.Collections.sort(" + pl + ");");
      case 1 -> line(pl + ".sort(java.util.Comparator.comparing(Pv::s).thenComparing(java.util.Comparator.reverseOrder()));");
      case 2 -> line(pl + ".sort((Pv " + x + "1, Pv " + y + "1) -> " + y + "1.x() - " + x + "1.x());");
      default -> {
        line(pl + ".sort(new java.util.Comparator<Pv>() {");
        line("  @Override");
        line("  public int compare(Pv l, Pv r) {");
        line("    return l.s().compareTo(r.s());");
        line("  }");
        line("});");
      }
    }
    log("pvTotal(" + pl + ") + \":\" + " + awaitOf(pm + ".size()") + " + " + pl + ".get(0) + " + pm + ".keySet()");
    line("java.util.EnumSet<Lvl> " + ls + " = java.util.EnumSet.noneOf(Lvl.class);");
    line(ls + ".add(Lvl.values()[Math.floorMod(" + awaitOf(expr(Ty.INT, 1)) + ", 3)]);");
    line("Bx<java.util.Optional<Pv>> " + bx + " = new Bx<>(" + pl + ".stream().max(java.util.Comparator.naturalOrder()));");
    log(bx + ".get().map(Pv::s).orElse(\"-\") + " + ls + " + " + awaitOf("java.util.Collections.max(" + pl + ").x()")
        + " + " + pm + ".values().stream().mapToInt(Pv::sum).sum()");
    if (rnd.nextBoolean()) {
      String accs = name("accs");
      line("List<Acc> " + accs + " = List.of(new Acc(), new Acc());");
      log(accs + ".get(" + awaitOf("1") + ").add(" + awaitOf(expr(Ty.INT, 1)) + ") + \" \" + " + accs);
    }
  }

  /**
   * A local enum with a method, a local interface with a default method, and a local class
   * implementing it that captures a final local; an old-style switch over the local enum with
   * awaits, falling through.
   */
  private void localTypes() {
    int n = names++;
    String en = "Eg" + n;
    String in = "Ig" + n;
    String lc = "Lc" + n;
    String ev = name("eg");
    String iv = name("ig");
    String cq = name("c");
    line("enum " + en + " { A, B, C; int w() { return ordinal() * 3 + 1; } }");
    line("interface " + in + " { int ap(int x); default int twice(int x) { return ap(ap(x)); } }");
    line(en + " " + ev + " = " + en + ".values()[Math.floorMod(" + expr(Ty.INT, 1) + ", 3)];");
    line("final int " + cq + " = " + expr(Ty.INT, 1) + ";");
    line("class " + lc + " implements " + in + " { public int ap(int x) { return x * 2 + " + cq + "; } }");
    line(in + " " + iv + " = " + (rnd.nextBoolean() ? "new " + lc + "()" : "x -> x + " + cq) + ";");
    scope().add(new Var(cq, Ty.INT, false, true));
    log(awaitOf("0"));
    line("switch (" + ev + ") {");
    indent++;
    line("case A:");
    indent++;
    log(awaitOf(ev + ".w()"));
    if (rnd.nextBoolean()) {
      line("break;");
    }
    indent--;
    line("case B:");
    indent++;
    log(iv + ".ap(" + awaitOf(ev + ".ordinal()") + ")");
    line("break;");
    indent--;
    line("default:");
    indent++;
    log("\"" + en + ".\" + " + ev);
    indent--;
    indent--;
    line("}");
    log(iv + ".twice(" + ev + ".w() + " + awaitOf(expr(Ty.INT, 1)) + ")");
    log("new " + lc + "().ap(" + awaitOf("1") + ") + \":\" + " + ev + ".ordinal()");
  }

  /** {@code var} locals and text blocks (escapes, a line joined by {@code \}), across awaits. */
  private void varAndTextBlocks() {
    String vi = name("vi");
    String vs = name("vs");
    String in = "  ".repeat(indent + 3);
    String[] blocks = {
      "\"\"\"\n" + in + "ab \"c\" \\t d\n" + in + "  e\\sf\n" + in + "\"\"\"",
      "\"\"\"\n" + in + "g\\\n" + in + "h\"\"\"",
      "\"\"\"\n" + in + "  {\"k\": [1, 2]}\n" + in + "\"\"\"",
    };
    line("var " + vi + " = " + expr(Ty.INT, 1) + ";");
    line("var " + vs + " = " + blocks[rnd.nextInt(3)] + " + " + expr(Ty.STR, 1) + ";");
    scope().add(new Var(vi, Ty.INT, true, false));
    log(awaitOf("0"));
    line(vs + " += " + blocks[rnd.nextInt(3)] + " + " + awaitOf(expr(Ty.INT, 1)) + ";");
    log(vs + " + " + vi);
    log(awaitOf(blocks[rnd.nextInt(3)]) + ".length() + " + vi);
  }

  /**
   * {@code for} with two variables, awaits in the second's initializer and in the updates
   * ({@code i++, j += await(..)}).
   */
  private void twoVariableFor(Ctx ctx) {
    String i = name("i");
    String j = name("j");
    line("for (int " + i + " = 0, " + j + " = " + expr(Ty.INT, 1) + "; " + i + " < " + (1 + rnd.nextInt(3)) + "; "
        + i + "++, " + j + " += " + awaitOf(expr(Ty.INT, 1)) + ") {");
    scopes.add(new ArrayList<>(List.of(new Var(i, Ty.INT, false, false), new Var(j, Ty.INT, false, false))));
    block(ctx.inLoop(null), 1 + rnd.nextInt(2));
    scopes.remove(scopes.size() - 1);
    line("}");
  }

  // --------------------------------------------------------------- expressions

  private String expr(Ty ty, int d) {
    if (!noAwaits && d < MAX_EXPR_DEPTH && rnd.nextInt(100) < awaitPercent) {
      if (!plan.isEmpty() && rnd.nextInt(role == Role.MAIN ? 5 : 8) == 0) {
        String call = callAwait(ty, d + 1);
        if (call != null) {
          return call;
        }
      }
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
        switch (rnd.nextInt(9)) {
          case 4:
            // overflow
            return rnd.nextBoolean()
                ? "(" + expr(Ty.LONG, n) + " * 3037000499L)"
                : "(Long.MAX_VALUE - " + expr(Ty.LONG, n) + ")";
          case 5:
            // may throw ArithmeticException
            return "(" + expr(Ty.LONG, n) + (rnd.nextBoolean() ? " / " : " % ") + expr(Ty.INT, n) + ")";
          case 6:
            // long: the Long is unboxed, the int promoted (JLS 15.25)
            return "(" + expr(Ty.BOOL, n) + " ? Long.valueOf(" + expr(Ty.LONG, n) + ") : " + num(Ty.INT, n) + ")";
          case 7:
            // int overflow before the widening, or none after it
            return rnd.nextBoolean()
                ? "(" + expr(Ty.INT, n) + " * " + expr(Ty.LONG, n) + " + " + expr(Ty.CHAR, n) + ")"
                : "(Integer.MAX_VALUE + " + expr(Ty.INT, n) + " + " + expr(Ty.LONG, n) + ")";
          case 8:
            return "(long) (float) " + floatExpr(n); // (long) of a Float would not compile
          case 0:
            return "(" + expr(Ty.LONG, n) + " + " + expr(Ty.INT, n) + ")";
          case 1:
            return "(" + expr(Ty.LONG, n) + " * " + expr(Ty.LONG, n) + ")";
          case 2:
            return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.LONG, n) + ")";
          default:
            return "(long) " + expr(Ty.INT, n);
        }
      case CHAR, BYTE, SHORT, DOUBLE, CARR:
        return narrowExpr(ty, n);
      case DIR:
        return dirExpr(n);
      case MAT:
        return matExpr(n);
      case STR:
        switch (rnd.nextInt(13)) {
          case 12:
            // conditionals of an await (a generic call: a reference conditional, each operand
            // boxed: 'x' or 65) and a primitive; numeric, 65 would be 'A'
            switch (rnd.nextInt(3)) {
              case 0:
                return "(\"\" + (" + expr(Ty.BOOL, n) + " ? " + maybeAwait(expr(Ty.CHAR, n)) + " : " + (60 + rnd.nextInt(40)) + "))";
              case 1:
                return "(\"\" + (" + expr(Ty.BOOL, n) + " ? " + maybeAwait(expr(Ty.INT, n)) + " : 'a'))";
              default:
                return "(\"\" + (" + expr(Ty.BOOL, n) + " ? " + maybeAwait(expr(Ty.BOX, n)) + " : " + num(Ty.CHAR, n) + "))";
            }
          case 8:
            return rnd.nextBoolean() ? expr(Ty.DIR, n) + ".name()" : "String.valueOf(" + expr(Ty.DIR, n) + ")";
          case 9:
            // an array created with awaits in its initializer or dimension
            return rnd.nextBoolean()
                ? "new String[] {" + expr(Ty.STR, n) + ", " + expr(Ty.STR, n) + "}[Math.floorMod("
                    + expr(Ty.INT, n) + ", 2)]"
                : rnd.nextBoolean()
                    ? "String.join(\"-\", new String[1 + Math.floorMod(" + expr(Ty.INT, n) + ", 3)])"
                    // unsized rows (F73)
                    : "java.util.Arrays.deepToString(new String[1 + Math.floorMod(" + expr(Ty.INT, n) + ", 2)][])";
          case 10:
            // float arithmetic and its formatting
            return "(\"\" + " + floatExpr(n) + ")";
          case 11:
            // a boxed char with an int constant (JLS 15.25) or a char, picked by the overload
            return "e.ov(" + expr(Ty.BOOL, n) + " ? Character.valueOf(" + expr(Ty.CHAR, n) + ") : "
                + (rnd.nextBoolean() ? "" + (60 + rnd.nextInt(40)) : num(Ty.CHAR, n)) + ")";
          case 5: {
            // overloads by argument type: ov(byte), ov(short), ov(char), ov(int), ov(long),
            // ov(double), ov(Object)
            Ty t = randomScalar();
            String arg = t == Ty.STR || t == Ty.BOOL ? expr(t, n) : num(t, n);
            return "e.ov(" + (rnd.nextInt(3) == 0 ? maybeAwait(arg) : arg) + ")";
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
            return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.STR, n) + ")";
          default:
            return "Integer.toString(" + expr(Ty.INT, n) + ")";
        }
      case BOOL:
        switch (rnd.nextInt(14)) {
          case 13:
            // operators that evaluate both operands (an await on the right runs whatever the
            // left gave), and the relational operators the rest leaves out
            switch (rnd.nextInt(4)) {
              case 0:
                return "(" + expr(Ty.BOOL, n) + (rnd.nextBoolean() ? " & " : " | ") + expr(Ty.BOOL, n) + ")";
              case 1:
                return "(" + expr(Ty.BOOL, n) + " ^ " + expr(Ty.BOOL, n) + ")";
              case 2:
                return "(" + expr(Ty.INT, n) + new String[] {" >= ", " > ", " != ", " <= "}[rnd.nextInt(4)] + expr(Ty.INT, n) + ")";
              default:
                return "((" + expr(Ty.INT, n) + (rnd.nextBoolean() ? " & " : " | ") + expr(Ty.INT, n) + ") != 0)";
            }
          case 12:
            return "(" + expr(Ty.DIR, n) + (rnd.nextBoolean() ? " == " : " != ") + expr(Ty.DIR, n) + ")";
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
            return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.BOX, n) + ")";
          default:
            // int-typed: the boxed operand is unboxed (JLS 15.25)
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.BOX, n) + " : " + expr(Ty.INT, n) + ")";
        }
      default:
        return "new ArrayList<>(List.of(" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + "))";
    }
  }

  /**
   * A method reference to the program's private varargs methods {@code vsum(int...)} and
   * {@code vjoin(String, Object...)} (the machine reaches them through handles), applied at once:
   * in variable arity (two arguments, none, a boxed one into {@code Object[]}) or fixed arity
   * (an {@code int[]}), so the array the machine packs is compared with javac's.
   */
  private String varargsReference(int n) {
    String ref = className + "::";
    switch (rnd.nextInt(4)) {
      case 0:
        return "((java.util.function.IntBinaryOperator) " + ref + "vsum).applyAsInt(" + expr(Ty.INT, n) + ", "
            + maybeAwait(expr(Ty.INT, n)) + ")";
      case 1:
        return "((java.util.function.IntSupplier) " + ref + "vsum).getAsInt()";
      case 2:
        return "((java.util.function.ToIntFunction<int[]>) " + ref + "vsum).applyAsInt(new int[] {"
            + maybeAwait(expr(Ty.INT, n)) + ", " + expr(Ty.INT, n) + "})";
      default:
        return "((java.util.function.BiFunction<String, Integer, String>) " + ref + "vjoin).apply("
            + expr(Ty.STR, n) + ", " + maybeAwait(expr(Ty.INT, n)) + ").length()";
    }
  }

  /** An await of {@code value}, or {@code value} itself where no await may stand. */
  private String maybeAwait(String value) {
    return noAwaits ? value : awaitOf(value);
  }

  private String intExpr(int n) {
    switch (rnd.nextInt(24)) {
      case 22:
        // exceptions of int arithmetic between awaits: overflow of the exact methods, division
        // by zero, MIN_VALUE / -1 (no exception)
        switch (rnd.nextInt(6)) {
          case 0:
            return "Math.addExact(Integer.MAX_VALUE - " + rnd.nextInt(20) + ", " + expr(Ty.INT, n) + ")";
          case 1:
            return "Math.multiplyExact(" + expr(Ty.INT, n) + ", 1 << 29)";
          case 2:
            return "Math.toIntExact(" + expr(Ty.LONG, n) + " * 100000000L)";
          case 3:
            return "(Integer.MIN_VALUE / " + expr(Ty.INT, n) + ")";
          case 4:
            return "~" + expr(Ty.INT, n);
          default:
            return "Math.floorDiv(" + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + ")";
        }
      case 23:
        switch (rnd.nextInt(7)) {
          case 6:
            return varargsReference(n);
          case 4: {
            // a pattern binding read in a conditional's operand, after an await
            String b = name("pb");
            return "(e.obj(" + expr(Ty.INT, n) + ") instanceof String " + b + " ? " + b + ".length() + "
                + maybeAwait(b + ".length()") + " : -1)";
          }
          case 5: {
            String b = name("pb");
            return "(e.obj(" + expr(Ty.INT, n) + ") instanceof Integer " + b + " && " + b + " > " + maybeAwait(expr(Ty.INT, n))
                + " ? " + b + " : 0)";
          }
          case 0:
            // a method reference whose receiver awaits: evaluated where the reference stands
            return "e.call(" + (rnd.nextBoolean() ? maybeAwait(expr(Ty.STR, n))
                : "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.BOOL, n) + " ? " + expr(Ty.STR, n) + " : (String) null)")
                + "::length)";
          case 1:
            // ClassCastException between awaits
            return "((String) e.obj(" + expr(Ty.INT, n) + ")).length()";
          case 2:
            // StringIndexOutOfBoundsException
            return "(\"abcd\".charAt(" + expr(Ty.INT, n) + ") - 'a')";
          default:
            // a reference conditional (await is generic) of two Integers, unboxed: null throws
            return "(" + expr(Ty.BOOL, n) + " ? " + expr(Ty.BOX, n) + " : " + maybeAwait(expr(Ty.BOX, n)) + ")";
        }
      case 18:
        switch (rnd.nextInt(3)) {
          case 0:
            return expr(Ty.DIR, n) + ".ordinal()";
          case 1:
            return expr(Ty.DIR, n) + ".compareTo(" + expr(Ty.DIR, n) + ")";
          default:
            return "Env.Dir.values().length";
        }
      case 19: {
        Var m = pick(false, Ty.MAT);
        if (m == null) {
          return "(" + expr(Ty.MAT, n) + ")[0][1]";
        }
        String cell = m.name + "[Math.floorMod(" + expr(Ty.INT, n) + ", " + m.name + ".length)][Math.floorMod("
            + expr(Ty.INT, n) + ", 2)]";
        switch (rnd.nextInt(4)) {
          case 0:
            return cell + "++";
          case 1:
            return "(" + cell + " += " + expr(Ty.INT, n) + ")";
          default:
            return cell;
        }
      }
      case 20:
        switch (rnd.nextInt(4)) {
          case 0:
            // a generic method, its type argument inferred from awaited operands
            return "Env.pick(" + expr(Ty.BOOL, n) + ", " + expr(Ty.INT, n) + ", " + expr(Ty.INT, n) + ")";
          case 3:
            // explicit type arguments naming the program's nested class (F74)
            return "Env.<Bx<Integer>>pick(" + expr(Ty.BOOL, n) + ", new Bx<>(" + expr(Ty.INT, n) + "), new Bx<>("
                + expr(Ty.INT, n) + ")).get()";
          case 1:
            return "new Bx<>(" + expr(Ty.INT, n) + ").get()";
          default:
            return inner() + "(" + expr(Ty.INT, n) + ").get()";
        }
      case 21:
        return "(int) (float) " + floatExpr(n);
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
        return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.INT, n) + ")";
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
        Var v = pick(true, Ty.INT); // private fields too: their stores used as values (F104)
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
            return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.CHAR, n) + ")";
          case 4:
            return "Character.toUpperCase(" + expr(Ty.CHAR, n) + ")";
          case 5:
            return "(" + expr(Ty.STR, n) + " + \"x\").charAt(0)";
          case 6: {
            Var v = pick(true, Ty.CHAR);
            if (v == null) {
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
            return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(ty, n) + ")";
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
        switch (rnd.nextInt(13)) {
          case 11:
            return "(" + floatExpr(n) + " * " + expr(Ty.DOUBLE, n) + ")";
          case 12:
            // double: the Double is unboxed, the long promoted
            return "(" + expr(Ty.BOOL, n) + " ? Double.valueOf(" + expr(Ty.DOUBLE, n) + ") : " + num(Ty.LONG, n) + ")";
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
            return "e.t(\"" + pre + "t" + (names++) + "\", " + expr(Ty.DOUBLE, n) + ")";
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
    if (noAwaits || budget <= 0 || scopes.size() > MAX_DEPTH + 2) {
      return leaf(Ty.INT);
    }
    StringBuilder saved = new StringBuilder(out);
    out.setLength(0);
    int savedIndent = indent;
    indent = 0;
    List<String> savedBlockLabels = blockLabels;
    blockLabels = new ArrayList<>();
    boolean patterns = java21 && !inGuard && rnd.nextBoolean();
    int kind = patterns ? -1 : rnd.nextInt(4); // 0, 1: ints; 2: strings; 3: Env.Dir
    boolean priv = patterns && rnd.nextInt(3) == 0;
    String sel = patterns
        ? shapeSelector(expr(Ty.INT, n), priv)
        : kind == 2 ? expr(Ty.STR, n)
        : kind == 3 ? expr(Ty.DIR, n)
        : "Math.floorMod(" + expr(Ty.INT, n) + ", 3)";
    boolean needDefault = !patterns;
    StringBuilder sb = new StringBuilder("switch (" + sel + ") { ");
    boolean oldStyle = rnd.nextInt(3) == 0;
    // With patterns: a guarded case, case null, then the three shapes (which make it exhaustive).
    List<String> labels = new ArrayList<>();
    List<List<Var>> bindings = new ArrayList<>();
    if (patterns) {
      if (rnd.nextBoolean()) {
        List<Var> bound = new ArrayList<>();
        String label = shapePattern(rnd.nextInt(3), bound, priv);
        labels.add(label + " when " + guard(bound));
        bindings.add(bound);
      }
      if (rnd.nextBoolean()) {
        labels.add("null");
        bindings.add(List.of());
      }
      for (int k = 0; k < 3; k++) {
        List<Var> bound = new ArrayList<>();
        labels.add(shapePattern(k, bound, priv));
        bindings.add(bound);
      }
    } else if (kind == 3) {
      // constants in groups of one or two (case N, E ->); all of them, and then no default (a
      // switch expression over an enum needs none), or some and a default
      List<String> left = new ArrayList<>(List.of("N", "E", "S", "W"));
      boolean all = rnd.nextInt(3) > 0;
      needDefault = !all || rnd.nextInt(6) == 0;
      int keep = all ? 4 : 1 + rnd.nextInt(3);
      while (left.size() > 4 - keep) {
        String c = dirLabel(left.remove(rnd.nextInt(left.size())));
        if (left.size() > 4 - keep && rnd.nextInt(3) == 0) {
          c += ", " + dirLabel(left.remove(rnd.nextInt(left.size())));
        }
        labels.add(c);
        bindings.add(List.of());
      }
    } else {
      String a = kind == 2 ? "\"" + WORDS[rnd.nextInt(WORDS.length)] + "\"" : "0";
      String b = kind == 2 ? "\"" + WORDS[rnd.nextInt(WORDS.length)] + "\"" : "1";
      labels.add(a);
      bindings.add(List.of());
      if (!b.equals(a)) {
        labels.add(b);
        bindings.add(List.of());
      }
    }
    for (int k = 0; k < labels.size(); k++) {
      String label = labels.get(k);
      scopes.add(new ArrayList<>(bindings.get(k)));
      if (rnd.nextBoolean()) {
        sb.append(oldStyle ? "case " + label + ": yield " + yieldable(expr(Ty.INT, n))
            : "case " + label + " -> " + expr(Ty.INT, n)).append("; ");
        scopes.remove(scopes.size() - 1);
      } else {
        sb.append(oldStyle ? "case " + label + ": { " : "case " + label + " -> { ");
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
    if (needDefault) {
      sb.append(oldStyle ? "default: yield " + yieldable(expr(Ty.INT, n)) : "default -> " + expr(Ty.INT, n))
          .append("; ");
    }
    sb.append("}");
    out.setLength(0);
    out.append(saved);
    indent = savedIndent;
    blockLabels = savedBlockLabels;
    return sb.toString();
  }

  /** The case label of an {@link Env.Dir} constant: in Java 21 mode, sometimes qualified. */
  private String dirLabel(String constant) {
    return java21 && rnd.nextBoolean() ? "Env.Dir." + constant : constant;
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
      case DIR -> "Env.Dir." + Env.Dir.values()[rnd.nextInt(4)];
      case MAT -> rnd.nextBoolean()
          ? "new int[" + (1 + rnd.nextInt(3)) + "][" + (2 + rnd.nextInt(2)) + "]"
          : "new int[][] {{" + rnd.nextInt(9) + ", " + rnd.nextInt(9) + "}, {" + rnd.nextInt(9) + ", 1, 2}}";
    };
  }

  /** Declares an iteration counter; a label, if any, goes after it, on the loop. */
  /** A constant expression of value true (JLS 15.29) that only folding shows to be true. */
  private String constantTrue() {
    String[] forms = {
      "true", "1 < 2", "(byte) 300 == 44", "!false && 'a' < 'b'", "0.1 + 0.2 != 0.3",
      "Integer.MAX_VALUE + 1 < 0", "(2L << 40) > 0", "(int) 1e10 == Integer.MAX_VALUE",
      "0.0 / 0.0 != 0.0 / 0.0", "(char) -1 > 0 ? 3 % 2 == 1 : false"
    };
    return forms[rnd.nextInt(forms.length)];
  }

  private String counter(String label) {
    String k = name("k");
    line("int " + k + " = 0;");
    if (label != null) {
      line(label + ":");
    }
    return k;
  }

  private String awaitOf(String value) {
    if (role == Role.PLAIN) {
      return "e.t(\"" + pre + "w" + (sites++) + "\", " + value + ")";
    }
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
        if (sites % 5 == 3) {
          // a private class's @Async method, or its private subclass's override (session 23);
          // chosen by the site counter, so the seed's random stream stays as it was
          String pk = (sites % 2 == 0 ? "new Pk(" : "new Pk2(") + depth + ")";
          return "await(" + pk + ".k(e, " + (sites++) + ", " + expr(Ty.INT, d) + "))";
        }
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

  // ------------------------------------------------------------ calls between the program's methods

  /**
   * An await of a call of one of the program's methods ({@link #plan}) whose value has type
   * {@code ty}, or null if none fits: {@code await(m0(e, 2, ..))} in {@code run}, and elsewhere
   * {@code (n > 0 ? await(m0(e, n - 1, ..)) : leaf)}, so the fuel bounds recursion; {@code dp}
   * is called with its depth (sometimes 30-45).
   */
  private String callAwait(Ty ty, int d) {
    List<Callee> fit = new ArrayList<>();
    for (Callee c : callable()) {
      Ret want = switch (ty) {
        case INT -> Ret.INT;
        case LONG -> Ret.LONG;
        case BOOL -> Ret.BOOL;
        case STR -> Ret.STR;
        default -> null;
      };
      if (want != null && (c.ret == want || c.ret == Ret.GEN)) {
        fit.add(c);
      }
    }
    if (fit.isEmpty()) {
      return null;
    }
    Callee c = fit.get(rnd.nextInt(fit.size()));
    String call = "await(" + call(c, c.ret == Ret.GEN ? ty : Ty.INT, d) + ")";
    return fueled && !c.deep ? "(n > 0 ? " + call + " : " + leaf(ty) + ")" : call;
  }

  /**
   * A statement awaiting a call of one of the program's methods: {@code await(m1(e, 1, ..));}
   * for a {@code Void} one, else its value logged; false if no method can be called here.
   */
  private boolean callStatement() {
    List<Callee> cs = callable();
    if (cs.isEmpty()) {
      return false;
    }
    Callee c = cs.get(rnd.nextInt(cs.size()));
    Ty arg = c.ret == Ret.GEN ? new Ty[] {Ty.INT, Ty.STR, Ty.LONG, Ty.BOOL}[rnd.nextInt(4)] : Ty.INT;
    String call = "await(" + call(c, arg, 0) + ")";
    String stmt = c.ret == Ret.VOID ? call + ";" : "e.log(\"" + pre + "k" + (names++) + "\", " + call + ");";
    line((fueled && !c.deep ? "if (n > 0) " : "") + stmt);
    return true;
  }

  /** A tail call {@code m(e, .., ..)} of a method with this body's value type, or null. */
  private String tailCall() {
    if (rnd.nextInt(3) != 0 || ret == Ret.VOID && rnd.nextBoolean()) {
      return null;
    }
    List<Callee> fit = new ArrayList<>();
    for (Callee c : callable()) {
      if (c.ret == ret || c.ret == Ret.GEN && ret != Ret.VOID) {
        fit.add(c);
      }
    }
    if (fit.isEmpty()) {
      return null;
    }
    Callee c = fit.get(rnd.nextInt(fit.size()));
    if (c.ret == Ret.GEN && ret == Ret.GEN) {
      return receiver(c) + c.name + "(e, " + fuel(c) + ", a)";
    }
    Ty arg = switch (ret) {
      case LONG -> Ty.LONG;
      case BOOL -> Ty.BOOL;
      case STR -> Ty.STR;
      default -> Ty.INT;
    };
    return call(c, c.ret == Ret.GEN ? arg : Ty.INT, 1);
  }

  /** {@code m(e, fuel, arg)} with a receiver that reaches it from this body. */
  private String call(Callee c, Ty arg, int d) {
    String r = receiver(c);
    return r + c.name + "(e, " + fuel(c) + ", " + expr(arg, d) + ")";
  }

  /** The fuel or depth a call of {@code c} passes. */
  private String fuel(Callee c) {
    if (c.deep) {
      return "" + (rnd.nextInt(role == Role.MAIN ? 3 : 6) == 0 ? 30 + rnd.nextInt(16) : rnd.nextInt(5));
    }
    return fueled ? "n - 1" : "" + rnd.nextInt(3);
  }

  /** The methods this body can call (none in {@code dp}'s or a plain override's). */
  private List<Callee> callable() {
    List<Callee> out = new ArrayList<>();
    if (!callsAllowed || role == Role.PLAIN) {
      return out;
    }
    for (Callee c : plan) {
      if (!receivers(c).isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The receivers through which this body reaches {@code c}: bare, {@code Px.}, {@code this.},
   * {@code new S().} (the overrides run), {@code new Px().} (a private constructor).
   */
  private List<String> receivers(Callee c) {
    boolean priv = c.modifier.startsWith("private");
    List<String> rs = new ArrayList<>();
    if (c.isStatic) {
      rs.add("");
      rs.add(className + ".");
      return rs;
    }
    if (!staticBody && !(priv && role != Role.MAIN && role != Role.HELPER)) {
      rs.add("");
      rs.add("this.");
    }
    if (hasSub && !priv) {
      rs.add("new S().");
    }
    rs.add("new " + className + "().");
    return rs;
  }

  private String receiver(Callee c) {
    List<String> rs = receivers(c);
    return rs.get(rnd.nextInt(rs.size()));
  }

  /** What a {@code return} of this body returns: a value ({@code Future.ready}) or a leaf future. */
  private String returned() {
    if (intResult) {
      return "Future.ready(0 + (" + expr(Ty.INT, 1) + "))"; // an int, even if awaited
    }
    boolean ready = rnd.nextBoolean();
    switch (ret) {
      case INT:
        return ready ? "Future.ready(0 + (" + expr(Ty.INT, 1) + "))" : "e.f(" + (sites++) + ", " + expr(Ty.INT, 1) + ")";
      case LONG:
        return ready ? "Future.ready(0L + (" + expr(Ty.LONG, 1) + "))" : "e.f(" + (sites++) + ", " + expr(Ty.LONG, 1) + ")";
      case BOOL:
        return ready ? "Future.ready(!(" + expr(Ty.BOOL, 1) + "))" : "e.f(" + (sites++) + ", " + expr(Ty.BOOL, 1) + ")";
      case VOID:
        return ready ? "Future.ready(null)" : "e.f(" + (sites++) + ", (Void) null)";
      case GEN:
        return ready ? "Future.ready(a)" : "e.f(" + (sites++) + ", a)";
      default:
        return ready ? "Future.ready(" + expr(Ty.STR, 1) + ")" : "e.f(" + (sites++) + ", " + expr(Ty.STR, 1) + ")";
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
