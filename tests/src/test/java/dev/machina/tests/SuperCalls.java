package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.other.Horn;
import dev.machina.tests.other.Vehicle;
import dev.machina.tests.support.Src;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code super.m(..)}, {@code super.x}, {@code Horn.super.m(..)} and {@code super::m} in an {@code
 * @Async} body, the superclass in another package.
 */
public class SuperCalls extends Vehicle implements Horn {
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

  @Override
  public String sound(String s) {
    return "mine " + s;
  }

  /** Runs {@link Vehicle}'s machine through super, not this override again. */
  @Override
  @Async
  protected Future<String> honk(Src s) {
    String theirs = await(super.honk(s));
    return Future.ready("beep, then " + theirs);
  }

  @Async
  Future<String> references(Src s) {
    Function<String, String> theirs = super::describe;
    Function<String, String> mine = this::describe;
    Function<String, String> horn = Horn.super::sound;
    Function<Src, Future<String>> honks = this::honk;
    String v = await(s.val("x"));
    return Future.ready(
        theirs.apply(v) + " / " + mine.apply(v) + " / " + horn.apply(v) + " / " + sound(v) + " / "
            + await(honks.apply(s)) + " / " + Horn.super.sound(await(s.val("y"))));
  }

  @Override
  protected String route(String from, String... via) {
    return "mine " + from + via.length;
  }

  private static String tags(int... n) {
    return java.util.Arrays.toString(n);
  }

  /**
   * References to varargs methods the generated class reaches through handles, in fixed and
   * variable arity: the trailing arguments go into the array javac would have created.
   */
  @Async
  Future<String> varargsReferences(Src s) {
    BiFunction<String, String[], String> fixed = super::route;
    BiFunction<String, String, String> one = super::route;
    Function<String, String> none = super::route;
    Function<String, String> mine = this::route;
    BiFunction<Integer, Integer, String> tags = SuperCalls::tags;
    String v = await(s.val("a"));
    return Future.ready(
        fixed.apply(v, new String[] {"b", "c"}) + " / " + one.apply(v, await(s.val("b"))) + " / "
            + none.apply(v) + " / " + mine.apply(v) + " / " + tags.apply(1, await(s.val(2))));
  }

  /** A subclass overriding again: the machine's super calls still reach {@link Vehicle}. */
  static class Faster extends SuperCalls {
    @Override
    protected String describe(String prefix) {
      return "faster " + prefix;
    }

    @Override
    @Async
    protected Future<String> honk(Src s) {
      return Future.ready("fast " + await(super.honk(s)));
    }
  }
}
