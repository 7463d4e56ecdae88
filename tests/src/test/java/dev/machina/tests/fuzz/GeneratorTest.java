package dev.machina.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator writes programs javac accepts, whose reference runs are deterministic. */
@Timeout(300)
class GeneratorTest {
  @Test
  void referenceProgramsCompileAndRunDeterministically() throws Exception {
    List<FuzzProgram> programs = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (long seed = 1; seed <= 120; seed++) {
      FuzzProgram p = new FuzzProgram(seed);
      programs.add(p);
      sources.put(p.path(false), p.source(false));
    }
    try (InMemoryCompiler.Result r = InMemoryCompiler.compile(sources, false)) {
      assertTrue(r.success, () -> r.errors() + "\n" + firstErrorProgram(r, programs));
      int returned = 0;
      int threw = 0;
      int crossing = 0;
      for (FuzzProgram p : programs) {
        Class<?> c = r.load(p.className(false));
        int fail = Differential.failPermille(p.seed);
        Outcome first = Differential.run(c, p.seed, fail, false);
        Outcome second = Differential.run(c, p.seed, fail, false);
        assertEquals(first, second, () -> "not deterministic:\n" + p.source(false));
        if (Census.boomCrossesMachines(p, first)) {
          crossing++;
        }
        if (first.thrown == null) {
          returned++;
        } else {
          threw++;
        }
      }
      assertTrue(returned > 20 && threw > 5, "returned " + returned + ", threw " + threw);
      // an Env.Boom thrown in one of the program's methods caught in another, or thrown out of run
      System.out.println("of 120 programs, " + crossing + " threw an Env.Boom across machines");
      assertTrue(crossing >= 5, "exceptions crossing machines in " + crossing + " programs");
    }
  }

  /**
   * The shapes of calls between the program's methods are really written: counted over 1000
   * programs (printed, for tests/README.md), each at least in a few percent of them.
   */
  @Test
  void programsCallAndAwaitTheirOwnMethods() {
    Census c = new Census();
    for (long seed = 20360000; seed < 20361000; seed++) {
      c.add(new FuzzProgram(seed));
    }
    System.out.println("generator census of 1000 programs: " + c);
    assertTrue(c.withMethods > 450, c::toString);
    assertTrue(c.crossAwaits > 350, c::toString);
    assertTrue(c.asyncOverrides > 40 && c.plainOverrides > 40 && c.dispatched > 40, c::toString);
    assertTrue(c.tailCalls > 50 && c.deepCalls > 50 && c.awaitsInFinally > 100, c::toString);
    for (ProgramGenerator.Ret r : ProgramGenerator.Ret.values()) {
      assertTrue(c.byRet[r.ordinal()] > 50, c::toString);
    }
    assertTrue(c.instanceMethods > 100 && c.staticMethods > 300, c::toString);
  }

  /**
   * The Java 17 constructs added for enums, labeled blocks, matrices, floats, boxes, iterators
   * and nested classes are really written: each in at least a few percent of 1000 programs
   * (printed, for tests/README.md).
   */
  @Test
  void programsUseTheJava17Constructs() {
    ConstructCensus c = new ConstructCensus();
    for (long seed = 20360000; seed < 20361000; seed++) {
      c.add(new FuzzProgram(seed));
    }
    System.out.println("construct census: " + c);
    c.counts.forEach((k, n) -> assertTrue(n >= 30, () -> k + ": " + c));
  }

  /**
   * Java 21 mode switches over the private sealed {@code Psh} too, by type and record patterns of
   * its private records (statements and expressions, guarded or not), and tests them with record
   * patterns in {@code instanceof}, which the generated class writes as class tests.
   */
  @Test
  void java21ProgramsSwitchOverPrivateSealedTypes() {
    int switches = 0;
    int expressions = 0;
    int guarded = 0;
    int records = 0;
    int instanceofs = 0;
    for (long seed = 20360000; seed < 20360300; seed++) {
      String body = FuzzProgram.java21(seed).body;
      switches += body.split("switch \\(psh\\(", -1).length - 1;
      expressions += body.split("= switch \\(psh\\(|\\(switch \\(psh\\(", -1).length - 1;
      guarded += body.split("case P[csg] \\w+ when ", -1).length - 1;
      records += body.split("case P[csg]\\(", -1).length - 1;
      instanceofs += body.split("\\) instanceof P[csg]\\(", -1).length - 1;
    }
    int s = switches;
    int x = expressions;
    int g = guarded;
    int r = records;
    int i = instanceofs;
    String counts = s + " switches, " + x + " expressions, " + g + " guarded type patterns, " + r
        + " record patterns, " + i + " record patterns in instanceof";
    System.out.println("private sealed switches: " + counts);
    assertTrue(s >= 60 && x >= 10 && g >= 15 && r >= 60 && i >= 10, counts);
  }

  @Test
  void sameSeedSameProgram() {
    assertEquals(ProgramGenerator.body(42), ProgramGenerator.body(42));
    assertTrue(!ProgramGenerator.body(42).equals(ProgramGenerator.body(43)));
  }

  private static String firstErrorProgram(InMemoryCompiler.Result r, List<FuzzProgram> programs) {
    for (var d : r.diagnostics) {
      if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR && d.getSource() != null) {
        for (FuzzProgram p : programs) {
          if (d.getSource().getName().endsWith(p.path(false))) {
            return p.source(false);
          }
        }
      }
    }
    return "";
  }
}
