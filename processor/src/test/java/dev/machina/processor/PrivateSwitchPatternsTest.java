package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Java 21's switch type patterns of private nested types ({@code case Circle c} of a private
 * sealed hierarchy), which the generated class cannot name: it writes {@code case Object c when
 * CIRCLE_CLASS.isInstance(c)}, the user's guard after the test, {@code case Object s} for a
 * pattern unconditional for the selector, and a {@code default} throwing {@code MatchException}
 * where the switch relied on the sealed hierarchy. Copied switches and lowered ones (awaits in
 * cases and guards, bindings across awaits) behave as the plain method; what stays refused is an
 * error on its line. Compiled with {@code --release 21}, so only on javac 21 or later.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrivateSwitchPatternsTest {
  @BeforeEach
  void needsJavac21() {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
  }

  /** Class {@code p.P}: {@code body} as an {@code @Async} method and as a plain one in {@code Ref}. */
  private static String twin(String body) {
    return "package p;\n"
        + "import dev.machina.*;\n"
        + "import static dev.machina.Await.await;\n"
        + "import dev.machina.processor.testing.Later;\n"
        + "import java.util.*;\n"
        + "import java.util.function.*;\n"
        + "public class P {\n"
        + "  private sealed interface Shape permits Circle, Square, Rect {}\n"
        + "  private record Circle(int r) implements Shape {}\n"
        + "  private record Square(int s) implements Shape {}\n"
        + "  private static final class Rect implements Shape {\n"
        + "    final int w, h;\n"
        + "    Rect(int w, int h) { this.w = w; this.h = h; }\n"
        + "  }\n"
        + "  private record Tag(String name) {}\n"
        + "  private record Pair(Shape a, Object b) {}\n"
        + "  record Pub<T>(T x, int y) {}\n"
        + "  private record Seg(Pt a, Pt b) {}\n"
        + "  static <T> Future<T> v(String event, T value) {\n"
        + "    Later.TRACE.add(event + \"=\" + value);\n"
        + "    return Later.value(value);\n"
        + "  }\n"
        + "  static Object[] inputs(int k) {\n"
        + "    return switch (k) {\n"
        + "      case 0 -> new Object[] {new Circle(11), new Square(3), new Rect(2, 5), \"s\", null};\n"
        + "      case 1 -> new Object[] {new Circle(2), new Tag[] {new Tag(\"t\")}, 7, new Tag(\"u\"),\n"
        + "          new Pair(new Circle(6), \"six\"), new Pair(new Square(2), 3)};\n"
        + "      default -> new Object[] {new Square(12), new Rect(1, 1), new Circle(4), \"\",\n"
        + "          new Pub<>(new Circle(8), 1), new Pub<>(\"x\", 2), new Pair(null, null)};\n"
        + "    };\n"
        + "  }\n"
        + "  static Shape shape(Object o) { return o instanceof Shape s ? s : new Circle(0); }\n"
        + "  @Async static Future<String> f(int k) {\n"
        + body
        + "  }\n"
        + "  public static final class Ref {\n"
        + "    static <T> T await(Future<T> f) { return Machina.blockOn(f); }\n"
        + "    public static Future<String> f(int k) {\n"
        + body
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  private static final String BODY =
      """
          String a = "";
          for (Object o : inputs(k)) {
            Shape sh = shape(o);
            // copied: exhaustive over the sealed hierarchy, no default
            a += switch (sh) {
              case Circle c when c.r() > 10 -> "big" + c.r();
              case Circle c -> "c" + c.r();
              case Square q -> "q" + q.s() * q.s();
              case Rect r -> "r" + r.w * r.h;
            };
            a += await(v("shape", ";"));
            // lowered: awaits in a guard and in cases, a binding kept across an await
            switch (o) {
              case null -> a += "null" + await(v("null", 0));
              case Circle c when await(v("g", c.r())) > 3 -> {
                int n = await(v("n", c.r() * 2));
                a += "C" + c.r() + n;
              }
              case final Square q -> a += "Q" + q.s() + await(v("q", q.s()));
              case Shape s -> a += "S" + (s instanceof Rect);
              case Tag[] tags -> a += "T" + tags.length + await(v("tags", tags[0].name()));
              case String s when s.isEmpty() -> a += "E";
              default -> a += "D" + o;
            }
            // a statement switch over the private type with an unconditional pattern
            switch (sh) {
              case Rect r:
                a += "/" + r.h;
                break;
              case Shape other:
                a += "/" + (other instanceof Circle);
            }
            // lowered, exhaustive, without default: a switch expression whose case awaits
            int size = switch (sh) {
              case Circle c -> c.r() + await(v("size", 1));
              case Square q -> q.s();
              case Rect r -> r.w + await(v("w", r.h));
            };
            a += "#" + size;
            Function<Object, String> tagged = x -> switch (x) {
              case Tag t when t.name().equals("u") -> "U";
              case Tag t -> t.name();
              case null -> "n";
              default -> "-";
            };
            a += tagged.apply(o) + ",";
            if (o == null) {
              continue;
            }
            // record patterns: copied, then lowered with awaits in a guard and a case
            a += switch (o) {
              case Circle(int r) when r > 10 -> "R" + r;
              case Circle(var r) -> "r" + r;
              case Pair(Circle(var r), String b) when b.length() > r -> "pc" + r + b;
              case Pair(Square q, Integer b) -> "ps" + q.s() * b;
              case Pair(var x, var y) -> "p" + x + y;
              case Pub<?>(Circle(int r), int y) -> "pub" + r * y;
              case Pub<?>(var x, var y) when x instanceof Tag t && !t.name().isEmpty() -> t.name() + y;
              case Tag(String name) -> name;
              default -> "";
            };
            switch (o) {
              case Circle(int r) when await(v("rg", r)) > 3 -> a += "!" + r;
              case Pair(var x, String y) -> {
                String z = await(v("y", y));
                a += "=" + z + x;
              }
              case Pub<?>(var x, var y) when x instanceof Circle c -> a += "%" + c.r() + await(v("pub", y));
              default -> {}
            }
            switch (o) {
              case Square(int s):
                a += "/s" + s;
                break;
              case Tag(var name):
                a += "/t" + name.length();
                break;
              default:
            }
          }
          return Future.ready(a);
      """;

  @Test
  void switchPatternsOfPrivateTypesBehaveAsInThePlainMethod() throws Exception {
    Harness h = Harness.compileWith(List.of("--release", "21"), twin(BODY), PT);
    List<String> outcomes =
        sameAsPlainJava(h, new Object[] {0}, new Object[] {1}, new Object[] {2});
    for (String o : outcomes) {
      assertTrue(o.startsWith("returned "), o);
    }
    assertTrue(outcomes.get(0).startsWith(
        "returned big11;C1122/true#12-,R11!11q9;Q33/false#3-,/s3r10;Strue/5#7-,c0;Ds/true#1-,c0;null0/true#1n, "),
        outcomes.get(0));
    assertTrue(outcomes.get(1).startsWith(
        "returned c2;Sfalse/true#3-,r2c0;T1t/true#1-,c0;D7/true#1-,c0;DTag[name=u]/true#1U,u/t1"
            + "c0;DPair[a=Circle[r=6], b=six]/true#1-,pCircle[r=6]six=sixCircle[r=6]"
            + "c0;DPair[a=Square[s=2], b=3]/true#1-,ps6 "),
        outcomes.get(1));
    // a null component matches var but not String y; a guard's private type pattern (F151)
    assertTrue(outcomes.get(2).contains("/s12r1;") && outcomes.get(2).contains(",pub8%81c0;")
        && outcomes.get(2).contains(",pnullnull ["), outcomes.get(2));
    String generated = h.source("p.PAsync");
    assertTrue(generated.contains(
        "case Object c when CIRCLE_CLASS.isInstance(c) && ((int) R_METHOD.invokeExact((Object) c) > 10) -> "),
        generated);
    assertTrue(generated.contains("default -> throw new MatchException(null, null);"), generated);
    assertTrue(generated.contains("case Object other:"), generated);
    assertTrue(generated.contains(
        "case Object cMatch when CIRCLE_CLASS.isInstance(cMatch): c = cMatch; state = GUARD_CIRCLE;"),
        generated);
    assertTrue(generated.contains("case final Object qMatch when SQUARE_CLASS.isInstance(qMatch):"), generated);
    assertTrue(generated.contains("case Object[] tagsMatch when TAG_CLASS.arrayType().isInstance(tagsMatch):"), generated);
    // record patterns: an Object binding, the tests in the guard, the bindings read from it
    assertTrue(generated.contains("case Object circleMatch when CIRCLE_CLASS.isInstance(circleMatch)"
        + " && ((int) R_METHOD.invokeExact(circleMatch) > 10) -> "), generated);
    assertTrue(generated.contains("-> { int r = (int) R_METHOD.invokeExact(circleMatch2); yield \"r\" + r; }"), generated);
    assertTrue(generated.contains("when PAIR_CLASS.isInstance(pairMatch2) && SQUARE_CLASS.isInstance("), generated);
    assertTrue(generated.contains("((Object) B_METHOD.invokeExact(pairMatch2)) instanceof Integer"), generated);
    // a guard's private type pattern binds the guard's own Object variable (F151)
    assertTrue(generated.contains("when (x instanceof Object t && TAG_CLASS.isInstance(t)) && "), generated);
    assertTrue(generated.contains(
        "instanceof Object cMatch3 && CIRCLE_CLASS.isInstance(cMatch3)): y2 = yMatch; c3 = cMatch3;"), generated);
  }

  /** A public record whose explicit accessor logs each call: javac's code calls it once per match. */
  private static final String PT =
      "package p;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "public record Pt(int x, int y) {\n"
          + "  public int x() { Later.TRACE.add(\"x\" + x); return x; }\n"
          + "}\n";

  /**
   * A nested record pattern naming no private type, in one that does ({@code Seg(Pt(var x, int
   * y), Pt b)} of a private {@code Seg}), stays a pattern of the generated code ({@code ((Pt)
   * A_METHOD.invokeExact(segMatch)) instanceof Pt(var x, int y)}): its record may declare its
   * accessors (or be compiled elsewhere), and Java's code calls them as often as the plain
   * method's, which the trace compares.
   */
  @Test
  void nestedRecordPatternsNamingNoPrivateTypeStayPatterns() throws Exception {
    String body =
        """
            Object[] in = {new Seg(new Pt(1, 2), new Pt(3, 4)), "s", new Seg(new Pt(9, 9), new Pt(0, 5))};
            String a = "";
            for (Object o : in) {
              a += switch (o) {
                case Seg(Pt(var x, int y), Pt b) when x < y -> "lt" + x + y + b.y();
                case Seg(Pt(var x, int y), var b) -> "ge" + x + y + b.y();
                default -> "-";
              };
              switch (o) {
                case Seg(Pt(var x, var y), Pt b) when await(v("x", x)) > 0 -> a += "!" + y + await(v("b", b.y()));
                default -> a += ".";
              }
              if (o instanceof Seg(Pt(var x, var y), var b)) {
                a += "i" + await(v("i", x)) + y;
              }
              if (!(o instanceof Seg(var s, Pt(int p, int r)))) {
                a += "n";
                continue;
              }
              a += "p" + p + r + s.y();
            }
            return Future.ready(a);
        """;
    Harness h = Harness.compileWith(List.of("--release", "21"), twin(body), PT);
    List<String> outcomes = sameAsPlainJava(h, new Object[] {0});
    assertTrue(outcomes.get(0).startsWith("returned lt124!24i12p342-.nge995!95i99p059 [x1, x1, x=1, b=4, x1, i=1, x3, x9,"),
        outcomes.get(0));
    String generated = h.source("p.PAsync");
    assertTrue(generated.contains("((Pt) A_METHOD.invokeExact(segMatch)) instanceof Pt(var x, int y) && (x < y)"), generated);
  }

  /**
   * A binding of a nested pattern kept as a pattern, named like a member of the machine
   * ({@code awaiting}) and put in scope after a negated test by flow scoping, is renamed, as
   * F47's are: it hid the machine's {@code awaiting}, and the generated file did not compile
   * (found by the Java 21 fuzzer, seed 20384106).
   */
  @Test
  void aKeptPatternsBindingNamedLikeAMemberDoesNotHideIt() throws Exception {
    String body =
        """
            Object o = new Seg(new Pt(1, 2), new Pt(3, 4));
            if (!(o instanceof Seg(var s, Pt(var x, int awaiting)))) {
              throw new IllegalStateException();
            }
            int n = await(v("n", x));
            return Future.ready("" + n + s.y());
        """;
    Harness h = Harness.compileWith(List.of("--release", "21"), twin(body), PT);
    assertEquals("returned 32 [x3, n=3]", sameAsPlainJava(h, new Object[] {0}).get(0));
  }

  private static final String ERRORS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Bad {
        private record Circle(int r) {}
        private enum Mode { FAST, SLOW }
        private record Holder(Object v) {}
        private record Counted(int n) {
          static int reads;
          public int n() { reads++; return n; }
        }
        @Async static Future<Integer> explicitAccessor(Future<Object> f) {
          Object o = await(f);
          return Future.ready(switch (o) {
            case Counted(int n) -> n;
            default -> 0;
          });
        }
        @Async static Future<Integer> inAGuard(Future<Object> f) {
          Object o = await(f);
          return Future.ready(switch (o) {
            case Holder(java.util.AbstractMap.SimpleEntry<?, ?> e) when e.getKey() instanceof Circle(var r) -> r;
            default -> 0;
          });
        }
        @Async static Future<Integer> constants(Future<Object> f) {
          Mode m = (Mode) await(f);
          return Future.ready(switch (m) {
            case FAST -> 1;
            case Mode x -> 2;
          });
        }
      }
      """;

  @Test
  void patternsTheGeneratedClassCannotWriteAreErrorsOnTheirLines() {
    Compilation c = Harness.compileRaw(List.of("--release", "21"), ERRORS);
    assertThat(c).failed();
    var file = JavaFileObjects.forSourceString("p.Bad", ERRORS);
    assertThat(c).hadErrorContaining("Counted declares its accessor n() itself, which Java calls once")
        .inFile(file).onLineContaining("case Counted(int n)");
    assertThat(c).hadErrorContaining("cannot bind this record pattern of a private type in a guard")
        .inFile(file).onLineContaining("instanceof Circle(var r)");
    assertThat(c).hadErrorContaining("cannot switch over a value of the private type Mode")
        .inFile(file).onLineContaining("switch (m)");
    assertThat(c).hadErrorCount(3);
  }
}
