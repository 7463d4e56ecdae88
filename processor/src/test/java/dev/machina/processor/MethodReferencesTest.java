package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Method references in {@code @Async} bodies that the generated class cannot write as they are (to
 * private methods, to {@code @Async} methods, through {@code super}) behave as in the plain
 * method: bound receivers evaluated once where the reference is, null receivers failing there, and
 * references to {@code @Async} methods giving their machines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MethodReferencesTest {
  private static Harness h;

  private static final String REFS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      import java.util.stream.*;
      public class Refs {
        public static class Base {
          String tag(String s) { return "base:" + s; }
          @Async Future<String> load(String s) { return Future.ready("bload:" + await(Future.ready(s))); }
        }
        interface Shouter { default String shout(String s) { return s.toUpperCase(); } }
        interface Id { <T> T id(T t); }
        interface Bounded<X> { <T extends X> T id(T t); }
        interface Pick { <T extends Comparable<T>> T max(T a, T b) throws java.io.IOException; }
        interface Gather { <T> int gather(T a, T b); }
        interface Visit { <T> void visit(List<T> l, T t); }
        public static class Client extends Base implements Shouter {
          final String name;
          int picked;
          Client(String name) { this.name = name; }
          private String priv(String s) { return name + "." + s; }
          private static int twice(int x) { return 2 * x; }
          private int len() { return name.length(); }
          private void note(List<String> log, String s) { log.add(name + "!" + s); }
          private Client pick() { picked++; return new Client("picked" + picked); }
          @Override String tag(String s) { return "client:" + s; }
          @Override public String shout(String s) { return "quiet " + s; }
          @Override @Async Future<String> load(String s) { return Future.ready("cload:" + s); }
          @Async Future<String> fetch(String url) { return Future.ready(name + "<" + await(Future.ready(url)) + ">"); }

          @Async Future<String> privateRefs(Future<List<String>> f) {
            List<String> in = await(f);
            List<String> log = new ArrayList<>();
            String a = in.stream().map(this::priv).collect(Collectors.joining(","));
            IntUnaryOperator tw = Client::twice;
            Function<Client, Integer> l = Client::len;
            BiConsumer<List<String>, String> n = this::note;
            n.accept(log, "x");
            Client other = new Client("other");
            Function<String, String> op = other::priv;
            other = null;
            String b = op.apply("y") + tw.applyAsInt(await(Future.ready(21))) + l.apply(this);
            Function<String, String> once = pick()::priv;
            String c = once.apply("1") + once.apply("2") + picked;
            Runnable r = () -> log.add(Stream.of("k").map(this::priv).findFirst().get());
            r.run();
            Consumer<String> drop = this::priv;
            drop.accept("dropped");
            String npe;
            try {
              Client none = null;
              Function<String, String> bad = none::priv;
              npe = "no npe";
            } catch (NullPointerException e) {
              npe = "npe";
            }
            Supplier<String> inClassBody = new Supplier<String>() {
              @Override public String get() {
                return Stream.of("w").map(Client.this::priv).collect(Collectors.joining())
                    + IntStream.of(4).map(Client::twice).sum();
              }
            };
            return Future.ready(a + "|" + b + "|" + c + "|" + log + "|" + npe + "|" + inClassBody.get());
          }

          private static <U> U same(U u) { return u; }
          private <V extends Comparable<V>> V bigger(V a, V b) throws java.io.IOException {
            if (a == null) throw new java.io.IOException("no " + name);
            return a.compareTo(b) >= 0 ? a : b;
          }
          private static int count(Object... xs) { return xs.length; }
          private <W> void add(List<W> l, W w) { l.add(w); }

          @Async Future<String> genericFunctionRefs(Future<String> f) throws java.io.IOException {
            String s = await(f);
            Id id = Client::same;
            Bounded<? super String> bounded = Client::same;
            Pick mine = this::bigger;
            Pick theirs = pick()::bigger;
            Gather g = Client::count;
            Visit v = this::add;
            List<Integer> l = new ArrayList<>();
            v.visit(l, 7);
            String failed;
            try {
              failed = mine.max(null, "x");
            } catch (java.io.IOException e) {
              failed = e.getMessage();
            }
            return Future.ready(id.id(s) + id.id(3) + bounded.id("b") + "|" + mine.max(s, "m") + theirs.max(2, await(Future.ready(5)))
                + "|" + g.gather(s, s) + "|" + l + "|" + failed + picked);
          }

          @Async Future<String> superAndAsyncRefs(Future<List<String>> f) {
            List<String> in = await(f);
            Function<String, String> sup = super::tag;
            Function<String, String> sh = Shouter.super::shout;
            List<Future<String>> futures = in.stream().map(this::fetch).collect(Collectors.toList());
            StringBuilder sb = new StringBuilder();
            for (Future<String> x : futures) {
              sb.append(await(x));
            }
            Function<String, Future<String>> sl = super::load;
            Function<String, Future<String>> ml = this::load;
            String c = await(sl.apply("q")) + await(ml.apply("q"));
            return Future.ready(sup.apply("s") + "|" + sh.apply("h") + "|" + sb + "|" + c);
          }
        }
        public static Future<String> privateRefs() {
          return Refs_ClientAsync.privateRefs(new Client("me"), Future.ready(List.of("u", "v")));
        }
        public static Future<String> genericFunctionRefs() throws java.io.IOException {
          return Refs_ClientAsync.genericFunctionRefs(new Client("me"), Future.ready("k"));
        }
        public static Future<String> superAndAsyncRefs() {
          return Refs_ClientAsync.superAndAsyncRefs(new Client("me"), Future.ready(List.of("u", "v")));
        }
      }
      """;

  @BeforeAll
  static void compile() {
    h = Harness.compile(REFS);
  }

  @Test
  void referencesToPrivateMethodsBindTheirReceiverOnceWhereTheyAreEvaluated() throws Throwable {
    assertEquals(
        "me.u,me.v|other.y422|picked1.1picked1.21|[me!x, me.k]|npe|me.w8", h.run("p.Refs", "privateRefs"));
    String generated = h.source("p.Refs_ClientAsync");
    assertTrue(generated.contains("map((Function<String, String>) (a0) -> (String) invokePRIV_METHOD("), generated);
  }

  @Test
  void referencesThroughSuperAndToAsyncMethodsRunWhatThePlainMethodWould() throws Throwable {
    assertEquals(
        "base:s|H|me<u>me<v>|bload:qcload:q", h.run("p.Refs", "superAndAsyncRefs"));
    String generated = h.source("p.Refs_ClientAsync");
    // the machine of the @Async method, as a call of it in the body gives, not the plain method
    assertTrue(generated.contains("(a0) -> Refs_ClientAsync.fetch(self, a0)"), generated);
    assertTrue(generated.contains("(a0) -> Refs_BaseAsync.load$super(self, a0)"), generated);
  }

  @Test
  void referencesToGenericFunctionsBecomeAnonymousClasses() throws Throwable {
    assertEquals("k3b|m5|2|[7]|no me1", h.run("p.Refs", "genericFunctionRefs"));
    String generated = h.source("p.Refs_ClientAsync");
    // no lambda can implement a generic method (JLS 15.27.3); a class can
    assertTrue(generated.contains("public <T extends Comparable<T>> T max(T a0, T a1) throws IOException {"), generated);
  }

  @Test
  void referencesTheGeneratedClassCannotWriteExactlyAreErrorsOnTheirLines() {
    Compilation c =
        Harness.compileRaw(
            List.of(),
            """
            package r;
            import dev.machina.*;
            import static dev.machina.Await.await;
            import java.util.*;
            import java.util.function.*;
            class V {
              class In { private In(String s) {} }
              @SafeVarargs private static <T> List<T> listOf(T... xs) { return Arrays.asList(xs); }
              @SafeVarargs private static <T> int count(T... xs) { return xs.length; }
              @Async Future<String> inferred(Future<String> f) {
                BiFunction<String, String, List<String>> g = V::listOf;
                return Future.ready(await(f) + g.apply("x", "y"));
              }
              @Async Future<String> noCommonType(Future<String> f) {
                BiFunction<String, Integer, Integer> g = V::count;
                return Future.ready(await(f) + g.apply("x", 1));
              }
              @Async Future<String> innerConstructor(Future<String> f) {
                Function<String, In> n = In::new;
                return Future.ready(await(f) + n.apply("x"));
              }
              interface Conv<X> { <T> T conv(X x, T t); }
              private static <U> U second(Object x, U u) { return u; }
              @Async <T> Future<String> hidden(Future<T> f) {
                Conv<T> c = V::second;
                return Future.ready(c.conv(await(f), "s"));
              }
            }
            """);
    assertThat(c).failed();
    // javac infers T from the result too (List<T> against List<String>): not from the arguments alone
    assertThat(c)
        .hadErrorContaining(
            "cannot write the method reference V::listOf as it is: the type of the array javac"
                + " creates for its variable-arity arguments depends on how it infers T; write a"
                + " lambda calling listOf instead")
        .inFile(c.sourceFiles().get(0))
        .onLine(11);
    // T is the least upper bound of String and Integer, an intersection
    assertThat(c)
        .hadErrorContaining("V::count as it is: the type of the array javac creates")
        .inFile(c.sourceFiles().get(0))
        .onLine(15);
    // In::new of the inner class's private constructor compiles since session 22: its handle takes
    // the enclosing instance first (PrivateNestedTypesTest runs Node::new)
    assertThat(c).hadErrorCount(3);
    // the class's <T> would hide the body's T, which Conv<T> names
    assertThat(c)
        .hadErrorContaining(
            "cannot write the method reference V::second as it is: no lambda can implement the"
                + " generic method of r.V.Conv<T>, and a class's would hide the type variable T its"
                + " type names; write an anonymous class instead")
        .inFile(c.sourceFiles().get(0))
        .onLine(25);
  }
}
