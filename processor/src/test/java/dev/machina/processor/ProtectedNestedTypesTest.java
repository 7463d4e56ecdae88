package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.machina.processor.testing.Later;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Protected nested types of a superclass in another package, which the generated class (in the
 * subclass's package, but no subclass) cannot name: it treats them as private nested types.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtectedNestedTypesTest {
  private static final String STORE =
      """
      package lib;
      import java.util.*;
      public class Store {
        public static class Base { public int base = 7; public int base() { return base; } }
        protected static final class Item implements Comparable<Item> {
          private final String name;
          private final int price;
          public Item(String name, int price) { this.name = name; this.price = price; }
          public String name() { return name; }
          public int price() { return price; }
          public int compareTo(Item o) { return Integer.compare(price, o.price); }
          public int doubled() { return 2 * price; }
          public static Item free(String n) { return new Item(n, 0); }
          @Override public String toString() { return "Item[" + name + ", " + price + "]"; }
        }
        protected static class Cart extends Base {
          private final List<String> names = new ArrayList<>();
          public int total;
          public Cart() { }
          public Cart add(Item i) { names.add(i.name()); total += i.price(); return this; }
          @Override public String toString() { return names + "=" + total; }
          public static class Receipt { public final String text; public Receipt(String t) { text = t; } }
        }
        protected class Node {
          private final int v;
          public Node(int v) { this.v = v; }
          public int v() { return v; }
        }
        protected static class Pair<A> { public final A first; public Pair(A a) { first = a; } }
        protected interface Shape { int area(); }
        protected static final class Square implements Shape {
          private final int side;
          public Square(int side) { this.side = side; }
          public int area() { return side * side; }
        }
        protected enum Mode { FAST, SLOW }
        protected static class Bag implements Iterable<String> {
          public Bag() { }
          public Iterator<String> iterator() { return List.of("x", "y").iterator(); }
        }
        protected static class Oops extends IllegalStateException {
          private static final long serialVersionUID = 1L;
          public Oops(String m) { super(m); }
        }
        protected Item favourite = new Item("fig", 4);
        protected static int priceOf(Object o) { return o instanceof Item i ? i.price() : -1; }
        protected static int baseOf(Base b) { return b.base(); }
        protected static String both(Object a, Object b) { return a + "&" + b; }
        protected static String both(Base a, Object b) { return "base:" + b; }
        protected static Item cheapest(Item... items) {
          Item best = items[0];
          for (Item i : items) { if (i.compareTo(best) < 0) best = i; }
          return best;
        }
        protected static String kind(Item[] items) { return items.getClass().getSimpleName() + items.length; }
      }
      """;

  private static final String SHOP =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      public class Shop extends lib.Store {
        @Async Future<String> buy(Future<Integer> price) {
          Item apple = new Item("apple", await(price));
          Cart cart = new Cart();
          cart.add(apple).add(favourite);
          Item pear = Item.free("pear");
          cart.total += await(price);
          Item best = cheapest(apple, pear, new Item("plum", await(price) - 4));
          Item[] all = {apple, pear};
          Item[][] grid = new Item[2][];
          grid[1] = all;
          Object o = all[1];
          Item back = (Item) o;
          Mode m = await(price) > 0 ? Mode.SLOW : Mode.FAST;
          Shape shape = new Square(await(price));
          Pair<String> pair = new Pair<>("one");
          Cart.Receipt receipt = new Cart.Receipt("r" + cart.total);
          Supplier<String> later = () -> apple.name() + cart.total;
          List<Item> items = new ArrayList<>(List.of(apple));
          items.add(await(Future.ready(pear)));
          String s = best + " " + cart + " " + cart.total + " " + apple.doubled() + " " + priceOf(back)
              + " " + baseOf(cart) + " " + cart.base() + " " + cart.base + " " + (o instanceof Item)
              + " " + m + " " + (m == Mode.SLOW) + " " + m.ordinal() + " " + Mode.values().length
              + " " + apple.compareTo(pear) + " " + all.length + " " + grid[1][1].name()
              + " " + kind(all) + " " + shape.area() + " " + pair.first.length() + " " + receipt.text
              + " " + both(cart, pear) + " " + both(pear, cart) + " " + later.get()
              + " " + (await(price) > 9 ? apple : pear).price() + " " + items.get(1).name();
          if (o instanceof Item i && i.price() == 0) {
            s += " pattern:" + i.name() + await(price);
          }
          Node node = new Node(await(price));
          s += " node" + node.v();
          for (Item it : all) {
            s += "," + it.name();
          }
          switch (m) {
            case FAST:
              s += "|fast";
              break;
            case SLOW:
              s += "|slow" + await(price);
          }
          s += switch (Mode.values()[await(price) % 2]) { case FAST -> "|F"; case SLOW -> "|S" + await(price); };
          for (String b : new Bag()) {
            s += b + await(price);
          }
          try {
            if (await(price) > 0) throw new Oops("o" + await(price));
          } catch (Oops e) {
            s += e.getMessage() + e.getClass().getSimpleName() + await(price);
          }
          return Future.ready(s);
        }

        String plain(int price) {
          Item apple = new Item("apple", price);
          Cart cart = new Cart();
          cart.add(apple).add(favourite);
          Item pear = Item.free("pear");
          cart.total += price;
          Item best = cheapest(apple, pear, new Item("plum", price - 4));
          Item[] all = {apple, pear};
          Item[][] grid = new Item[2][];
          grid[1] = all;
          Object o = all[1];
          Item back = (Item) o;
          Mode m = price > 0 ? Mode.SLOW : Mode.FAST;
          Shape shape = new Square(price);
          Pair<String> pair = new Pair<>("one");
          Cart.Receipt receipt = new Cart.Receipt("r" + cart.total);
          Supplier<String> later = () -> apple.name() + cart.total;
          List<Item> items = new ArrayList<>(List.of(apple));
          items.add(pear);
          String s = best + " " + cart + " " + cart.total + " " + apple.doubled() + " " + priceOf(back)
              + " " + baseOf(cart) + " " + cart.base() + " " + cart.base + " " + (o instanceof Item)
              + " " + m + " " + (m == Mode.SLOW) + " " + m.ordinal() + " " + Mode.values().length
              + " " + apple.compareTo(pear) + " " + all.length + " " + grid[1][1].name()
              + " " + kind(all) + " " + shape.area() + " " + pair.first.length() + " " + receipt.text
              + " " + both(cart, pear) + " " + both(pear, cart) + " " + later.get()
              + " " + (price > 9 ? apple : pear).price() + " " + items.get(1).name();
          if (o instanceof Item i && i.price() == 0) {
            s += " pattern:" + i.name() + price;
          }
          Node node = new Node(price);
          s += " node" + node.v();
          for (Item it : all) {
            s += "," + it.name();
          }
          switch (m) {
            case FAST:
              s += "|fast";
              break;
            case SLOW:
              s += "|slow" + price;
          }
          s += switch (Mode.values()[price % 2]) { case FAST -> "|F"; case SLOW -> "|S" + price; };
          for (String b : new Bag()) {
            s += b + price;
          }
          try {
            if (price > 0) throw new Oops("o" + price);
          } catch (Oops e) {
            s += e.getMessage() + e.getClass().getSimpleName() + price;
          }
          return s;
        }

        public static String plainRun() { return new Shop().plain(5); }
        public static Future<String> asyncRun(Future<Integer> f) { return ShopAsync.buy(new Shop(), f); }
      }
      """;

  @Test
  void valuesOfASuperclasssProtectedNestedTypesBehaveAsInThePlainMethod() throws Throwable {
    Harness h = Harness.compile(STORE, SHOP);
    String plain = (String) h.call("p.Shop", "plainRun");
    assertEquals(plain, h.run("p.Shop", "asyncRun", Later.value(5)));
    String generated = h.source("p.ShopAsync");
    assertTrue(generated.contains("private Object apple;"), generated);
    // found through the lookup of the method's class, which Java lets use them (the superclass's
    // module need open nothing), and named for what they are
    assertTrue(generated.contains("MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Shop.class"), generated);
    assertTrue(!generated.contains("privateLookupIn(Store.class") && !generated.contains("privateLookupIn(ITEM_CLASS"), generated);
    assertTrue(generated.contains("ITEM_CLASS = lookup.findClass(\"lib.Store$Item\")"), generated);
    assertTrue(generated.contains("The protected class {@code Store.Item} of another package, which this file cannot name."), generated);
  }

  /** In the superclass's own package the protected types are named as any other. */
  @Test
  void inTheSuperclasssPackageProtectedNestedTypesAreNamed() throws Throwable {
    Harness h = Harness.compile(STORE, SHOP.replace("package p;", "package lib;").replace("lib.Store", "Store"));
    assertEquals(h.call("lib.Shop", "plainRun"), h.run("lib.Shop", "asyncRun", Later.value(5)));
    String generated = h.source("lib.ShopAsync");
    assertTrue(generated.contains("private Store.Item apple;"), generated);
    assertTrue(!generated.contains("ITEM_CLASS"), generated);
  }

  /**
   * A signature naming one: the factory takes it as an {@code Object} and returns {@code
   * Future<R>}; the dispatch to an override in the subclass's package names it by binary name.
   */
  @Test
  void signaturesNamingThemTakeObjectsAndDispatchByName() throws Throwable {
    Harness h =
        Harness.compile(
            STORE,
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            public class Priced extends lib.Store {
              @Async Future<Item> raise(Item in, Future<Integer> f) {
                return Future.ready(new Item(in.name(), in.price() + await(f)));
              }
              public static Future<String> run(Priced p, int by) {
                return Future.ready("");
              }
            }
            """,
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            public class Doubled extends Priced {
              @Override @Async Future<Item> raise(Item in, Future<Integer> f) {
                Item once = await(PricedAsync.raise$super(this, in, f));
                return Future.ready(new Item(once.name(), once.doubled()));
              }
              @Async public static Future<String> both(Future<Integer> f) {
                Priced plain = new Priced();
                Priced doubled = new Doubled();
                Item a = await(plain.raise(Item.free("a"), f));
                Item b = await(doubled.raise(Item.free("b"), f));
                return Future.ready(a + " " + b);
              }
            }
            """);
    assertEquals("Item[a, 3] Item[b, 6]", h.run("p.DoubledAsync", "both", Later.value(3)));
    assertTrue(h.source("p.PricedAsync").contains("\"raise\", new Object[] {\"lib.Store$Item\", Future.class})"),
        h.source("p.PricedAsync"));
  }

  /** What the generated class would have to name is an error on the line, saying to make the type public. */
  @Test
  void whatTheGeneratedClassCannotWriteIsAnErrorThatSaysToMakeTheTypePublic() {
    Compilation c =
        Harness.compileRaw(
            STORE,
            """
            package p;
            import dev.machina.*;
            import static dev.machina.Await.await;
            public class Bad extends lib.Store {
              @Async static <T extends Item> Future<Integer> signature(T t, Future<Integer> f) { return Future.ready(await(f)); }
              @Async Future<Integer> anonymous(Future<Integer> f) {
                Shape s = new Shape() { public int area() { return 2; } };
                return Future.ready(s.area() + await(f));
              }
            }
            """);
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("names the protected type Item of another package in the bound of a type"
            + " parameter, which its factory in the generated class repeats but cannot name: make Item"
            + " public")
        .inFile(c.sourceFiles().get(1)).onLineContaining("<T extends Item> Future<Integer> signature");
    assertThat(c)
        .hadErrorContaining("the generated class cannot implement the protected interface Shape of"
            + " another package: make it public")
        .inFile(c.sourceFiles().get(1)).onLineContaining("new Shape()");
  }
}
