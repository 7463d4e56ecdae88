package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The main shapes of generated code, compared with checked-in sources (src/test/resources/golden):
 * straight line, loop, try/finally, recursion, an instance method using private members, and
 * code copied across lines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoldenTest {
  private static Compilation compilation;

  static final JavaFileObject SHAPES =
      JavaFileObjects.forSourceString(
          "shapes.Shapes",
          "package shapes;\n"
              + "\n"
              + "import static dev.machina.Await.await;\n"
              + "\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "import java.util.List;\n"
              + "\n"
              + "class Shapes {\n"
              + "  @Async\n"
              + "  static Future<String> straight(Future<String> name, Future<Integer> age) {\n"
              + "    String n = await(name);\n"
              + "    int a = await(age);\n"
              + "    return Future.ready(n + \" is \" + a);\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Integer> loop(List<Future<Integer>> parts) {\n"
              + "    int total = 0;\n"
              + "    for (Future<Integer> part : parts) {\n"
              + "      total += await(part);\n"
              + "    }\n"
              + "    return Future.ready(total);\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<String> guarded(Future<String> body, List<String> log) {\n"
              + "    try {\n"
              + "      return Future.ready(await(body).trim());\n"
              + "    } finally {\n"
              + "      log.add(\"done\");\n"
              + "    }\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Integer> depth(int n) {\n"
              + "    if (n == 0) {\n"
              + "      return Future.ready(0);\n"
              + "    }\n"
              + "    return Future.ready(1 + await(depth(n - 1)));\n"
              + "  }\n"
              + "}\n");

  static final JavaFileObject COUNTER =
      JavaFileObjects.forSourceString(
          "shapes.Counter",
          "package shapes;\n"
              + "\n"
              + "import static dev.machina.Await.await;\n"
              + "\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "\n"
              + "class Counter {\n"
              + "  private int count;\n"
              + "\n"
              + "  private String label(int n) {\n"
              + "    return \"#\" + n;\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  Future<String> add(Future<Integer> delta) {\n"
              + "    count += await(delta);\n"
              + "    return Future.ready(label(count));\n"
              + "  }\n"
              + "}\n");

  /**
   * Code copied across lines (its continuation lines keep their indentation), a state with no
   * code of its own (a bare {@code case} label), the tests of jumps past a branch, and a resource
   * that is a variable (kept in a field named after it).
   */
  static final JavaFileObject LAYOUT =
      JavaFileObjects.forSourceString(
          "shapes.Layout",
          "package shapes;\n"
              + "\n"
              + "import static dev.machina.Await.await;\n"
              + "\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "import java.util.ArrayList;\n"
              + "import java.util.Comparator;\n"
              + "import java.util.List;\n"
              + "\n"
              + "class Layout {\n"
              + "  @Async\n"
              + "  static Future<Integer> lines(List<Future<String>> in) {\n"
              + "    int n = 0;\n"
              + "    String line;\n"
              + "    while (n < in.size()\n"
              + "        && !(line = await(in.get(n))).equals(\"end\")) {\n"
              + "      if (await(in.get(n)).isEmpty()) {\n"
              + "        return Future.ready(-n\n"
              + "            - 1);\n"
              + "      }\n"
              + "      n += line.length();\n"
              + "    }\n"
              + "    return Future.ready(n);\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<List<String>> sorted(Future<List<String>> words) {\n"
              + "    List<String> out = new ArrayList<>(await(words));\n"
              + "    out.sort(new Comparator<String>() {\n"
              + "      @Override\n"
              + "      public int compare(String a, String b) {\n"
              + "        return a.length() - b.length();\n"
              + "      }\n"
              + "    });\n"
              + "    return Future.ready(out);\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Integer> drain(List<Future<Integer>> in) {\n"
              + "    while (!in.isEmpty()) {\n"
              + "      if (await(in.remove(0)) < 0) {\n"
              + "        break;\n"
              + "      }\n"
              + "    }\n"
              + "    return Future.ready(in.size());\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Integer> orElse(Future<Integer> value, Integer fallback) {\n"
              + "    if (fallback == null) {\n"
              + "      return Future.ready(await(value));\n"
              + "    }\n"
              + "    return Future.ready(fallback);\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Integer> closing(java.util.Scanner numbers, Future<Integer> offset) {\n"
              + "    try (numbers) {\n"
              + "      return Future.ready(await(offset) + numbers.nextInt());\n"
              + "    }\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Integer> choose(boolean big, Future<Integer> value) {\n"
              + "    return Future.ready(big ? await(value) : 0);\n"
              + "  }\n"
              + "\n"
              + "  @Async\n"
              + "  static Future<Double> total(List<Future<Double>> in, double limit) {\n"
              + "    double total = 0;\n"
              + "    for (int i = 0; i < in.size(); i++) {\n"
              + "      total += await(in.get(i));\n"
              + "    }\n"
              + "    while (total < limit) {\n"
              + "      total += await(in.get(0));\n"
              + "    }\n"
              + "    return Future.ready(total);\n"
              + "  }\n"
              + "}\n");

  @BeforeAll
  static void compile() {
    compilation = javac().withProcessors(new AsyncProcessor()).compile(SHAPES, COUNTER, LAYOUT);
    assertThat(compilation).succeeded();
  }

  @Test
  void shapes() throws IOException {
    assertGolden("shapes.ShapesAsync", "golden/ShapesAsync.java");
  }

  @Test
  void instanceMethodWithPrivateMembers() throws IOException {
    assertGolden("shapes.CounterAsync", "golden/CounterAsync.java");
  }

  @Test
  void copiedCodeKeepsItsLineBreaksAndIndentation() throws IOException {
    assertGolden("shapes.LayoutAsync", "golden/LayoutAsync.java");
  }

  /**
   * Compares the text exactly (formatting is part of what users read). To update after an
   * intended change, run with {@code -Dmachina.golden.update=true}, which writes the generated
   * files over the resources, and review their diff.
   */
  private static void assertGolden(String generated, String resource) throws IOException {
    String actual =
        compilation.generatedSourceFile(generated).orElseThrow().getCharContent(true).toString();
    if (Boolean.getBoolean("machina.golden.update")) {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("src/test/resources", resource), actual, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected.strip(), actual.strip(), "generated " + generated);
  }
}
