package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.machina.processor.testing.Later;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shapes of real library code that the twins of tests/corpus/Twins.java met (F50-F59, F65-). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealCodeTest {
  private static Harness h;

  private static final String HEADER =
      "package r;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n";

  @BeforeAll
  static void compile() {
    h =
        Harness.compile(
            HEADER
                + "class Real {\n"
                // F50: commons-lang3 ExtendedMessageFormat's next(pos); a private call whose value is dropped
                + "  private final List<String> seen = new ArrayList<>();\n"
                + "  private int note(String s) { seen.add(s); return seen.size(); }\n"
                + "  private static List<String> stat(List<String> l, String s) { l.add(s); return l; }\n"
                + "  @Async Future<String> dropped(List<String> out) {\n"
                + "    note(\"a\");\n"
                + "    String b = await(Later.value(\"b\"));\n"
                + "    note(b);\n"
                + "    stat(out, await(Later.value(\"c\")));\n"
                + "    return Future.ready(seen + \" \" + out);\n"
                + "  }\n"
                // F51: getClass() and Outer.this kept in temporaries named "class" and "this"
                + "  int size() { return 3; }\n"
                + "  @Async Future<Boolean> sameClass(Object o) {\n"
                + "    return Future.ready(getClass() == await(Later.value(o)).getClass());\n"
                + "  }\n"
                + "  @Async static Future<Integer> intValue(Real r) {\n"
                + "    return Future.ready(r.getInt() + await(Later.value(4)));\n"
                + "  }\n"
                + "  int getInt() { return 38; }\n"
                + "  class Inner {\n"
                + "    @Async Future<Integer> outerSize() {\n"
                + "      return Future.ready(Real.this.size() + await(Later.value(1)));\n"
                + "    }\n"
                + "  }\n"
                // F53: commons-collections4 TreeBidiMap's Node<?, ?> of Node<K extends Comparable<K>, ..>
                + "  static class Node<K extends Comparable<K>> {\n"
                + "    final K key;\n"
                + "    Node(K key) { this.key = key; }\n"
                + "    boolean red() { return key != null; }\n"
                + "  }\n"
                + "  @Async static Future<Boolean> isRed(Node<?> node) {\n"
                + "    return Future.ready(await(Later.value(node)) != null && await(Later.value(node)).red());\n"
                + "  }\n"
                + "}\n",
            HEADER
                + "import java.util.function.*;\n"
                + "import java.util.stream.Stream;\n"
                + "class Jsoupish {\n"
                // F55: jsoup TokeniserState's case nullChar: of a package-private constant
                + "  static final char nul = '\\u0000';\n"
                + "  @Async static Future<String> kind(char c, Future<String> f) {\n"
                + "    switch (c) {\n"
                + "      case nul: return Future.ready(\"nul \" + await(f));\n"
                + "      case 'a': return Future.ready(\"a\");\n"
                + "      default: return Future.ready(\"other\");\n"
                + "    }\n"
                + "  }\n"
                // F56: jsoup Attributes.iterator()'s Attributes.this inside an anonymous class
                + "  private final List<String> items = new ArrayList<>(List.of(\"a\", \"b\"));\n"
                + "  private void drop(int i) { items.remove(i); }\n"
                + "  @Async Future<Iterator<String>> iter(Future<Integer> f) {\n"
                + "    int skip = await(f);\n"
                + "    return Future.ready(new Iterator<String>() {\n"
                + "      int i = skip;\n"
                + "      @Override public boolean hasNext() { return i < Jsoupish.this.items.size(); }\n"
                + "      @Override public String next() { return items.get(i++); }\n"
                + "      @Override public void remove() { Jsoupish.this.drop(--i); }\n"
                + "    });\n"
                + "  }\n"
                // F57: jsoup Element.forEach's Consumer<? super Element> kept in a temporary
                + "  @Async static Future<String> each(List<String> l, Consumer<? super String> action) {\n"
                + "    l.forEach(await(Later.value(action)));\n"
                + "    return Future.ready(await(Later.value(\"done\")));\n"
                + "  }\n"
                // F58: jsoup Evaluator.asPredicate's return of a lambda
                + "  @Async static Future<Predicate<String>> pred(Future<String> f) {\n"
                + "    String s = await(f);\n"
                + "    return Future.ready(x -> x.equals(s));\n"
                + "  }\n"
                + "  @Async static Future<Function<String, Integer>> ref(boolean b) {\n"
                + "    return Future.ready(b ? String::length : x -> -1);\n"
                + "  }\n"
                // F59: commons-lang3 LocaleUtils and ThreadUtils, lambdas and method references
                // given to private methods reached through handles
                + "  private static List<Locale> pick(Predicate<Locale> p) {\n"
                + "    List<Locale> out = new ArrayList<>();\n"
                + "    for (Locale l : List.of(Locale.US, Locale.FRANCE, Locale.ROOT)) if (p.test(l)) out.add(l);\n"
                + "    return out;\n"
                + "  }\n"
                + "  private static <T> Predicate<T> named(String name, Function<T, String> f) {\n"
                + "    return x -> name.equals(f.apply(x));\n"
                + "  }\n"
                + "  @Async static Future<List<Locale>> lang(Future<String> f) {\n"
                + "    String code = await(f);\n"
                + "    return Future.ready(pick(l -> code.equals(l.getLanguage())));\n"
                + "  }\n"
                + "  @Async static Future<Boolean> byName(Future<String> f) {\n"
                + "    return Future.ready(named(await(f), Thread::getName).test(Thread.currentThread()));\n"
                + "  }\n"
                // F56: commons-io EmptyFileFilter's try (Stream<Path> s = ..) inside a lambda
                + "  interface IOSupplier<T> { T get() throws java.io.IOException; }\n"
                + "  static String get(IOSupplier<String> s) {\n"
                + "    try { return s.get(); } catch (java.io.IOException e) { return \"io\"; }\n"
                + "  }\n"
                + "  @Async static Future<String> first(Future<List<String>> f) {\n"
                + "    List<String> l = await(f);\n"
                + "    return Future.ready(get(() -> {\n"
                + "      try (java.util.stream.Stream<String> s = l.stream()) {\n"
                + "        return s.findFirst().orElse(\"none\");\n"
                + "      }\n"
                + "    }));\n"
                + "  }\n"
                + "  @Async static Future<String> firstImported(Future<List<String>> f) {\n"
                + "    List<String> l = await(f);\n"
                + "    return Future.ready(get(() -> {\n"
                + "      try (Stream<String> s = l.stream(); Stream<Integer> n = Stream.of(1)) {\n"
                + "        return s.findFirst().orElse(\"none\") + n.count();\n"
                + "      }\n"
                + "    }));\n"
                + "  }\n"
                // F54: gson JsonStreamParser's synchronized (lock), the lock awaited
                + "  @Async static Future<String> locked(Object held, Future<Object> lock) {\n"
                + "    synchronized (await(lock)) {\n"
                + "      return Future.ready(\"in \" + Thread.holdsLock(held));\n"
                + "    }\n"
                + "  }\n"
                + "}\n",
            HEADER
                + "import java.util.function.*;\n"
                + "import java.util.stream.*;\n"
                + "class Textish {\n"
                // F65: commons-text EntityArrays.invert's collect(toMap(Entry::getValue, Entry::getKey)), awaited
                + "  @Async static Future<Map<String, Integer>> invert(Map<Integer, String> m) {\n"
                + "    return Future.ready(m.entrySet().stream().collect(\n"
                + "        await(Later.value(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey)))));\n"
                + "  }\n"
                // F65: the same inference returned as the value, and given to a private method's handle
                + "  @Async static Future<Comparator<String>> byLength(Future<Integer> f) {\n"
                + "    int k = await(f);\n"
                + "    return Future.ready(Comparator.comparing(s -> s.length() % k));\n"
                + "  }\n"
                + "  private static Map<String, Integer> take(\n"
                + "      Map<Integer, String> m, Collector<Map.Entry<Integer, String>, ?, Map<String, Integer>> c) {\n"
                + "    return m.entrySet().stream().collect(c);\n"
                + "  }\n"
                + "  @Async static Future<Map<String, Integer>> taken(Map<Integer, String> m, Future<Integer> f) {\n"
                + "    int k = await(f);\n"
                + "    return Future.ready(take(m, Collectors.toMap(Map.Entry::getValue, e -> e.getKey() * k)));\n"
                + "  }\n"
                + "}\n",
            HEADER
                + "class Mathish {\n"
                // F66: commons-math3 PollardRho.rhoBrent's do { .. } while (true), left only by a return
                + "  static final boolean FOREVER = true;\n"
                + "  @Async static Future<Integer> rho(int n, Future<Integer> f) {\n"
                + "    int r = 1;\n"
                + "    do {\n"
                + "      for (int i = 0; i < await(f); i++) {\n"
                + "        if (i == n) break;\n"
                + "      }\n"
                + "      if (r > n) return Future.ready(r);\n"
                + "      r = 2 * r;\n"
                + "    } while (true);\n"
                + "  }\n"
                // the same with loops whose condition is a constant variable, with and without awaits
                + "  @Async static Future<Integer> forever(int n, Future<Integer> f) {\n"
                + "    int r = 1;\n"
                + "    while (FOREVER) {\n"
                + "      r += await(f);\n"
                + "      if (r > n) return Future.ready(r);\n"
                + "    }\n"
                + "  }\n"
                + "  @Async static Future<Integer> foreverPlain(int n) {\n"
                + "    int r = 1;\n"
                + "    for (; !false && Mathish.FOREVER; r++) {\n"
                + "      if (r > n) return Future.ready(r);\n"
                + "    }\n"
                + "  }\n"
                + "  @Async static Future<Integer> doBreak(int n, Future<Integer> f) {\n"
                + "    int r = 1;\n"
                + "    do {\n"
                + "      r += await(f);\n"
                + "      if (r > n) break;\n"
                + "    } while (FOREVER);\n"
                + "    return Future.ready(-r);\n"
                + "  }\n"
                // numeric constant conditions, folded as javac folds them (JLS 15.29): ends by a return
                + "  static final int K = 3;\n"
                + "  static final char C = 'x';\n"
                + "  @Async static Future<Integer> numeric(int n, Future<Integer> f) {\n"
                + "    int r = 0;\n"
                + "    while (1 < 2) {\n"
                + "      r += await(f);\n"
                + "      if (r > n) return Future.ready(r);\n"
                + "    }\n"
                + "  }\n"
                + "  @Async static Future<Integer> overflowing(int n, Future<Integer> f) {\n"
                + "    int r = 0;\n"
                + "    for (; Integer.MAX_VALUE + 1 < 0 && (byte) 300 == 44 && 1L << 63 < 0 && (char) -1 > K;) {\n"
                + "      r += await(f);\n"
                + "      if (r > n) return Future.ready(r);\n"
                + "    }\n"
                + "  }\n"
                + "  @Async static Future<Integer> floating(int n, Future<Integer> f) {\n"
                + "    int r = 0;\n"
                + "    do {\n"
                + "      r += await(f);\n"
                + "      if (r > n) return Future.ready(r);\n"
                + "    } while (0.0 / 0.0 != 0.0 / 0.0 && 0.1 + 0.2 != 0.3 && (int) 1e10 == Integer.MAX_VALUE\n"
                + "        && 1f / 3 != 1.0 / 3 && -0.0 == 0.0 && (K > 2 ? C : 'a') == 'x' && ~K % 2 == 0);\n"
                + "  }\n"
                // F67: commons-math3 GraggBulirschStoerIntegrator's new double[sequence.length][][]
                + "  final int[] sequence = {2, 4, 6};\n"
                + "  @Async Future<String> jagged(Future<Integer> f) {\n"
                + "    double[][] a = new double[await(f)][];\n"
                + "    int k = await(f);\n"
                + "    double[][][] b = new double[sequence.length + k][][];\n"
                + "    double[][][] c = new double[sequence[1]][k][];\n"
                + "    return Future.ready(a.length + \" \" + b.length + \" \" + c.length + \" \" + c[0].length);\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void privateCallsWhoseValueIsDroppedCompileAndRun() throws Throwable {
    Object real = h.instance("r.Real");
    assertEquals(
        "[a, b] [c]", h.run("r.RealAsync", "dropped", real, new java.util.ArrayList<String>()));
  }

  @Test
  void temporariesNamedAfterKeywordsCompile() throws Throwable {
    Object real = h.instance("r.Real");
    assertEquals(true, h.run("r.RealAsync", "sameClass", real, real));
    assertEquals(false, h.run("r.RealAsync", "sameClass", real, "s"));
    assertEquals(42, h.run("r.RealAsync", "intValue", real));
    Class<?> inner = h.load("r.Real$Inner");
    var ctor = inner.getDeclaredConstructor(h.load("r.Real"));
    ctor.setAccessible(true);
    Object in = ctor.newInstance(real);
    assertEquals(4, h.run("r.Real_InnerAsync", "outerSize", in));
  }

  @Test
  void capturesOfFBoundedTypeVariablesAreWrittenAsWildcards() throws Throwable {
    Class<?> node = h.load("r.Real$Node");
    var ctor = node.getDeclaredConstructor(Comparable.class);
    ctor.setAccessible(true);
    assertEquals(true, h.run("r.RealAsync", "isRed", ctor.newInstance("k")));
    assertEquals(false, h.run("r.RealAsync", "isRed", (Object) null));
  }

  @Test
  void constantFieldsAsCaseLabelsOfALoweredSwitchAreQualified() throws Throwable {
    assertEquals("nul x", h.run("r.JsoupishAsync", "kind", '\u0000', Later.value("x")));
    assertEquals("a", h.run("r.JsoupishAsync", "kind", 'a', Later.value("x")));
  }

  @Test
  void outerThisInsideAnAnonymousClassOfTheBodyIsTheReceiver() throws Throwable {
    Object j = h.instance("r.Jsoupish");
    @SuppressWarnings("unchecked")
    Iterator<String> it = (Iterator<String>) h.run("r.JsoupishAsync", "iter", j, Later.value(0));
    assertEquals("a", it.next());
    it.remove();
    assertEquals(true, it.hasNext());
    assertEquals("b", it.next());
  }

  @Test
  void capturesOfSuperWildcardsKeepTheirLowerBound() throws Throwable {
    List<Object> seen = new ArrayList<>();
    Consumer<Object> add = seen::add;
    assertEquals("done", h.run("r.JsoupishAsync", "each", List.of("q", "r"), add));
    assertEquals(List.of("q", "r"), seen);
  }

  @Test
  void lambdasAndMethodReferencesReturnedAsValuesGetTheResultType() throws Throwable {
    @SuppressWarnings("unchecked")
    Predicate<String> p = (Predicate<String>) h.run("r.JsoupishAsync", "pred", Later.value("z"));
    assertEquals(true, p.test("z"));
    assertEquals(false, p.test("y"));
    @SuppressWarnings("unchecked")
    Function<String, Integer> f = (Function<String, Integer>) h.run("r.JsoupishAsync", "ref", true);
    assertEquals(3, f.apply("abc"));
    @SuppressWarnings("unchecked")
    Function<String, Integer> g = (Function<String, Integer>) h.run("r.JsoupishAsync", "ref", false);
    assertEquals(-1, g.apply("abc"));
  }

  @Test
  void genericCallsInferredFromWhereTheyStandKeepTheirTypeArguments() throws Throwable {
    assertEquals(java.util.Map.of("a", 1), h.run("r.TextishAsync", "invert", java.util.Map.of(1, "a")));
    @SuppressWarnings("unchecked")
    java.util.Comparator<String> c =
        (java.util.Comparator<String>) h.run("r.TextishAsync", "byLength", Later.value(3));
    assertEquals(true, c.compare("abc", "ab") < 0);
    assertEquals(
        java.util.Map.of("a", 7), h.run("r.TextishAsync", "taken", java.util.Map.of(1, "a"), Later.value(7)));
  }

  @Test
  void loopsWhoseConditionIsAConstantTrueEndOnlyByABreak() throws Throwable {
    assertEquals(8, h.run("r.MathishAsync", "rho", 5, Later.value(3)));
    assertEquals(10, h.run("r.MathishAsync", "forever", 9, Later.value(3)));
    assertEquals(10, h.run("r.MathishAsync", "foreverPlain", 9));
    assertEquals(-10, h.run("r.MathishAsync", "doBreak", 9, Later.value(3)));
    assertEquals(12, h.run("r.MathishAsync", "numeric", 9, Later.value(4)));
    assertEquals(12, h.run("r.MathishAsync", "overflowing", 9, Later.value(4)));
    assertEquals(12, h.run("r.MathishAsync", "floating", 9, Later.value(4)));
  }

  @Test
  void arrayCreationsWithUnsizedDimensionsKeepTheirSizeExpressions() throws Throwable {
    Object m = h.instance("r.Mathish");
    assertEquals("2 5 4 2", h.run("r.MathishAsync", "jagged", m, Later.value(2)));
  }

  @Test
  void anAwaitInTheLockExpressionOfSynchronizedRunsBeforeTheMonitorIsEntered() throws Throwable {
    Object lock = new Object();
    assertEquals("in true", h.run("r.JsoupishAsync", "locked", lock, Later.value(lock)));
  }

  @Test
  void lambdasAndMethodReferencesGivenToPrivateMethodsKeepTheirTypes() throws Throwable {
    assertEquals(List.of(java.util.Locale.FRANCE), h.run("r.JsoupishAsync", "lang", Later.value("fr")));
    assertEquals(
        true, h.run("r.JsoupishAsync", "byName", Later.value(Thread.currentThread().getName())));
  }

  @Test
  void aMethodWithHundredsOfLongAwaitsHasAStateTableJavacAccepts() throws Throwable {
    // F51: jsoup Safelist.relaxed() with every expression awaited, a state table over 65535 bytes
    StringBuilder body = new StringBuilder();
    int expected = 0;
    for (int i = 0; i < 600; i++) {
      String s = "x".repeat(120) + i;
      body.append("    n += await(Later.value(\"").append(s).append("\")).length();\n");
      expected += s.length();
    }
    Harness big =
        Harness.compile(
            HEADER
                + "class Big {\n"
                + "  @Async static Future<Integer> big() {\n"
                + "    int n = 0;\n"
                + body
                + "    return Future.ready(n);\n"
                + "  }\n"
                + "}\n");
    assertEquals(expected, big.run("r.BigAsync", "big"));
  }

  @Test
  void typesOfResourcesInsideLambdasAreImported() throws Throwable {
    assertEquals("a", h.run("r.JsoupishAsync", "first", Later.value(List.of("a", "b"))));
    assertEquals("a1", h.run("r.JsoupishAsync", "firstImported", Later.value(List.of("a", "b"))));
  }

  @Test
  void aValueWhoseTypeArgumentIsAPrivateTypeIsKeptAcrossAnAwait() throws Throwable {
    // F59, an error on its line until session 17: commons-io FileCleaningTracker's trackers, a
    // Collection<Tracker> of a private Tracker, kept as a Collection<Object>
    String src =
        HEADER
            + "public class Iois {\n"
            + "  private static final class Tracker { }\n"
            + "  final Collection<Tracker> trackers = new ArrayList<>(List.of(new Tracker(), new Tracker()));\n"
            + "  @Async Future<Integer> count(Future<Integer> f) {\n"
            + "    return Future.ready(await(Future.ready(trackers)).size() + await(f));\n"
            + "  }\n"
            + "  public static Future<Integer> run() { return IoisAsync.count(new Iois(), Later.value(40)); }\n"
            + "}\n";
    Harness h = Harness.compile(src);
    assertEquals(42, h.run("r.Iois", "run"));
  }

  @Test
  void anAwaitedPrivateValueKeptForALaterAwaitedArgumentKeepsItsCast() throws Throwable {
    // commons-lang3 Streams.of(Enumeration), twins at density 1 (session 17): an awaited private
    // EnumerationSpliterator, kept in an Object temporary while the next argument awaits, lost
    // the cast to Spliterator<E> the lowering had given the await itself
    String src =
        HEADER
            + "import java.util.function.Consumer;\n"
            + "import java.util.stream.StreamSupport;\n"
            + "public class Streamish {\n"
            + "  private static final class Counting<T> extends Spliterators.AbstractSpliterator<T> {\n"
            + "    private final Iterator<T> it;\n"
            + "    Counting(Iterator<T> it) { super(Long.MAX_VALUE, Spliterator.ORDERED); this.it = it; }\n"
            + "    @Override public boolean tryAdvance(Consumer<? super T> a) {\n"
            + "      if (!it.hasNext()) return false;\n"
            + "      a.accept(it.next());\n"
            + "      return true;\n"
            + "    }\n"
            + "  }\n"
            + "  @Async static <E> Future<Long> count(List<E> l, Future<Boolean> f) {\n"
            + "    return Future.ready(StreamSupport.stream(await(Future.ready(new Counting<>(l.iterator()))), await(f)).count());\n"
            + "  }\n"
            + "  public static Future<Long> run() { return StreamishAsync.count(List.of(1, 2, 3), Later.value(false)); }\n"
            + "}\n";
    Harness h = Harness.compile(src);
    assertEquals(3L, h.run("r.Streamish", "run"));
  }

  @Test
  void anAwaitedValueTypedByInferencesOwnCapturesIsCastToWildcards() throws Throwable {
    // F139, Guava MapMaker.makeMap: await(ready(MapMakerInternalMap.create(this))) is typed with
    // the fresh type variables javac's inference makes of captures, named <captured wildcard>,
    // which the cast of the awaited value printed as they were
    String src =
        HEADER
            + "public class Mm {\n"
            + "  static class MI<K, V, E extends MI.Entry<K, V, E>, S extends MI.Seg<K, V, E, S>> extends AbstractMap<K, V> {\n"
            + "    interface Entry<K, V, E extends Entry<K, V, E>> {}\n"
            + "    static class Seg<K, V, E extends Entry<K, V, E>, S extends Seg<K, V, E, S>> {}\n"
            + "    static <K, V> MI<K, V, ? extends Entry<K, V, ?>, ?> create() { return new MI<>(); }\n"
            + "    public Set<Map.Entry<K, V>> entrySet() { return Set.of(); }\n"
            + "  }\n"
            + "  @Async <K, V> Future<Map<K, V>> make() {\n"
            + "    return Future.ready(await(Future.ready(MI.create())));\n"
            + "  }\n"
            + "  public static Future<Map<String, Integer>> run() { return MmAsync.make(new Mm()); }\n"
            + "}\n";
    Harness h = Harness.compile(src);
    assertEquals(Map.of(), h.run("r.Mm", "run"));
  }

  @Test
  void aPrivateFieldWhoseTypeArgumentIsAPrivateTypeIsReadThroughItsHandle() throws Throwable {
    // F59, an error on its line until session 17: commons-lang3 FastDateParser's patterns, a
    // List<StrategyAndWidth>; the handle's type is erased, its value cast to Map<String, Object>
    String src =
        HEADER
            + "public class Lang3ish {\n"
            + "  private static class Info { }\n"
            + "  private final Map<String, Info> infos = new HashMap<>(Map.of(\"a\", new Info()));\n"
            + "  @Async Future<Integer> size(Future<Integer> f) {\n"
            + "    return Future.ready(infos.size() + await(f) + infos.keySet().iterator().next().length());\n"
            + "  }\n"
            + "  public static Future<Integer> run() { return Lang3ishAsync.size(new Lang3ish(), Later.value(40)); }\n"
            + "}\n";
    Harness h = Harness.compile(src);
    assertEquals(42, h.run("r.Lang3ish", "run"));
    assertTrue(
        h.source("r.Lang3ishAsync").contains("((Map<String, Object>) ((Map) INFOS_FIELD.get(self)))"),
        h.source("r.Lang3ishAsync"));
  }

  @Test
  void aHandleWhoseTypeIsAPrivateNestedTypeReachesItsMembers() throws Throwable {
    // F59: gson ReflectionHelper's RECORD_HELPER, a private field of a private nested type, was an
    // error; the generated class now keeps its value as an Object and calls isRecord by handle
    String src =
        HEADER
            + "public class Gsonish {\n"
            + "  private abstract static class Helper { abstract boolean isRecord(Class<?> c); }\n"
            + "  private static final Helper HELPER = new Helper() {\n"
            + "    @Override boolean isRecord(Class<?> c) { return c.isRecord(); }\n"
            + "  };\n"
            + "  @Async static Future<Boolean> isRecord(Future<Class<?>> f) {\n"
            + "    return Future.ready(HELPER.isRecord(await(f)));\n"
            + "  }\n"
            + "  record R() {}\n"
            + "  public static Future<Boolean> ofRecord() { return GsonishAsync.isRecord(Later.value(R.class)); }\n"
            + "  public static Future<Boolean> ofString() { return GsonishAsync.isRecord(Later.value(String.class)); }\n"
            + "}\n";
    Harness h = Harness.compile(src);
    assertEquals(true, h.run("r.Gsonish", "ofRecord"));
    assertEquals(false, h.run("r.Gsonish", "ofString"));
  }

  @Test
  void privateCallsAsTheBodiesOfVoidLambdasCompileAndRun() throws Throwable {
    // F87: javaparser LexicalPreservingPrinter's forEach(e -> interpret(node, e, nodeText)) and
    // SourceRoot's ifPresent(cu -> save(cu, path)): a private method's value dropped by a void lambda
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "class Parserish {\n"
                + "  private final List<String> out = new ArrayList<>();\n"
                + "  private String interpret(String e, List<String> acc) { acc.add(e); return e; }\n"
                + "  private static Parserish save(Parserish r, String s) { r.out.add(\"saved \" + s); return r; }\n"
                + "  static class Box { private Box(List<String> l) { l.add(\"box\"); } }\n"
                + "  @Async Future<String> each(Future<List<String>> f) {\n"
                + "    List<String> acc = new ArrayList<>();\n"
                + "    await(f).forEach(e -> interpret(e, acc));\n"
                + "    Optional.of(await(Later.value(\"x\"))).ifPresent(s -> save(this, s));\n"
                + "    Function<String, String> g = e -> interpret(e, acc);\n"
                + "    Runnable r = () -> new Box(acc);\n"
                + "    r.run();\n"
                + "    return Future.ready(g.apply(await(Later.value(\"y\"))) + \" \" + acc + \" \" + out);\n"
                + "  }\n"
                + "}\n");
    assertEquals(
        "y [a, b, box, y] [saved x]",
        j.run("r.ParserishAsync", "each", j.instance("r.Parserish"), Later.value(List.of("a", "b"))));
  }

  @Test
  void aForEachOverACastOrAConditionalIteratesIt() throws Throwable {
    // F89: protobuf AbstractMessage.Builder.mergeFrom's for (Object element : (List) entry.getValue())
    Harness j =
        Harness.compile(
            HEADER
                + "class Protoish {\n"
                + "  @SuppressWarnings(\"rawtypes\")\n"
                + "  @Async static Future<String> each(Map<String, Object> m, Future<Object> f) {\n"
                + "    StringBuilder sb = new StringBuilder();\n"
                + "    for (Object e : (List) m.get(\"k\")) sb.append(await(Later.value(e)));\n"
                + "    for (Object e : (List<?>) await(f)) sb.append(e);\n"
                + "    for (Object e : m.isEmpty() ? List.of() : (List<?>) m.get(\"k\")) sb.append(await(Later.value(e)));\n"
                + "    return Future.ready(sb.toString());\n"
                + "  }\n"
                + "}\n");
    assertEquals(
        "abcdab",
        j.run("r.ProtoishAsync", "each", Map.of("k", List.of("a", "b")), Later.value(List.of("c", "d"))));
  }

  @Test
  void recordsReachedThroughAnonymousAndLocalClassesAreErrorsOnTheirConstructorsOnly() {
    // F100: jdk-classfile-backport's SplitConstantPool, StackMapGenerator and Util create anonymous
    // UnboundAttribute.AdHocAttribute<>(..) { .. } in method bodies; attributing them attributes
    // UnboundAttribute, whose records validate in compact constructors (JDK-8387215, F39)
    String attributes =
        HEADER
            + "public class Attrs {\n"
            + "  public abstract static class AdHoc { public abstract int size(); }\n"
            + "  public record Info(int slot) { public Info { if (slot < 0) throw new IllegalArgumentException(); } }\n"
            + "}\n";
    String pool =
        HEADER
            + "class Pool {\n"
            + "  @Async static Future<Integer> size(Future<Integer> f) {\n"
            + "    Attrs.AdHoc a = new Attrs.AdHoc() { public int size() { return 2; } };\n"
            + "    return Future.ready(a.size() + await(f));\n"
            + "  }\n"
            + "}\n";
    String others =
        HEADER
            + "public class Others {\n"
            + "  public abstract static class Other { public abstract int size(); }\n"
            + "  public record Hash(int h) { public Hash(int h) { this.h = Math.abs(h); } }\n"
            + "}\n";
    String local =
        HEADER
            + "import r.Others.Other;\n"
            + "class Local {\n"
            + "  @Async static Future<Integer> size(Future<Integer> f) {\n"
            + "    class Sized extends Other { public int size() { return 3; } }\n"
            + "    return Future.ready(new Sized().size() + await(f));\n"
            + "  }\n"
            + "}\n";
    // an anonymous class in a field initializer beside such a record: the check itself attributed the class
    String field =
        HEADER
            + "class Field {\n"
            + "  static final Runnable NOTHING = new Runnable() { public void run() { } };\n"
            + "  record Slot(int i) { Slot { if (i < 0) throw new IllegalArgumentException(); } }\n"
            + "  @Async static Future<Integer> one(Future<Integer> f) { return Future.ready(1 + await(f)); }\n"
            + "}\n";
    Compilation c = Harness.compileRaw(attributes, pool, others, local, field);
    assertThat(c).hadErrorCount(3);
    assertThat(c)
        .hadErrorContaining("this canonical constructor of record Info cannot be compiled together with the @Async methods of Pool")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("public Info {");
    assertThat(c)
        .hadErrorContaining("this canonical constructor of record Hash cannot be compiled together with the @Async methods of Local")
        .inFile(c.sourceFiles().get(2))
        .onLineContaining("this.h = Math.abs(h)");
    assertThat(c)
        .hadErrorContaining("this canonical constructor of record Slot cannot be compiled together with the @Async methods of Field")
        .inFile(c.sourceFiles().get(4))
        .onLineContaining("Slot {");
  }

  @Test
  void anonymousClassesWithADiamondKeepTheTypeArgumentsInferredFromWhereTheyStand() throws Throwable {
    // F101: jdk-classfile-backport's CompoundElement.elementList (forEach(new Consumer<>() { .. })),
    // ClassHierarchyResolver (new Function<>() { .. }), DirectMethodBuilder (withCode(code, new Consumer<>() { .. }), private)
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "class Classfileish {\n"
                + "  private static String twice(String s, Function<String, String> f) { return f.apply(f.apply(s)); }\n"
                + "  @Async static <E> Future<List<E>> elements(Iterable<E> items) {\n"
                + "    List<E> list = new ArrayList<>();\n"
                + "    items.forEach(await(Later.value(new Consumer<>() { @Override public void accept(E e) { list.add(e); } })));\n"
                + "    return Future.ready(list);\n"
                + "  }\n"
                + "  @Async static Future<Comparator<String>> byLength(Future<Integer> f) {\n"
                + "    int sign = await(f);\n"
                + "    return Future.ready(new Comparator<>() {\n"
                + "      @Override public int compare(String a, String b) { return sign * (a.length() - b.length()); }\n"
                + "    });\n"
                + "  }\n"
                + "  @Async static Future<String> wrapped(Future<String> f) {\n"
                + "    String open = await(f);\n"
                + "    return Future.ready(twice(\"x\", new Function<>() { @Override public String apply(String s) { return open + s.trim() + \")\"; } }));\n"
                + "  }\n"
                + "}\n");
    assertEquals(List.of("a", "b"), j.run("r.ClassfileishAsync", "elements", List.of("a", "b")));
    @SuppressWarnings("unchecked")
    Comparator<String> c = (Comparator<String>) j.run("r.ClassfileishAsync", "byLength", Later.value(-1));
    assertEquals(1, Integer.signum(c.compare("a", "bb")));
    assertEquals("((x))", j.run("r.ClassfileishAsync", "wrapped", Later.value("(")));
  }

  @Test
  void factoriesNameTheirTypeArgumentsWhereADiamondCouldNotInferThem() throws Throwable {
    // F110: vavr's API.PriorityQueue(Comparator<? super T>) and API.SortedSet of a
    // T extends Comparable<? super T>: the factory's `new Machine<>(comparator)` inferred T from the
    // captured wildcard and failed
    Harness j =
        Harness.compile(
            HEADER
                + "class Vavrish {\n"
                + "  @Async static <T extends Comparable<? super T>> Future<List<T>> sorted(Comparator<? super T> c, List<T> l) {\n"
                + "    List<T> out = new ArrayList<>(l);\n"
                + "    out.sort(await(Later.value(c)));\n"
                + "    return Future.ready(out);\n"
                + "  }\n"
                + "  @Async static <T extends Comparable<? super T>> Future<Integer> count(Comparator<? super T> c) {\n"
                + "    return Future.ready(await(Later.value(c)) == null ? 0 : 1);\n"
                + "  }\n"
                + "}\n");
    assertEquals(List.of("c", "b", "a"),
        j.run("r.VavrishAsync", "sorted", Comparator.<String>reverseOrder(), List.of("a", "c", "b")));
    assertEquals(1, j.run("r.VavrishAsync", "count", Comparator.<String>naturalOrder()));
  }

  @Test
  void operandsTypedByTheWildcardOfALaterArgumentKeepThatType() throws Throwable {
    // F111: vavr's List.sortBy(mapper) is sortBy(U::compareTo, mapper): the method reference was
    // kept in a temporary before the awaited mapper, typed Comparator<? extends U> from the
    // capture javac had given it, and the call no longer applied; it is created where it
    // stands now. F112: Iterator.distinctBy's new DistinctIterator<>(this, HashSet.empty(),
    // keyExtractor): the set's type argument is that capture too, the temporary reads it back
    // through a generic reader
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "public class Seq<T> {\n"
                + "  final List<T> items;\n"
                + "  Seq(List<T> items) { this.items = items; }\n"
                + "  public static <T> Seq<T> of(List<T> items) { return new Seq<>(items); }\n"
                + "  <U> List<T> sortBy(Comparator<? super U> c, Function<? super T, ? extends U> f) {\n"
                + "    List<T> out = new ArrayList<>(items);\n"
                + "    out.sort((a, b) -> c.compare(f.apply(a), f.apply(b)));\n"
                + "    return out;\n"
                + "  }\n"
                + "  <U> List<T> distinct(Set<U> known, Function<? super T, ? extends U> f) {\n"
                + "    List<T> out = new ArrayList<>();\n"
                + "    for (T t : items) if (known.add(f.apply(t))) out.add(t);\n"
                + "    return out;\n"
                + "  }\n"
                + "  static int calls;\n"
                + "  static <E> Set<E> fresh() { calls++; return new HashSet<>(); }\n"
                + "  @Async <U extends Comparable<? super U>> Future<List<T>> sortBy(Function<? super T, ? extends U> f) {\n"
                + "    return Future.ready(sortBy(U::compareTo, await(Later.value(f))));\n"
                + "  }\n"
                + "  @Async Future<List<T>> byLength(Function<? super T, ? extends String> f) {\n"
                + "    return Future.ready(sortBy((String a, String b) -> a.length() - b.length(), await(Later.value(f))));\n"
                + "  }\n"
                + "  @Async <U> Future<List<T>> distinctBy(Function<? super T, ? extends U> f) {\n"
                + "    return Future.ready(distinct(new HashSet<>(), await(Later.value(f))));\n"
                + "  }\n"
                + "  @Async <U> Future<String> distinctFresh(Function<? super T, ? extends U> f) {\n"
                + "    int before = calls;\n"
                + "    List<T> out = distinct(fresh(), await(Later.value(f)));\n"
                + "    return Future.ready(out + \" \" + (calls - before));\n"
                + "  }\n"
                // vavr's API.PriorityQueue(comparator, elements): the reader would make of(.., T)
                // applicable beside of(.., T...), which the capture did not
                + "  static <E> String queue(Comparator<? super E> c, E e) { return \"one\"; }\n"
                + "  @SafeVarargs static <E> String queue(Comparator<? super E> c, E... es) { return \"many \" + es.length; }\n"
                + "  @Async static <E> Future<String> queueOf(Comparator<? super E> c, E[] es) {\n"
                + "    return Future.ready(queue(await(Later.value(c)), await(Later.value(es))));\n"
                + "  }\n"
                // picocli's TypedMember: a Class<capture of ?> kept for ==, read as it was typed
                + "  @Async static Future<Boolean> isChar(Class<?> type) {\n"
                + "    return Future.ready(await(Later.value(type)) == await(Later.value(Character.TYPE)));\n"
                + "  }\n"
                + "}\n");
    Object seq = j.call("r.Seq", "of", List.of("ccc", "a", "bb", "a"));
    java.util.function.Function<String, String> id = s -> s;
    java.util.function.Function<String, Integer> length = String::length;
    assertEquals(List.of("a", "a", "bb", "ccc"), j.run("r.SeqAsync", "sortBy", seq, id));
    assertEquals(List.of("a", "a", "bb", "ccc"), j.run("r.SeqAsync", "byLength", seq, id));
    assertEquals(List.of("ccc", "a", "bb"), j.run("r.SeqAsync", "distinctBy", seq, length));
    assertEquals("[ccc, a, bb] 1", j.run("r.SeqAsync", "distinctFresh", seq, id));
    assertEquals("many 2", j.run("r.SeqAsync", "queueOf", Comparator.naturalOrder(), new String[] {"a", "b"}));
    assertEquals(true, j.run("r.SeqAsync", "isChar", char.class));
    assertEquals(false, j.run("r.SeqAsync", "isChar", String.class));
  }

  @Test
  void superInsideAClassBodyOfTheBodyIsThatClassesSuper() throws Throwable {
    // F113: RoaringBitmap's RoaringArray.getContainerPointer returns new ContainerPointer() { ..
    // clone() { return (ContainerPointer) super.clone(); } }: Object.clone, protected in another
    // package, went through the machine's handle with `super` for its receiver, which is no
    // expression; a protected field of another package's superclass the same
    String base =
        "package r2;\n"
            + "public abstract class Base {\n"
            + "  protected int x = 5;\n"
            + "  protected int twice() { return 2 * x; }\n"
            + "  public abstract int get();\n"
            + "}\n";
    Harness j =
        Harness.compile(
            base,
            HEADER
                + "class Roaringish {\n"
                + "  interface Ptr extends Cloneable { int key(); Ptr clone(); }\n"
                + "  @Async static Future<Integer> cloned(Future<Integer> n) {\n"
                + "    int k = await(n);\n"
                + "    Ptr p = new Ptr() {\n"
                + "      public int key() { return k; }\n"
                + "      @Override public Ptr clone() {\n"
                + "        try { return (Ptr) super.clone(); } catch (CloneNotSupportedException e) { return null; }\n"
                + "      }\n"
                + "    };\n"
                + "    Ptr q = p.clone();\n"
                + "    return Future.ready(q.key() + (q == p ? 100 : 0) + await(n));\n"
                + "  }\n"
                + "  @Async static Future<Integer> inherited(Future<Integer> n) {\n"
                + "    int k = await(n);\n"
                + "    r2.Base b = new r2.Base() {\n"
                + "      @Override protected int twice() { return -1; }\n"
                + "      public int get() { super.x += k; return super.x + super.twice(); }\n"
                + "    };\n"
                + "    return Future.ready(b.get() + await(n));\n"
                + "  }\n"
                + "}\n");
    assertEquals(6, j.run("r.RoaringishAsync", "cloned", Later.value(3)));
    assertEquals(8 + 16 + 3, j.run("r.RoaringishAsync", "inherited", Later.value(3)));
  }

  @Test
  void anAwaitedAnonymousInstanceWhoseOwnMemberIsUsedIsAnErrorOnTheAwait() {
    // F114: RoaringBitmap's iterator() is new Iterator<Integer>() { .. private Iterator<Integer>
    // init() { .. } }.init(); awaited, the value was cast to Iterator<Integer>, which has no init()
    Compilation c =
        Harness.compileRaw(
            HEADER
                + "class Anonymous {\n"
                + "  @Async static Future<Integer> twice(int k) {\n"
                + "    return Future.ready(await(Later.value(new Object() {\n"
                + "      int n = k;\n"
                + "      private int twice() { return 2 * n; }\n"
                + "    })).twice());\n"
                + "  }\n"
                + "  @Async static Future<String> kept(int k) {\n"
                + "    Runnable r = await(Later.value(new Runnable() { public void run() { } }));\n"
                + "    return Future.ready(r == null ? \"null\" : \"runnable\" + k);\n"
                + "  }\n"
                + "}\n");
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("the value of this await is an anonymous class instance")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("return Future.ready(await(Later.value(new Object() {");
  }

  @Test
  void anAwaitedArgumentTypedByTheCaptureOfAnotherArgumentKeepsThatType() throws Throwable {
    // F106: eclipse-collections' Comparators.originalByFunction(function) is
    // originalByFunction(function, originalNaturalOrder()): with both awaited, javac typed the
    // second await Comparator<capture of ? extends V>, the capture of the first argument's
    // wildcard; cast to Comparator<? extends V>, a fresh capture, the call no longer applied.
    // by(..) is overloaded by arity only, which cannot make another candidate applicable
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "public class Cmp {\n"
                + "  static <T extends Comparable<? super T>> Comparator<T> natural() { return Comparator.naturalOrder(); }\n"
                + "  static <T, V> Comparator<T> by(Function<? super T, ? extends V> f, Comparator<V> c) {\n"
                + "    return (a, b) -> c.compare(f.apply(a), f.apply(b));\n"
                + "  }\n"
                + "  public static <T, V extends Comparable<? super V>> Comparator<T> by(Function<? super T, ? extends V> f) {\n"
                + "    return by(f, natural());\n"
                + "  }\n"
                + "  @Async static <T, V extends Comparable<? super V>> Future<Comparator<T>> byAsync(Function<? super T, ? extends V> f) {\n"
                + "    return Future.ready(by(await(Later.value(f)), await(Later.value(natural()))));\n"
                + "  }\n"
                + "  @Async static <T, V extends Comparable<? super V>> Future<Comparator<T>> byKept(Function<? super T, ? extends V> f) {\n"
                + "    Comparator<T> c = by(f, await(Later.value(natural())));\n"
                + "    return Future.ready(c);\n"
                + "  }\n"
                + "  public static String sorted(Comparator<String> c) {\n"
                + "    List<String> l = new ArrayList<>(List.of(\"ccc\", \"a\", \"bb\"));\n"
                + "    l.sort(c);\n"
                + "    return l.toString();\n"
                + "  }\n"
                + "}\n");
    Function<String, Integer> length = String::length;
    Object plain = j.call("r.Cmp", "by", length);
    assertEquals("[a, bb, ccc]", j.call("r.Cmp", "sorted", plain));
    assertEquals("[a, bb, ccc]", j.call("r.Cmp", "sorted", j.run("r.CmpAsync", "byAsync", length)));
    assertEquals("[a, bb, ccc]", j.call("r.Cmp", "sorted", j.run("r.CmpAsync", "byKept", length)));
  }

  @Test
  void anAwaitedCaptureOfAnFBoundedParameterKeepsItsCast() throws Throwable {
    // F126: commons-io's AbstractOriginSupplier.checkOrigin(), return origin; with origin an
    // AbstractOrigin<?, ?> of AbstractOrigin<T, B extends AbstractOrigin<T, B>>: awaited as an
    // argument of Future.ready, F106's generic reader wrote B's capture as X2 extends
    // AbstractOrigin<?, ? extends AbstractOrigin<?, ?>>, which is not within B's own bound
    Harness j =
        Harness.compile(
            HEADER
                + "public class Origins {\n"
                + "  abstract static class Origin<T, B extends Origin<T, B>> { abstract T get(); }\n"
                + "  static final class Text extends Origin<String, Text> { String get() { return \"text\"; } }\n"
                + "  static Origin<?, ?> origin = new Text();\n"
                + "  @Async static Future<Origin<?, ?>> checked(Future<Integer> f) {\n"
                + "    if (await(f) < 0) throw new IllegalStateException();\n"
                + "    return Future.ready(await(Later.value(origin)));\n"
                + "  }\n"
                + "  public static Object got(Object o) { return ((Origin<?, ?>) o).get(); }\n"
                + "}\n");
    assertEquals("text", j.call("r.Origins", "got", j.run("r.OriginsAsync", "checked", Later.value(1))));
  }

  @Test
  void anAwaitedPrivateGenericInstanceTypedByACaptureIsNoReaderOfItsType() throws Throwable {
    // eclipse-collections' Functions2.maxBy: new MaxByFunction2<>(function) of a private class,
    // typed with the capture of the function's ? extends V; F106's generic reader would name
    // the private class, which the generated class keeps as an Object
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "public class Maxes {\n"
                + "  private static final class Max<T, V extends Comparable<? super V>> implements BinaryOperator<T> {\n"
                + "    private final Function<? super T, ? extends V> f;\n"
                + "    private Max(Function<? super T, ? extends V> f) { this.f = f; }\n"
                + "    public T apply(T a, T b) { return f.apply(a).compareTo(f.apply(b)) >= 0 ? a : b; }\n"
                + "  }\n"
                + "  @Async static <T, V extends Comparable<? super V>> Future<BinaryOperator<T>> maxBy(Function<? super T, ? extends V> function) {\n"
                + "    return Future.ready(await(Later.value(new Max<>(await(Later.value(function))))));\n"
                + "  }\n"
                + "  @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n"
                + "  public static Object longer(Object op) { return ((BinaryOperator<String>) op).apply(\"a\", \"bbb\"); }\n"
                + "}\n");
    Function<String, Integer> length = String::length;
    assertEquals("bbb", j.call("r.Maxes", "longer", j.run("r.MaxesAsync", "maxBy", length)));
  }

  @Test
  void anArrayGivenToAPrivateVarargsConstructorOfAGenericClassIsPassedAsItIs() throws Throwable {
    // F127: eclipse-collections' new FirstNotEmptyStringFunction<>(functions) with functions a
    // Function<T, String>[]: compared with the constructor's uninstantiated parameter type (the
    // class's T), the array looked like one element and was packed into another array
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "public class Firsts {\n"
                + "  private static final class First<T> implements Function<T, String> {\n"
                + "    private final int n;\n"
                + "    private final Function<T, String> head;\n"
                + "    @SafeVarargs private First(Function<T, String>... fs) { n = fs.length; head = fs[0]; }\n"
                + "    public String apply(T t) { return n + head.apply(t); }\n"
                + "  }\n"
                + "  @Async static <T> Future<Function<T, String>> first(Function<T, String>[] functions) {\n"
                + "    return Future.ready(await(Later.value(new First<>(await(Later.value(functions))))));\n"
                + "  }\n"
                + "  @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n"
                + "  public static Object run(Object f) { return ((Function<String, String>) f).apply(\"x\"); }\n"
                + "}\n");
    @SuppressWarnings("unchecked")
    Function<String, String>[] functions = new Function[] {s -> s + "!", s -> s + "?"};
    assertEquals("2x!", j.call("r.Firsts", "run", j.run("r.FirstsAsync", "first", (Object) functions)));
  }

  @Test
  void aPrivateValueGivenToAGenericClassesConstructorIsCastToTheInstantiatedParameter()
      throws Throwable {
    // F128: jackson-databind's new StdDelegatingDeserializer<Object>(conv), conv of the private
    // JavaUtilCollectionsConverter: the value, kept as an Object, was cast to the constructor's
    // declared parameter type Converter<?, T>, whose T the generated class cannot name
    Harness j =
        Harness.compile(
            HEADER
                + "public class Delegs {\n"
                + "  public interface Conv<I, O> { O apply(I i); }\n"
                + "  public static class Deleg<T> {\n"
                + "    final Conv<?, T> c;\n"
                + "    public Deleg(Conv<?, T> c) { this.c = c; }\n"
                + "  }\n"
                + "  private static class Upper implements Conv<Object, Object> {\n"
                + "    public Object apply(Object o) { return String.valueOf(o).toUpperCase(); }\n"
                + "  }\n"
                + "  static Upper upper(int n) { return n < 0 ? null : new Upper(); }\n"
                + "  @Async static Future<Deleg<Object>> make(Future<Integer> f) {\n"
                + "    Upper conv = upper(await(f));\n"
                + "    Deleg<Object> a = new Deleg<Object>(await(Later.value(conv)));\n"
                + "    return Future.ready(await(Later.value(conv)) == null ? null\n"
                + "        : new Deleg<>(await(Later.value(a)) == null ? null : conv));\n"
                + "  }\n"
                + "  @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n"
                + "  public static Object run(Object d) {\n"
                + "    return ((Conv<Object, Object>) ((Deleg<?>) d).c).apply(\"x\");\n"
                + "  }\n"
                + "}\n");
    assertEquals("X", j.call("r.Delegs", "run", j.run("r.DelegsAsync", "make", Later.value(1))));
    assertEquals(null, j.run("r.DelegsAsync", "make", Later.value(-1)));
  }

  @Test
  void anAwaitedIntersectionKeepsAllItsBounds() throws Throwable {
    // F129: jackson-databind's Type hint = await(ready(c ? getType() : raw)), the await typed
    // JavaType's and Class<?>'s lub, Serializable & Type: the value was cast to the first bound
    // only, which the variable's type Type is not
    Harness j =
        Harness.compile(
            HEADER
                + "public class Lubs {\n"
                + "  public interface Named { String name(); }\n"
                + "  public interface Sized { int size(); }\n"
                + "  static final class X implements Named, Sized {\n"
                + "    public String name() { return \"x\"; }\n"
                + "    public int size() { return 1; }\n"
                + "  }\n"
                + "  static final class Y implements Named, Sized {\n"
                + "    public String name() { return \"y\"; }\n"
                + "    public int size() { return 2; }\n"
                + "  }\n"
                + "  @Async static Future<String> pick(boolean c) {\n"
                + "    Sized s = await(Later.value(c ? new X() : new Y()));\n"
                + "    int n = await(Later.value(c ? new Y() : new X())).size();\n"
                + "    return Future.ready(s.size() + \"\" + n\n"
                + "        + await(Later.value(c ? new X() : new Y())).name());\n"
                + "  }\n"
                + "}\n");
    assertEquals("12x", j.run("r.LubsAsync", "pick", true));
    assertEquals("21y", j.run("r.LubsAsync", "pick", false));
  }

  @Test
  void aPrivateValueGivenToAPackageMemberThatTakesItGoesThroughItsHandle() throws Throwable {
    // F130: jackson-databind's new AnnotatedField(new Serialization(_field)), a protected
    // constructor taking the private Serialization: called directly, it was given the Object the
    // generated class keeps such values as
    Harness j =
        Harness.compile(
            HEADER
                + "public class Sers {\n"
                + "  private static final class Token {\n"
                + "    final String s;\n"
                + "    Token(String s) { this.s = s; }\n"
                + "  }\n"
                + "  final String name;\n"
                + "  Token last;\n"
                + "  protected Sers(Token t) { name = t.s; }\n"
                + "  static String read(Token t) { return t.s; }\n"
                + "  String both(Token t, String u) { return name + t.s + u; }\n"
                + "  @Async static Future<String> make(Future<String> f) {\n"
                + "    Sers s = new Sers(new Token(await(f)));\n"
                + "    s.last = await(Later.value(new Token(\"c\")));\n"
                + "    return Future.ready(s.name + read(await(Later.value(new Token(\"b\"))))\n"
                + "        + s.both(s.last, await(f)) + read(s.last));\n"
                + "  }\n"
                + "}\n");
    assertEquals("abacac", j.run("r.SersAsync", "make", Later.value("a")));
  }

  @Test
  void aTypeUseAnnotationOnANestedTypeMovesToItsSimpleName() throws Throwable {
    // F131: reactor-core's Traces, an anonymous Iterator in the body with a field
    // "private @Nullable StackLineView next": the generated class names the nested type
    // Traces.StackLineView, before which javac refuses a TYPE_USE-only annotation ("scoping
    // construct cannot be annotated with type-use annotation")
    Harness j =
        Harness.compile(
            HEADER
                + "import java.lang.annotation.*;\n"
                + "public class Lines {\n"
                + "  @Target(ElementType.TYPE_USE) @interface N {}\n"
                + "  @Target({ElementType.TYPE_USE, ElementType.FIELD}) @interface B {}\n"
                + "  static final class View {\n"
                + "    final String s;\n"
                + "    View(String s) { this.s = s; }\n"
                + "  }\n"
                + "  @Async static Future<String> lines(String source) {\n"
                + "    @N View first = new View(source);\n"
                + "    List<@N View> all = new ArrayList<>();\n"
                + "    Iterator<View> it = new Iterator<View>() {\n"
                + "      private int i = 0;\n"
                + "      private @N View next = nextLine();\n"
                + "      @B View unused = null;\n"
                // type annotations inside field initializers are refused on javac 25 (F32)
                + "      private @N View[] none() { return new @N View[0]; }\n"
                + "      @N List<View> views() { return new ArrayList<@N View>(); }\n"
                + "      View @N [] dims = null;\n"
                + "      public boolean hasNext() { return next != null; }\n"
                + "      public View next() { View c = next; next = nextLine(); return c; }\n"
                + "      private @N View nextLine() { return i < 2 ? new View(source + i++) : null; }\n"
                + "    };\n"
                + "    while (it.hasNext()) {\n"
                + "      all.add(await(Later.value(it.next())));\n"
                + "    }\n"
                + "    Lines.@N View last = all.get(all.size() - 1);\n"
                + "    return Future.ready(first.s + all.size() + await(Later.value(last)).s);\n"
                + "  }\n"
                + "}\n");
    assertEquals("a2a1", j.run("r.LinesAsync", "lines", "a"));
  }

  @Test
  void anAwaitedArgumentTypedByTheReceiversCaptureIsPassedRaw() throws Throwable {
    // F132: reactor-core's p.subscribe(await(ready(new MonoUsingSubscriber<>(actual, ..)))) with p
    // a Mono<? extends T>: the diamond takes the capture of p, the receiver, which the generated
    // class's cast can only write as a wildcard, and p.subscribe(..) captures p anew
    Harness j =
        Harness.compile(
            HEADER
                + "public class Subs {\n"
                + "  public interface Sub<T> { void on(T t); }\n"
                + "  public interface CoreSub<T> extends Sub<T> {}\n"
                + "  public interface Fn<T> { void on(T t); void off(); }\n"
                + "  public static class Pub<T> {\n"
                + "    final T v;\n"
                + "    Pub(T v) { this.v = v; }\n"
                + "    public void subscribe(Sub<? super T> s) { s.on(v); }\n"
                + "    public void subscribe(CoreSub<? super T> s) { s.on(v); s.on(v); }\n"
                + "    public void subscribe(Fn<? super T> s) { }\n"
                + "  }\n"
                + "  static final class Collect<T> implements CoreSub<T> {\n"
                + "    final List<Object> out;\n"
                + "    Collect(List<Object> out) { this.out = out; }\n"
                + "    public void on(T t) { out.add(t); }\n"
                + "  }\n"
                + "  @Async static <T> Future<List<Object>> run(Pub<? extends T> p) {\n"
                + "    List<Object> out = new ArrayList<>();\n"
                + "    p.subscribe(await(Later.value(new Collect<>(out))));\n"
                + "    return Future.ready(out);\n"
                + "  }\n"
                + "  public static Object pub(Object v) { return new Pub<>(v); }\n"
                + "}\n");
    assertEquals(List.of("a", "a"), j.run("r.SubsAsync", "run", j.call("r.Subs", "pub", "a")));
  }

  @Test
  void anAwaitedCaptureGivenAloneToAGenericReceiverCallIsNotReadGenerically() throws Throwable {
    // F133: reactor-core's Mono.fromDirect(await(ready(m))).subscribe(new FlatMapInner<>(this)),
    // m a Mono<? extends R>: F112's generic reader gave fromDirect a Mono<X1> of a variable with
    // only its bound, from which javac, with no target for fromDirect, inferred Mono<Object>
    Harness j =
        Harness.compile(
            HEADER
                + "public class Directs {\n"
                + "  public interface Sub<T> { void on(T t); }\n"
                + "  public static class Pub<T> {\n"
                + "    final T v;\n"
                + "    Pub(T v) { this.v = v; }\n"
                + "    public static <I> Pub<I> from(Pub<? extends I> p) { return new Pub<I>(p.v); }\n"
                + "    public void subscribe(Sub<? super T> s) { s.on(v); }\n"
                + "  }\n"
                + "  static final class Inner<R> implements Sub<R> {\n"
                + "    final List<Object> out;\n"
                + "    Inner(List<Object> out) { this.out = out; }\n"
                + "    public void on(R r) { out.add(r); }\n"
                + "  }\n"
                + "  public static class Main<R> {\n"
                + "    final List<Object> out = new ArrayList<>();\n"
                + "    @Async Future<List<Object>> run(Pub<? extends R> m) {\n"
                + "      Pub.from(await(Later.value(m))).subscribe(new Inner<R>(out));\n"
                + "      return Future.ready(out);\n"
                + "    }\n"
                + "  }\n"
                + "  public static Object main() { return new Main<String>(); }\n"
                + "  public static Object pub(Object v) { return new Pub<>(v); }\n"
                + "}\n");
    assertEquals(
        List.of("a"),
        j.run("r.Directs_MainAsync", "run", j.call("r.Directs", "main"), j.call("r.Directs", "pub", "a")));
  }

  @Test
  void aUnicodeEscapeInTheSourceOfAnAwaitDoesNotEndItsComment() throws Throwable {
    // javapoet's Util: an awaited switch whose cases carry block comments with the escape of a
    // line feed; the generated "// Util.java:174: <source>" comment above the await ended there
    // and the rest of the source text became code
    Harness j =
        Harness.compile(
            HEADER
                + "public class Escapes {\n"
                + "  @Async static Future<String> name(char c) {\n"
                + "    return Future.ready(await(Later.value(switch (c) {\n"
                + "      case '\\n' -> \"lf\"; /* \\u000a: linefeed (LF) */\n"
                + "      case '\\\\' -> \"bs\"; /* \\\\u000a, \\\\\\u000d */\n"
                + "      default -> \"\" + c;\n"
                + "    })) + await(Later.value(\"!\")));\n"
                + "  }\n"
                + "}\n");
    assertEquals("lf!", j.run("r.EscapesAsync", "name", '\n'));
    assertEquals("bs!", j.run("r.EscapesAsync", "name", '\\'));
    assertEquals("x!", j.run("r.EscapesAsync", "name", 'x'));
  }

  @Test
  void aLambdaStoredIntoAPrivateGenericFieldKeepsItsFunctionType() throws Throwable {
    // F141: helidon-webserver's Http1ServerRequestWithEntity.streamFilter, this.streamFilter = it
    // -> filterFunction.apply(current.apply(it)) of a private UnaryOperator<InputStream>: the
    // handle's store cast the lambda to the raw UnaryOperator, whose parameter is an Object
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.UnaryOperator;\n"
                + "public class Filters {\n"
                + "  private UnaryOperator<StringBuilder> filter = UnaryOperator.identity();\n"
                + "  @Async Future<String> add(String suffix) {\n"
                + "    UnaryOperator<StringBuilder> current = this.filter;\n"
                + "    String s = await(Later.value(suffix));\n"
                + "    this.filter = it -> current.apply(it).append(s);\n"
                + "    UnaryOperator<StringBuilder> once = this.filter;\n"
                + "    UnaryOperator<StringBuilder> twice = filter = it -> once.apply(it.append(s));\n"
                + "    filter = new UnaryOperator<>() {\n"
                + "      public StringBuilder apply(StringBuilder b) { return twice.apply(b.append('-')); }\n"
                + "    };\n"
                + "    return Future.ready(filter.apply(new StringBuilder(\"a\")).toString());\n"
                + "  }\n"
                + "  public static Object make() { return new Filters(); }\n"
                + "}\n");
    assertEquals("a-!!", j.run("r.FiltersAsync", "add", j.call("r.Filters", "make"), "!"));
  }

  @Test
  void anAwaitedSuperCaptureGivenToADiamondIsReadAsItsWildcard() throws Throwable {
    // F142: helidon-webserver's Registration.create, new ErrorRegistration<>(exceptionClass,
    // handler) of a Class<T> and an ErrorHandler<? super T> (ErrorHandler<T extends Throwable>),
    // both awaited: F112's generic reader wrote the capture of ? super T with its upper bound
    // only, <X1 extends Throwable>, and lost the lower bound T that the diamond's inference needs
    Harness j =
        Harness.compile(
            HEADER
                + "public class Regs {\n"
                + "  public interface Handler<T extends Throwable> { String handle(T t); }\n"
                + "  static final class Reg<T> {\n"
                + "    final Class<T> c;\n"
                + "    final Handler<? super T> h;\n"
                + "    Reg(Class<T> c, Handler<? super T> h) { this.c = c; this.h = h; }\n"
                + "  }\n"
                + "  @Async static <T> Future<String> create(Class<T> c, Handler<? super T> h) {\n"
                + "    Reg<T> r = new Reg<>(await(Later.value(c)), await(Later.value(h)));\n"
                + "    return Future.ready(r.c.getSimpleName() + (r.h != null));\n"
                + "  }\n"
                + "  public static Object handler() { return (Handler<Throwable>) t -> \"h\"; }\n"
                + "}\n");
    assertEquals(
        "IllegalStateExceptiontrue",
        j.run("r.RegsAsync", "create", IllegalStateException.class, j.call("r.Regs", "handler")));
  }

  @Test
  void anAwaitedDiamondOfAnFBoundedClassIsNotTypedByJavacsFreshVariable() throws Throwable {
    // F143: helidon-http's WritableHeaders.create(headers), return new HeadersImpl<>(headers) of a
    // HeadersImpl<T extends WritableHeaders<T>>, awaited: javac resolves the diamond's T, bounded
    // by itself and by nothing else, as a fresh type variable named T (JLS 18.4), which the
    // generated cast named as if it were a type variable in scope
    Harness j =
        Harness.compile(
            HEADER
                + "public class Heads {\n"
                + "  public interface W<B extends W<B>> { int size(); }\n"
                + "  static class Impl<T extends W<T>> implements W<T> {\n"
                + "    final int n;\n"
                + "    Impl(int n) { this.n = n; }\n"
                + "    public int size() { return n; }\n"
                + "  }\n"
                + "  @Async static Future<W<?>> create(int n) {\n"
                + "    return Future.ready(await(Later.value(new Impl<>(n))));\n"
                + "  }\n"
                + "  @Async static Future<Integer> size(int n) {\n"
                + "    var w = await(Later.value(new Impl<>(n)));\n"
                + "    return Future.ready(await(Later.value(w.size())) + w.size());\n"
                + "  }\n"
                + "  public static int sizeOf(Object w) { return ((W<?>) w).size(); }\n"
                + "}\n");
    assertEquals(3, j.call("r.Heads", "sizeOf", j.run("r.HeadsAsync", "create", 3)));
    assertEquals(8, j.run("r.HeadsAsync", "size", 4));
  }

  @Test
  void aLambdaOfAPrivateFunctionalInterfaceIsMadeThroughTheUsersClass() throws Throwable {
    // F144: lucene's SegmentMerger, mergeWithLogging(this::mergeNorms, ..) of a private interface
    // VoidMerger: the generated class wrote the private type as Object, no functional interface
    // (an error on the line from then until session 23, which made it through HiddenLambdas)
    Harness j =
        Harness.compile(
            HEADER
                + "public class Merges {\n"
                + "  private interface VoidMerger { void merge(String a, StringBuilder b); }\n"
                + "  private void norms(String a, StringBuilder b) { b.append(a); }\n"
                + "  private void log(VoidMerger m, String a, StringBuilder b) { m.merge(a, b); }\n"
                + "  @Async Future<String> ref(String a) {\n"
                + "    StringBuilder b = new StringBuilder();\n"
                + "    log(this::norms, await(Later.value(a)), b);\n"
                + "    return Future.ready(b.toString());\n"
                + "  }\n"
                + "  @Async Future<String> lambda(String a) {\n"
                + "    StringBuilder b = new StringBuilder();\n"
                + "    VoidMerger m = (x, y) -> y.append(x).append(x);\n"
                + "    log(m, await(Later.value(a)), b);\n"
                + "    return Future.ready(b.toString());\n"
                + "  }\n"
                + "  public static Object make() { return new Merges(); }\n"
                + "}\n");
    Object merges = j.call("r.Merges", "make");
    assertEquals("n", j.run("r.MergesAsync", "ref", merges, "n"));
    assertEquals("nn", j.run("r.MergesAsync", "lambda", merges, "n"));
  }

  @Test
  void aLoweredForEachOverPrivateElementsCastsThemToTheLoopVariablesType() throws Throwable {
    // F145: lucene's HnswConcurrentMergeBuilder.setInfoStream, for (HnswBuilder worker : workers)
    // over a ConcurrentMergeWorker[] of a private class, with an await in the body: the lowered
    // loop read each element from the Object[] the generated class keeps, without a cast
    Harness j =
        Harness.compile(
            HEADER
                + "public class Workers {\n"
                + "  public interface Job { int run(); }\n"
                + "  private static final class Worker implements Job {\n"
                + "    final int n;\n"
                + "    Worker(int n) { this.n = n; }\n"
                + "    public int run() { return n; }\n"
                + "  }\n"
                + "  private final Worker[] workers = {new Worker(1), new Worker(2)};\n"
                + "  private final List<Worker> more = List.of(new Worker(10), new Worker(20));\n"
                + "  @Async Future<Integer> sum() {\n"
                + "    int s = 0;\n"
                + "    for (Job w : workers) {\n"
                + "      s += await(Later.value(w.run()));\n"
                + "    }\n"
                + "    for (Job w : more) {\n"
                + "      s += await(Later.value(w.run()));\n"
                + "    }\n"
                + "    for (Worker w : workers) {\n"
                + "      s += await(Later.value(w.n));\n"
                + "    }\n"
                + "    return Future.ready(s);\n"
                + "  }\n"
                + "  public static Object make() { return new Workers(); }\n"
                + "}\n");
    assertEquals(36, j.run("r.WorkersAsync", "sum", j.call("r.Workers", "make")));
  }

  @Test
  void aPrivateMethodCalledFromAClassBodyKeepsItsCheckedExceptions() throws Throwable {
    // F146: lucene's SlowCodecReaderWrapper.wrap, an anonymous CodecReader whose
    // getPostingsReader() is try { return readerToFieldsProducer(reader); } catch (IOException
    // bogus) { .. } of a private method throwing IOException: its invokeX helper declared
    // nothing, and javac refused the catch ("never thrown in body of corresponding try")
    Harness j =
        Harness.compile(
            HEADER
                + "import java.io.IOException;\n"
                + "import java.util.function.*;\n"
                + "public class Throwing {\n"
                + "  private static String read(String s) throws IOException {\n"
                + "    if (s == null) throw new IOException(\"none\");\n"
                + "    return s;\n"
                + "  }\n"
                + "  private <E extends Exception> String generic(String s, E e) throws E {\n"
                + "    if (s == null) throw e;\n"
                + "    return s;\n"
                + "  }\n"
                + "  @Async Future<String> wrap(String s) {\n"
                + "    String a = await(Later.value(s));\n"
                + "    Supplier<String> sup = new Supplier<>() {\n"
                + "      public String get() {\n"
                + "        try { return read(a); } catch (IOException e) { return \"caught \" + e.getMessage(); }\n"
                + "      }\n"
                + "    };\n"
                + "    Function<String, String> f = x -> {\n"
                + "      try { return read(x); } catch (IOException e) { return \" lambda \" + e.getMessage(); }\n"
                + "    };\n"
                + "    Function<String, String> g = x -> generic(x, new IllegalStateException(\" generic\"));\n"
                + "    String r;\n"
                + "    try { r = g.apply(null); } catch (IllegalStateException e) { r = e.getMessage(); }\n"
                + "    return Future.ready(sup.get() + f.apply(null) + r);\n"
                + "  }\n"
                + "  public static Object make() { return new Throwing(); }\n"
                + "}\n");
    assertEquals("a lambda none generic", j.run("r.ThrowingAsync", "wrap", j.call("r.Throwing", "make"), "a"));
    assertEquals("caught none lambda none generic", j.run("r.ThrowingAsync", "wrap", j.call("r.Throwing", "make"), null));
  }

  @Test
  void anInnerClassCreatedInAClassBodyOfTheBodyGetsItsEnclosingInstance() throws Throwable {
    // F147: HdrHistogram's AbstractPackedArrayContext.nonZeroValues(), an anonymous Iterable
    // whose iterator() is new NonZeroValuesIterator() of an inner class: copied as written into
    // the generated class, the creation had no enclosing instance
    Harness j =
        Harness.compile(
            HEADER
                + "public class Counters {\n"
                + "  final int base;\n"
                + "  Counters(int base) { this.base = base; }\n"
                + "  class Counter implements Iterator<Integer> {\n"
                + "    int i;\n"
                + "    public boolean hasNext() { return i < base; }\n"
                + "    public Integer next() { return i++; }\n"
                + "    int base() { return base; }\n"
                + "  }\n"
                + "  @Async Future<Integer> sum() {\n"
                + "    int s = await(Later.value(0));\n"
                + "    Iterable<Integer> all = new Iterable<Integer>() {\n"
                + "      public Iterator<Integer> iterator() { return new Counter(); }\n"
                + "    };\n"
                + "    for (int x : all) s += x;\n"
                + "    Counters other = new Counters(3) {\n"
                + "      public String toString() { return \"\" + new Counter().base(); }\n"
                + "    };\n"
                + "    s += 10000 * Integer.parseInt(other.toString());\n"
                + "    Iterator<Integer> it = other.new Counter();\n"
                + "    while (it.hasNext()) s += 100 * it.next();\n"
                + "    class Local { Counter make() { return new Counter(); } }\n"
                + "    s += 1000 * await(Later.value(new Local().make().base()));\n"
                + "    return Future.ready(s);\n"
                + "  }\n"
                + "  public static Object make(int base) { return new Counters(base); }\n"
                + "}\n");
    assertEquals(30000 + 4000 + 300 + 6, j.run("r.CountersAsync", "sum", j.call("r.Counters", "make", 4)));
  }

  @Test
  void aTemporaryOfASuperCaptureOfASuperCaptureKeepsItsLowerBound() throws Throwable {
    // F152: RxJava's MaybeLift.subscribeActual, lifted = Objects.requireNonNull(operator.apply(
    // observer), "..") of a MaybeOperator<? extends R, ? super T> whose apply returns a
    // MaybeObserver<? super Upstream>: the call's value, a MaybeObserver<? super capture of ? super
    // T>, kept in a temporary across the message's await, was declared a MaybeObserver<?>
    Harness j =
        Harness.compile(
            HEADER
                + "public class Lift<T, R> {\n"
                + "  public interface Op<D, U> { List<? super U> apply(List<? super D> o); }\n"
                + "  final Op<? extends R, ? super T> operator;\n"
                + "  Lift(Op<? extends R, ? super T> operator) { this.operator = operator; }\n"
                + "  @Async Future<String> subscribe(List<? super R> observer, T t) {\n"
                + "    List<? super T> lifted;\n"
                + "    lifted = Objects.requireNonNull(operator.apply(observer), await(Later.value(\"none\")));\n"
                + "    lifted.add(t);\n"
                + "    return Future.ready(lifted + \" \" + observer);\n"
                + "  }\n"
                + "  public static Object make() {\n"
                + "    return new Lift<String, String>(o -> { o.add(\"down\"); return new ArrayList<Object>(); });\n"
                + "  }\n"
                + "}\n");
    assertEquals("[up] [down]", j.run("r.LiftAsync", "subscribe", j.call("r.Lift", "make"), new ArrayList<>(), "up"));
  }

  @Test
  void anAwaitedArgumentOfASuperCaptureParameterKeepsItsType() throws Throwable {
    // F153: RxJava's ObservableMapNotification.onNext, downstream.onNext(p) of an Observer<? super
    // ObservableSource<? extends R>>, both awaited: F132's raw argument (for a parameter typed by
    // the receiver's capture) is no subtype of the capture's lower bound, which a ? super capture
    // takes
    Harness j =
        Harness.compile(
            HEADER
                + "public class Notify<R> {\n"
                + "  public interface Sink<T> { void onNext(T t); }\n"
                + "  final Sink<? super List<? extends R>> downstream;\n"
                + "  Notify(Sink<? super List<? extends R>> downstream) { this.downstream = downstream; }\n"
                + "  @Async Future<Void> next(List<? extends R> p) {\n"
                + "    await(Later.value(downstream)).onNext(await(Later.value(p)));\n"
                + "    return Future.ready(null);\n"
                + "  }\n"
                + "  public static Object make(List<Object> out) {\n"
                + "    return new Notify<String>(out::add);\n"
                + "  }\n"
                + "}\n");
    List<Object> out = new ArrayList<>();
    j.run("r.NotifyAsync", "next", j.call("r.Notify", "make", out), List.of("a"));
    assertEquals(List.of(List.of("a")), out);
  }

  @Test
  void anAwaitedInnerClassOfACapturedGenericClassIsDeclaredWithItsOuterWildcard() throws Throwable {
    // F154: h2's Page.write(FileStore<?>.PageSerializationManager m), m awaited as the receiver of
    // a call whose argument awaits: the field keeping it was declared
    // FileStore<<captured wildcard>>.PageSerializationManager, the enclosing type's capture
    // printed as javac names it, and the generated file did not parse
    Harness j =
        Harness.compile(
            HEADER
                + "public class Store<C extends Comparable<C>> {\n"
                + "  final String name;\n"
                + "  Store(String name) { this.name = name; }\n"
                + "  public final class Manager {\n"
                + "    public String get(String s) { return name + s; }\n"
                + "  }\n"
                + "  @Async static Future<String> write(Store<?>.Manager m) {\n"
                + "    String a = await(Later.value(m)).get(await(Later.value(\"!\")));\n"
                + "    Store<? extends Comparable<?>>.Manager n = m;\n"
                + "    return Future.ready(a + await(Later.value(n)).get(await(Later.value(\"?\"))));\n"
                + "  }\n"
                + "  public static Object make() { return new Store<String>(\"s\").new Manager(); }\n"
                + "}\n");
    assertEquals("s!s?", j.run("r.StoreAsync", "write", j.call("r.Store", "make")));
  }

  @Test
  void aConditionalOfALambdaGivenToAPrivateMethodKeepsItsTarget() throws Throwable {
    // F155: h2's SingleFileStore.open(fileName, readOnly, encryptionKey == null ? null :
    // fileChannel -> new FileEncrypt(..)) of the private open(String, boolean, Function<FileChannel,
    // FileChannel>), an argument awaiting: the handle's argument was cast to the function type, and
    // a conditional in a cast context is no poly expression, "lambda expression not expected here"
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "public class Opener {\n"
                + "  private String open(String name, boolean ro, Function<String, String> wrap) {\n"
                + "    return (wrap == null ? name : wrap.apply(name)) + ro;\n"
                + "  }\n"
                + "  @Async Future<String> open(String name, boolean ro, char[] key) {\n"
                + "    String a = open(name, await(Later.value(ro)), key == null ? null : s -> s + key.length);\n"
                + "    String b = open(name, await(Later.value(ro)), key != null ? String::toUpperCase : s -> s + s);\n"
                + "    return Future.ready(a + \" \" + b);\n"
                + "  }\n"
                + "  public static Object make() { return new Opener(); }\n"
                + "}\n");
    assertEquals("ab2true ABtrue", j.run("r.OpenerAsync", "open", j.call("r.Opener", "make"), "ab", true, new char[2]));
    assertEquals("abfalse ababfalse", j.run("r.OpenerAsync", "open", j.call("r.Opener", "make"), "ab", false, null));
  }

  @Test
  void anAwaitedArgumentTypedByTheReceiversCaptureKeptAcrossAnAwaitIsKeptRaw() throws Throwable {
    // F156: RxJava's Completable.concatDelayError(sources, prefetch),
    // Flowable.fromPublisher(sources).concatMapCompletableDelayError(Functions.identity(), true,
    // prefetch) with every operand awaited: the identity, typed by the receiver's capture, is cast
    // raw as F132 says, but kept in a field (of wildcards) across the later arguments' awaits
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.Function;\n"
                + "public class Flow<T> {\n"
                + "  final List<T> items;\n"
                + "  Flow(List<T> items) { this.items = items; }\n"
                + "  public static <T> Function<T, T> identity() { return t -> t; }\n"
                + "  public String concatMap(Function<? super T, ? extends CharSequence> f, boolean b, int n) {\n"
                + "    StringBuilder s = new StringBuilder();\n"
                + "    for (T t : items) s.append(f.apply(t)).append(b ? n : -n);\n"
                + "    return s.toString();\n"
                + "  }\n"
                + "  @Async static Future<String> run(Flow<? extends CharSequence> flow, int n) {\n"
                + "    return Future.ready(await(Later.value(flow)).concatMap(await(Later.value(identity())),\n"
                + "        await(Later.value(true)), await(Later.value(n))));\n"
                + "  }\n"
                + "  public static Object make() { return new Flow<String>(List.of(\"a\", \"b\")); }\n"
                + "}\n");
    assertEquals("a2b2", j.run("r.FlowAsync", "run", j.call("r.Flow", "make"), 2));
  }

  @Test
  void aLambdaParameterTypedByAFreshFBoundedVariableIsAnErrorOnItsLine() {
    // F157: spring-core's MergedAnnotationReadingVisitor.visitEnum(name, descriptor, value),
    // visitEnum(descriptor, value, enumValue -> this.attributes.put(name, enumValue)) of a
    // <E extends Enum<E>> method: javac types enumValue by a type variable E it makes up, and
    // attributing the class again after the processor it failed, "cannot find symbol: class E"
    // on no line (JDK 17), whether the call stood in an @Async body or beside one
    Compilation c =
        Harness.compileRaw(
            HEADER
                + "import java.util.function.Consumer;\n"
                + "public class Visitor<A> {\n"
                + "  final Map<String, Object> attributes = new HashMap<>();\n"
                + "  public <E extends Enum<E>> void visitEnum(String value, Consumer<E> consumer) { }\n"
                + "  public <T> void each(List<T> l, Consumer<T> consumer) { l.forEach(consumer); }\n"
                + "  public void plain(String name, String value) {\n"
                + "    visitEnum(value, enumValue -> this.attributes.put(name, enumValue));\n"
                + "  }\n"
                + "  @Async public <B> Future<Void> twin(String name, String value, List<B> bs) {\n"
                + "    visitEnum(await(Later.value(value)), (TimeUnit u) -> this.attributes.put(name, u));\n"
                + "    each(bs, b -> this.attributes.put(name, b));\n"
                + "    return Future.ready(null);\n"
                + "  }\n"
                + "  enum TimeUnit { S }\n"
                + "}\n");
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("the type javac infers for the lambda parameter 'enumValue' is the type variable E")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("visitEnum(value, enumValue -> this.attributes.put(name, enumValue));");
  }

  @Test
  void aVariableAsTheResourceOfACopiedTryIsDeclaredAgain() throws Throwable {
    // F158: spring-core's FileCopyUtils.copy(byte[] in, OutputStream out), Assert.notNull(out, ..)
    // awaited, then try (out) { out.write(in); } copied whole: the parameter is a field of the
    // machine, which try (..) does not take ("neither final nor effectively final")
    Harness j =
        Harness.compile(
            HEADER
                + "import java.io.*;\n"
                + "public class Copier {\n"
                + "  @Async static Future<String> copy(byte[] in, ByteArrayOutputStream out) throws IOException {\n"
                + "    Objects.requireNonNull(await(Later.value(out)), \"out\");\n"
                + "    try (out) {\n"
                + "      out.write(in);\n"
                + "    }\n"
                + "    return Future.ready(out.toString());\n"
                + "  }\n"
                + "}\n");
    assertEquals("ab", j.run("r.CopierAsync", "copy", "ab".getBytes(), new java.io.ByteArrayOutputStream()));
  }

  @Test
  void anAwaitedArgumentTypedByAnotherArgumentsCaptureOfAnOverloadThatCannotApplyIsReadGenerically()
      throws Throwable {
    // F159: spring-core's AnnotatedElementUtils.findMergedAnnotation, getAnnotations(element)
    // .get(annotationType, null, MergedAnnotationSelectors.firstDirectlyDeclared()) awaited: the
    // selector, typed by annotationType's capture, goes through F106's generic reader, which
    // overloads of the same arity had turned off (get(String, ..) beside get(Class<A>, ..))
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.Predicate;\n"
                + "public class Sel {\n"
                + "  public interface Selector<A> { }\n"
                + "  public static <A> Selector<A> first() { return new Selector<A>() { }; }\n"
                + "  public static class Anns {\n"
                + "    public <A> String get(Class<A> type, Predicate<? super A> p, Selector<A> s) { return \"class \" + type.getSimpleName(); }\n"
                + "    public <A> String get(String type, Predicate<? super A> p, Selector<A> s) { return \"name \" + type; }\n"
                + "  }\n"
                + "  @Async static Future<String> find(Anns anns, Class<? extends CharSequence> type) {\n"
                + "    return Future.ready(await(Later.value(anns)).get(type, null, await(Later.value(first()))));\n"
                + "  }\n"
                + "  public static Object make() { return new Anns(); }\n"
                + "}\n");
    assertEquals("class String", j.run("r.SelAsync", "find", j.call("r.Sel", "make"), String.class));
  }

  @Test
  void anAwaitedValueWithAnAnonymousClassAmongItsTypeArgumentsIsWrittenWithAWildcard() throws Throwable {
    // F160: jetty-util's ExecutorThreadPool.dump, Thread.getAllStackTraces().entrySet().stream()
    // .filter(..).map(entry -> { ..; return new Dumpable() {..}; }) awaited, then
    // .collect(Collectors.toList()): the temporary's type, Stream<ExecutorThreadPool$2>, names an
    // anonymous class as a type argument, which JavaPoet cannot write (an internal error)
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.stream.*;\n"
                + "public class Dumps {\n"
                + "  interface Named { String name(); }\n"
                + "  @Async static Future<String> names(List<String> in) {\n"
                + "    List<Named> out = await(Later.value(in.stream().map(s -> new Named() { public String name() { return s + \"!\"; } })))\n"
                + "        .collect(Collectors.toList());\n"
                + "    List<Named> nested = await(Later.value(List.of(in.stream().map(s -> new Named() { public String name() { return s + \"?\"; } })))).get(0)\n"
                + "        .collect(Collectors.toList());\n"
                + "    long n = await(Later.value(in.stream().map(s -> new Object() { }))).count();\n"
                + "    return Future.ready(Stream.concat(out.stream(), nested.stream()).map(Named::name).collect(Collectors.joining(\",\")) + n);\n"
                + "  }\n"
                + "}\n");
    assertEquals("a!,b!,a?,b?2", j.run("r.DumpsAsync", "names", List.of("a", "b")));
  }

  @Test
  void aPrivateTypedValueGivenToASuperCaptureParameterIsCastToItsLowerBound() throws Throwable {
    // F161: jetty-util's ServiceLoaderSpliterator.tryAdvance(Consumer<? super Provider<T>> action),
    // ServiceProvider<T> next = ..; action.accept(next) of the private ServiceProvider: the value,
    // kept as Object, was cast to the parameter's capture's upper bound, ((Object) next), which
    // the capture of ? super Provider<T> does not take
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.function.*;\n"
                + "public class Spl<T> {\n"
                + "  private static class Box<T> implements Supplier<T> {\n"
                + "    final T t;\n"
                + "    Box(T t) { this.t = t; }\n"
                + "    public T get() { return t; }\n"
                + "  }\n"
                + "  @Async public Future<String> advance(Consumer<? super Supplier<T>> action, T t) {\n"
                + "    Box<T> next = new Box<>(await(Later.value(t)));\n"
                + "    action.accept(next);\n"
                + "    return Future.ready(\"advanced\");\n"
                + "  }\n"
                + "  public static String run() throws Throwable {\n"
                + "    List<Object> got = new ArrayList<>();\n"
                + "    Consumer<Object> c = s -> got.add(((Supplier<?>) s).get());\n"
                + "    return Machina.blockOn(SplAsync.advance(new Spl<String>(), c, \"x\")) + got;\n"
                + "  }\n"
                + "}\n");
    assertEquals("advanced[x]", j.call("r.Spl", "run"));
  }

  @Test
  void anAwaitedValueTypedByARawArgumentOfAGenericBoundIsCastRaw() throws Throwable {
    // F162: micronaut-core's DefaultMutableConversionService.registerDefaultConverters,
    // addInternalConverter(CharSequence.class, Enum.class, new CharSequenceToEnumConverter<>())
    // with the converter awaited: javac infers CharSequenceToEnumConverter<Enum> (raw Enum, from
    // the Class<Enum>) for CharSequenceToEnumConverter<T extends Enum<T>>, and the value's cast,
    // written so, was "type argument Enum is not within bounds of type-variable T"
    Harness j =
        Harness.compile(
            HEADER
                + "public class Conv {\n"
                + "  public interface Converter<S, T> { Optional<T> convert(S s, Class<T> type); }\n"
                + "  public static final class ToEnum<T extends Enum<T>> implements Converter<CharSequence, T> {\n"
                + "    public Optional<T> convert(CharSequence s, Class<T> type) { return Optional.of(Enum.valueOf(type, s.toString())); }\n"
                + "  }\n"
                + "  final Map<Class<?>, Converter<?, ?>> converters = new HashMap<>();\n"
                + "  public <S, T> void add(Class<S> source, Class<T> target, Converter<S, T> c) { converters.put(target, c); }\n"
                + "  @SuppressWarnings(\"unchecked\") @Async public Future<String> register() {\n"
                + "    add(CharSequence.class, Enum.class, await(Later.value(new ToEnum<>())));\n"
                + "    return Future.ready(converters.keySet().toString());\n"
                + "  }\n"
                + "  public static Object make() { return new Conv(); }\n"
                + "}\n");
    assertEquals("[class java.lang.Enum]", j.run("r.ConvAsync", "register", j.call("r.Conv", "make")));
  }

  @Test
  void anAwaitOfAnExpressionLongerThanAStringConstantHoldsIsShortenedInTheStateTable()
      throws Throwable {
    // F163: zxing's Version.buildVersions, return new Version[] {new Version(1, .., new
    // ECBlocks(..)), ..} with every operand awaited: the outermost await's source, one row of
    // the state table, was 82 KB, and no chunking of the rows fits a row over 65535 bytes in a
    // string constant ("constant string too long")
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 4500; i++) {
      numbers.append(i == 0 ? "" : ", ").append("aLongNumberName");
    }
    Harness j =
        Harness.compile(
            HEADER
                + "public class Versions {\n"
                + "  @Async static Future<String> sum(int aLongNumberName) {\n"
                + "    int[] a = await(Later.value(new int[] {" + numbers + "}));\n"
                + "    return Future.ready(a.length + \" \" + Arrays.stream(a).sum());\n"
                + "  }\n"
                + "}\n");
    assertEquals("4500 9000", j.run("r.VersionsAsync", "sum", 2));
    assertTrue(j.source("r.VersionsAsync").contains("new int[] {aLongNumberName, aLongNumberName"));
    assertTrue(j.source("r.VersionsAsync").contains(" ...)"));
  }

  @Test
  void aGenericCallInsideAnAwaitHasTheTypeVariablesItsResultDoesNotNameBound() throws Throwable {
    // F164: log4j-core's JndiManager.getDefaultManager, getManager(name, FACTORY, null) of
    // <M extends AbstractManager, T> M getManager(String, ManagerFactory<M, T>, T) with the
    // private-typed FACTORY awaited and the call an argument of ready(..): javac types the
    // method select there (String, ManagerFactory<JndiManager, T>, T), leaving T, and the
    // value's cast named it, ((ManagerFactory<JndiManager, T>) r): "cannot find symbol: class T"
    Harness j =
        Harness.compile(
            HEADER
                + "public class Mgr {\n"
                + "  final String name;\n"
                + "  Mgr(String name) { this.name = name; }\n"
                + "  public interface Factory<M, T> { M make(String name, T data); }\n"
                + "  public static <M extends Mgr, T> M get(String name, Factory<M, T> f, T data) { return f.make(name, data); }\n"
                + "  private static class Data { final int n; Data(int n) { this.n = n; } }\n"
                + "  private static class DataFactory implements Factory<Mgr, Data> {\n"
                + "    public Mgr make(String name, Data d) { return new Mgr(name + d.n); }\n"
                + "  }\n"
                + "  private static class PropsFactory implements Factory<Mgr, Properties> {\n"
                + "    public Mgr make(String name, Properties p) { return new Mgr(name + p); }\n"
                + "  }\n"
                + "  private static final DataFactory DATA = new DataFactory();\n"
                + "  private static final PropsFactory PROPS = new PropsFactory();\n"
                + "  @Async public static Future<String> manager(String name) {\n"
                + "    Mgr a = get(name, await(Later.value(PROPS)), null);\n"
                + "    Mgr b = await(Later.value(get(name, await(Later.value(PROPS)), new Properties())));\n"
                + "    Mgr c = await(Later.value(get(name, await(Later.value(DATA)), new Data(await(Later.value(3))))));\n"
                + "    return Future.ready(get(a.name + b.name + c.name, DATA, await(Later.value(new Data(4)))).name);\n"
                + "  }\n"
                + "}\n");
    assertEquals("mnullm{}m34", j.run("r.MgrAsync", "manager", "m"));
  }

  @Test
  void aPrivateGenericMethodWhoseTypeVariableIsBoundedByAnotherPackagesProtectedTypeIsCalled()
      throws Throwable {
    // F165: log4j-core's JdbcDatabaseManager.getManager, a private <T extends AbstractFactoryData>
    // method of a subclass in another package than AbstractDatabaseManager, whose protected
    // nested AbstractFactoryData the handle's erased type names: the check of the handle's
    // signature read the parameter's type T, not its erasure, and the generated file said
    // "AbstractFactoryData has protected access in AbstractDatabaseManager". It was an error on
    // the call, as for a parameter typed AbstractFactoryData itself; since protected nested
    // types of another package are kept as Object like private ones, the handle's type writes
    // Object for it and the call runs.
    Harness h =
        Harness.compile(
            "package a;\n"
                + "public abstract class Base {\n"
                + "  protected abstract static class Data { public abstract String name(); }\n"
                + "}\n",
            "package b;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "public class Sub extends a.Base {\n"
                + "  static final class Mine extends Data { public String name() { return \"mine\"; } }\n"
                + "  private static <T extends Data> String get(String n, T data) { return n + data.name(); }\n"
                + "  @Async public static Future<String> manager(String name) {\n"
                + "    return Future.ready(get(await(Later.value(name)), new Mine()));\n"
                + "  }\n"
                + "}\n");
    assertEquals("m-mine", h.run("b.SubAsync", "manager", "m-"));
  }

  @Test
  void valuesWhoseTypeArgumentsHoldCapturesInsideAreKeptAsWildcardsOfThem() throws Throwable {
    // F166: assertj-core's SoftProxies.createMapSizeAssertProxy, constructor.newInstance(
    // mapSizeAssert.returnToMap(), await(..)) of a MapSizeAssert<?, ?>, whose returnToMap()
    // is AbstractMapAssert<MapAssert<CAP#1, CAP#2>, Map<CAP#1, CAP#2>, CAP#1, CAP#2>: the value
    // kept across the await was typed AbstractMapAssert<MapAssert<?, ?>, Map<?, ?>, ?, ?>, "not
    // within bounds of type-variable SELF" (and no supertype of the value: type arguments are
    // invariant); Maps' other.entrySet().toArray(await(..)) of a Map<? extends K, ? extends V>,
    // a Set<Entry<? extends K, ? extends V>> "cannot be converted"
    Harness j =
        Harness.compile(
            HEADER
                + "public class Nest {\n"
                + "  public abstract static class Base<S extends Base<S, K>, K> { public abstract String k(); }\n"
                + "  public static final class Impl<K> extends Base<Impl<K>, K> {\n"
                + "    final K k;\n"
                + "    Impl(K k) { this.k = k; }\n"
                + "    public String k() { return \"i\" + k; }\n"
                + "  }\n"
                + "  public static final class Size<K> {\n"
                + "    final K k;\n"
                + "    public Size(K k) { this.k = k; }\n"
                + "    public Base<Impl<K>, K> back() { return new Impl<>(k); }\n"
                + "  }\n"
                + "  static String join(Object a, Object b) { return (a instanceof Base<?, ?> x ? x.k() : \"?\") + b; }\n"
                + "  @Async public static Future<String> size(Size<?> s) {\n"
                + "    String a = join(s.back(), await(Later.value(\"!\")));\n"
                + "    String b = join(await(Later.value(s.back())), await(Later.value(\"?\")));\n"
                + "    return Future.ready(a + b);\n"
                + "  }\n"
                + "  @Async public static <K, V> Future<Integer> entries(Map<? extends K, ? extends V> other) {\n"
                + "    return Future.ready(other.entrySet().toArray(await(Later.value(new Map.Entry<?, ?>[0]))).length);\n"
                + "  }\n"
                + "}\n");
    assertEquals("i7!i7?", j.run("r.NestAsync", "size", j.load("r.Nest$Size").getConstructor(Object.class).newInstance(7)));
    assertEquals(2, j.run("r.NestAsync", "entries", Map.of(1, 2, 3, 4)));
  }

  @Test
  void aPrivateMethodReferenceOfACapturedStreamIsCastToItsGroundFunctionType() throws Throwable {
    // F167: assertj-core's Throwables.addLineNumberToErrorMessages, errors.stream().map(
    // Throwables::addLineNumberToErrorMessage) of a List<? extends T>, and DualValueDeque.addAll,
    // collection.stream().filter(this::shouldAddDualKey) of a Collection<? extends DualValue>:
    // the reference to the private method became a lambda cast to the denotable form of its
    // type, (Function<? extends T, T>) and (Predicate<? extends DualValue>), whose capture is
    // no Function<? super CAP#1, ..> of the stream's own capture: "cannot be applied"
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.stream.Collectors;\n"
                + "public class Refs {\n"
                + "  private static <T extends CharSequence> T same(T t) { return t; }\n"
                + "  private static String twice(CharSequence s) { return s + \"\" + s; }\n"
                + "  private boolean longer(CharSequence s) { return s.length() > 1; }\n"
                + "  @Async public static <T extends CharSequence> Future<List<T>> same(List<? extends T> l) {\n"
                + "    return Future.ready(await(Later.value(l)).stream().map(Refs::same).collect(Collectors.toList()));\n"
                + "  }\n"
                + "  @Async public Future<String> longer(Collection<? extends CharSequence> c) {\n"
                + "    return Future.ready(await(Later.value(c)).stream().filter(this::longer).map(Refs::twice)\n"
                + "        .collect(Collectors.joining(\",\")));\n"
                + "  }\n"
                + "}\n");
    assertEquals(List.of("a", "bc"), j.run("r.RefsAsync", "same", List.of("a", "bc")));
    assertEquals("bcbc,dede", j.run("r.RefsAsync", "longer", j.instance("r.Refs"), List.of("a", "bc", "de")));
  }

  @Test
  void aValueOfAPackagePrivateTypeOfAnotherPackageIsAnErrorOnItsLine() {
    // F168: guice's Scopes.getInjector, return ((BindingImpl<?>) binding).getInjector() with the
    // call awaited: the public BindingImpl.getInjector() of com.google.inject.internal returns
    // its package-private InjectorImpl, which the machine in com.google.inject cast the value to
    // ("InjectorImpl is not public in com.google.inject.internal"); an error on the line since,
    // as for a protected type of another package (F165), and for a local variable of that type
    Compilation c =
        Harness.compileRaw(
            "package a;\n"
                + "final class Impl implements Runnable {\n"
                + "  public void run() {}\n"
                + "}\n",
            "package a;\n"
                + "public class Api { public Impl get() { return new Impl(); } }\n",
            "package b;\n"
                + "import dev.machina.*;\n"
                + "import static dev.machina.Await.await;\n"
                + "import dev.machina.processor.testing.Later;\n"
                + "public class User {\n"
                + "  static String join(Object a, Object b) { return a + \"\" + b; }\n"
                + "  @Async public static Future<Runnable> direct(a.Api api) {\n"
                + "    return Future.ready(await(Later.value(api.get())));\n"
                + "  }\n"
                + "  @Async public static Future<String> kept(a.Api api) {\n"
                + "    return Future.ready(join(api.get(), await(Later.value(\"!\"))));\n"
                + "  }\n"
                + "}\n");
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("cannot name the package-private type of another package Impl: make Impl public")
        .inFile(c.sourceFiles().get(2))
        .onLineContaining("return Future.ready(await(Later.value(api.get())));");
    assertThat(c)
        .hadErrorContaining("cannot name the package-private type of another package Impl: make Impl public")
        .inFile(c.sourceFiles().get(2))
        .onLineContaining("return Future.ready(join(api.get(), await(Later.value(\"!\"))));");
  }

  @Test
  void anAnonymousClassOfAGenericInnerClassKeepsItsTypeArguments() throws Throwable {
    // F169: guice's UntargettedBindingProcessor.visit, binding.acceptTargetVisitor(new
    // Processor<T, Boolean>((BindingImpl<T>) binding) { public Boolean visit(
    // UntargettedBinding<? extends T> u) {..} }) with the instance awaited, Processor an inner
    // class of the superclass: written self.new Processor(..) { .. }, raw, whose methods then
    // overrode nothing ("name clash: visit(UntargettedBinding<? extends T>) .. have the same
    // erasure, yet neither overrides the other")
    Harness j =
        Harness.compile(
            HEADER
                + "public class Sub extends Base {\n"
                + "  @Async public <T> Future<String> f(T t) {\n"
                + "    Inner<T, String> in = await(Later.value(new Inner<T, String>(t) {\n"
                + "      @Override String get(List<? extends T> l) { return tag + s + l.size(); }\n"
                + "    }));\n"
                + "    Inner<T, Integer> n = new Inner<T, Integer>(await(Later.value(t))) {\n"
                + "      @Override Integer get(List<? extends T> l) { return l.size() + 1; }\n"
                + "    };\n"
                + "    return Future.ready(in.get(List.of(t)) + n.get(List.of(t, t)));\n"
                + "  }\n"
                + "}\n",
            "package r;\n"
                + "import java.util.*;\n"
                + "public class Base {\n"
                + "  final String tag = \"t\";\n"
                + "  abstract class Inner<S, V> {\n"
                + "    final S s;\n"
                + "    Inner(S s) { this.s = s; }\n"
                + "    abstract V get(List<? extends S> l);\n"
                + "  }\n"
                + "}\n");
    assertEquals("tx13", j.run("r.SubAsync", "f", j.instance("r.Sub"), "x"));
  }

  @Test
  void anAwaitedGenericCallTypedByAPrivateTypeKeepsATargetForItsInference() throws Throwable {
    // F170: zookeeper's Commands.VotingViewCommand.runGet, ..stream().collect(await(ready(
    // Collectors.toMap(Map.Entry::getKey, e -> new QuorumServerView(e.getValue()))))) with the
    // private QuorumServerView: the future stored in the machine's awaiting lost the target
    // type javac inferred toMap's T from (F65's target is left out where the type names a
    // private type), and Map.Entry::getKey of an Object "cannot be applied"
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.stream.Collectors;\n"
                + "public class Views {\n"
                + "  private static class View {\n"
                + "    final String v;\n"
                + "    View(String v) { this.v = v; }\n"
                + "    @Override public String toString() { return \"<\" + v + \">\"; }\n"
                + "  }\n"
                + "  @Async public static Future<String> views(Map<Long, String> m) {\n"
                + "    Map<Long, View> out = new TreeMap<>(m).entrySet().stream()\n"
                + "        .collect(await(Later.value(Collectors.toMap(Map.Entry::getKey, e -> new View(e.getValue())))));\n"
                + "    return Future.ready(new TreeMap<>(out).toString());\n"
                + "  }\n"
                + "}\n");
    assertEquals("{1=<a>, 2=<b>}", j.run("r.ViewsAsync", "views", Map.of(1L, "a", 2L, "b")));
  }

  @Test
  void aLeftTypeVariableIsBoundByItsEqualityConstraintBeforeAnArgumentsSubtype() throws Throwable {
    // F171: freemarker's BeansWrapperBuilder.build, getBeansWrapperSubclassSingleton(this,
    // INSTANCE_CACHE, INSTANCE_CACHE_REF_QUEUE, BeansWrapperFactory.INSTANCE) of <BW, BWC>
    // (BWC settings, Map<ClassLoader, Map<BWC, ..>>, .., Factory<BW, BWC>) inside ready(..), the
    // private factory awaited: F164's binding of the left BWC took the first argument's type,
    // BeansWrapperBuilder (a subtype: a lower bound only), not the map's BeansWrapperConfiguration
    // (an equality), and the factory was cast to Factory<BeansWrapper, BeansWrapperBuilder>:
    // "inference variable BWC has incompatible equality constraints"
    Harness j =
        Harness.compile(
            HEADER
                + "public class Wrap {\n"
                + "  public static class Conf { }\n"
                + "  public static class Builder extends Conf { }\n"
                + "  public interface Factory<W, C extends Conf> { W create(C c); }\n"
                + "  public static <W, C extends Conf> W single(C settings, Map<String, Map<C, W>> cache, Factory<W, C> f) {\n"
                + "    return f.create(settings);\n"
                + "  }\n"
                + "  private static class Fac implements Factory<String, Conf> {\n"
                + "    public String create(Conf c) { return \"made:\" + c.getClass().getSimpleName(); }\n"
                + "  }\n"
                + "  private static final Fac INSTANCE = new Fac();\n"
                + "  private static final Map<String, Map<Conf, String>> CACHE = new HashMap<>();\n"
                + "  @Async public static Future<String> build(Builder b) {\n"
                + "    return Future.ready(single(b, await(Later.value(CACHE)), await(Later.value(INSTANCE))));\n"
                + "  }\n"
                + "}\n");
    assertEquals("made:Builder", j.run("r.WrapAsync", "build", j.load("r.Wrap$Builder").getConstructor().newInstance()));
  }

  @Test
  void aMemberAPrivateTypeOfAWildcardInheritsIsCalledThroughItsCapturedSupertype() throws Throwable {
    // F179: vertx-core's FutureImpl.removeListener, ((ListenerArray<?>) listener).remove(l) of a
    // private ListenerArray<T> extends ArrayList<Completable<? super T>>: the receiver was cast
    // to javac's supertype of the uncaptured ListenerArray<?>, which substitutes the wildcard
    // itself, (ArrayList<Completable<? super ?>>): a generated file that did not parse
    Harness j =
        Harness.compile(
            HEADER
                + "public class Lst<T> {\n"
                + "  @SuppressWarnings(\"serial\") private static class Arr<T> extends ArrayList<Comparable<? super T>> { }\n"
                + "  private Object listener;\n"
                + "  public Lst() { Arr<String> a = new Arr<>(); a.add(\"x\"); a.add(\"y\"); listener = a; }\n"
                + "  @Async public Future<String> remove(Comparable<? super T> l) {\n"
                + "    Object o = await(Later.value(listener));\n"
                + "    boolean r = false;\n"
                + "    if (o instanceof Arr<?>) { Arr<?> a = (Arr<?>) o; r = a.remove(l); return Future.ready(r + \":\" + a.size()); }\n"
                + "    return Future.ready(\"none\");\n"
                + "  }\n"
                + "}\n");
    assertEquals("true:1", j.run("r.LstAsync", "remove", j.load("r.Lst").getConstructor().newInstance(), "x"));
  }

  @Test
  void anArgumentForAParameterThatTheReceiverTypesWithAPrivateTypeGoesRaw() throws Throwable {
    // F180: vertx-core's EndpointResolverImpl.lookupEndpoint, resolved.endpoint.onComplete(promise)
    // of a Future<EndpointImpl> (a private class) and a Completable<Endpoint>: the generated class
    // writes the receiver Future<Object>, whose onComplete(Completable<? super T>) takes no
    // Completable<Endpoint>, "no suitable method found"
    Harness j =
        Harness.compile(
            HEADER
                + "public class Ep {\n"
                + "  public interface Sink<T> { void take(T t); }\n"
                + "  public interface Base { String name(); }\n"
                + "  public static class Box<T> {\n"
                + "    final T v;\n"
                + "    Box(T v) { this.v = v; }\n"
                + "    public void onDone(Sink<? super T> s) { s.take(v); }\n"
                + "  }\n"
                + "  private static class Impl implements Base { public String name() { return \"impl\"; } }\n"
                + "  private final Box<Impl> box = new Box<>(new Impl());\n"
                + "  @Async public Future<String> look(List<String> out) {\n"
                + "    Sink<Base> sink = b -> out.add(b.name());\n"
                + "    await(Later.value(box)).onDone(await(Later.value(sink)));\n"
                + "    Box<Impl> b = box;\n"
                + "    await(Later.value(1));\n"
                + "    b.onDone(sink);\n"
                + "    return Future.ready(String.join(\",\", out));\n"
                + "  }\n"
                + "}\n");
    assertEquals("impl,impl", j.run("r.EpAsync", "look", j.load("r.Ep").getConstructor().newInstance(), new ArrayList<String>()));
  }

  @Test
  void anEnclosingClassesSuperInAClassBodyOfTheBodyIsLowered() throws Throwable {
    // F181: netty-transport's FixedChannelPool.closeAsync, an anonymous Callable whose call()
    // runs FixedChannelPool.super.close(): "super is not supported here in @Async bodies" on
    // the user's line, though DIAGNOSTICS.md says every form of super is lowered; an
    // interface's I.super in such a class body is the class body's own, copied as written
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.concurrent.Callable;\n"
                + "public class Pool extends Base {\n"
                + "  @Override public String close() { return \"pool\"; }\n"
                + "  @Async public Future<String> closeLater() throws Exception {\n"
                + "    Callable<String> c = await(Later.value(new Callable<String>() {\n"
                + "      public String call() { return Pool.super.close() + Pool.super.n + close(); }\n"
                + "    }));\n"
                + "    Named named = new Named() {\n"
                + "      @Override public String name() { return Named.super.name() + \"!\"; }\n"
                + "    };\n"
                + "    return Future.ready(c.call() + \":\" + await(Later.value(named)).name());\n"
                + "  }\n"
                + "}\n",
            HEADER + "public class Base { public String close() { return \"base\"; } protected int n = 7; }\n",
            HEADER + "public interface Named { default String name() { return \"named\"; } }\n");
    assertEquals("base7pool:named!", j.run("r.PoolAsync", "closeLater", j.load("r.Pool").getConstructor().newInstance()));
  }

  @Test
  void aTryWhoseFinallyCannotCompleteNormallyEndsTheBodyThere() throws Throwable {
    // F182: undertow-core's AbstractFramedStreamSinkConduit.doWrite, whose catch block ends in
    // try { .. await .. } finally { throw e; }: the try statement cannot complete normally
    // (JLS 14.22), but the lowering continued after it as if it could, and refused the method
    // with "@Async method can complete without returning"
    Harness j =
        Harness.compile(
            HEADER
                + "import java.io.IOException;\n"
                + "@SuppressWarnings(\"finally\")\n"
                + "public class Fin {\n"
                + "  @Async public static Future<Long> write(List<String> out, boolean fail) throws IOException {\n"
                + "    try {\n"
                + "      if (fail) throw new IOException(\"x\");\n"
                + "      return Future.ready(await(Later.value(1L)));\n"
                + "    } catch (IOException | RuntimeException e) {\n"
                + "      try {\n"
                + "        out.add(await(Later.value(\"cleanup\")));\n"
                + "      } finally {\n"
                + "        throw e;\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "  @Async public static Future<Long> always(List<String> out) throws IOException {\n"
                + "    try {\n"
                + "      out.add(await(Later.value(\"more\")));\n"
                + "    } finally {\n"
                + "      throw new IOException(\"y\");\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
    List<String> out = new ArrayList<>();
    assertEquals(1L, j.run("r.FinAsync", "write", out, false));
    Throwable x = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> j.run("r.FinAsync", "write", out, true));
    Throwable y = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> j.run("r.FinAsync", "always", out));
    assertEquals("x y [cleanup, more]", x.getMessage() + " " + y.getMessage() + " " + out);
  }

  @Test
  void aPrivateValueGivenToAParameterTypedWithCapturesIsCastToItsOwnSupertype() throws Throwable {
    // F183: undertow-core's DetachableStreamSinkChannel, delegate.getWriteSetter().set(new
    // SetterDelegatingListener(..)): set(ChannelListener<? super CAP#1>) of a Setter<? extends
    // StreamSinkChannel>, given a private ChannelListener<StreamSinkChannel>; the value, kept as
    // Object, was cast to the parameter written with wildcards, (ChannelListener<?>), which is no
    // ChannelListener<? super CAP#1>: "incompatible types" in the generated file
    Harness j =
        Harness.compile(
            HEADER
                + "public class Det {\n"
                + "  public interface Listener<T> { String on(T t); }\n"
                + "  public interface Setter<T> { void set(Listener<? super T> l); }\n"
                + "  public static class SinkChan { }\n"
                + "  public static class Holder {\n"
                + "    Listener<? super SinkChan> got;\n"
                + "    public Setter<? extends SinkChan> setter() { return l -> got = l; }\n"
                + "  }\n"
                + "  private static class Delegating implements Listener<SinkChan> {\n"
                + "    public String on(SinkChan c) { return \"delegated\"; }\n"
                + "  }\n"
                + "  @Async public static Future<String> f(Holder h) {\n"
                + "    await(Later.value(h)).setter().set(new Delegating());\n"
                + "    return Future.ready(h.got.on(new SinkChan()));\n"
                + "  }\n"
                + "}\n");
    assertEquals("delegated", j.run("r.DetAsync", "f", j.load("r.Det$Holder").getConstructor().newInstance()));
  }

  @Test
  void aConditionalOfGenericCallsMeetingInALocalClassGivenToAGenericCallIsAnErrorOnItsLine() {
    // F184: undertow-core's PathResource.serveImpl at density 1, ready(c ? await(ready(new
    // ServerTask())) : await(ready(new TransferTask()))) of local classes extending the local
    // BaseFileTask: javac's second attribution of a class the processor attributed reuses the
    // types it cached for such an argument and looks the local class up in the source file,
    // "cannot access BaseFileTask", "duplicate class" (javac 25), a crash (javac 17); even in a
    // method without @Async. An error on the conditional since, saying what to write; the same
    // with one operand a plain creation compiles
    Compilation c =
        Harness.compileRaw(
            HEADER
                + "public class Loc {\n"
                + "  static <X> X id(X x) { return x; }\n"
                + "  static String g(boolean c) {\n"
                + "    abstract class Base implements Runnable { }\n"
                + "    class A extends Base { public void run() { } }\n"
                + "    class B extends Base { public void run() { } }\n"
                + "    Base t = id(c ? id(new A()) : id(new B()));\n"
                + "    Base u = id(c ? id(new A()) : new B());\n"
                + "    return \"\" + t + u;\n"
                + "  }\n"
                + "  @Async public static Future<String> f() { return Future.ready(await(Later.value(\"x\"))); }\n"
                + "}\n");
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("generic calls that meet in the local class Base")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("Base t = id(c ? id(new A()) : id(new B()));");
  }

  @Test
  void aValueOfAPrivateGenericTypeAssignedToAnArrayElementCompiles() throws Throwable {
    // F193: commons-lang3's FastDateParser.getCache, caches[field] = new ConcurrentHashMap<>(3) of
    // a ConcurrentMap<Locale, Strategy>[] with a private Strategy: the check for a field reached
    // through a handle asked for the element of an array access, which has none (internal error)
    Harness j =
        Harness.compile(
            HEADER
                + "import java.util.concurrent.ConcurrentHashMap;\n"
                + "import java.util.concurrent.ConcurrentMap;\n"
                + "public class Caches {\n"
                + "  private static class Strategy { }\n"
                + "  @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n"
                + "  private static final ConcurrentMap<Locale, Strategy>[] caches = new ConcurrentMap[3];\n"
                + "  @Async static Future<Integer> cache(Future<Integer> f) {\n"
                + "    int field = await(f);\n"
                + "    if (caches[field] == null) {\n"
                + "      caches[field] = new ConcurrentHashMap<>(3);\n"
                + "    }\n"
                + "    caches[field].put(Locale.ROOT, new Strategy());\n"
                + "    return Future.ready(caches[field].size() + field);\n"
                + "  }\n"
                + "}\n");
    assertEquals(3, j.run("r.CachesAsync", "cache", Later.value(2)));
  }

  @Test
  void aTemporaryNamedAfterAnEnumConstantDoesNotCollideWithAStateConstant() throws Throwable {
    // F185: camel-base-engine's AbstractCamelContext.startRoute, DefaultRouteError.set(this,
    // await(..), Phase.START, await(..)): the enum constant, read before the later await, was
    // kept in a temporary named after it, START, the name of the machine's first state constant:
    // "variable START is already defined" in the generated file
    Harness j =
        Harness.compile(
            HEADER
                + "public class Phases {\n"
                + "  public enum Phase { START, END_IF }\n"
                + "  static String set(String id, Phase p, String e, Phase q) { return id + p + e + q; }\n"
                + "  @Async public static Future<String> f(String id, boolean b) {\n"
                + "    String r = set(await(Later.value(id)), Phase.START, await(Later.value(\"e\")), Phase.END_IF);\n"
                + "    if (b) { r = set(r, Phase.END_IF, await(Later.value(\"f\")), Phase.START); }\n"
                + "    return Future.ready(r);\n"
                + "  }\n"
                + "}\n");
    assertEquals("aSTARTeEND_IF", j.run("r.PhasesAsync", "f", "a", false));
    assertEquals("aSTARTeEND_IFEND_IFfSTART", j.run("r.PhasesAsync", "f", "a", true));
  }

  @Test
  void aLocalFirstStoredInAConditionalAndSplitAtAnAwaitIsDeclaredWithADefault() throws Throwable {
    // F186: ehcache's ConcurrentHashMap.EntrySetView.remove, (o instanceof Map.Entry) && (k = (e =
    // (Map.Entry<?,?>) o).getKey()) != null && await(ready(v = e.getValue())) != null && ..: the
    // operands before the await were kept in a boolean and tested apart, after which javac could
    // not tell e was assigned: "variable e might not have been initialized" in the generated file
    Harness j =
        Harness.compile(
            HEADER
                + "public class Entries {\n"
                + "  @Async public static Future<Boolean> remove(Object o, Map<Object, Object> map) {\n"
                + "    Object k, v; Map.Entry<?, ?> e;\n"
                + "    return Future.ready((o instanceof Map.Entry) && (k = (e = (Map.Entry<?, ?>) o).getKey()) != null\n"
                + "        && await(Later.value(v = e.getValue())) != null && map.remove(k, v));\n"
                + "  }\n"
                + "  @Async public static Future<String> pick(Object o, boolean c) {\n"
                + "    String s;\n"
                + "    String r = c || (s = String.valueOf(o)).isEmpty() ? \"c\" : s.length() + await(Later.value(\"!\"));\n"
                + "    return Future.ready(r);\n"
                + "  }\n"
                + "}\n");
    Map<Object, Object> map = new java.util.HashMap<>(Map.of("a", 1));
    assertEquals(false, j.run("r.EntriesAsync", "remove", "x", map));
    assertEquals(false, j.run("r.EntriesAsync", "remove", Map.entry("a", 2), map));
    assertEquals(true, j.run("r.EntriesAsync", "remove", Map.entry("a", 1), map));
    assertEquals("{} c 3!", map + " " + j.run("r.EntriesAsync", "pick", "abc", true) + " " + j.run("r.EntriesAsync", "pick", "abc", false));
  }
}
