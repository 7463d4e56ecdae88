package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Lambdas, anonymous and local classes capturing locals that live across awaits. */
public final class Captures {
  private Captures() {}

  @Async
  static Future<String> lambdas(Src s, Trace t) {
    int x = await(s.val(3));
    String prefix = await(s.val("p"));
    Supplier<Integer> twice = () -> x * 2;
    Function<Integer, String> f = n -> prefix + n + x;
    await(s.val(0));
    String mapped =
        await(s.val(List.of(1, 2))).stream().map(f).collect(Collectors.joining(","));
    return Future.ready(twice.get() + ":" + mapped);
  }

  @Async
  static Future<String> anonymous(Src s, Trace t) {
    String name = await(s.val("anon"));
    int n = await(s.val(2));
    Object o =
        new Object() {
          @Override
          public String toString() {
            return name + n;
          }
        };
    Comparator<String> byLength =
        new Comparator<>() {
          @Override
          public int compare(String a, String b) {
            return Integer.compare(a.length() * n, b.length() * n);
          }
        };
    await(s.val(0));
    return Future.ready(o + "," + byLength.compare("aa", "b"));
  }

  @Async
  static Future<Integer> localClass(Src s, Trace t) {
    int base = await(s.val(40));
    class Adder {
      int add(int k) {
        return base + k;
      }
    }
    Adder a = new Adder();
    int two = await(s.val(2));
    return Future.ready(a.add(two));
  }

  @Async
  static Future<Integer> lambdaInLoop(Src s) {
    int total = 0;
    for (int i = 0; i < 3; i++) {
      int copy = await(s.val(i));
      Supplier<Integer> sup = () -> copy * 10;
      total += await(s.val(sup.get()));
    }
    return Future.ready(total);
  }

  /** A superclass taking a value in its constructor, for local classes calling {@code super(..)}. */
  static class Labelled {
    final String label;

    Labelled(String label) {
      this.label = label;
    }
  }

  /**
   * A local class declared in a loop of awaits: every instance keeps the values of the iteration
   * that created it, also when it is created after an await of that iteration. {@link
   * #localClassInLoopPlain} is the same body without awaits.
   */
  @Async
  static Future<String> localClassInLoop(Src s) {
    List<Object> made = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int v = await(s.val(i * 10));
      String tag = await(s.val("t" + i));
      class Snap extends Labelled {
        final int own = v + 1;

        Snap() {
          super(tag + "@" + v);
        }

        @Override
        public String toString() {
          Supplier<String> inner = () -> tag + v;
          return label + ":" + inner.get() + "/" + own;
        }
      }
      made.add(new Snap());
      int late = await(s.val(i));
      made.add(new Snap() + "+" + late);
    }
    return Future.ready(made.toString());
  }

  /** {@link #localClassInLoop} run as plain Java. */
  static String localClassInLoopPlain() {
    List<Object> made = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int v = i * 10;
      String tag = "t" + i;
      class Snap extends Labelled {
        final int own = v + 1;

        Snap() {
          super(tag + "@" + v);
        }

        @Override
        public String toString() {
          Supplier<String> inner = () -> tag + v;
          return label + ":" + inner.get() + "/" + own;
        }
      }
      made.add(new Snap());
      int late = i;
      made.add(new Snap() + "+" + late);
    }
    return made.toString();
  }
}
