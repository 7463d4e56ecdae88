package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Generic methods and methods of generic classes. */
public final class Generics<E> {
  final List<E> items = new ArrayList<>();

  @Async
  static <T extends Comparable<? super T>> Future<T> max(Src s, List<? extends T> xs) {
    T best = null;
    for (T x : xs) {
      T v = await(s.val(x));
      if (best == null || v.compareTo(best) > 0) {
        best = v;
      }
    }
    return Future.ready(best);
  }

  @Async
  static <K, V> Future<Map<K, List<V>>> group(Src s, List<V> vs, Function<V, K> key) {
    Map<K, List<V>> m = new TreeMap<>();
    for (V v : vs) {
      K k = await(s.val(key.apply(v)));
      m.computeIfAbsent(k, unused -> new ArrayList<>()).add(await(s.val(v)));
    }
    return Future.ready(m);
  }

  @Async
  Future<Integer> addAll(Src s, List<E> more) {
    for (E e : more) {
      items.add(await(s.val(e)));
    }
    return Future.ready(items.size());
  }

  @Async
  <R> Future<List<R>> mapAll(Src s, Function<? super E, ? extends R> f) {
    List<R> out = new ArrayList<>();
    for (E e : items) {
      R r = await(s.val(f.apply(e)));
      out.add(r);
    }
    return Future.ready(out);
  }

  @Async
  static <T> Future<T[]> arrays(Src s, T[] xs) {
    T first = await(s.val(xs[0]));
    xs[xs.length - 1] = first;
    return s.val(xs);
  }
}
