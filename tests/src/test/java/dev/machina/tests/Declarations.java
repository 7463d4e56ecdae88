package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.List;

/** Declaration sites of {@code @Async} methods the other families do not cover. */
public final class Declarations {
  private Declarations() {}

  /** A static nested generic class whose inner generic class uses both type variables. */
  static final class Outer<T> {
    private final T first;
    final List<T> seen = new ArrayList<>();

    Outer(T first) {
      this.first = first;
    }

    /** {@code Outer<T>.Inner<U>}: reads the enclosing instance's {@code T} after awaits. */
    final class Inner<U> {
      private final U own;

      Inner(U own) {
        this.own = own;
      }

      @Async
      Future<String> pair(Src s, T t) {
        T a = await(s.val(t));
        List<T> ts = new ArrayList<>();
        ts.add(a);
        ts.add(first);
        U u = await(s.val(own));
        T again = first;
        seen.add(await(s.val(t)));
        T last = seen.get(seen.size() - 1);
        return Future.ready(ts + "/" + u + "/" + again + last);
      }

      /** An inner class of an inner class of the static nested class. */
      final class Deepest {
        @Async
        Future<String> all(Src s) {
          U u = await(s.val(own));
          return Future.ready(first + "-" + u + "-" + await(s.val("!")));
        }
      }
    }
  }
}
