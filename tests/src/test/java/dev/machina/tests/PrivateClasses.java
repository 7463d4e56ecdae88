package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/**
 * {@code @Async} methods of private nested classes: the generated factories take their receivers
 * as {@code Object}s, reach their members through handles and dispatch to overrides in the nest.
 */
public final class PrivateClasses {
  private int total = 100;

  private static class Counter {
    private int hits;
    final String tag;

    Counter(String tag) {
      this.tag = tag;
    }

    private int bump(int by) {
      hits += by;
      return hits;
    }

    @Async
    static Future<Integer> twice(Src s, int v) {
      return Future.ready(2 * await(s.val(v)));
    }

    @Async
    Future<String> count(Src s, int v) {
      hits++;
      this.hits += bump(await(s.val(v)));
      return Future.ready(tag + ":" + hits);
    }
  }

  private static final class Loud extends Counter {
    Loud() {
      super("loud");
    }

    @Override
    @Async
    Future<String> count(Src s, int v) {
      return Future.ready(await(PrivateClasses_CounterAsync.count$super(this, s, v)).toUpperCase());
    }
  }

  private class Adder {
    @Async
    Future<Integer> add(Src s, int v) {
      total += await(s.val(v));
      return Future.ready(total);
    }
  }

  /** Runs each kind of private class's machine; the modes make the awaits ready, late or failing. */
  @Async
  static Future<String> run(Src s) {
    int a = await(PrivateClasses_CounterAsync.twice(s, 4));
    String b = await(PrivateClasses_CounterAsync.count(new Counter("c"), s, a));
    String c = await(PrivateClasses_CounterAsync.count(new Loud(), s, 1));
    PrivateClasses outer = new PrivateClasses();
    int d = await(PrivateClasses_AdderAsync.add(outer.new Adder(), s, 5));
    return Future.ready(a + " " + b + " " + c + " " + d + " " + outer.total);
  }
}
