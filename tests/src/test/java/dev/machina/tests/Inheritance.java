package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.other.Vehicle;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Values of the superclass's protected nested types, which the generated class keeps as {@code
   * Object} and reaches through handles, across awaits; {@link #servicePlain} is the same body
   * without them.
   */
  @Async
  Future<String> service(Src s, int kilos) {
    Part engine = new Part(await(s.val("engine")), kilos);
    List<Part> parts = new ArrayList<>(List.of(engine, spare));
    parts.add(await(s.val(Part.none())));
    Part[] pair = {engine, heaviest(parts)};
    Load load = pair[1];
    Gear gear = await(s.val(kilos)) > 5 ? Gear.HIGH : Gear.LOW;
    String out = heaviest(parts) + " " + load.kilos() + " " + pair.length + " " + gear.ordinal();
    switch (gear) {
      case LOW -> out += " low" + await(s.val(1));
      case HIGH -> out += " high";
    }
    Object any = parts.get(await(s.val(2)));
    if (any instanceof Part p && p.kilos() == 0) {
      out += " " + p.name() + await(s.val("!"));
    }
    try {
      if (await(s.val(kilos)) > 3) {
        throw new Stalled("stalled at " + engine.kilos());
      }
    } catch (Stalled e) {
      out += " " + e.getMessage() + await(s.val("."));
    }
    return Future.ready(out);
  }

  String servicePlain(int kilos) {
    Part engine = new Part("engine", kilos);
    List<Part> parts = new ArrayList<>(List.of(engine, spare));
    parts.add(Part.none());
    Part[] pair = {engine, heaviest(parts)};
    Load load = pair[1];
    Gear gear = kilos > 5 ? Gear.HIGH : Gear.LOW;
    String out = heaviest(parts) + " " + load.kilos() + " " + pair.length + " " + gear.ordinal();
    switch (gear) {
      case LOW -> out += " low" + 1;
      case HIGH -> out += " high";
    }
    Object any = parts.get(2);
    if (any instanceof Part p && p.kilos() == 0) {
      out += " " + p.name() + "!";
    }
    try {
      if (kilos > 3) {
        throw new Stalled("stalled at " + engine.kilos());
      }
    } catch (Stalled e) {
      out += " " + e.getMessage() + ".";
    }
    return out;
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
