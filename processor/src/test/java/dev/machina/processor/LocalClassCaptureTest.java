package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Local classes hoisted to the top of {@code step} copy their captured locals per instance. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalClassCaptureTest {
  private static final String IMPORTS =
      "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n";

  @Test
  void eachInstanceKeepsTheValuesOfItsIteration() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n" + IMPORTS
                + "class Loop {\n"
                + "  @Async static Future<String> collect(int n) {\n"
                + "    List<Supplier<String>> made = new ArrayList<>();\n"
                + "    for (int i = 0; i < n; i++) {\n"
                + "      int v = await(Later.value(i));\n"
                + "      String name = await(Later.fromThread(\"n\" + i));\n"
                + "      @SuppressWarnings(\"unused\")\n"
                + "      class Item<T extends Comparable<T>> /* not the body { */\n"
                + "          implements Supplier<String> { // nor this {\n"
                + "        public String get() { return name + v; }\n"
                + "      }\n"
                + "      made.add(new Item<String>());\n"
                + "      await(Later.value(0));\n"
                + "      made.add(new Item<Integer>());\n"
                + "    }\n"
                + "    StringBuilder out = new StringBuilder();\n"
                + "    for (Supplier<String> s : made) out.append(s.get()).append(' ');\n"
                + "    return Future.ready(out.toString().trim());\n"
                + "  }\n"
                + "}\n");
    assertEquals("n00 n00 n11 n11 n22 n22", h.run("p.LoopAsync", "collect", 3));
    String src = h.source("p.LoopAsync");
    assertTrue(
        src.contains("implements Supplier<String> { // nor this {\n"
            + "        private final String name_ = Collect.this.name;\n"
            + "        private final int v_ = Collect.this.v;\n"),
        src);
    assertTrue(src.contains("return name_ + v_;"), src);
  }

  @Test
  void constructorCallArgumentsReadTheMachineFields() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n" + IMPORTS
                + "class Ctor {\n"
                + "  static class Base { final String s; Base(String s) { this.s = s; } }\n"
                + "  @Async static Future<String> make() {\n"
                + "    List<Base> made = new ArrayList<>();\n"
                + "    for (int i = 0; i < 2; i++) {\n"
                + "      String x = await(Later.value(\"x\" + i));\n"
                + "      class Sub extends Base {\n"
                + "        Sub() { this(1); }\n"
                + "        Sub(int k) { super(x + k); }\n"
                + "        public String toString() { return s + x; }\n"
                + "      }\n"
                + "      made.add(new Sub());\n"
                + "    }\n"
                + "    return Future.ready(made.toString());\n"
                + "  }\n"
                + "}\n");
    assertEquals("[x01x0, x11x1]", h.run("p.CtorAsync", "make"));
  }

  @Test
  void aSuperclassConstructorCallingAnOverrideSeesTheCapturedValues() throws Throwable {
    Harness h =
        Harness.compile(
            "package p;\n" + IMPORTS
                + "class Template {\n"
                + "  abstract static class Widget {\n"
                + "    final String early;\n"
                + "    Widget() { early = init(); }\n"
                + "    abstract String init();\n"
                + "  }\n"
                + "  @Async static Future<String> build() {\n"
                + "    List<Widget> made = new ArrayList<>();\n"
                + "    for (int i = 0; i < 3; i++) {\n"
                + "      String name = await(Later.fromThread(\"w\" + i));\n"
                + "      class Named extends Widget {\n"
                + "        String init() { return name; }\n"
                + "      }\n"
                + "      made.add(new Named());\n"
                + "    }\n"
                + "    StringBuilder out = new StringBuilder();\n"
                + "    for (Widget w : made) out.append(w.early).append(w.init()).append(' ');\n"
                + "    return Future.ready(out.toString().trim());\n"
                + "  }\n"
                + "}\n");
    assertEquals("w0w0 w1w1 w2w2", h.run("p.TemplateAsync", "build"));
    assertTrue(h.source("p.TemplateAsync").contains("return (copied_ ? name_ : Build.this.name);"),
        h.source("p.TemplateAsync"));
  }
}
