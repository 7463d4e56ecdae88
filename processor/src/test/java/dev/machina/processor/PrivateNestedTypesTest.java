package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.machina.processor.testing.Later;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values of private nested types in bodies (F59), which the generated class cannot name: it keeps
 * them as {@code Object}, reaches their constructors and members through handles, casts them to
 * the supertypes the body uses them as and creates their arrays with their own class; the results
 * equal the plain method's; a switch over a private enum switches on the ordinal. What it still
 * cannot write (an override of a method declared with the type, an anonymous class of a
 * constructor taking one) is an error on the line; such types as type arguments are {@link
 * PrivateTypeArgumentsTest}'s, patterns and catch parameters {@code PrivatePatternsTest}'s and
 * {@code PrivateCatchesTest}'s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateNestedTypesTest {
  private static final String SOURCE =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      public class Shop {
        static class Base { int base = 7; int base() { return base; } }
        private record Item(String name, int price) implements Comparable<Item> {
          public int compareTo(Item o) { return Integer.compare(price, o.price); }
          int doubled() { return 2 * price; }
          static Item free(String n) { return new Item(n, 0); }
        }
        private static class Cart extends Base {
          private final List<String> names = new ArrayList<>();
          int total;
          Cart add(Item i) { names.add(i.name()); total += i.price(); return this; }
          @Override public String toString() { return names + "=" + total; }
          private static class Receipt { final String text; Receipt(String t) { text = t; } }
        }
        private static class Pair<A> { final A first; Pair(A a) { first = a; } }
        private interface Shape { int area(); }
        private record Square(int side) implements Shape { public int area() { return side * side; } }
        private enum Mode { FAST, SLOW }
        private static class Bag implements Iterable<String> {
          public Iterator<String> iterator() { return List.of("x", "y").iterator(); }
        }
        private static class Oops extends IllegalStateException {
          private static final long serialVersionUID = 1L;
          Oops(String m) { super(m); }
        }
        private Item favourite = new Item("fig", 4);

        static int priceOf(Object o) { return o instanceof Item i ? i.price() : -1; }
        static int baseOf(Base b) { return b.base(); }
        static String both(Object a, Object b) { return a + "&" + b; }
        static String both(Base a, Object b) { return "base:" + b; }
        private static Item cheapest(Item... items) {
          Item best = items[0];
          for (Item i : items) { if (i.compareTo(best) < 0) best = i; }
          return best;
        }
        private static String kind(Item[] items) { return items.getClass().getSimpleName() + items.length; }

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
          String stored;
          try {
            Object[] raw = all;
            raw[0] = "not an item";
            stored = "stored";
          } catch (ArrayStoreException e) {
            stored = "ArrayStoreException";
          }
          String s = best + " " + cart + " " + cart.total + " " + apple.doubled() + " " + priceOf(back)
              + " " + baseOf(cart) + " " + cart.base() + " " + cart.base + " " + (o instanceof Item)
              + " " + m + " " + (m == Mode.SLOW) + " " + m.ordinal() + " " + Mode.values().length
              + " " + apple.compareTo(pear) + " " + all.length + " " + grid[1][1].name()
              + " " + kind(all) + " " + shape.area() + " " + pair.first.length() + " " + receipt.text
              + " " + both(cart, pear) + " " + both(pear, cart) + " " + later.get() + " " + stored
              + " " + (await(price) > 9 ? apple : pear).price() + " " + Objects.requireNonNull(apple).name();
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
          s += switch (m) { case SLOW -> "|s"; case FAST -> "|f"; };
          Item[][] pairs = {{apple}, {pear, await(price) > 0 ? apple : pear}};
          int code = switch (m) {
            case FAST -> 1;
            case SLOW -> 2;
          };
          s += "|" + pairs[1].length + pairs[1][1].name() + pairs.getClass().getSimpleName() + code;
          for (String b : new Bag()) {
            s += b + await(price);
          }
          Base awaitedAsBase = await(Future.ready(cart));
          Record awaitedAsRecord = await(price) > 0 ? await(Future.ready(apple)) : pear;
          s += awaitedAsBase.base() + awaitedAsRecord.toString();
          try {
            if (await(price) > 0) throw new Oops("o" + await(price));
          } catch (IllegalStateException e) {
            s += e.getMessage() + e.getClass().getSimpleName();
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
          String stored;
          try {
            Object[] raw = all;
            raw[0] = "not an item";
            stored = "stored";
          } catch (ArrayStoreException e) {
            stored = "ArrayStoreException";
          }
          String s = best + " " + cart + " " + cart.total + " " + apple.doubled() + " " + priceOf(back)
              + " " + baseOf(cart) + " " + cart.base() + " " + cart.base + " " + (o instanceof Item)
              + " " + m + " " + (m == Mode.SLOW) + " " + m.ordinal() + " " + Mode.values().length
              + " " + apple.compareTo(pear) + " " + all.length + " " + grid[1][1].name()
              + " " + kind(all) + " " + shape.area() + " " + pair.first.length() + " " + receipt.text
              + " " + both(cart, pear) + " " + both(pear, cart) + " " + later.get() + " " + stored
              + " " + (price > 9 ? apple : pear).price() + " " + Objects.requireNonNull(apple).name();
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
          s += switch (m) { case SLOW -> "|s"; case FAST -> "|f"; };
          Item[][] pairs = {{apple}, {pear, price > 0 ? apple : pear}};
          int code = switch (m) {
            case FAST -> 1;
            case SLOW -> 2;
          };
          s += "|" + pairs[1].length + pairs[1][1].name() + pairs.getClass().getSimpleName() + code;
          for (String b : new Bag()) {
            s += b + price;
          }
          Base awaitedAsBase = cart;
          Record awaitedAsRecord = price > 0 ? apple : pear;
          s += awaitedAsBase.base() + awaitedAsRecord.toString();
          try {
            if (price > 0) throw new Oops("o" + price);
          } catch (IllegalStateException e) {
            s += e.getMessage() + e.getClass().getSimpleName();
          }
          return s;
        }

        public static String plainRun() { return new Shop().plain(5); }
        public static Future<String> asyncRun(Future<Integer> f) { return ShopAsync.buy(new Shop(), f); }
      }
      """;

  @Test
  void valuesOfPrivateNestedTypesBehaveAsInThePlainMethod() throws Throwable {
    Harness h = Harness.compile(SOURCE);
    String plain = (String) h.call("p.Shop", "plainRun");
    assertEquals(
        "Item[name=pear, price=0] [apple, fig]=14 14 10 0 7 7 7 true SLOW true 1 2 1 2 pear"
            + " Item[]2 25 3 r14 base:Item[name=pear, price=0] Item[name=pear, price=0]&[apple,"
            + " fig]=14 apple14 ArrayStoreException 0 apple,apple,pear|slow5|S5|s|2appleItem[][]2x5y57Item[name=apple, price=5]o5Oops",
        plain);
    assertEquals(plain, h.run("p.Shop", "asyncRun", Later.value(5)));
    String generated = h.source("p.ShopAsync");
    // the class is found by its binary name, its values kept as Object
    assertTrue(generated.contains("ITEM_CLASS = lookup.findClass(\"p.Shop$Item\")"), generated);
    assertTrue(generated.contains("private Object apple;"), generated);
    // an inherited member through a cast to the supertype declaring it
    assertTrue(generated.contains("((Shop.Base) cart).base()"), generated);
  }

  private static final String HELPERS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.function.*;
      public class Tags {
        private record Tag(String name, int weight) {}
        private static String label(Object o, Tag t) { return o + ":" + t.name(); }
        private static int heavier(Tag t, int by) { return t.weight() + by; }
        public static Future<String> asyncRun(Future<Integer> f) { return TagsAsync.run(f); }
        @Async static Future<String> run(Future<Integer> f) {
          Tag tag = new Tag("t", await(f));
          Supplier<String> name = () -> tag.name() + tag.weight();
          Function<Object, String> of = o -> label(o, tag) + heavier(tag, 2);
          return Future.ready(name.get() + await(f) + of.apply(null) + of.apply(7));
        }
        public static String plain(int v) {
          Tag tag = new Tag("t", v);
          Supplier<String> name = () -> tag.name() + tag.weight();
          Function<Object, String> of = o -> label(o, tag) + heavier(tag, 2);
          return name.get() + v + of.apply(null) + of.apply(7);
        }
      }
      """;

  /**
   * A lambda reaches private members through the machine's helpers, which take a private type's
   * value as the {@code Object} it is and return the member's type: no casts around them.
   */
  @Test
  void lambdasCallPrivateMembersThroughHelpersWithoutRedundantCasts() throws Throwable {
    Harness h = Harness.compile(HELPERS);
    assertEquals(h.call("p.Tags", "plain", 4), h.run("p.Tags", "asyncRun", Later.value(4)));
    String generated = h.source("p.TagsAsync");
    assertTrue(generated.contains("() -> invokeNAME_METHOD(tag) + ((int) invokeWEIGHT_METHOD(tag))")
        || generated.contains("() -> invokeNAME_METHOD(tag) + invokeWEIGHT_METHOD(tag)"), generated);
    assertTrue(generated.contains("invokeLABEL_METHOD(o, tag) + invokeHEAVIER_METHOD(tag, (int) 2)"),
        generated);
    assertTrue(!generated.contains("(Object) tag") && !generated.contains("((String) invoke"), generated);
  }

  private static final String QUALIFIED =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Lights {
        private enum Light { RED, AMBER, GREEN }
        @Async static Future<String> next(Future<Integer> f) {
          Light l = Light.values()[await(f)];
          String s = switch (l) {
            case Light.RED -> "go" + await(f);
            case Light.AMBER, Light.GREEN -> "stop";
          };
          switch (l) {
            case Light.GREEN -> s += "!";
            default -> s += "?" + await(f);
          }
          return Future.ready(s);
        }
        public static Future<String> run(Future<Integer> f) { return LightsAsync.next(f); }
      }
      """;

  @Test
  void qualifiedEnumLabelsOfJava21SwitchOnTheOrdinalToo() throws Throwable {
    assumeTrue(Runtime.version().feature() >= 21, "--release 21 needs javac 21 or later");
    Harness h = Harness.compileWith(List.of("--release", "21"), QUALIFIED);
    assertEquals("go0?0", h.run("p.Lights", "run", Later.value(0)));
    assertEquals("stop!", h.run("p.Lights", "run", Later.value(2)));
    assertEquals("stop?1", h.run("p.Lights", "run", Later.value(1)));
  }

  private static final String INNER =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.function.*;
      public class Tree {
        final String name;
        Tree(String name) { this.name = name; }
        private record Item(String label) {}
        private class Node {
          final int v;
          private Node(int v) { this.v = v; }
          String show() { return name + ":" + v; }
        }
        class Leaf {
          final String text;
          Leaf(Item i) { text = name + "/" + i.label(); }
        }
        @Async Future<String> grow(Future<Integer> f, Tree other) {
          Node mine = new Node(await(f));
          Node theirs = other.new Node(await(f) + 1);
          Leaf leaf = new Leaf(new Item("i" + await(f)));
          Supplier<Node> later = () -> new Node(7);
          String s = mine.show() + " " + theirs.show() + " " + leaf.text + " " + later.get().show();
          IntFunction<Node> make = Node::new;
          s += " " + make.apply(await(f) + 5).show();
          Tree none = await(f) > 100 ? other : null;
          try {
            s += " " + none.new Node(await(f)).show();
          } catch (NullPointerException e) {
            s += " NPE";
          }
          return Future.ready(s);
        }
        String plain(int v, Tree other) {
          Node mine = new Node(v);
          Node theirs = other.new Node(v + 1);
          Leaf leaf = new Leaf(new Item("i" + v));
          Supplier<Node> later = () -> new Node(7);
          String s = mine.show() + " " + theirs.show() + " " + leaf.text + " " + later.get().show();
          IntFunction<Node> make = Node::new;
          s += " " + make.apply(v + 5).show();
          Tree none = v > 100 ? other : null;
          try {
            s += " " + none.new Node(v).show();
          } catch (NullPointerException e) {
            s += " NPE";
          }
          return s;
        }
        public static String plainRun() { return new Tree("a").plain(3, new Tree("b")); }
        public static Future<String> asyncRun(Future<Integer> f) { return TreeAsync.grow(new Tree("a"), f, new Tree("b")); }
      }
      """;

  /**
   * Inner classes whose constructors the generated class reaches through handles (a private
   * inner class, one whose constructor takes a private type, {@code Node::new}): the handle takes
   * the enclosing instance first, as javac's constructor does; a qualified {@code null.new Node(..)} throws
   * {@code NullPointerException} before its arguments run (JLS 15.9.4).
   */
  @Test
  void innerClassesAreCreatedThroughHandlesWithTheirEnclosingInstance() throws Throwable {
    Harness h = Harness.compile(INNER);
    Object plain = h.call("p.Tree", "plainRun");
    assertEquals("a:3 b:4 a/i3 a:7 a:8 NPE", plain);
    assertEquals(plain, h.run("p.Tree", "asyncRun", Later.value(3)));
    String generated = h.source("p.TreeAsync");
    assertTrue(generated.contains("NODE_NEW = lookup"), generated);
    assertTrue(generated.contains("Objects.requireNonNull("), generated);
  }

  private static final String ERRORS =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      public class Bad {
        private record Item(String name) {}
        private enum Mode { FAST, SLOW }
        abstract static class Visitor { abstract String visit(Item i); }
        @Async static Future<String> override(Future<Integer> f) {
          Visitor v = new Visitor() { String visit(Item i) { return i.name(); } };
          return Future.ready(v.visit(new Item("x" + await(f))));
        }
        @Async static Future<Integer> typeArguments(Future<Integer> f) {
          List<Mode> modes = new ArrayList<>();
          Collections.<Mode>sort(modes);
          return Future.ready(await(f) + modes.size());
        }
        @Async static <T extends Item> Future<Integer> signature(T t, Future<Integer> f) { return Future.ready(0); }
        static class Holder { final int n; Holder(List<Item> l) { n = l.size(); } }
        @Async static Future<Integer> anonymous(Future<Integer> f) {
          Holder h = new Holder(new ArrayList<>()) { };
          return Future.ready(h.n + await(f));
        }
      }
      """;

  @Test
  void whatTheGeneratedClassCannotWriteIsAnErrorOnItsLine() {
    Compilation c = Harness.compileRaw(ERRORS);
    assertThat(c).failed();
    var file = JavaFileObjects.forSourceString("p.Bad", ERRORS);
    assertThat(c).hadErrorContaining("so this method would no longer override Visitor.visit").inFile(file).onLineContaining("String visit(Item i) { return");
    assertThat(c).hadErrorCount(4);
    assertThat(c).hadErrorContaining("cannot extend Holder through a constructor whose parameters name a private nested type").inFile(file).onLineContaining("new Holder(new ArrayList<>()) { }");
    assertThat(c).hadErrorContaining("leave the type arguments out").inFile(file).onLineContaining("Collections.<Mode>sort(modes)");
    // its factory, which repeats the signature, is left out rather than written wrong
    assertThat(c).hadErrorContaining("names the private type Item in the bound of a type parameter").inFile(file).onLineContaining("<T extends Item> Future<Integer> signature");
  }
}
