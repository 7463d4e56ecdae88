package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.processor.testing.Later;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code super.m(..)} and {@code super.x} in {@code @Async} bodies run the superclass's member, as
 * in the plain method, whatever the receiver's class overrides; the forms the generated class
 * cannot reproduce are errors on their line.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SuperCallsTest {
  private static Harness h;

  private static final String BASE =
      "package b;\n"
          + "import java.util.*;\n"
          + "public class Base {\n"
          + "  protected int n = 1;\n"
          + "  public int shared = 5;\n"
          + "  protected String name() { return \"base\"; }\n"
          + "  public int twice(int x) { return 2 * x; }\n"
          + "  protected void note(List<String> log, String s) { log.add(\"base:\" + s); }\n"
          + "  protected static String stat() { return \"stat\"; }\n"
          + "  public <T> T pick(T a, T b) { return a; }\n"
          + "  @Override public String toString() { return \"Base()\"; }\n"
          + "}\n";

  private static final String SUB =
      "package s;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n"
          + "import java.util.function.Supplier;\n"
          + "public class Sub extends b.Base {\n"
          + "  int n = 100;\n"
          + "  public int shared = 50;\n"
          + "  @Override protected String name() { return \"sub\"; }\n"
          + "  @Override public int twice(int x) { return 3 * x; }\n"
          + "  @Override protected void note(List<String> log, String s) { log.add(\"sub:\" + s); }\n"
          + "  @Override public <T> T pick(T a, T b) { return b; }\n"
          + "  @Override public String toString() { return \"Sub()\"; }\n"
          + "  @Async public Future<String> calls(Future<Integer> f) {\n"
          + "    int k = await(f);\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    super.note(log, \"a\");\n"
          + "    note(log, \"b\");\n"
          + "    super.twice(await(f));\n"
          + "    String s = super.name() + \":\" + name() + \":\" + super.twice(k) + \":\" + twice(k)\n"
          + "        + \":\" + super.pick(\"x\", \"y\") + \":\" + pick(\"x\", \"y\")\n"
          + "        + \":\" + super.toString() + \":\" + this;\n"
          + "    Supplier<String> later = () -> super.name() + super.twice(1);\n"
          + "    return Future.ready(s + \":\" + await(Later.value(super.name())) + \":\" + later.get() + \":\" + log);\n"
          + "  }\n"
          + "  @Async public Future<String> fields(Future<Integer> f) {\n"
          + "    super.n += await(f);\n"
          + "    super.shared = super.shared * await(f);\n"
          + "    n++;\n"
          + "    int both = super.n + n + super.shared + shared;\n"
          + "    return Future.ready(super.n + \":\" + n + \":\" + super.shared + \":\" + shared + \":\" + both);\n"
          + "  }\n"
          + "}\n";

  private static final String SUBSUB =
      "package s;\n"
          + "public class SubSub extends Sub {\n"
          + "  @Override protected String name() { return \"subsub\"; }\n"
          + "  @Override public int twice(int x) { return 4 * x; }\n"
          + "}\n";

  // a package-private superclass method of the same package
  private static final String NEAR =
      "package s;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "class Near extends Far {\n"
          + "  @Override String hello(String who) { return \"near \" + who; }\n"
          + "  @Async Future<String> greet(Future<String> who) {\n"
          + "    String w = await(who);\n"
          + "    return Future.ready(super.hello(w) + \" / \" + hello(w));\n"
          + "  }\n"
          + "}\n";

  private static final String FAR =
      "package s;\n"
          + "class Far { String hello(String who) { return \"far \" + who; } }\n";

  @BeforeAll
  static void compile() {
    h = Harness.compile(BASE, SUB, SUBSUB, NEAR, FAR);
  }

  @Test
  void superCallsRunTheSuperclassMethodWhateverTheReceiverOverrides() throws Throwable {
    Object sub = h.instance("s.Sub");
    assertEquals(
        "base:sub:8:12:x:y:Base():Sub():base:base2:[base:a, sub:b]",
        h.run("s.SubAsync", "calls", sub, Later.value(4)));
    Object subSub = h.instance("s.SubSub");
    assertEquals(
        "base:subsub:8:16:x:y:Base():Sub():base:base2:[base:a, sub:b]",
        h.run("s.SubAsync", "calls", subSub, Later.value(4)));
    String generated = h.source("s.SubAsync");
    assertTrue(generated.contains(".findSpecial(Sub.class.getSuperclass(), \"name\""), generated);
  }

  @Test
  void superFieldsAreTheSuperclassFieldsEvenWhenHidden() throws Throwable {
    Object sub = h.instance("s.Sub");
    assertEquals("4:101:15:50:170", h.run("s.SubAsync", "fields", sub, Later.value(3)));
  }

  @Test
  void packagePrivateSuperMethodsOfTheSamePackage() throws Throwable {
    Object near = h.instance("s.Near");
    assertEquals("far you / near you", h.run("s.NearAsync", "greet", near, Later.value("you")));
  }

  // super.m(..) of @Async methods, three levels deep, and I.super.m(..) of defaults
  private static final String LEVELS =
      """
      package q;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Levels {
        public static class Top {
          @Async Future<String> m(int k) { return Future.ready("top" + k + await(Future.ready("!"))); }
          String plain() { return "topPlain"; }
          int f = 7;
        }
        interface Greeter {
          default String hi(String w) { return "hi " + w; }
          @Async default Future<String> ahi(String w) { return Future.ready("ahi " + await(Future.ready(w))); }
        }
        public static class Low extends Top implements Greeter {
          @Override @Async Future<String> m(int k) {
            String s = await(super.m(k + 1));
            return Future.ready("low(" + s + ")");
          }
          @Override public String hi(String w) { return "low hi " + w; }
          @Override @Async public Future<String> ahi(String w) { return Future.ready("low ahi"); }
          @Async Future<String> greet(Future<String> f) {
            String w = await(f);
            return Future.ready(Greeter.super.hi(w) + "|" + hi(w) + "|" + await(Greeter.super.ahi(w))
                + "|" + await(ahi(w)) + "|" + Greeter.super.hi(await(f)));
          }
        }
        public static class Lower extends Low {
          @Override @Async Future<String> m(int k) {
            return Future.ready("lower[" + await(super.m(k * 10)) + "]");
          }
        }
        public class Outer extends Top {
          @Override String plain() { return "outerPlain"; }
          int f = 70;
          public class Inner {
            @Async Future<String> run(Future<Integer> x) {
              int v = await(x);
              return Future.ready(Outer.super.plain() + "/" + plain() + "/" + Outer.super.f + "/" + f
                  + "/" + v + "/" + Outer.super.plain().length());
            }
          }
        }
        public static Future<String> low() { return Levels_TopAsync.m(new Low(), 1); }
        public static Future<String> lower() { return Levels_TopAsync.m(new Lower(), 1); }
        public static Future<String> top() { return Levels_TopAsync.m(new Top(), 1); }
        public static Future<String> greet() { return Levels_LowAsync.greet(new Low(), Future.ready("bob")); }
        public static Future<String> inner() {
          Outer o = new Levels().new Outer();
          return Levels_Outer_InnerAsync.run(o.new Inner(), Future.ready(3));
        }
      }
      """;

  @Test
  void anOverrideRunsTheOverriddenAsyncMachineThroughSuper() throws Throwable {
    Harness levels = Harness.compile(LEVELS);
    assertEquals("top1!", levels.run("q.Levels", "top"));
    assertEquals("low(top2!)", levels.run("q.Levels", "low"));
    // Lower's super.m is Low's, whose super.m is Top's: each runs its own machine, never the override
    assertEquals("lower[low(top11!)]", levels.run("q.Levels", "lower"));
    String generated = levels.source("q.Levels_LowAsync");
    assertTrue(generated.contains("awaiting = Levels_TopAsync.m$super(self, k + 1);"), generated);
    assertTrue(levels.source("q.Levels_TopAsync").contains("public static Future<String> m$super(Levels.Top self, int k) {"));
  }

  @Test
  void qualifiedSuperReachesInterfaceDefaultsAndTheEnclosingClassesSuperclass() throws Throwable {
    Harness levels = Harness.compile(LEVELS);
    assertEquals("hi bob|low hi bob|ahi bob|low ahi|hi bob", levels.run("q.Levels", "greet"));
    assertEquals("topPlain/outerPlain/7/70/3/8", levels.run("q.Levels", "inner"));
    assertTrue(
        levels.source("q.Levels_LowAsync").contains("findSpecial(Levels.Greeter.class, \"hi\""),
        levels.source("q.Levels_LowAsync"));
  }
}
