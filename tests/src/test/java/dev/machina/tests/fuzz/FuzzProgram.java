package dev.machina.tests.fuzz;

/** One generated program: its seed, its body, and the two classes it is compiled into. */
final class FuzzProgram {
  static final String ASYNC_PACKAGE = "fuzz.a";
  static final String SYNC_PACKAGE = "fuzz.s";

  final long seed;
  final String name;
  final String body;
  /**
   * The program's other methods, calling and awaiting each other, and the subclass {@code S}
   * overriding some of them ({@link ProgramGenerator#generate}); {@code @Async} written as
   * {@link ProgramGenerator#ASYNC_MARK}.
   */
  final String members;
  /** The {@code --release} it is compiled with: 17, or 21 for Java 21's patterns. */
  final int release;

  FuzzProgram(long seed) {
    this(seed, ProgramGenerator.generate(seed), 17);
  }

  /** The program of {@code seed} with Java 21's pattern switches among its statements. */
  static FuzzProgram java21(long seed) {
    return new FuzzProgram(seed, ProgramGenerator.generate(seed, true), 21);
  }

  private FuzzProgram(long seed, ProgramGenerator.Generated g, int release) {
    this(seed, g.body(), g.members(), release);
  }

  FuzzProgram(long seed, String body, String members) {
    this(seed, body, members, 17);
  }

  FuzzProgram(long seed, String body, String members, int release) {
    this.seed = seed;
    this.name = name(seed);
    this.body = body;
    this.members = members;
    this.release = release;
  }

  /**
   * Whether {@code seed}'s program is an instance method (of a class that is not final, so its
   * factory dispatches on the receiver's class) with instance fields; else a static method.
   */
  static boolean isInstance(long seed) {
    return (seed & 1) == 1;
  }

  /**
   * Whether {@code seed}'s program (a static one) has its body in {@code Future<Integer>
   * work(Env)}, every return giving an {@code int}, which {@code run} awaits: the machine of
   * {@code work} is stepped directly and runs the body in an unboxed {@code stepInt}.
   */
  static boolean returnsInt(long seed) {
    return (seed & 3) == 2;
  }

  /** The simple name of the classes of {@code seed}'s program. */
  static String name(long seed) {
    return "P" + Long.toUnsignedString(seed, 36).toUpperCase();
  }

  /** The {@code @Async} class, or the reference class where {@code await} resolves in place. */
  String source(boolean async) {
    return "package " + (async ? ASYNC_PACKAGE : SYNC_PACKAGE) + ";\n\n"
        + (async
            ? "import static dev.machina.Await.await;\n"
            : "import static dev.machina.tests.fuzz.SyncAwait.await;\n")
        + "\n"
        + "import dev.machina.Async;\n"
        + "import dev.machina.Future;\n"
        + "import dev.machina.tests.fuzz.Env;\n"
        + "import dev.machina.tests.fuzz.ProtectedBase;\n"
        + "import java.util.ArrayList;\n"
        + "import java.util.List;\n\n"
        + "/** Generated from seed " + seed + ". */\n"
        + "public " + (isInstance(seed) ? "" : "final ") + "class " + name + " extends ProtectedBase {\n"
        + "  private " + name + "() {}\n\n"
        + "  static int sf0;\n"
        + "  private static int sf1;\n"
        + "  private static String sf2;\n"
        + "  private static char sf3;\n"
        + "  static double sf4;\n"
        + (isInstance(seed) ? "  int if0;\n  private int if1;\n" : "")
        + VARARGS
        + "\n"
        + (async ? "  @Async\n" : "")
        + "  public " + (isInstance(seed) ? "" : "static ") + "Future<String> run(Env e) {\n"
        + (returnsInt(seed) ? "    return Future.ready(\"work \" + await(work(e)));\n  }\n\n" : body)
        + (returnsInt(seed) ? (async ? "  @Async\n" : "") + "  static Future<Integer> work(Env e) {\n" + body : "")
        + "  }\n"
        + NESTED
        + helpers(async)
        + privateHelpers(async)
        + members.replace(ProgramGenerator.ASYNC_MARK + "\n", async ? "@Async\n" : "")
        + "}\n";
  }

  /**
   * Private varargs methods the bodies reference ({@code Px::vsum}): the machine reaches them
   * through handles, packing variable-arity arguments into the array javac would create; the
   * results show that array's length, elements and class.
   */
  private static final String VARARGS =
      "\n  private static int vsum(int... xs) {\n"
          + "    int s = xs.length;\n"
          + "    for (int x : xs) {\n"
          + "      s = s * 31 + x;\n"
          + "    }\n"
          + "    return s;\n"
          + "  }\n\n"
          + "  private static String vjoin(String sep, Object... xs) {\n"
          + "    return xs.getClass().getSimpleName() + sep + java.util.Arrays.toString(xs);\n"
          + "  }\n";

