package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.processor.testing.Later;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls of private varargs methods and constructors, and super calls of varargs methods, which
 * the generated class makes through handles: the variable-arity arguments are packed into the
 * array javac would have created (of the type the call instantiated), fixed-arity calls pass
 * their array as it is, and the results equal the plain method's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VarargsCallsTest {
  private static final String SOURCE =
      """
package p;
import dev.machina.*;
import static dev.machina.Await.await;
import java.util.*;

public class V2 {
  static class Base { String all(String... s) { return "base" + Arrays.toString(s); } }
  public static class Sub extends Base {
    private final List<String> log = new ArrayList<>();
    private void log(String fmt, Object... args) { log.add(String.format(fmt, args)); }
    @SafeVarargs private static <T> List<T> listOf(T... xs) { List<T> l = new ArrayList<>(); for (T x : xs) l.add(x); return l; }
    @SafeVarargs private static <T> String kind(T... xs) { return xs.getClass().getSimpleName() + xs.length; }
    private static int sum(int... xs) { int s = 0; for (int x : xs) s += x; return s; }
    private static String arr(String... xs) { return xs == null ? "null" : xs.getClass().getSimpleName() + xs.length; }
    private final String tag;
    private Sub(String tag, int... n) { this.tag = tag + Arrays.toString(n); }
    Sub() { this("d"); }
    @Override String all(String... s) { return "sub"; }

    @Async Future<String> run(Future<Integer> f) {
      int a = await(f);
      log("x");
      log("%d-%s", a, "y");
      log("%s", (Object) new String[] {"q"}.length);
      List<String> l = listOf("a", "b");
      List<Integer> li = listOf(a, await(f));
      String k = kind("s", "t") + kind(1, 2) + kind() + kind(new String[] {"z"});
      int s = sum() + sum(a) + sum(a, a, await(f)) + sum(new int[] {1, 2});
      String n = arr((String[]) null) + arr((String) null) + arr();
      Sub made = new Sub("t", a, await(f));
      Sub made2 = new Sub("u");
      String sup = super.all("m", "n") + super.all() + super.all(new String[] {"o"});
      Runnable r = () -> log("in %s", "lambda");
      r.run();
      return Future.ready(log + "|" + l + li + "|" + k + "|" + s + "|" + n + "|" + made.tag + made2.tag + "|" + sup);
    }
    String plain(int fv) {
      int a = fv;
      log("x");
      log("%d-%s", a, "y");
      log("%s", (Object) new String[] {"q"}.length);
      List<String> l = listOf("a", "b");
      List<Integer> li = listOf(a, fv);
      String k = kind("s", "t") + kind(1, 2) + kind() + kind(new String[] {"z"});
      int s = sum() + sum(a) + sum(a, a, fv) + sum(new int[] {1, 2});
      String n = arr((String[]) null) + arr((String) null) + arr();
      Sub made = new Sub("t", a, fv);
      Sub made2 = new Sub("u");
      String sup = super.all("m", "n") + super.all() + super.all(new String[] {"o"});
      Runnable r = () -> log("in %s", "lambda");
      r.run();
      return (log + "|" + l + li + "|" + k + "|" + s + "|" + n + "|" + made.tag + made2.tag + "|" + sup);
    }
    }
  public static String plainRun() { return new Sub().plain(3); }
  public static Future<String> asyncRun(Future<Integer> f) { return V2_SubAsync.run(new Sub(), f); }
}
      """;

  @Test
  void variableAndFixedArityCallsGiveWhatThePlainMethodGives() throws Throwable {
    Harness h = Harness.compile(SOURCE);
    String plain = (String) h.call("p.V2", "plainRun");
    assertEquals(
        "[x, 3-y, 1, in lambda]|[a, b][3, 3]|String[]2Integer[]2Object[]0String[]1|15"
            + "|nullString[]1String[]0|t[3, 3]u[]|base[m, n]base[]base[o]",
        plain);
    assertEquals(plain, h.run("p.V2", "asyncRun", Later.value(3)));
    String generated = h.source("p.V2_SubAsync");
    // T... instantiated as String gives a String[], as javac's own call would
    assertTrue(generated.contains("(Object[]) new String[] {\"s\", \"t\"}"), generated);
  }
}
