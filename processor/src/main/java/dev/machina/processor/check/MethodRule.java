package dev.machina.processor.check;

import dev.machina.processor.Reporter;

/** One rule about an {@code @Async} method declaration; reports what it finds. */
interface MethodRule {
  /** Checks {@code method}, reporting each problem; returns true if the method passed. */
  boolean check(AsyncMethod method, Reporter reporter);
}
