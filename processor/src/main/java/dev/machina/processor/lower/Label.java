package dev.machina.processor.lower;

/**
 * Stands in a {@code continue} of generated code that sits inside a user's loop: the emitter
 * prints the label of the machine's driver loop there (and declares it).
 */
public enum Label {
  DRIVER
}
