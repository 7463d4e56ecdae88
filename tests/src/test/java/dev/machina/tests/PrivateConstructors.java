package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code new C(..)} with a private constructor: legal in the body (C is a nestmate of the user's
 * class), but not from the generated class, which calls it through a handle (FINDINGS F20).
 */
public final class PrivateConstructors {
  final int v;

  private PrivateConstructors(int v) {
    this.v = v;
  }

  private PrivateConstructors(long v, String s) {
    this.v = (int) v + s.length();
  }

  /** The static-factory pattern: an {@code @Async} factory of a class with a private constructor. */
  @Async
  static Future<PrivateConstructors> create(Src s) {
    int x = await(s.val(2));
    return Future.ready(new PrivateConstructors(x + await(s.val(3))));
  }

  static final class Box<T> {
    final T t;

    private Box(T t) {
      this.t = t;
    }
  }

  static final class Failing {
    private Failing(boolean fail) throws IOException {
      if (fail) {
        throw new IOException("failing");
      }
    }
  }

  /** Overloads, a generic class with a diamond, a lambda body, a statement, a checked exception. */
  @Async
  static Future<String> kinds(Src s) {
    PrivateConstructors p = new PrivateConstructors(await(s.val(7L)), await(s.val("ab")));
    Box<String> b = new Box<>(await(s.val("s")));
    Supplier<Box<Character>> later = () -> new Box<>('c');
    String caught = "";
    try {
      new Failing(await(s.val(true)));
    } catch (IOException e) {
      caught = e.getMessage();
    }
    return Future.ready(p.v + " " + b.t + " " + later.get().t + " " + caught);
  }

  /** A private inner class: its handle takes the enclosing instance first, as javac's constructor does. */
  private class Counter {
    final int total;

    private Counter(int step) {
      total = v + step;
    }
  }

  /** Inner instances of this one and of {@code other} (a null one throws before the argument runs). */
  @Async
  Future<String> inner(Src s, PrivateConstructors other) {
    Counter mine = new Counter(await(s.val(1)));
    Counter theirs = other.new Counter(await(s.val(2)));
    Supplier<Counter> later = () -> new Counter(3);
    String npe = "";
    PrivateConstructors none = await(s.val(0)) > 0 ? other : null;
    try {
      none.new Counter(await(s.val(4)));
    } catch (NullPointerException e) {
      npe = "npe";
    }
    return Future.ready(mine.total + " " + theirs.total + " " + later.get().total + " " + npe);
  }
}
