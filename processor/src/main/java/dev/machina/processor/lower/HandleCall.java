package dev.machina.processor.lower;

/**
 * A call of a method {@link Handle} from inside a lambda or class body of the method, where the
 * checked {@code Throwable} of {@code invokeExact} cannot be thrown: the emitter routes it
 * through a static helper of the machine that rethrows what the method threw, unchanged.
 */
public record HandleCall(Handle handle) {}
