package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/**
 * {@code @Async} methods overridden in subclasses and implementing classes: a call inside a body,
 * and a call of the generated factory, run the override the receiver's class selects, as a
 * virtual call does in Java.
 */
public final class Overriding {
  private Overriding() {}

  /** The root of a chain: {@code describe} calls {@code name}, which subclasses override. */
  public static class Animal {
    final Src s;

    Animal(Src s) {
      this.s = s;
    }

    @Async
    Future<String> name() {
      return Future.ready("animal" + await(s.val("")));
    }

    @Async
    Future<String> describe() {
      String n = await(name());
      return Future.ready("<" + n + ">");
    }

    /** Counts down through {@code countDown} as the receiver's class overrides it. */
    @Async
    Future<Integer> countDown(int n) {
      if (n == 0) {
        return s.val(0);
      }
      return Future.ready(1 + await(countDown(n - 1)));
    }
  }

  /** Overrides {@code name} with another {@code @Async} method. */
  public static class Dog extends Animal {
    Dog(Src s) {
      super(s);
    }

    @Override
    @Async
    Future<String> name() {
      return Future.ready("dog" + await(s.val("!")));
    }

    /** Adds 100 at every level, and recurses through the receiver's own override. */
    @Override
    @Async
    Future<Integer> countDown(int n) {
      if (n == 0) {
        return s.val(0);
      }
      return Future.ready(100 + await(countDown(n - 1)));
    }
  }

  /** Overrides nothing: inherits Dog's {@code name}. */
  public abstract static class Puppy extends Dog {
    Puppy(Src s) {
      super(s);
    }
  }

  /** Three levels below Animal, overrides {@code name} again. */
  public static final class Beagle extends Puppy {
    Beagle(Src s) {
      super(s);
    }

    @Override
    @Async
    Future<String> name() {
      String dog = await(super_name());
      return Future.ready("beagle/" + dog);
    }

    /** What Dog's name would give (a subclass reaches it through a helper: no super in bodies). */
    Future<String> super_name() {
      return Overriding_DogAsync.name(new Dog(s));
    }
  }

  /** A plain (not {@code @Async}) override returning a future. */
  public static class Robot extends Animal {
    Robot(Src s) {
      super(s);
    }

    @Override
    Future<String> name() {
      return Future.ready("robot");
    }
  }

  /** A subclass of an {@code @Async} override that overrides it with a plain method. */
  public static class Wolf extends Dog {
    Wolf(Src s) {
      super(s);
    }

    @Override
    Future<String> name() {
      return Future.ready("wolf");
    }
  }

  /** An anonymous-like subclass that overrides nothing. */
  public static class Cat extends Animal {
    Cat(Src s) {
      super(s);
    }
  }

  /** An interface with an {@code @Async} default method. */
  public interface Greeter {
    Src src();

    @Async
    default Future<String> greet(String who) {
      return Future.ready("hello " + await(src().val(who)));
    }

    @Async
    default Future<String> greetTwice(String who) {
      return Future.ready(await(greet(who)) + ", " + await(greet(who)));
    }
  }

  /** Keeps the default. */
  public record Plain(Src src) implements Greeter {}

  /** Overrides the default with an {@code @Async} method. */
  public record Loud(Src src) implements Greeter {
    @Override
    @Async
    public Future<String> greet(String who) {
      return Future.ready("HELLO " + await(src.val(who)).toUpperCase());
    }
  }

  /** A sub-interface overriding the default with another default. */
  public interface Polite extends Greeter {
    @Override
    @Async
    default Future<String> greet(String who) {
      return Future.ready("good day, " + await(src().val(who)));
    }
  }

  /** Gets Polite's default. */
  public record Butler(Src src) implements Polite {}

  /** A generic class whose override in a subclass has another erasure (javac bridges it). */
  public static class Box<T> {
    @Async
    Future<String> show(T value, Src s) {
      return Future.ready("box " + await(s.val(value)));
    }
  }

  /** Overrides {@code show(T)} as {@code show(Integer)}. */
  public static class IntBox extends Box<Integer> {
    @Override
    @Async
    Future<String> show(Integer value, Src s) {
      return Future.ready("int " + (await(s.val(value)) + 1));
    }
  }
}
