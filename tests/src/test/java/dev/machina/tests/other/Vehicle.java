package dev.machina.tests.other;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.List;

/**
 * A superclass in another package than its {@code @Async} subclass ({@link
 * dev.machina.tests.Inheritance}): its protected members are reachable from the subclass's body,
 * not from the generated class.
 */
public class Vehicle {
  protected int speed;
  protected final List<String> log = new ArrayList<>();
  protected static int built;

  protected Vehicle() {
    built++;
  }

  protected String describe(String prefix) {
    return prefix + speed;
  }

  protected void note(String s) {
    log.add(s);
  }

  /** Overridden by {@code @Async} methods of subclasses in another package that call it through super. */
  @Async
  protected Future<String> honk(Src s) {
    return Future.ready("honk" + await(s.val("!")));
  }

  /** Varargs, referenced through {@code this::} and {@code super::} by a subclass in another package. */
  protected String route(String from, String... via) {
    return from + "->" + String.join("->", via) + " (" + via.getClass().getSimpleName() + ")";
  }

  protected static String unit() {
    return "km/h";
  }

  public List<String> log() {
    return log;
  }
}
