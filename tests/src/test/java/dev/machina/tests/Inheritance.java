package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.other.Vehicle;
import dev.machina.tests.support.Src;
import java.util.function.Supplier;

/** {@code @Async} bodies using protected members inherited from a class in another package. */
public class Inheritance extends Vehicle {
  @Async
  Future<String> accelerate(Src s, int by) {
    speed += await(s.val(by));
    note("at " + speed);
    this.speed++;
    speed = speed * await(s.val(2));
    Supplier<String> later = () -> describe("now ") + " " + unit();
    String before = describe(await(s.val("was ")));
    note(before);
    return Future.ready(later.get() + " / " + Vehicle.unit() + " / built " + (built > 0));
  }

  @Async
  static Future<Integer> speedOf(Src s, Inheritance other) {
    int v = await(s.val(other.speed));
    other.speed = v + 1;
    other.note("set " + other.speed);
    return Future.ready(other.speed);
  }

  /** An inner class reaching its outer instance's inherited protected members. */
  class Driver {
    @Async
    Future<String> drive(Src s) {
      speed = await(s.val(7));
      note("driver");
      return Future.ready(describe("driven ") + " " + log.size());
    }
  }
}
