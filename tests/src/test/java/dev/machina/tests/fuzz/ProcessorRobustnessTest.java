package dev.machina.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invalid and mutated sources give compile errors, never an exception escaping the processor nor
 * an "internal error" report: truncated bodies, {@code await} in every forbidden place, unknown
 * symbols and type errors.
 */
@Timeout(600)
class ProcessorRobustnessTest {
  private static final String HEADER =
      "package bad;\n\n"
          + "import static dev.machina.Await.await;\n\n"
          + "import dev.machina.Async;\n"
          + "import dev.machina.Future;\n"
          + "import dev.machina.tests.fuzz.Env;\n"
          + "import java.util.ArrayList;\n"
          + "import java.util.List;\n\n";

  /** A named invalid source; {@code line} is where the error must be, or 0 for anywhere. */
  private record Mutant(String name, String source, int line) {}

  @Test
  void awaitInForbiddenPlacesIsAnErrorOnItsLine() throws Exception {
    List<Mutant> ms = new ArrayList<>();
    ms.add(body("lambda", "e.log(\"x\", e.call(() -> await(e.f(0, 1)))); // HERE"));
    ms.add(body("anonymous", "Object o = new Object() { public String toString() { return \"\" + await(e.f(0, 1)); } }; // HERE"));
    ms.add(body("localClass", "class L { int g() { return await(e.f(0, 1)); } } // HERE\n    e.log(\"x\", new L().g());"));
    ms.add(body("synchronized", "synchronized (e) {\n      e.log(\"x\", await(e.f(0, 1))); // HERE\n    }"));
    ms.add(klass("notAsyncBesideAsync", "  @Async\n  static Future<Integer> ok(Env e) {\n    return e.f(0, 1);\n  }\n"
        + "  static int helper(Env e) {\n    return await(e.f(0, 1)); // HERE\n  }\n"));
    ms.add(klass("returnsInt", "  @Async\n  static int run(Env e) { // HERE\n    return await(e.f(0, 1));\n  }\n"));
    ms.add(klass("returnsCompletableFuture", "  @Async\n  static java.util.concurrent.CompletableFuture<Integer> run(Env e) { // HERE\n    return null;\n  }\n"));
    ms.add(abstractClass("abstractMethod", "  @Async\n  abstract Future<Integer> run(Env e); // HERE\n"));
    ms.add(abstractClass("nativeMethod", "  @Async\n  native Future<Integer> run(Env e); // HERE\n"));
    ms.add(body("awaitInLambdaInLoop", "for (int i = 0; i < 2; i++) {\n      Runnable r = () -> e.log(\"x\", await(e.f(0, i))); // HERE\n    }"));
    check(ms, true);
  }

  @Test
  void awaitInAUnitWithoutAnyAsyncMethodIsAnError() throws Exception {
    check(List.of(klass("notAsync", "  static int helper(Env e) {\n    return await(e.f(0, 1)); // HERE\n  }\n")), true);
  }

  @Test
  void unknownSymbolsAndTypeErrorsAreErrors() throws Exception {
    List<Mutant> ms = new ArrayList<>();
    ms.add(body("unknownVariable", "int x = await(e.f(0, nope)); // HERE"));
    ms.add(body("unknownMethod", "int x = await(e.nope(0)); // HERE"));
    ms.add(body("unknownType", "Nope x = await(e.f(0, 1)); // HERE"));
    ms.add(body("unknownTypeAfterAwait", "int a = await(e.f(0, 1));\n    Nope x = new Nope(a); // HERE"));
    ms.add(body("wrongType", "String s = await(e.f(0, 1)); // HERE"));
    ms.add(body("awaitNonFuture", "int x = await(42); // HERE"));
    ms.add(body("awaitWrongArity", "int x = await(e.f(0, 1), 2); // HERE"));
    ms.add(body("undefinedLabel", "while (await(e.f(0, false))) { break nowhere; } // HERE"));
    ms.add(body("yieldOutsideSwitch", "int k = await(e.f(0, 1));\n    yield k; // HERE"));
    ms.add(body("missingReturn", "int k = await(e.f(0, 1));\n    if (k > 0) return Future.ready(\"x\"); // HERE\n  }\n  static void unused() {"));
    check(ms, false);
  }

