package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.processor.testing.Later;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Assignments, compound assignments and increments of private fields whose values are used
 * ({@code int id = next++;}, {@code return cache = v;}), which the generated class reaches through
 * var handles: the same values and stores as the plain method, at every type and across awaits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateFieldValuesTest {
  private static final String SOURCE =
      """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      import java.util.*;
      import java.util.function.*;
      public class F {
        private int count;
        private static long total = 10;
        private String cache;
        private List<String> items;
        private char ch = 'a';
        private double d = 0.1;
        private byte b = 127;
        private Integer boxed = 5;
        private F other;

        @Async Future<String> run(Future<Integer> f) {
          int a = count++;
          int c = ++count;
          int e = (count += await(f));
          long t = total++ + (total *= 2);
          String s = cache = "v" + await(f);
          List<String> li = items = new ArrayList<>(List.of("q"));
          li.add("r");
          char x = ch++;
          double y = d++;
          double yy = d--;
          byte bb = b++;
          int bx = boxed++;
          Integer bx2 = boxed += 2;
          Supplier<String> sup = () -> cache = "lam";
          Runnable r = () -> count++;
          r.run();
          other = new F();
          int o = other.count = await(f) * 6;
          int o2 = other.count++;
          return Future.ready(a + "," + c + "," + e + "," + t + "," + s + "," + items + "," + x + ch + ","
              + y + "," + yy + "," + d + "," + bb + "," + b + "," + bx + "," + bx2 + "," + boxed + ","
              + sup.get() + "," + cache + "," + count + "," + o + "," + o2 + "," + other.count + "," + total);
        }

        String plain(int fv) {
          int a = count++;
          int c = ++count;
          int e = (count += fv);
          long t = total++ + (total *= 2);
          String s = cache = "v" + fv;
          List<String> li = items = new ArrayList<>(List.of("q"));
          li.add("r");
          char x = ch++;
          double y = d++;
          double yy = d--;
          byte bb = b++;
          int bx = boxed++;
          Integer bx2 = boxed += 2;
          Supplier<String> sup = () -> cache = "lam";
          Runnable r = () -> count++;
          r.run();
          other = new F();
          int o = other.count = fv * 6;
          int o2 = other.count++;
          return a + "," + c + "," + e + "," + t + "," + s + "," + items + "," + x + ch + ","
              + y + "," + yy + "," + d + "," + bb + "," + b + "," + bx + "," + bx2 + "," + boxed + ","
              + sup.get() + "," + cache + "," + count + "," + o + "," + o2 + "," + other.count + "," + total;
        }

        public static String plainRun(int fv) {
          total = 10;
          return new F().plain(fv);
        }

        public static Future<String> asyncRun(Future<Integer> f) {
          total = 10;
          return FAsync.run(new F(), f);
        }
      }
      """;

  @Test
  void storesUsedAsValuesGiveWhatThePlainMethodGives() throws Throwable {
    Harness h = Harness.compile(SOURCE);
    String plain = (String) h.call("p.F", "plainRun", 7);
    assertEquals("0,2,9,32,v7,[q, r],ab,0.1,1.1,0.10000000000000009,127,-128,5,8,8,lam,lam,10,42,42,43,22", plain);
    assertEquals(plain, h.run("p.F", "asyncRun", Later.value(7)));
    assertEquals(plain, h.run("p.F", "asyncRun", Later.fromThread(7)));
    String generated = h.source("p.FAsync");
    // x++ gives the value before the store; x = v the value stored
    assertTrue(generated.contains("a = (int) COUNT_FIELD.getAndSet(self, (int) (((int) COUNT_FIELD.get(self)) + 1));"), generated);
    assertTrue(generated.contains("private static String assignCACHE_FIELD(F receiver, String value) {"), generated);
  }
}
