package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Protected members inherited from another package are reached through handles. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtectedMembersTest {
  private static final String BASE =
      "package lib;\n"
          + "public class Base {\n"
          + "  protected int count;\n"
          + "  protected static String tag = \"t\";\n"
          + "  protected String label(int n) { return tag + n; }\n"
          + "  protected static int twice(int n) { return 2 * n; }\n"
          + "  protected void all(int... xs) { }\n"
          + "  protected static class Kind { public Kind() { } }\n"
          + "  protected Base() { }\n"
          + "}\n";

  private static final String IMPORTS =
      "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n";

  @Test
  void fieldsAndMethodsOfTheSuperclassWorkAcrossAwaits() throws Throwable {
    Harness h =
        Harness.compile(
            BASE,
            "package app;\n" + IMPORTS
                + "class Sub extends lib.Base {\n"
                + "  @Async Future<String> run() {\n"
                + "    count += await(Later.fromThread(3));\n"
                + "    count++;\n"
                + "    tag = tag + \"!\";\n"
                + "    int t = twice(await(Later.value(count)));\n"
                + "    all(t, 2);\n"
                + "    all();\n"
                + "    java.util.function.IntFunction<String> f = this::label;\n"
                + "    java.util.function.IntUnaryOperator g = lib.Base::twice;\n"
                + "    return Future.ready(label(t) + \"/\" + lib.Base.twice(1) + \"/\" + f.apply(g.applyAsInt(await(Later.value(5)))));\n"
                + "  }\n"
                + "}\n");
    Object sub = h.instance("app.Sub");
    assertEquals("t!8/2/t!10", h.run("app.SubAsync", "run", sub));
    String src = h.source("app.SubAsync");
    assertTrue(src.contains("The protected field {@code Base.count}, inherited by {@code Sub}."), src);
    assertTrue(
        src.contains("MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Sub.class,"), src);
    assertTrue(src.contains("lookup.findVirtual(Sub.class, \"label\""), src);
    assertTrue(src.contains("lookup.findStatic(Sub.class, \"twice\""), src);
  }

  /**
   * A protected nested type of the superclass is kept as {@code Object} like a private one
   * ({@code ProtectedNestedTypesTest}); what the generated class would still have to name is an
   * error on its line that says to make the type public.
   */
  @Test
  void whatTheGeneratedClassCannotNameIsAnErrorOnItsLine() {
    Compilation c =
        Harness.compileRaw(
            BASE,
            "package app;\n" + IMPORTS
                + "class Refused extends lib.Base {\n"
                + "  @Async static <T extends Kind> Future<Object> kind() {\n"
                + "    await(Later.value(0));\n"
                + "    return Future.ready(new Kind());\n"
                + "  }\n"
                + "  @Async Future<Object> anonymous() {\n"
                + "    await(Later.value(0));\n"
                + "    return Future.ready(new Kind() { });\n"
                + "  }\n"
                + "}\n");
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining(
            "names the protected type Kind of another package in the bound of a type parameter,"
                + " which its factory in the generated class repeats but cannot name: make Kind"
                + " public")
        .inFile(c.sourceFiles().get(1))
        .onLine(6);
    assertThat(c)
        .hadErrorContaining(
            "the generated class cannot subclass the protected class Kind of another package: make"
                + " it public")
        .inFile(c.sourceFiles().get(1))
        .onLine(12);
  }

  @Test
  void lambdasAndLocalClassesCallHandlesAndGetWhatTheMethodThrows() throws Throwable {
    Harness h =
        Harness.compile(
            BASE,
            "package app;\n" + IMPORTS
                + "import java.util.concurrent.Callable;\n"
                + "class Calls extends lib.Base {\n"
                + "  private String check(String s) throws java.io.IOException {\n"
                + "    if (s.isEmpty()) throw new java.io.IOException(\"empty\");\n"
                + "    return s + count;\n"
                + "  }\n"
                + "  @Async Future<String> run(String in) {\n"
                + "    String v = await(Later.fromThread(in));\n"
                + "    Callable<String> c = () -> check(v) + label(1);\n"
                + "    class Twice { String go() throws Exception { return c.call() + check(v); } }\n"
                + "    await(Later.value(0));\n"
                + "    try {\n"
                + "      return Future.ready(new Twice().go());\n"
                + "    } catch (java.io.IOException e) {\n"
                + "      return Future.ready(\"io \" + e.getMessage());\n"
                + "    } catch (Exception e) {\n"
                + "      return Future.ready(\"other \" + e);\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
    Object calls = h.instance("app.Calls");
    assertEquals("x0t1x0", h.run("app.CallsAsync", "run", calls, "x"));
    assertEquals("io empty", h.run("app.CallsAsync", "run", calls, ""));
    assertTrue(h.source("app.CallsAsync").contains("private static String invokeCHECK_METHOD("));
  }
}
