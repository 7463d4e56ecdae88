package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/** Instance methods of nested and inner classes, records, enums and interfaces; private members. */
public final class Members {
  private int secret = 7;
  private static String staticSecret = "s";

  private int twice(int x) {
    return 2 * x;
  }

  private static String shout(String x) {
    return x.toUpperCase();
  }

  @Async
  Future<String> privates(Src s) {
    secret += await(s.val(1));
    String st = staticSecret + await(s.val("!"));
    int t = twice(await(s.val(secret)));
    return Future.ready(shout(st) + t + this.secret);
  }

  /** {@code outer.new Inner()} with an await in the arguments and a generic inner class. */
  @Async
  static Future<String> qualifiedCreation(Members outer, Src s) {
    Inner in = outer.new Inner();
    Pair<String> p = outer.new Pair<>(await(s.val("a")), "b");
    Pair<String> q = outer.new Pair<String>(p.second, await(s.val("c"))) {
      @Override
      public String toString() {
        return "anon " + first + second;
      }
    };
    return Future.ready(await(Members_InnerAsync.sum(in, s)) + " " + p + " " + q);
  }

  /** Local record, enum and interface types, also as arrays and type arguments, across awaits. */
  @Async
  static Future<String> localTypes(Src s) {
    interface Shape {
      int area();
    }
    record Square(int side) implements Shape {
      public int area() {
        return side * side;
      }
    }
    enum Kind { SMALL, LARGE }
    Kind[] kinds = Kind.values();
    java.util.List<Square> squares = new java.util.ArrayList<>();
    squares.add(new Square(await(s.val(3))));
    Shape first = squares.get(0);
    Kind k = kinds[await(s.val(1))];
    squares.add(new Square(await(s.val(2))));
    return Future.ready(first.area() + k.name() + squares + kinds.length);
  }

  /** An inner generic class. */
  class Pair<T> {
    final T first;
    final T second;

    Pair(T first, T second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public String toString() {
      return first + "" + second;
    }
  }

  /** A static nested class with an instance method. */
  static final class Nested {
    private final String name;

    Nested(String name) {
      this.name = name;
    }

    @Async
    Future<String> greet(Src s) {
      return Future.ready(name + await(s.val("!")));
    }
  }

  /** An inner class with private state of its own. */
  final class Inner {
    private int own = 1;

    private int thrice(int x) {
      return 3 * x;
    }

    @Async
    Future<Integer> sum(Src s) {
      own += await(s.val(10));
      return Future.ready(own + thrice(await(s.val(1))));
    }
  }

  /** A record with an async method. */
  record Point(int x, int y) {
    @Async
    Future<Integer> dist(Src s) {
      return Future.ready(Math.abs(await(s.val(x))) + Math.abs(y()));
    }

    @Async
    static Future<Point> origin(Src s) {
      return Future.ready(new Point(await(s.val(0)), 0));
    }
  }

  /** An enum whose constants answer asynchronously. */
  enum Op {
    PLUS,
    TIMES;

    @Async
    Future<Integer> apply(Src s, int a, int b) {
      int x = await(s.val(a));
      return Future.ready(this == PLUS ? x + b : x * b);
    }
  }

  /** An interface with default and static async methods. */
  interface Named {
    String name();

    @Async
    default Future<String> describe(Src s) {
      return Future.ready("named " + await(s.val(name())));
    }

    @Async
    static Future<String> anonymous(Src s) {
      return Future.ready(await(s.val("nobody")));
    }
  }
}
