package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.ArrayList;
import java.util.List;

/** while, do/while, for and for-each with awaits in condition, update, body and iterable. */
public final class Loops {
  private Loops() {}

  @Async
  static Future<Integer> whileAwaitInCondition(Src s, Trace t, int n) {
    int i = 0;
    int sum = 0;
    while (await(s.val(i)) < n) {
      sum += await(s.val(i * 10));
      t.add("w" + i);
      i++;
    }
    return Future.ready(sum);
  }

  @Async
  static Future<Integer> doWhile(Src s, Trace t, int n) {
    int i = 0;
    do {
      t.add("d" + i);
      i = await(s.val(i + 1));
    } while (i < await(s.val(n)));
    return Future.ready(i);
  }

  @Async
  static Future<String> forAllParts(Src s, Trace t) {
    StringBuilder sb = new StringBuilder();
    for (int i = await(s.val(0)), j = await(s.val(10)); i < await(s.val(3)); i = await(s.val(i + 1)), j--) {
      sb.append(i).append(':').append(await(s.val(j))).append(' ');
      t.add("f" + i);
    }
    return Future.ready(sb.toString().trim());
  }

  @Async
  static Future<Integer> forEachIterable(Src s, Trace t) {
    int total = 0;
    for (Integer x : await(s.val(List.of(1, 2, 3)))) {
      total += await(s.val(x * x));
      t.add("e" + x);
    }
    for (int x : await(s.val(new int[] {100, 200}))) {
      total += x;
    }
    List<String> seen = new ArrayList<>();
    for (String w : List.of("a", "b")) {
      seen.add(await(s.val(w + w)));
    }
    t.add(String.join(",", seen));
    return Future.ready(total);
  }

  @Async
  static Future<Integer> breakAndContinue(Src s, Trace t) {
    int sum = 0;
    for (int i = 0; ; i++) {
      if (await(s.val(i % 2 == 1))) {
        continue;
      }
      if (i > 6) {
        break;
      }
      sum += await(s.val(i));
      t.add("b" + i);
    }
    int k = 0;
    while (true) {
      k++;
      if (await(s.val(k)) >= 3) {
        break;
      }
    }
    return Future.ready(sum * 100 + k);
  }

  @Async
  static Future<Integer> failInLoop(Src s, Trace t, RuntimeException e) {
    int i = 0;
    while (i < 5) {
      t.add("i" + i);
      if (i == 2) {
        await(s.<Integer>fail(e));
      }
      i = await(s.val(i + 1));
    }
    return Future.ready(i);
  }

  /**
   * A loop variable of another type than the elements: each element is unboxed and widened
   * (JLS 14.14.2), and the iterator is typed by the elements, not the variable (FINDINGS F18).
   */
  @Async
  static Future<String> forEachConvertsElements(Src s, Trace t) {
    List<Character> chars = List.of('a', 'b');
    StringBuilder sb = new StringBuilder();
    for (int c : await(s.val(chars))) {
      sb.append(c).append(await(s.val(",")));
    }
    for (long x : List.of(1, 2)) {
      sb.append(x << 33).append(await(s.val(";")));
    }
    List<? extends Short> shorts = List.of((short) 3);
    for (double d : shorts) {
      sb.append(d / 2).append(await(s.val(".")));
    }
    return Future.ready(sb.toString());
  }
}
