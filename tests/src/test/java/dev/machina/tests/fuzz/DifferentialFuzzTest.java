package dev.machina.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential fuzzing of the compiler: random {@code @Async} programs compiled with the processor
 * must behave exactly like the same bodies run with {@code await} resolved in place.
 *
 * <p>{@code -Dmachina.fuzz.programs=N} sets how many programs run (the default fits about three
 * minutes on a two-core machine), {@code -Dmachina.fuzz.seed=S} the seed of the first (program i
 * has seed S + i), so {@code -Dmachina.fuzz.seed=S -Dmachina.fuzz.programs=1} reruns one program.
 */
class DifferentialFuzzTest {
  /**
   * 700 before the generator wrote enums, matrices, floats and the rest of branch {@code fuzzgen}
   * (tests/README.md); 600 of these programs hold about as much source as 700 did.
   */
  static final int DEFAULT_PROGRAMS = 600;
  static final long DEFAULT_SEED = 20261122L;
  static final int DEFAULT_JAVA21_PROGRAMS = 100;
  /** Seeds 20370000..20379999 are this mode's (tests/README.md). */
  static final long DEFAULT_JAVA21_SEED = 20370000L;
  private static final int BATCH = 50;
  private static final int MAX_REPORTED = 5;

  @Test
  @Timeout(1800)
  void asyncMachinesBehaveLikeTheirBodies() throws IOException {
    int programs = Integer.getInteger("machina.fuzz.programs", DEFAULT_PROGRAMS);
    long base = Long.getLong("machina.fuzz.seed", DEFAULT_SEED);
    fuzz(programs, base, false, "fuzz-report.txt");
  }

  /**
   * The same with Java 21's pattern switches and record patterns among the statements, compiled
   * with {@code --release 21} (on a javac of 21 or later; skipped on 17):
   * {@code -Dmachina.fuzz.java21.programs=N}, {@code -Dmachina.fuzz.java21.seed=S}.
   */
  @Test
  @Timeout(1800)
  void java21PatternsBehaveLikeTheirBodies() throws IOException {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    int programs = Integer.getInteger("machina.fuzz.java21.programs", DEFAULT_JAVA21_PROGRAMS);
    long base = Long.getLong("machina.fuzz.java21.seed", DEFAULT_JAVA21_SEED);
    fuzz(programs, base, true, "fuzz21-report.txt");
  }

  private static void fuzz(int programs, long base, boolean java21, String reportFile)
      throws IOException {
    assertNotNull(InMemoryCompiler.machinaProcessor(), "the Machina processor is not on the class path");
    Differential.Stats stats = new Differential.Stats();
    List<Differential.Divergence> divergences = new ArrayList<>();
    long start = System.nanoTime();
    for (int from = 0; from < programs; from += BATCH) {
      List<FuzzProgram> batch = new ArrayList<>();
      for (int i = from; i < Math.min(programs, from + BATCH); i++) {
        batch.add(java21 ? FuzzProgram.java21(base + i) : new FuzzProgram(base + i));
      }
      divergences.addAll(Differential.check(batch, stats));
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    StringBuilder report = new StringBuilder();
    report.append(java21 ? "machina fuzz (Java 21 patterns): seeds " : "machina fuzz: seeds ").append(base).append("..").append(base + programs - 1)
        .append(", ").append(programs).append(" programs, ").append(stats.programs)
        .append(" ran both ways (").append(stats.returned).append(" returned, ")
        .append(stats.threw).append(" threw, ").append(stats.traceEvents)
        .append(" trace events), ").append(divergences.size()).append(" divergences, ")
        .append(seconds).append(" s\n");
    for (Differential.Divergence d : divergences) {
      report.append("  seed ").append(d.program().seed).append(": ")
          .append(d.what().lines().findFirst().orElse("")).append('\n');
    }
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", reportFile), report);
    StringBuilder failure = new StringBuilder(report);
    for (Differential.Divergence d : divergences.subList(0, Math.min(MAX_REPORTED, divergences.size()))) {
      failure.append('\n').append(d.report());
    }
    assertTrue(divergences.isEmpty(), failure::toString);
  }
}
