package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.PlainTwins.sameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Catch parameters of private nested types ({@code catch (Oops e)}, {@code catch (Oops |
 * IOException e)}, F59), which the generated class cannot write in a catch clause: the try
 * statement (and the statements around it) is lowered as one with an await, and the machine's
 * exception dispatch tests the type with its class, {@code OOPS_CLASS.isInstance(t)}, in the
 * order of the clauses; the parameter is an {@code Object}. A resource of a private nested type
 * makes its try statement lowered the same way, and is closed as an {@code AutoCloseable}. Each
 * run equals the plain method's, exceptions, finally blocks, suppressed exceptions and resources
 * included.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrivateCatchesTest {
  /** Class {@code p.P}: {@code body} as an {@code @Async} method and as a plain one in {@code Ref}. */
  private static String twin(String params, String body) {
    return "package p;\n"
        + "import dev.machina.*;\n"
        + "import static dev.machina.Await.await;\n"
        + "import dev.machina.processor.testing.Later;\n"
        + "import java.util.*;\n"
        + "import java.util.function.*;\n"
        + "public class P {\n"
        + "  private static class Oops extends IllegalStateException {\n"
        + "    private static final long serialVersionUID = 1L;\n"
        + "    Oops(String m) { super(m); }\n"
        + "    int code() { return getMessage().length(); }\n"
        + "  }\n"
        + "  private static class Worse extends Oops { private static final long serialVersionUID = 1L; Worse(String m) { super(m); } }\n"
        + "  private static class Checked extends java.io.IOException {\n"
        + "    private static final long serialVersionUID = 1L;\n"
        + "    Checked(String m) { super(m); }\n"
        + "  }\n"
        + "  private static final class Res implements AutoCloseable {\n"
        + "    final String name;\n"
        + "    Res(String name) { this.name = name; Later.TRACE.add(\"open \" + name); }\n"
        + "    @Override public void close() { Later.TRACE.add(\"close \" + name); }\n"
        + "  }\n"
        + "  private static final class Loud implements AutoCloseable {\n"
        + "    @Override public void close() { throw new Oops(\"closing\"); }\n"
        + "  }\n"
        + "  static void maybe(int k) throws java.io.IOException {\n"
        + "    Later.TRACE.add(\"maybe \" + k);\n"
        + "    switch (k) {\n"
        + "      case 1 -> throw new Oops(\"o\" + k);\n"
        + "      case 2 -> throw new IllegalStateException(\"ise\");\n"
        + "      case 3 -> throw new Checked(\"c3\");\n"
        + "      case 4 -> throw new java.io.IOException(\"io\");\n"
        + "      case 5 -> throw new Worse(\"w5\");\n"
        + "      case 6 -> throw new UnsupportedOperationException(\"u6\");\n"
        + "      default -> {}\n"
        + "    }\n"
        + "  }\n"
        + "  static <T> Future<T> v(String event, T value) {\n"
        + "    Later.TRACE.add(event + \"=\" + value);\n"
        + "    return Later.value(value);\n"
        + "  }\n"
        + "  @Async static Future<String> f(" + params + ") throws java.io.IOException {\n"
        + body
        + "  }\n"
        + "  public static final class Ref {\n"
        + "    static <T> T await(Future<T> f) { return Machina.blockOn(f); }\n"
        + "    public static Future<String> f(" + params + ") throws java.io.IOException {\n"
        + body
        + "    }\n"
        + "  }\n"
        + "}\n";
  }


  private static final String BODY =
      """
          String s = "";
          try {
            maybe(k);
            s += "ok";
          } catch (Oops e) {
            s += "oops" + e.getMessage() + e.code() + (e instanceof Worse);
          } catch (IllegalStateException e) {
            s += "ise" + e.getMessage();
          } catch (Checked | UnsupportedOperationException e) {
            s += "either" + e.getMessage();
          } catch (java.io.IOException e) {
            s += "io";
          } finally {
            s += "/f";
          }
          for (int i = 0; i < 3; i++) {
            try {
              maybe(k + i);
            } catch (Worse | Checked e) {
              s += "|wc" + i;
              if (i == 1) break;
              continue;
            } catch (Oops e) {
              java.util.function.Supplier<String> m = () -> e.getMessage();
              s += "|o" + m.get();
            } catch (RuntimeException e) {
              s += "|rt";
            }
            s += "|" + i;
          }
          int code = switch (k % 3) {
            case 0 -> {
              try {
                maybe(k == 0 ? 1 : k);
                yield 0;
              } catch (Oops e) {
                yield e.code();
              } catch (Exception e) {
                yield -1;
              }
            }
            default -> 9;
          };
          s += "|code" + code;
          try (Res r = new Res("r" + k)) {
            s += r.name + await(v("in", k));
            maybe(k);
          } catch (Oops e) {
            s += "|late" + await(v("late", e.getMessage()));
          } catch (IllegalStateException e) {
            s += "|ise";
          } catch (Exception e) {
            s += "|e" + e.getMessage();
          }
          try {
            try {
              maybe(await(v("inner", k)));
            } catch (Oops e) {
              if (e.code() > 1) throw e;
              s += "|kept";
            } finally {
              s += "|fin";
            }
          } catch (Worse e) {
            s += "|worse" + e.code();
          } catch (Oops e) {
            s += "|outer" + e.code();
          } catch (UnsupportedOperationException e) {
            return Future.ready(s + "|returned");
          }
          try {
            if (k == 6) maybe(1);
          } catch (Oops e) {
            throw e;
          }
          if (k == 5) {
            try {
              maybe(1);
            } catch (Oops e) {
              maybe(4);
            }
          }
          Res shared = new Res("shared" + k);
          try (shared; Res inner = new Res("inner")) {
            s += "|" + inner.name;
            if (k == 2) maybe(1);
          } catch (Oops e) {
            s += "|closed" + e.getMessage();
          }
          try (Res quiet = new Res("quiet")) {
            s += "|" + quiet.name.length();
          }
          try (Loud loud = new Loud()) {
            if (k == 1) throw new Oops("body");
            s += loud.hashCode() == 0 ? "" : "|";
          } catch (Oops e) {
            s += "|loud" + e.getMessage() + e.getSuppressed().length;
          }
          return Future.ready(s);
      """;

  @Test
  void catchParametersOfPrivateTypesBehaveAsInThePlainMethod() throws Exception {
    Harness h = Harness.compile(twin("int k", BODY));
    for (int k = 0; k <= 6; k++) {
      sameAsPlainJava(h, "f", k);
    }
    String generated = h.source("p.PAsync");
    // the dispatch tests the private type with its class, in the order of the clauses
    assertTrue(generated.contains("if (OOPS_CLASS.isInstance(t)) {"), generated);
    assertTrue(generated.contains("if (CHECKED_CLASS.isInstance(t) || t instanceof UnsupportedOperationException) {"), generated);
  }

  private static final String ERRORS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Bad {
        private static class Oops extends RuntimeException { private static final long serialVersionUID = 1L; }
        @Async static Future<Integer> inLambda(Future<Integer> f) {
          int k = await(f);
          Runnable r = () -> {
            try {
              if (k > 0) throw new Oops();
            } catch (Oops e) {
              System.out.println(e);
            }
          };
          r.run();
          return Future.ready(k);
        }
        @Async static Future<Integer> inSynchronized(Future<Integer> f) {
          int k = await(f);
          synchronized (Bad.class) {
            try {
              if (k > 0) throw new Oops();
            } catch (Oops e) {
              k++;
            }
          }
          return Future.ready(k);
        }
      }
      """;

  @Test
  void catchesTheDispatchCannotTestAreErrorsOnTheirLines() {
    Compilation c = Harness.compileRaw(ERRORS);
    assertThat(c).failed();
    var file = JavaFileObjects.forSourceString("p.Bad", ERRORS);
    assertThat(c).hadErrorContaining("(not of a lambda, a class body or a synchronized block)").inFile(file).onLine(11);
    assertThat(c).hadErrorContaining("(not of a lambda, a class body or a synchronized block)").inFile(file).onLine(23);
    assertThat(c).hadErrorCount(2);
  }
}
