package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java 21's patterns in {@code @Async} bodies, compiled with {@code --release 21} (so only on a
 * javac of 21 or later): where an await meets them the processor refuses them on their line,
 * instead of writing a machine that does not compile; elsewhere they are copied as written.
 */
class Java21PatternsTest {
  private static final String HEAD =
      "package p;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "class P {\n"
          + "  sealed interface Shape permits Circle, Square {}\n"
          + "  record Circle(int r) implements Shape {}\n"
          + "  record Square(int s) implements Shape {}\n";

  @BeforeEach
  void needsJavac21() {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
  }

  private static Compilation compile(JavaFileObject src) {
    return javac().withOptions("--release", "21").withProcessors(new AsyncProcessor()).compile(src);
  }

  @Test
  void patternsThatMeetAnAwaitAreErrorsOnTheirLines() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.P",
            HEAD
                + "  @Async static Future<String> f(Object o, Shape sh) {\n"
                + "    String a = switch (sh) {\n"
                + "      case Circle c when c.r() > await(Future.ready(1)) -> \"big\";\n" // 10
                + "      default -> \"other\";\n"
                + "    };\n"
                + "    if (!(o instanceof Square(int s))) {\n" // 13
                + "      return Future.ready(a);\n"
                + "    }\n"
                + "    int k = await(Future.ready(2));\n"
                + "    return Future.ready(a + s * k);\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("a switch with pattern labels (Java 21) cannot hold an await")
        .inFile(src).onLine(10);
    assertThat(c).hadErrorContaining("a record pattern (Java 21)").inFile(src).onLine(13);
  }

  @Test
  void patternsAwayFromAwaitsAreCopiedAsWritten() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "p.P",
            HEAD
                + "  @Async static Future<String> f(Object o, Shape sh) {\n"
                + "    int k = await(Future.ready(2));\n"
                + "    String a = switch (sh) {\n"
                + "      case Circle c when c.r() > k -> \"big \" + c.r();\n"
                + "      case Circle c -> \"circle\";\n"
                + "      case Square(int s) -> \"square \" + s * k;\n"
                + "    };\n"
                + "    if (o instanceof Square(int s) && s > 0) {\n"
                + "      a += s;\n"
                + "    }\n"
                + "    return Future.ready(await(Future.ready(a)));\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(src)).succeeded();
  }
}