  /**
   * Classes the bodies create instances of: an inner class ({@code this.new In(..)}, or
   * {@code new Px().new In(..)} from static code), a generic static nested class, and private
   * nested types the generated class cannot name (a record, a class, an enum, a functional
   * interface; F59, F144).
   */
  private static final String NESTED =
      "\n  class In {\n"
          + "    final int v;\n\n"
          + "    In(int v) {\n"
          + "      this.v = v;\n"
          + "    }\n\n"
          + "    int get() {\n"
          + "      return v * 2 + 1;\n"
          + "    }\n"
          + "  }\n\n"
          + "  static final class Bx<T> {\n"
          + "    final T v;\n\n"
          + "    Bx(T v) {\n"
          + "      this.v = v;\n"
          + "    }\n\n"
          + "    T get() {\n"
          + "      return v;\n"
          + "    }\n"
          + "  }\n\n"
          + "  private record Pv(int x, String s) implements Comparable<Pv> {\n"
          + "    static Pv of(int x) {\n"
          + "      return new Pv(x, \"p\" + x);\n"
          + "    }\n\n"
          + "    int sum() {\n"
          + "      return x + s.length();\n"
          + "    }\n\n"
          + "    static int mix(int x, Pv p) {\n"
          + "      return x - p.sum();\n"
          + "    }\n\n"
          + "    public int compareTo(Pv o) {\n"
          + "      return Integer.compare(x, o.x);\n"
          + "    }\n"
          + "  }\n\n"
          + "  static int pvTotal(java.util.Collection<Pv> ps) {\n"
          + "    int s = 0;\n"
          + "    for (Pv p : ps) {\n"
          + "      s += p.sum();\n"
          + "    }\n"
          + "    return s;\n"
          + "  }\n\n"
          + "  static List<Pv> pvRange(int n) {\n"
          + "    List<Pv> r = new ArrayList<>();\n"
          + "    for (int i = Math.floorMod(n, 4); i >= 0; i--) {\n"
          + "      r.add(Pv.of(i * 3 % 5));\n"
          + "    }\n"
          + "    return r;\n"
          + "  }\n\n"
          + "  private interface Pf {\n"
          + "    int f(int x, Pv p);\n"
          + "  }\n\n"
          + "  static int pfApply(Pf g, int x) {\n"
          + "    return g.f(x, Pv.of(x));\n"
          + "  }\n\n"
          + "  static int boxKind(int x) {\n"
          + "    return 1;\n"
          + "  }\n\n"
          + "  static int boxKind(Object x) {\n"
          + "    return 2;\n"
          + "  }\n\n"
          + "  private static class Acc {\n"
          + "    private int n;\n\n"
          + "    int add(int d) {\n"
          + "      n += d;\n"
          + "      return n;\n"
          + "    }\n\n"
          + "    @Override\n"
          + "    public String toString() {\n"
          + "      return \"Acc\" + n;\n"
          + "    }\n"
          + "  }\n\n"
          + "  private static class Pe extends IllegalStateException {\n"
          + "    private static final long serialVersionUID = 1L;\n"
          + "    final int code;\n\n"
          + "    Pe(int code) {\n"
          + "      super(\"pe\" + code);\n"
          + "      this.code = code;\n"
          + "    }\n"
          + "  }\n\n"
          + "  private enum Lvl {\n"
          + "    LO, MID, HI;\n\n"
          + "    int w() {\n"
          + "      return ordinal() * 2 + 1;\n"
          + "    }\n"
          + "  }\n\n"
          + "  private sealed interface Psh permits Pc, Ps, Pg {}\n\n"
          + "  private record Pc(int r) implements Psh {}\n\n"
          + "  private record Ps(int s, String tag) implements Psh {}\n\n"
          + "  private record Pg(Pq a, Env.Pt b) implements Psh {}\n\n"
          + "  private record Pq(int x, int y) {}\n\n"
          + "  static Psh psh(Env.Shape s) {\n"
          + "    if (s instanceof Env.Circ c) {\n"
          + "      return new Pc(c.r());\n"
          + "    }\n"
          + "    if (s instanceof Env.Sq q) {\n"
          + "      return new Ps(q.s(), q.tag());\n"
          + "    }\n"
          + "    if (s instanceof Env.Seg g) {\n"
          + "      return new Pg(new Pq(g.a().x(), g.a().y()), g.b());\n"
          + "    }\n"
          + "    return null;\n"
          + "  }\n";

