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

  /** A protected nested type, which a subclass in another package names and the generated class cannot. */
  protected static final class Part implements Load, Comparable<Part> {
    private final String name;
    private final int kilos;

    public Part(String name, int kilos) {
      this.name = name;
      this.kilos = kilos;
    }

    public String name() {
      return name;
    }

    @Override
    public int kilos() {
      return kilos;
    }

    @Override
    public int compareTo(Part o) {
      return Integer.compare(kilos, o.kilos);
    }

    public static Part none() {
      return new Part("none", 0);
    }

    @Override
    public String toString() {
      return name + "/" + kilos;
    }
  }

  /** A protected interface of this package, implemented by {@link Part}. */
  protected interface Load {
    int kilos();
  }

  /** A protected enum, switched over by a subclass in another package. */
  protected enum Gear {
    LOW,
    HIGH
  }

  /** A protected exception type, caught by a subclass in another package. */
  protected static class Stalled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Stalled(String message) {
      super(message);
    }
  }

  protected Part spare = new Part("wheel", 9);

  protected static Part heaviest(List<Part> parts) {
    Part best = Part.none();
    for (Part p : parts) {
      if (p.compareTo(best) > 0) {
        best = p;
      }
    }
    return best;
  }
}
