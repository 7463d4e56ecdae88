package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Async} methods of private nested classes, which the generated class cannot name: their
 * receivers are {@code Object}s in the factories and machines, their members reached through
 * handles, and overrides in the nest dispatched to as for any class.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateClassesTest {
  private static final String HEADER =
      "package r;\n"
          + "import dev.machina.*;\n"
          + "import static dev.machina.Await.await;\n"
          + "import dev.machina.processor.testing.Later;\n"
          + "import java.util.*;\n";

  private static final Harness H =
      Harness.compile(
          HEADER
              + """
              public class Outer {
                private int outerCount = 100;
                private static class Helper {
                  private int hits;
                  final String tag;
                  Helper(String tag) { this.tag = tag; }
                  private int bump(int by) { hits += by; return hits; }
                  @Async static Future<Integer> twice(Future<Integer> f) { return Future.ready(2 * await(f)); }
                  @Async Future<String> thrice(Future<Integer> f) {
                    int v = await(f);
                    hits++;
                    this.hits += bump(await(Later.value(v)));
                    return Future.ready(tag + ":" + (3 * v) + ":" + hits);
                  }
                }
                private static class Sub extends Helper {
                  Sub() { super("sub"); }
                  @Override @Async Future<String> thrice(Future<Integer> f) {
                    return Future.ready("S" + await(Outer_HelperAsync.thrice$super(this, f)));
                  }
                }
                private static class Plain extends Helper {
                  Plain() { super("plain"); }
                  @Override Future<String> thrice(Future<Integer> f) { return Future.ready("plain!"); }
                }
                private class Inner {
                  @Async Future<Integer> add(Future<Integer> f) {
                    outerCount += await(f);
                    return Future.ready(outerCount);
                  }
                }
                private static class Box<T> {
                  T value;
                  @Async Future<T> swap(Future<T> f) {
                    T old = value;
                    value = await(f);
                    return Future.ready(old);
                  }
                }
                private interface Greeter {
                  String name();
                  @Async default Future<String> greet(Future<String> greeting) {
                    return Future.ready(await(greeting) + ", " + name());
                  }
                }
                private record Point(int x, int y) implements Greeter {
                  public String name() { return "(" + x + "," + y + ")"; }
                  @Async Future<Integer> dist(Future<Integer> scale) {
                    int s = await(scale);
                    return Future.ready(s * (Math.abs(x) + Math.abs(y)));
                  }
                }
                @Async Future<String> run(Future<Integer> f) {
                  int a = await(Outer_HelperAsync.twice(f));
                  Helper h = new Helper("h");
                  String b = await(Outer_HelperAsync.thrice(h, Later.value(a)));
                  String c = await(Outer_HelperAsync.thrice(new Sub(), Later.value(1)));
                  String d = await(Outer_HelperAsync.thrice(new Plain(), Future.ready(1)));
                  int e = await(Outer_InnerAsync.add(new Inner(), Later.value(5)));
                  Box<String> box = new Box<>();
                  box.value = "x";
                  String g = await(Outer_BoxAsync.swap(box, Later.value("y")));
                  Point p = new Point(2, -3);
                  String k = await(Outer_GreeterAsync.greet(p, Later.value("hi")));
                  int m = await(Outer_PointAsync.dist(p, Later.value(10)));
                  return Future.ready(a + " " + b + " " + c + " " + d + " " + e + " " + g + box.value + " " + k + " " + m);
                }
                public static Object make() { return new Outer(); }
              }
              """);

  @Test
  void privateClassesRunTheirMachinesWithTheirMembersThroughHandles() throws Throwable {
    // thrice(8) on h: hits 1, then hits = 1 + bump(8) = 1 + 9 = 10
    assertEquals(
        "8 h:24:10 Ssub:3:3 plain! 105 xy hi, (2,-3) 50",
        H.run("r.OuterAsync", "run", H.call("r.Outer", "make"), dev.machina.Future.ready(4)));
  }

  @Test
  void membersInheritedFromNameableSuperclassesAreReachedThroughThem() throws Throwable {
    Harness j =
        Harness.compile(
            """
            package lib;
            public class Base<T> {
              public int size = 2;
              protected T last;
              public int grow(int by) { size += by; return size; }
              protected T last() { return last; }
            }
            """,
            HEADER
                + """
                public class Stacks {
                  public static class Local { public int hits; public void hit() { hits++; } }
                  private static class Stack extends lib.Base<String> {
                    @Async Future<String> push(Future<String> f) {
                      String v = await(f);
                      last = v;
                      grow(3);
                      this.grow(await(Later.value(1)));
                      size++;
                      this.size += 10;
                      return Future.ready(last() + this.last().length() + ":" + size + ":" + this.size);
                    }
                  }
                  private static class Counted extends Local {
                    @Async Future<Integer> twice(Future<Integer> f) {
                      hit();
                      this.hit();
                      hits += await(f);
                      return Future.ready(hits);
                    }
                  }
                  @Async static Future<String> run(Future<String> f) {
                    return Future.ready(await(Stacks_StackAsync.push(new Stack(), f))
                        + " " + await(Stacks_CountedAsync.twice(new Counted(), Later.value(5))));
                  }
                }
                """);
    // size: 2, grow(3) 5, grow(1) 6, ++ 7, += 10 17; hits: 1, 2, + 5 = 7
    assertEquals("ab2:17:17 7", j.run("r.StacksAsync", "run", dev.machina.Future.ready("ab")));
  }

  @Test
  void aSignatureNamingThePrivateClassTakesAndReturnsIt() throws Throwable {
    Harness h =
        Harness.compile(
            HEADER
                + """
                public class Copies {
                  private static class Copy {
                    final int n;
                    Copy(int n) { this.n = n; }
                    @Async Future<Copy> copy(Copy other, Future<Integer> f) { return Future.ready(new Copy(n + other.n + await(f))); }
                  }
                  private static class Twice extends Copy {
                    Twice(int n) { super(n); }
                    @Override @Async Future<Copy> copy(Copy other, Future<Integer> f) {
                      Copy c = await(Copies_CopyAsync.copy$super(this, other, f));
                      return Future.ready(new Copy(2 * c.n));
                    }
                  }
                  @Async static Future<Integer> run(Future<Integer> f) {
                    Copy a = await(new Copy(1).copy(new Copy(10), f));
                    Copy b = await(new Twice(2).copy(a, f));
                    return Future.ready(a.n * 1000 + b.n);
                  }
                }
                """);
    // a: 1 + 10 + 5 = 16; b: 2 * (2 + 16 + 5) = 46
    assertEquals(16046, h.run("r.CopiesAsync", "run", dev.machina.Future.ready(5)));
  }

  /**
   * F192: the lookup that reaches another package's protected nested type was the private class's
   * own, found through a handle the static initializer had not assigned yet.
   */
  @Test
  void aPrivateClassReachesAProtectedNestedTypeOfItsOuterClasssSuperclass() throws Throwable {
    Harness h =
        Harness.compile(
            """
            package lib;
            public class Base {
              protected record Qv(int x) { public static Qv of(int x) { return new Qv(x); } }
            }
            """,
            HEADER
                + """
                public class Prog extends lib.Base {
                  private static class Pk {
                    @Async Future<Integer> k(Future<Integer> f) { Qv q = Qv.of(await(f)); return Future.ready(q.x() + 1); }
                  }
                  @Async static Future<Integer> run(Future<Integer> f) { return Future.ready(await(new Pk().k(f)) * 10); }
                }
                """);
    assertEquals(60, h.run("r.ProgAsync", "run", dev.machina.Future.ready(5)));
    String src = h.source("r.Prog_PkAsync");
    assertTrue(src.contains("MethodHandles.privateLookupIn(Prog.class, MethodHandles.lookup())"), src);
  }
}
