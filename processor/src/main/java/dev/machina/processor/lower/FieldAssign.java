package dev.machina.processor.lower;

/**
 * An assignment to the field of a {@link Handle} whose value is used ({@code return cache = v;}):
 * the emitter routes it through a static helper of the machine that stores the value and
 * returns it, as an assignment expression does.
 */
public record FieldAssign(Handle handle) {}
