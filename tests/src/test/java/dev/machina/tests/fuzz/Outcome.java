package dev.machina.tests.fuzz;

import java.util.List;
import java.util.Objects;

/** What one run of a program did: its result or its exception, and its trace of side effects. */
final class Outcome {
  final String result;
  final String thrown;
  final List<String> trace;

  Outcome(String result, String thrown, List<String> trace) {
    this.result = result;
    this.thrown = thrown;
    this.trace = List.copyOf(trace);
  }

  /**
   * A description equal for equal failures of the two runs: class name, plus the message for the
   * exceptions whose messages do not depend on how the code was compiled (helpful NullPointer
   * messages, for one, name the variables of the generated code).
   */
  static String describe(Throwable x) {
    String name = x.getClass().getSimpleName();
    if (x instanceof Env.Boom
        || x instanceof Env.CheckedBoom
        || x instanceof ArithmeticException
        || x instanceof IndexOutOfBoundsException
        || x instanceof AssertionError) {
      return name + "(" + x.getMessage() + ")";
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Outcome other
        && Objects.equals(result, other.result)
        && Objects.equals(thrown, other.thrown)
        && trace.equals(other.trace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(result, thrown, trace);
  }

  /** At most this many trace events are shown: a runaway trace must not take the JVM's heap. */
  private static final int SHOWN = 400;

  @Override
  public String toString() {
    String shown = trace.size() <= SHOWN
        ? trace.toString()
        : trace.subList(0, SHOWN) + " and " + (trace.size() - SHOWN) + " more events";
    String value = result != null && result.length() > 4000
        ? result.substring(0, 4000) + ".. (" + result.length() + " chars)"
        : result;
    return (thrown != null ? "threw " + thrown : "returned " + value) + "\n  trace " + shown;
  }
}
