package dev.machina.processor.lower;

/** A class the processor generates (a {@code FooAsync}), named before it exists. */
public record GeneratedType(String packageName, String simpleName) {}
