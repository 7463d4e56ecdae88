package dev.machina.tests;

import static dev.machina.Await.await;
import static dev.machina.tests.InferenceHelp.thrice;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Variables whose types javac infers (intersections, local classes) living across awaits: the
 * machine's fields must keep every member of the inferred type reachable.
 */
public final class Inference {
  /** {@code var x = c ? 1 : "s"}: {@code Object & Serializable & Comparable<..> & ..}. */
  @Async
  static Future<String> intersection(Src s, boolean flag) {
    var x = flag ? Integer.valueOf(await(s.val(7))) : "s";
    await(s.val(0));
    Object c = x.describeConstable().orElseThrow(); // a member of Constable, not Serializable
    Supplier<String> later = () -> x.toString() + x.describeConstable().isPresent();
    await(s.val(0));
    var y = x;
    return Future.ready(x + ":" + c + ":" + later.get() + ":" + y.getClass().getSimpleName());
  }

  /** {@code List.of(1, 2.5)} is a {@code List<Number & Comparable<..> & ..>}. */
  @Async
  static Future<String> intersectionTypeArgument(Src s) {
    var l = Arrays.asList(await(s.val(1)), await(s.val(2.5)));
    await(s.val(0));
    Number n = l.get(1);
    var m = List.of(await(s.val(3)), "s");
    await(s.val(0));
    // List<Serializable & Comparable<..> & CharSequence>: elements have every bound's members
    var cs = List.of(new StringBuilder("ab"), await(s.val("c")));
    await(s.val(0));
    CharSequence first = cs.get(0);
    int len = cs.get(1).length() + first.length();
    Runnable r = () -> cs.get(0).charAt(0);
    r.run();
    return Future.ready(l + ":" + n.intValue() + ":" + m.get(0) + m.size() + ":" + len);
  }

  /** A local record (a local class) assigned again after it lived across an await. */
  @Async
  static Future<String> localRecordReassigned(Src s) {
    record Pair(int a, String b) {}
    Pair p = new Pair(await(s.val(1)), "x");
    await(s.val(0));
    p = new Pair(p.a() + await(s.val(2)), p.b());
    await(s.val(0));
    p = new Pair(p.a() + 1, p.b() + "y");
    await(s.val(0));
    return Future.ready(p.toString());
  }

  /**
   * A method reference whose receiver awaits: evaluated once, where the reference stands, and a
   * {@code null} receiver throws there (JLS 15.13.3), before what follows runs.
   */
  @Async
  static Future<String> methodReferenceReceiver(Src s, Trace trace, String text) {
    try {
      Function<Integer, String> f = await(s.val(text))::substring;
      trace.add("made");
      String r = f.apply(await(s.val(2))) + f.apply(4);
      Supplier<String> g = await(s.val(new StringBuilder("sb")))::toString;
      return Future.ready(r + g.get());
    } catch (NullPointerException e) {
      trace.add("npe");
      return Future.ready("null");
    }
  }

  /**
   * Local records, enums and interfaces living across awaits (their fields are {@code Object}s),
   * captured by lambdas and local classes, initialized and assigned with lambdas, method
   * references, conditionals of them and anonymous diamonds, which need the variable's type as
   * their target.
   */
  @Async
  static Future<String> localTypesAsTargets(Src s) {
    record R(int a) {}
    enum K { A, B }
    interface G<T> { String g(T t); }
    R r = new R(await(s.val(1)));
    K k = K.valueOf(await(s.val("B")));
    Map<K, Integer> m = new EnumMap<>(K.class);
    G<String> g = x -> "a" + x;
    G<Integer> g2 = new G<>() { public String g(Integer i) { return "n" + i; } };
    await(s.val(0));
    Supplier<String> sup = () -> "r" + r.a() + k;
    m.put(k, 1);
    Runnable put = () -> m.put(K.A, 2);
    put.run();
    String out = sup.get() + new TreeMap<>(m) + g.g("1") + g2.g(await(s.val(2)));
    g = x -> "b" + x;
    await(s.val(0));
    out += g.g("2");
    g = await(s.val(true)) ? x -> "c" + x : String::trim;
    await(s.val(0));
    out += g.g("3");
    var x = await(s.val(false)) ? Integer.valueOf(4) : "s";
    var cs = List.of(new StringBuilder("q"), await(s.val("c")));
    await(s.val(0));
    class L {
      String show() {
        return x.describeConstable().orElseThrow() + ":" + cs.get(0).length();
      }
    }
    await(s.val(0));
    return Future.ready(out + ":" + new L().show());
  }

  /**
   * Lambdas, method references and diamonds as values of switch expressions and conditionals
   * with awaits, typed by local types: the temporary holding the value is an {@code Object}
   * field, which gave them no target type.
   */
  @Async
  static Future<String> localTypedLambdasInSwitchAndConditionalArms(Src s, int k) {
    record Box(int w) {}
    interface Maker { Box make(int w); }
    int two = await(s.val(2));
    Supplier<Box> made = switch (k + await(s.val(0))) {
      case 0 -> () -> new Box(two);
      case 1 -> {
        int base = await(s.val(3));
        yield () -> new Box(base);
      }
      default -> {
        yield () -> new Box(-1);
      }
    };
    Maker maker = await(s.val(k > 0)) ? Box::new : w -> new Box(w * 10);
    Supplier<Box> again = k > 0 ? await(s.val(made)) : () -> new Box(two + 7);
    List<Box> boxes = switch (await(s.val(k))) {
      case 0 -> new ArrayList<>();
      default -> new ArrayList<>(List.of(new Box(5)));
    };
    await(s.val(0));
    boxes.add(maker.make(1));
    return Future.ready(made.get().w() + ":" + again.get().w() + ":" + boxes);
  }

  static int twice(int x) {
    return 2 * x;
  }

  /**
   * A variable named like a class of this package that the generated code names: the call
   * {@code twice(..)} is written {@code Inference.twice(..)}, which the variable hid.
   */
  @Async
  static Future<String> variableNamedLikeAClassOfThePackage(Src s) {
    int Inference = await(s.val(1));
    int a = twice(Inference) + await(s.val(2));
    return Future.ready(a + ":" + Inference);
  }

  /** A local record named like a class of this package that a static import reaches. */
  @Async
  static Future<String> localClassNamedLikeAClassOfThePackage(Src s) {
    record InferenceHelp(int v) {}
    InferenceHelp h = new InferenceHelp(await(s.val(3)));
    int t = thrice(h.v()) + await(s.val(1));
    return Future.ready(h + ":" + t);
  }
}

/** Reached by a static import from {@link Inference}. */
final class InferenceHelp {
  private InferenceHelp() {}

  static int thrice(int x) {
    return 3 * x;
  }
}