  /**
   * Helpers the body awaits calls of: in the {@code @Async} class, machines stepped directly
   * whose values are primitives ({@code g} recursing {@code depth} deep); in the reference class,
   * the same methods run in place.
   */
  private static String helpers(boolean async) {
    String mark = async ? "\n  @Async\n" : "\n";
    return mark
        + "  static Future<Integer> g(Env e, int site, int v, int depth) {\n"
        + "    if (depth == 0) {\n"
        + "      return Future.ready(await(e.f(site, v)) + 1);\n"
        + "    }\n"
        + "    int inner = await(g(e, site, v + 1, depth - 1));\n"
        + "    return Future.ready(inner * 2 - v);\n"
        + "  }\n"
        + mark
        + "  static Future<Long> gl(Env e, int site, long v) {\n"
        + "    return Future.ready(await(e.f(site, v)) * 3);\n"
        + "  }\n"
        + mark
        + "  static Future<Boolean> gb(Env e, int site, boolean v) {\n"
        + "    return Future.ready(!await(e.f(site, v)));\n"
        + "  }\n";
  }

  /**
   * A private class with an {@code @Async} instance method, and a private subclass whose {@code
   * @Async} override awaits it through {@code super} (lowered since session 23): the generated
   * class cannot name either, so their factories take {@code Object} receivers and dispatch by
   * the classes' binary names. And private static {@code @Async} methods taking and returning a
   * private and an inherited protected record, and overridable ones of {@code Pk} ({@code kv},
   * {@code kq}) that {@code Pk2} overrides (session 24): their factories take the records as
   * {@code Object}s and return {@code Future<R>}; the dispatch names the records' classes by
   * their binary names.
   */
  private static String privateHelpers(boolean async) {
    String mark = async ? "    @Async\n" : "";
    return "\n  private static class Pk {\n"
        + "    final int base;\n\n"
        + "    Pk(int base) {\n"
        + "      this.base = base;\n"
        + "    }\n\n"
        + mark
        + "    Future<Integer> k(Env e, int site, int v) {\n"
        + "      return Future.ready(await(e.f(site, v)) + base);\n"
        + "    }\n\n"
        + mark
        + "    Future<Pv> kv(Env e, int site, Pv p) {\n"
        + "      return Future.ready(Pv.of(await(e.f(site, p.x())) + base));\n"
        + "    }\n\n"
        + mark
        + "    Future<Qv> kq(Env e, int site, Qv p) {\n"
        + "      return Future.ready(Qv.of(await(e.f(site, p.x())) + base));\n"
        + "    }\n"
        + "  }\n\n"
        + "  private static final class Pk2 extends Pk {\n"
        + "    Pk2(int base) {\n"
        + "      super(base);\n"
        + "    }\n\n"
        + (async ? "    @Override\n    @Async\n" : "    @Override\n")
        + "    Future<Integer> k(Env e, int site, int v) {\n"
        + "      return Future.ready(await(super.k(e, site, v)) * 2 - base);\n"
        + "    }\n\n"
        + (async ? "    @Override\n    @Async\n" : "    @Override\n")
        + "    Future<Pv> kv(Env e, int site, Pv p) {\n"
        + "      return Future.ready(Pv.of(await(super.kv(e, site, p)).x() * 3));\n"
        + "    }\n\n"
        + (async ? "    @Override\n    @Async\n" : "    @Override\n")
        + "    Future<Qv> kq(Env e, int site, Qv p) {\n"
        + "      return Future.ready(Qv.of(await(super.kq(e, site, p)).x() * 3));\n"
        + "    }\n"
        + "  }\n"
        + (async ? "\n  @Async\n" : "\n")
        + "  private static Future<Pv> pvNext(Env e, int site, Pv p) {\n"
        + "    return Future.ready(Pv.of(await(e.f(site, p.x())) + 1));\n"
        + "  }\n"
        + (async ? "\n  @Async\n" : "\n")
        + "  private static Future<Qv> qvNext(Env e, int site, Qv p) {\n"
        + "    return Future.ready(Qv.of(await(e.f(site, p.x())) + 1));\n"
        + "  }\n";
  }

  String className(boolean async) {
    return async ? ASYNC_PACKAGE + "." + name + "Async" : SYNC_PACKAGE + "." + name;
  }

  String path(boolean async) {
    return (async ? ASYNC_PACKAGE : SYNC_PACKAGE).replace('.', '/') + "/" + name + ".java";
  }
}
