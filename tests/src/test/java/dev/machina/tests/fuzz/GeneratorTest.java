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
      for (FuzzProgram p : programs) {
        Class<?> c = r.load(p.className(false));
        int fail = Differential.failPermille(p.seed);
        Outcome first = Differential.run(c, p.seed, fail, false);
        Outcome second = Differential.run(c, p.seed, fail, false);
        assertEquals(first, second, () -> "not deterministic:\n" + p.source(false));
        if (first.thrown == null) {
          returned++;
        } else {
          threw++;
        }
      }
      assertTrue(returned > 20 && threw > 5, "returned " + returned + ", threw " + threw);
    }
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
