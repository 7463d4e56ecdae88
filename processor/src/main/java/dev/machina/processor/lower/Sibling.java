package dev.machina.processor.lower;

import javax.lang.model.type.PrimitiveType;

/**
 * A machine class generated into the same file as the one being lowered, which an await of its
 * method's call steps directly.
 *
 * @param machineClass the simple name of the machine class
 * @param value the primitive type its step returns unboxed ({@link PrimitiveValue}), or {@code
 *     null} if its step returns the boxed value
 */
public record Sibling(String machineClass, PrimitiveType value) {}
