package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.other.Vehicle;
import dev.machina.tests.support.Src;
import java.util.function.Supplier;

/** {@code super.m(..)} and {@code super.x} in an {@code @Async} body, the superclass in another package. */
public class SuperCalls extends Vehicle {
  /** Hides {@link Vehicle}'s field: {@code super.speed} is the superclass's. */
  protected int speed = 1000;

  @Override
  protected String describe(String prefix) {
    return "mine " + prefix + speed;
  }

  @Override
  protected void note(String s) {
    super.note("overridden " + s);
  }

  @Async
  Future<String> overtake(Src s) {
    super.speed = await(s.val(5));
    super.speed += await(s.val(2));
    String mine = describe("at ");
    String theirs = super.describe(await(s.val("at ")));
    super.note(theirs);
    note(mine);
    Supplier<String> later = () -> super.describe("later ");
    return Future.ready(mine + " / " + theirs + " / " + later.get() + " / " + speed);
  }

  /** A subclass overriding again: the machine's super calls still reach {@link Vehicle}. */
  static class Faster extends SuperCalls {
    @Override
    protected String describe(String prefix) {
      return "faster " + prefix;
    }
  }
}
