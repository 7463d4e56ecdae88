package dev.machina.tests.fuzz;

/** One generated program: its seed, its body, and the two classes it is compiled into. */
final class FuzzProgram {
  static final String ASYNC_PACKAGE = "fuzz.a";
  static final String SYNC_PACKAGE = "fuzz.s";

  final long seed;
  final String name;
  final String body;

  FuzzProgram(long seed) {
    this(seed, ProgramGenerator.body(seed));
  }

  FuzzProgram(long seed, String body) {
    this.seed = seed;
    this.name = name(seed);
    this.body = body;
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
        + "import java.util.ArrayList;\n"
        + "import java.util.List;\n\n"
        + "/** Generated from seed " + seed + ". */\n"
        + "public final class " + name + " {\n"
        + "  private " + name + "() {}\n\n"
        + "  static int sf0;\n"
        + "  private static int sf1;\n"
        + "  private static String sf2;\n\n"
        + (async ? "  @Async\n" : "")
        + "  public static Future<String> run(Env e) {\n"
        + body
        + "  }\n"
        + "}\n";
  }

  String className(boolean async) {
    return async ? ASYNC_PACKAGE + "." + name + "Async" : SYNC_PACKAGE + "." + name;
  }

  String path(boolean async) {
    return (async ? ASYNC_PACKAGE : SYNC_PACKAGE).replace('.', '/') + "/" + name + ".java";
  }
}
