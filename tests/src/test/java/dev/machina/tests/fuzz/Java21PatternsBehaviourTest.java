package dev.machina.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Java 21's patterns across awaits, in handwritten programs compiled with {@code --release 21}
 * (on a javac of 21 or later; skipped on 17) and run like the fuzzer's: each program under
 * several seeds, whose {@link Env} makes the awaited futures ready, pending (woken at once, by
 * the driving thread or by another thread) or failed at the seed's rate, against the same body
 * run as plain Java. Compared: result or exception, and the trace of side effects.
 */
class Java21PatternsBehaviourTest {
  /** Seeds of this test: from the fuzzer's Java 21 range, far from its default run. */
  private static final long FIRST_SEED = 20379000L;
  private static final int SEEDS_PER_PROGRAM = 8;

  /** A sealed hierarchy of records, nested and guarded patterns, case null, yield from blocks. */
  static final String SHAPES = """
          String out = "";
          for (int i = 0; i < 7; i++) {
            Env.Shape sh = e.shape(i * 3 + 1);
            final int j = i;
            String d = switch (sh) {
              case null -> "null" + await(e.f(1, i));
              case Env.Circ c when c.r() > await(e.f(2, 5)) -> "big" + c.r();
              case Env.Circ(int r) when e.t("g" + j, r % 2 == 0) -> {
                int k = await(e.f(3, r));
                yield "even" + k;
              }
              case Env.Circ c -> "circ" + c.r() + await(e.f(4, "!"));
              case Env.Sq(int s, var tag) when s > 2 -> tag + await(e.f(5, s));
              case Env.Sq q -> "sq" + q.s();
              case Env.Seg(Env.Pt(var x, int y), Env.Pt b) -> {
                int m = await(e.f(6, x)) + y;
                if (m > 10) {
                  yield "long" + m;
                }
                yield "seg" + m + b.y();
              }
            };
            out += d + ";";
          }
          return Future.ready(out);
      """;

  /** Statement groups: fall-through into default, continue and labeled break, try/finally. */
  static final String GROUPS = """
          StringBuilder sb = new StringBuilder();
          int n = 0;
          loop:
          while (n < 9) {
            n++;
            switch (e.shape(n)) {
              case Env.Circ c when c.r() % 3 == 0:
                sb.append("skip");
                continue;
              case Env.Circ c:
                try {
                  if (c.r() == 4) throw e.boom("four" + await(e.f(10, c.r())));
                  sb.append("c").append(await(e.f(11, c.r())));
                } catch (Env.Boom x) {
                  sb.append("caught ").append(e.describe(x));
                } finally {
                  sb.append("/fin").append(await(e.f(12, n)));
                }
                break;
              case Env.Sq(int s, String t):
                if (s > 3) break loop;
                sb.append(t).append(await(e.f(13, s)));
                break;
              case null:
                sb.append("null");
              default:
                sb.append("d").append(await(e.f(14, n)));
            }
            sb.append(',');
          }
          return Future.ready(sb + "|" + n);
      """;

  /** Record patterns in instanceof: negated with continue, && chains with side effects. */
  static final String INSTANCEOF = """
          String out = "";
          int count = 0;
          for (int i = 0; i < 7; i++) {
            Object o = e.shape(i);
            if (!(o instanceof Env.Seg(Env.Pt(int x, var y), Env.Pt b))) {
              if (o instanceof Env.Sq(var s, String t) && e.t("side" + i, s) >= await(e.f(20, 1))
                  && t.length() > 1) {
                out += t + await(e.f(21, s));
              }
              continue;
            }
            count += await(e.f(22, x)) + y + b.x();
            out += "seg" + x + "," + y;
          }
          return Future.ready(out + count);
      """;

  /**
   * A selector that awaits, evaluated once; guards that await, tried in order; an exhaustive
   * switch over the sealed interface without default; a nested pattern switch expression.
   */
  static final String ORDER = """
          String out = "";
          for (int i = 0; i < 6; i++) {
            String d = switch (e.t("sel" + i, e.shape(await(e.f(30, i * 5))))) {
              case Env.Circ c when await(e.f(31, c.r() > 4)) -> "bigc";
              case Env.Circ c -> "c" + c.r();
              case Env.Sq s when await(e.f(32, s.s())) > 1 -> "sq" + s.tag();
              case Env.Sq s -> "small";
              case Env.Seg g -> switch (g.a()) {
                case Env.Pt(int x, int y) when x > await(e.f(33, 3)) -> "far" + (x + y);
                case Env.Pt p -> "near" + p.x();
              };
              case null -> "none";
            };
            out += d + ";";
          }
          return Future.ready(out);
      """;

  /**
   * The same over the program's private sealed {@code Psh} (its records the generated class
   * cannot name, so it tests their classes in the labels' guards): guards that await, a binding
   * kept across an await, an exhaustive switch without default, a statement switch with an
   * unconditional pattern and a nested record pattern whose guard awaits.
   */
  static final String PRIVATE_SHAPES = """
          String out = "";
          for (int i = 0; i < 7; i++) {
            Psh sh = psh(e.shape(i * 3 + 1));
            final int j = i;
            String d = switch (sh) {
              case null -> "null" + await(e.f(40, i));
              case Pc c when c.r() > await(e.f(41, 5)) -> "big" + c.r();
              case Pc c when e.t("g" + j, c.r() % 2 == 0) -> {
                int k = await(e.f(42, c.r()));
                yield "even" + k + c.r();
              }
              case Pc c -> "circ" + c.r() + await(e.f(43, "!"));
              case Ps q when q.s() > 2 -> q.tag() + await(e.f(44, q.s()));
              case Ps q -> "sq" + q.s();
              case Pg g -> {
                int m = await(e.f(45, g.a().x())) + g.b().y();
                yield "seg" + m + g.a().y();
              }
            };
            switch (sh) {
              case Pg(Pq(var x, int y), Env.Pt(var bx, var by)) when x > await(e.f(47, bx)):
                out += "x" + y + await(e.f(49, by));
                break;
              case Pg(Pq(var x, int y), Env.Pt b) when x > await(e.f(47, 2)):
                out += "x" + y + await(e.f(48, b.y()));
                break;
              case Pg g:
                out += "g" + await(e.f(46, g.b().x()));
                break;
              case Psh other:
                out += other instanceof Pc ? "c" : "s";
            }
            out += d + ";";
          }
          return Future.ready(out);
      """;

  @Test
  @Timeout(600)
  void patternProgramsBehaveLikePlainJava() throws IOException {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    List<FuzzProgram> batch = new ArrayList<>();
    long seed = FIRST_SEED;
    for (String body : List.of(SHAPES, GROUPS, INSTANCEOF, ORDER, PRIVATE_SHAPES)) {
      for (int i = 0; i < SEEDS_PER_PROGRAM; i++, seed++) {
        while (FuzzProgram.returnsInt(seed)) {
          seed++; // such seeds wrap the body in a method returning int
        }
        batch.add(new FuzzProgram(seed, body, "", 21));
      }
    }
    Differential.Stats stats = new Differential.Stats();
    List<Differential.Divergence> divergences = Differential.check(batch, stats);
    assertTrue(divergences.isEmpty(),
        () -> divergences.stream().map(Differential.Divergence::report)
            .collect(Collectors.joining("\n")));
    assertEquals(batch.size(), stats.programs);
    assertTrue(stats.returned > 0 && stats.threw > 0,
        "seeds whose futures fail and seeds whose futures do not: " + stats.returned + " returned, "
            + stats.threw + " threw");
  }
}
