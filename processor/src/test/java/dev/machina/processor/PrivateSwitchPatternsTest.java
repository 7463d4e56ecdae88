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
        + "  static <T> Future<T> v(String event, T value) {\n"
        + "    Later.TRACE.add(event + \"=\" + value);\n"
        + "    return Later.value(value);\n"
        + "  }\n"
        + "  static Object[] inputs(int k) {\n"
        + "    return switch (k) {\n"
        + "      case 0 -> new Object[] {new Circle(11), new Square(3), new Rect(2, 5), \"s\", null};\n"
        + "      case 1 -> new Object[] {new Circle(2), new Tag[] {new Tag(\"t\")}, 7, new Tag(\"u\")};\n"
        + "      default -> new Object[] {new Square(12), new Rect(1, 1), new Circle(4), \"\"};\n"
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
          }
          return Future.ready(a);
      """;

  @Test
  void switchPatternsOfPrivateTypesBehaveAsInThePlainMethod() throws Exception {
    Harness h = Harness.compileWith(List.of("--release", "21"), twin(BODY));
    List<String> outcomes =
        sameAsPlainJava(h, new Object[] {0}, new Object[] {1}, new Object[] {2});
    for (String o : outcomes) {
      assertTrue(o.startsWith("returned "), o);
    }
    assertTrue(outcomes.get(0).startsWith("returned big11;C1122/true#12-,q9;Q33/false#3-,r10;Strue/5#7-,"),
        outcomes.get(0));
    assertTrue(outcomes.get(1).startsWith(
        "returned c2;Sfalse/true#3-,c0;T1t/true#1-,c0;D7/true#1-,c0;DTag[name=u]/true#1U,"),
        outcomes.get(1));
    String generated = h.source("p.PAsync");
    assertTrue(generated.contains(
        "case Object c when CIRCLE_CLASS.isInstance(c) && (((int) R_METHOD.invokeExact((Object) c)) > 10) -> "),
        generated);
    assertTrue(generated.contains("default -> throw new MatchException(null, null);"), generated);
    assertTrue(generated.contains("case Object other:"), generated);
    assertTrue(generated.contains(
        "case Object cMatch when CIRCLE_CLASS.isInstance(cMatch): c = cMatch; state = GUARD_CIRCLE;"),
        generated);
    assertTrue(generated.contains("case final Object qMatch when SQUARE_CLASS.isInstance(qMatch):"), generated);
    assertTrue(generated.contains("case Object[] tagsMatch when TAG_CLASS.arrayType().isInstance(tagsMatch):"), generated);
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
        @Async static Future<Integer> record(Future<Object> f) {
          Object o = await(f);
          return Future.ready(switch (o) {
            case Circle(int r) -> r;
            default -> 0;
          });
        }
        @Async static Future<Integer> nested(Future<Object> f) {
          Object o = await(f);
          if (o instanceof Holder(Circle c)) {
            return Future.ready(1);
          }
          return Future.ready(0);
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
    assertThat(c).hadErrorContaining("cannot name the private type Circle of this record pattern")
        .inFile(file).onLineContaining("case Circle(int r)");
    assertThat(c).hadErrorContaining("cannot name the private type")
        .inFile(file).onLineContaining("o instanceof Holder(Circle c)");
    assertThat(c).hadErrorContaining("cannot switch over a value of the private type Mode")
        .inFile(file).onLineContaining("switch (m)");
    assertThat(c).hadErrorCount(3);
  }
}
