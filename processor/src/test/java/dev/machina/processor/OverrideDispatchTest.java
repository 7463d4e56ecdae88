package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The factory of an overridable instance method dispatches on the receiver's class. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverrideDispatchTest {
  private static final String IMPORTS =
      "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n";

  private static final Harness H =
      Harness.compile(
          "package d;\n" + IMPORTS
              + "class Base {\n"
              + "  @Async Future<String> who() { return Future.ready(\"base\" + await(Later.value(\"\"))); }\n"
              + "  @Async Future<String> hello() { return Future.ready(\"hi \" + await(who())); }\n"
              + "  @Async final Future<String> fixed() { return Future.ready(await(Later.value(\"f\"))); }\n"
              + "  @Async private Future<String> hidden() { return Future.ready(await(Later.value(\"h\"))); }\n"
              + "  @Async static Future<String> shared() { return Future.ready(await(Later.value(\"s\"))); }\n"
              + "}\n",
          "package d;\n" + IMPORTS
              + "class Sub extends Base {\n"
              + "  @Override @Async Future<String> who() { return Future.ready(\"sub\" + await(Later.fromThread(\"!\"))); }\n"
              + "}\n",
          "package d;\n" + IMPORTS
              + "class Plain extends Base {\n"
              + "  @Override Future<String> who() { return Future.ready(\"plain\"); }\n"
              + "}\n",
          "package d;\n" + IMPORTS
              + "final class Leaf {\n"
              + "  @Async Future<String> only() { return Future.ready(await(Later.value(\"leaf\"))); }\n"
              + "}\n",
          "package d;\n" + IMPORTS
              + "record Rec(int x) {\n"
              + "  @Async Future<Integer> twice() { return Future.ready(2 * await(Later.value(x))); }\n"
              + "}\n",
          "package d;\n" + IMPORTS
              + "interface Named {\n"
              + "  @Async default Future<String> name() { return Future.ready(\"named\" + await(Later.value(\"\"))); }\n"
              + "}\n",
          "package d;\n" + IMPORTS
              + "class Renamed implements Named {\n"
              + "  @Async public Future<String> name() { return Future.ready(\"renamed\" + await(Later.value(\"\"))); }\n"
              + "}\n");

  @Test
  void receiversOfSubclassesRunTheirOverride() throws Throwable {
    Object base = H.instance("d.Base");
    Object sub = H.instance("d.Sub");
    Object plain = H.instance("d.Plain");
    assertEquals("base", H.run("d.BaseAsync", "who", base));
    assertEquals("sub!", H.run("d.BaseAsync", "who", sub));
    assertEquals("plain", H.run("d.BaseAsync", "who", plain));
    assertEquals("hi sub!", H.run("d.BaseAsync", "hello", sub));
    assertEquals("hi plain", H.run("d.BaseAsync", "hello", plain));
    assertEquals("renamed", H.run("d.NamedAsync", "name", H.instance("d.Renamed")));
  }

  @Test
  void theExactClassTakesTheDirectPathAfterOneCompareInOverridesOf() {
    String src = H.source("d.BaseAsync");
    assertTrue(
        src.contains(
            "  @AsyncFactory\n"
                + "  @SuppressWarnings(\"unchecked\")\n"
                + "  public static Future<String> who(Base self) {\n"
                + "    MethodHandle override = WHO_OVERRIDES.of(self);\n"
                + "    if (override != null) {\n"
                + "      try {\n"
                + "        return (Future<String>) override.invokeExact(self);\n"),
        src);
    assertTrue(
        src.contains(
            "private static final Overrides WHO_OVERRIDES = new Overrides(MethodHandles.lookup(),"
                + " Base.class, \"who\");"),
        src);
  }

  @Test
  void noDispatchWhereNothingCanOverride() {
    String base = H.source("d.BaseAsync");
    for (String m : new String[] {"fixed", "hidden", "shared"}) {
      assertFalse(base.contains(m.toUpperCase() + "_OVERRIDES"), m);
    }
    assertFalse(H.source("d.LeafAsync").contains("Overrides"));
    assertFalse(H.source("d.RecAsync").contains("Overrides"));
    // An interface's factory dispatches too (Overrides.of never finds the interface itself).
    String named = H.source("d.NamedAsync");
    assertTrue(named.contains("MethodHandle override = NAME_OVERRIDES.of(self);"), named);
  }
}