  @Test
  void truncatedProgramsAreErrors() throws Exception {
    Random rnd = new Random(7);
    List<Mutant> ms = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      FuzzProgram p = new FuzzProgram(1000 + i);
      String src = p.source(true).replace("package fuzz.a;", "package bad;");
      // static or instance (odd seeds): a cut before the class would leave a valid file
      int bodyStart = src.indexOf("Future<String> run(");
      int end = src.indexOf("return Future.ready(e.end", Math.max(0, bodyStart)); // run's (or work's) end
      int cut = bodyStart + 1 + rnd.nextInt(end - bodyStart - 1);
      String prefix = src.substring(0, cut);
      if (i % 2 == 0) {
        // Cut at a line boundary and close the open blocks: parses, fails later (missing return).
        prefix = prefix.substring(0, prefix.lastIndexOf('\n') + 1);
        long open = prefix.chars().filter(c -> c == '{').count() - prefix.chars().filter(c -> c == '}').count();
        prefix = prefix + "}".repeat((int) Math.max(0, open)) + "\n";
      }
      ms.add(new Mutant("truncated" + i, prefix, 0));
    }
    check(ms, false);
  }

  private static Mutant body(String name, String statements) {
    String src = HEADER
        + "public final class " + cap(name) + " {\n"
        + "  @Async\n"
        + "  static Future<String> run(Env e) {\n"
        + "    " + statements + "\n"
        + "    return Future.ready(\"end\");\n"
        + "  }\n"
        + "}\n";
    return new Mutant(name, src, lineOf(src));
  }

  private static Mutant klass(String name, String members) {
    String src = HEADER + "public final class " + cap(name) + " {\n" + members + "}\n";
    return new Mutant(name, src, lineOf(src));
  }

  private static Mutant abstractClass(String name, String members) {
    String src = HEADER + "public abstract class " + cap(name) + " {\n" + members + "}\n";
    return new Mutant(name, src, lineOf(src));
  }

  private static int lineOf(String src) {
    String[] lines = src.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("// HERE")) {
        return i + 1;
      }
    }
    return 0;
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Compiles each mutant alone with the processor and checks it fails cleanly. */
  private static void check(List<Mutant> mutants, boolean exactLine) throws Exception {
    List<String> problems = new ArrayList<>();
    for (Mutant m : mutants) {
      String path = "bad/" + className(m.source) + ".java";
      try (InMemoryCompiler.Result r = InMemoryCompiler.compile(Map.of(path, m.source), true)) {
        String errors = r.errors();
        if (r.crash != null) {
          problems.add(m.name + ": an exception escaped javac/the processor:\n" + errors);
          continue;
        }
        if (r.success) {
          problems.add(m.name + ": compiled without error");
          continue;
        }
        if (errors.contains("internal error")) {
          problems.add(m.name + ": the processor reported an internal error:\n" + errors);
          continue;
        }
        if (exactLine && m.line > 0 && !hasErrorOnLine(r, m.line)) {
          problems.add(m.name + ": no error on line " + m.line + ":\n" + errors);
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> problems.size() + " problems:\n" + String.join("\n", problems));
  }

  private static boolean hasErrorOnLine(InMemoryCompiler.Result r, int line) {
    for (Diagnostic<?> d : r.diagnostics) {
      if (d.getKind() == Diagnostic.Kind.ERROR && d.getLineNumber() == line) {
        return true;
      }
    }
    return false;
  }

  private static String className(String src) {
    int i = src.indexOf("class ") + 6;
    int j = i;
    while (Character.isJavaIdentifierPart(src.charAt(j))) {
      j++;
    }
    return src.substring(i, j);
  }
}
