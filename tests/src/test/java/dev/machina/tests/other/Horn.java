package dev.machina.tests.other;

/** An interface whose default method an {@code @Async} body's class overrides and calls through {@code Horn.super}. */
public interface Horn {
  default String sound(String s) {
    return "horn " + s;
  }
}
