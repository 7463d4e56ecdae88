package dev.machina.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.Future;
import dev.machina.processor.testing.Later;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a method of a compiled machine class ({@code p.PAsync}) and of its plain-Java twin
 * ({@code p.P$Ref}, the same body with a blocking {@code await}) and checks that both give the
 * same outcome: the value or the exception, and the {@link Later#TRACE trace}.
 */
final class PlainTwins {
  private PlainTwins() {}

  /** What a run of {@code method} of {@code className} gave, with the trace. */
  static String outcome(Harness h, String className, String method, Object... args) {
    Later.TRACE.clear();
    String result;
    try {
      result = "returned " + Harness.block((Future<?>) h.call(className, method, args));
    } catch (Throwable t) {
      result = "threw " + t.getClass().getName() + ": " + t.getMessage();
    }
    return result + " " + Later.TRACE;
  }

  /** Runs {@code method} of the machine and of the twin on {@code args}; their common outcome. */
  static String sameAsPlainJava(Harness h, String method, Object... args) {
    String reference = outcome(h, "p.P$Ref", method, args);
    assertEquals(
        reference, outcome(h, "p.PAsync", method, args), method + Arrays.toString(args));
    return reference;
  }

  /** {@link #sameAsPlainJava(Harness, String, Object...)} of {@code f} on each argument list. */
  static List<String> sameAsPlainJava(Harness h, Object[]... argumentLists) {
    List<String> out = new ArrayList<>();
    for (Object[] args : argumentLists) {
      out.add(sameAsPlainJava(h, "f", args));
    }
    return out;
  }
}
