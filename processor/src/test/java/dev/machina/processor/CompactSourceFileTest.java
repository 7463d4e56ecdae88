package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A compact source file (Java 25) declares its class implicitly, and nothing outside the file can
 * name it: its {@code @Async} methods are errors on their lines, with no generated file; a named
 * class of the unnamed package still works.
 */
class CompactSourceFileTest {
  @Test
  void asyncMethodsOfACompactSourceFileAreErrorsOnTheirLines() {
    assumeTrue(Runtime.version().feature() >= 25, "compact source files need Java 25");
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "Tool",
            "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "\n"
                + "@Async Future<Integer> twice(int x) {\n" // 4
                + "  return Future.ready(2 * await(Future.ready(x)));\n"
                + "}\n"
                + "\n"
                + "class Helper {\n"
                + "  @Async static Future<Integer> one() {\n" // 9
                + "    return Future.ready(await(Future.ready(1)));\n"
                + "  }\n"
                + "}\n"
                + "\n"
                + "void main() throws Throwable {\n"
                + "  System.out.println(Machina.blockOn(Future.ready(1)));\n"
                + "}\n");
    Compilation c = javac().withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(2); // none in a generated file: there is none
    assertThat(c).hadErrorContaining("@Async is not supported in a compact source file (twice)")
        .inFile(src).onLine(4);
    assertThat(c).hadErrorContaining("@Async is not supported in a compact source file (one)")
        .inFile(src).onLine(9);
  }

  @Test
  void aNamedClassOfTheUnnamedPackageIsLowered() throws Throwable {
    Harness h =
        Harness.compile(
            "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "class Plain {\n"
                + "  @Async static Future<Integer> twice(int x) {\n"
                + "    return Future.ready(2 * await(Later.value(x)));\n"
                + "  }\n"
                + "}\n");
    assertEquals(42, h.run("PlainAsync", "twice", 21));
  }
}
