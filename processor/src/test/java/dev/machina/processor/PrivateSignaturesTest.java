package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Async} methods whose signatures name a type the generated class cannot name (a private
 * nested type): the factory takes such a parameter as its erasure
 * written ({@code Object}, {@code Object[]}, raw {@code List}) and returns {@code Future<R>},
 * {@code R} inferred from the caller's context; the dispatch to overrides names such a class by
 * its binary name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateSignaturesTest {
  private static final String HEADER =
      "package r;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n";

  private static final String SHOP =
      HEADER
          + """
          public class Shop {
            private record Page(String name, int n) {}
            private static final class Cart {
              private final List<Page> pages = new ArrayList<>();
              @Async Future<Page> first(Future<Integer> f) {
                int n = await(f);
                return Future.ready(pages.isEmpty() ? new Page("none", n) : pages.get(0));
              }
              @Async Future<Integer> add(Page p, Future<Integer> f) {
                pages.add(new Page(p.name(), p.n() + await(f)));
                return Future.ready(pages.size());
              }
            }
            private final String tag;
            public Shop(String tag) { this.tag = tag; }
            @Async private Future<Page> fetch(String name, Future<Integer> f) {
              return Future.ready(new Page(tag + name, await(f)));
            }
            @Async static Future<List<Page>> scaled(List<Page> in, Future<Integer> f, Page... more) {
              int k = await(f);
              List<Page> out = new ArrayList<>(in);
              for (Page p : more) out.add(new Page(p.name(), p.n() * k));
              return Future.ready(out);
            }
            @Async final Future<Map<String, Page>> index(Map<String, Page> byName, Future<Integer> f) {
              int k = await(f);
              Map<String, Page> out = new TreeMap<>(byName);
              out.put("k", new Page("k", k));
              return Future.ready(out);
            }
            @Async public Future<String> run(Future<Integer> f) {
              Page p = await(fetch("a", f));
              List<Page> l = await(scaled(List.of(p), Later.value(10), new Page("b", 2), new Page("c", 3)));
              Cart c = new Cart();
              int size = await(Shop_CartAsync.add(c, l.get(1), Later.value(1)));
              Page first = await(Shop_CartAsync.first(c, Later.value(0)));
              Map<String, Page> m = await(index(Map.of("a", p), Later.value(5)));
              return Future.ready(p + " " + l + " " + size + " " + first + " " + m.keySet());
            }
            static class Shelf {
              @Async Future<Page> pick(Page p, Page[] rest, Future<Integer> f) {
                return Future.ready(new Page("shelf " + p.name() + rest.length, await(f)));
              }
            }
            static class Fancy extends Shelf {
              @Override @Async Future<Page> pick(Page p, Page[] rest, Future<Integer> f) {
                Page base = await(Shop_ShelfAsync.pick$super(this, p, rest, f));
                return Future.ready(new Page("fancy " + base.name(), base.n() + 1));
              }
            }
            static class Simple extends Shelf {
              @Override Future<Page> pick(Page p, Page[] rest, Future<Integer> f) {
                return Future.ready(new Page("simple " + p.name(), 0));
              }
            }
            @Async static Future<String> shelves(Future<Integer> f) {
              String out = "";
              for (Shelf s : List.of(new Shelf(), new Fancy(), new Simple())) {
                out += await(s.pick(new Page("a", 1), new Page[2], f)) + "; ";
              }
              return Future.ready(out);
            }
            // plain code of the nest calls the factories: R is inferred from the target
            public static String plain() throws Exception {
              Shop s = new Shop("p");
              Future<Page> fetched = ShopAsync.fetch(s, "x", Future.ready(3));
              Page p = Machina.blockOn(fetched);
              List<Page> l = Machina.blockOn(ShopAsync.scaled(new ArrayList<>(List.of(p)), Future.ready(2), p));
              return p + " " + l;
            }
          }
          """;

  private static final Harness H = Harness.compile(SHOP);

  @Test
  void awaitedFromAnotherAsyncMethodTheValuesKeepTheirTypes() throws Throwable {
    Object shop = H.load("r.Shop").getConstructor(String.class).newInstance("t");
    assertEquals(
        "Page[name=ta, n=7] [Page[name=ta, n=7], Page[name=b, n=20], Page[name=c, n=30]] 1"
            + " Page[name=b, n=21] [a, k]",
        H.run("r.ShopAsync", "run", shop, dev.machina.Future.ready(7)));
  }

  @Test
  void plainCodeOfTheNestCallsTheFactoriesWithItsOwnTypes() throws Throwable {
    assertEquals(
        "Page[name=px, n=3] [Page[name=px, n=3], Page[name=px, n=6]]", H.call("r.Shop", "plain"));
  }

  @Test
  void theFactoriesTakeErasuresAndReturnAResultTypeVariable() throws Throwable {
    String src = H.source("r.ShopAsync");
    assertTrue(src.contains("public static <R> Future<R> fetch(Shop self, String name, Future<Integer> f)"), src);
    assertTrue(
        src.contains("public static <R> Future<R> scaled(List in, Future<Integer> f, Object... more)"), src);
    assertTrue(src.contains("new Scaled((List<Object>) in, f, more)"), src);
    assertTrue(src.contains("{@code R} stands for the result type {@code List<Shop.Page>}"), src);
  }

  @Test
  void overridesAreDispatchedToByTheClassesBinaryNames() throws Throwable {
    assertEquals(
        "Page[name=shelf a2, n=4]; Page[name=fancy shelf a2, n=5]; Page[name=simple a, n=0]; ",
        H.call("r.ShopAsync", "shelves", dev.machina.Future.ready(4)) instanceof dev.machina.Future<?> f
            ? Harness.block(f)
            : null);
    assertTrue(
        H.source("r.Shop_ShelfAsync")
            .contains("new Overrides(MethodHandles.lookup(), Shop.Shelf.class, \"pick\", new Object[]"
                + " {\"r.Shop$Page\", \"r.Shop$Page[]\", Future.class})"),
        H.source("r.Shop_ShelfAsync"));
  }

  @Test
  void aBoundNamingOneOrAClashingFactoryIsAnError() {
    Compilation c =
        Harness.compileRaw(
            HEADER
                + """
                public class Refused {
                  private static class Item {}
                  @Async static <T extends Item> Future<Integer> bounded(T t, Future<Integer> f) { return Future.ready(await(f)); }
                  @Async static Future<Integer> size(Item i, Future<Integer> f) { return Future.ready(await(f)); }
                  @Async static Future<Integer> size(Object o, Future<Integer> f) { return Future.ready(await(f)); }
                }
                """);
    assertThat(c)
        .hadErrorContaining(
            "names the private type Item in the bound of a type parameter, which its factory in the"
                + " generated class repeats but cannot name: make Item package-private, or bound the"
                + " type parameter by a type it extends")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("<T extends Item>");
    // the factories take Item as Object: the overloads' factories would clash
    assertThat(c)
        .hadErrorContaining("RefusedAsync.size(java.lang.Object, dev.machina.Future), has the same signature")
        .inFile(c.sourceFiles().get(0))
        .onLineContaining("size(Object o");
    assertThat(c).hadErrorCount(2);
  }
}
