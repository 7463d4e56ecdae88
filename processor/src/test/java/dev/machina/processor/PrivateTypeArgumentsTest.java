package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.machina.processor.testing.Later;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Private nested types as type arguments (the rest of F59): the generated class writes {@code
 * List<Item>} as {@code List<Object>}, reaches members whose signatures name such types through
 * handles, casts values to the types their contexts widen them to through the raw type, and makes
 * generic calls raw where {@code Object} would fall outside a type parameter's bound; each body
 * gives what the same body gives as a plain method.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateTypeArgumentsTest {
  /** The body, once awaiting ({@code AWAIT} is {@code await}) and once plain ({@code now}). */
  private static final String BODY =
      """
          List<Item> mine = new ArrayList<>();
          mine.add(new Item("a", AWAIT(f)));
          for (Item i : stock) mine.add(i);
          Map<String, Item> byName = new HashMap<>();
          for (Item i : mine) byName.put(i.name(), i);
          int t = AWAIT(f) + total(mine) + byName.size() + qty(mine.get(0)) + qty(lastOne = make("m", 9));
          Item first = first(mine);
          List<Item> snap = snapshot();
          var copy = List.copyOf(snap);
          List<String> ns = names(mine);
          List<Item> awaited = AWAIT(later(AWAIT(f)));
          Optional<Item> cheap = mine.stream().min(Comparator.comparingInt(Item::price));
          List<Item> sorted = new ArrayList<>(mine);
          sorted.sort(new Comparator<Item>() {
            @Override public int compare(Item a, Item b) { return a.name().compareTo(b.name()); }
          });
          String s = sorted.stream().map(Item::name).collect(Collectors.joining("/"));
          sorted.sort((Item a, Item b) -> Integer.compare(a.price(), b.price()));
          s += "|" + sorted.stream().map(i -> i.name()).collect(Collectors.joining("/"));
          Collections.sort(sorted);
          s += "|" + sorted + Collections.max(sorted) + Collections.min(mine, Comparator.reverseOrder());
          for (String n : sortedNames(mine)) s += "+" + n.length();
          List<? extends Item> wild = snap;
          List<Item> none = Collections.<Item>emptyList();
          Box<Item> box = new Box<>(first);
          Box<List<Item>> boxes = new Box<List<Item>>(mine);
          Node<Item> node = new Node<>(first, new Node<>(AWAIT(f) > 0 ? first : null, null));
          List<Gift> gifts = List.of(new Gift("ann"), new Gift("bob"));
          int b = bases(gifts) + bases(AWAIT(Future.ready(gifts)));
          last = mine;
          byShelf.computeIfAbsent("top", k -> new ArrayList<>()).add(first);
          byShelf.put("all", copy);
          Map.Entry<String, List<Item>> top = byShelf.entrySet().iterator().next();
          for (Map.Entry<String, Item> e : new TreeMap<>(byName).entrySet()) {
            s += ";" + e.getKey() + "=" + e.getValue().price() + AWAIT(f);
          }
          EnumSet<Mode> modes = EnumSet.of(Mode.SLOW, AWAIT(f) > 0 ? Mode.FAST : Mode.SLOW);
          Map<Mode, Integer> counts = new EnumMap<>(Mode.class);
          for (Mode m : modes) counts.merge(m, AWAIT(f), Integer::sum);
          s += modes + "" + counts + modes.contains(Mode.FAST);
          Visitor v = new Visitor() { String visit(Object o) { return describe((Item) o); } };
          return Future.ready(t + " " + first.price() + " " + snap.size() + " " + copy.size() + " " + ns
              + " " + awaited + " " + cheap.map(Item::name).orElse("-") + " " + s + " " + wild.get(0).name()
              + " " + none.size() + " " + box.get().name() + " " + boxes.value.size() + " " + node.tail.head
              + " " + b + " " + last.size() + " " + byShelf + " " + top.getKey() + top.getValue().size()
              + " " + v.visit(first) + " " + lastOne + " " + new Shop().qty(first) + " " + new Outlet().qty(first));
      """;

  private static final String SOURCE =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      import java.util.stream.*;
      public class Shop {
        static class Base { int base() { return 7; } }
        private record Item(String name, int price) implements Comparable<Item> {
          public int compareTo(Item o) { return Integer.compare(price, o.price); }
        }
        private static final class Gift extends Base { final String to; Gift(String t) { to = t; } }
        private enum Mode { FAST, SLOW }
        static class Box<T> { final T value; Box(T v) { value = v; } T get() { return value; } }
        private static class Node<T> { final T head; final Node<T> tail; Node(T h, Node<T> t) { head = h; tail = t; } }
        abstract static class Visitor { abstract String visit(Object o); }
        static class Outlet extends Shop { @Override int qty(Item i) { return -i.price(); } }
        private final List<Item> stock = new ArrayList<>(List.of(new Item("fig", 4), new Item("kiwi", 2)));
        Map<String, List<Item>> byShelf = new TreeMap<>();
        List<Item> last;
        Item lastOne;

        int qty(Item i) { return i.price(); }
        Item make(String n, int q) { return new Item(n, q); }
        List<Item> snapshot() { return new ArrayList<>(stock); }
        static int total(Collection<Item> l) { int s = 0; for (Item i : l) s += i.price(); return s; }
        List<String> names(List<Item> l) { List<String> r = new ArrayList<>(); for (Item i : l) r.add(i.name()); return r; }
        Future<List<Item>> later(int n) { return Future.ready(Collections.nCopies(n, new Item("later", n))); }
        static <T> T first(List<T> l) { return l.get(0); }
        static int bases(Iterable<? extends Base> bs) { int s = 0; for (Base b : bs) s += b.base(); return s; }
        String describe(Item i) { return "shop:" + i.name(); }
        static <T extends Comparable<T>> List<String> sortedNames(List<T> l) {
          List<String> r = new ArrayList<>();
          for (T t : l) r.add(t.toString());
          Collections.sort(r);
          return r;
        }
        static <T> T now(Future<T> f) { return Machina.blockOn(f); }

        @Async Future<String> run(Future<Integer> f) {
      ASYNC_BODY
        }

        Future<String> plain(Future<Integer> f) {
      PLAIN_BODY
        }

        public static Future<String> plainRun(Future<Integer> f) { return new Outlet().plain(f); }
        public static Future<String> asyncRun(Future<Integer> f) { return ShopAsync.run(new Outlet(), f); }
      }
      """
          .replace("ASYNC_BODY", BODY.replace("AWAIT(", "await("))
          .replace("PLAIN_BODY", BODY.replace("AWAIT(", "now("));

  @Test
  void privateTypesAsTypeArgumentsBehaveAsInThePlainMethod() throws Throwable {
    Harness h = Harness.compile(SOURCE);
    Object plain = h.run("p.Shop", "plainRun", Later.value(3));
    // both run on an Outlet, whose override of qty a handle dispatches to as the call does
    assertTrue(plain.toString().startsWith("3 3 2 2 [a, fig, kiwi] [Item[name=later, price=3], "), plain.toString());
    assertTrue(plain.toString().endsWith("{FAST=3, SLOW=3}true fig 0 a 3 Item[name=a, price=3] 28 3"
        + " {all=[Item[name=fig, price=4], Item[name=kiwi, price=2]], top=[Item[name=a, price=3]]}"
        + " all2 shop:a Item[name=m, price=9] 3 -3"), plain.toString());
    assertEquals(plain, h.run("p.Shop", "asyncRun", Later.value(3)));
    assertEquals(h.run("p.Shop", "plainRun", Later.value(0)), h.run("p.Shop", "asyncRun", Later.value(0)));
    String generated = h.source("p.ShopAsync");
    assertTrue(generated.contains("private List<Object> mine;"), generated);
    // a member whose signature names the private type goes through a handle
    assertTrue(generated.contains("TOTAL_METHOD.invokeExact((Collection) mine)"), generated);
    // a value widened to a type its written form is not, through the raw type
    assertTrue(generated.contains("Shop.bases((Iterable<? extends Shop.Base>) (List) gifts)"), generated);
    // a generic call whose bound Object would not satisfy, made raw
    assertTrue(generated.contains("Collections.sort((List) sorted)"), generated);
  }
}
