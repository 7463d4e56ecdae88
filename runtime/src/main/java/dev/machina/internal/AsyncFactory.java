package dev.machina.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a factory the processor generated for an {@code @Async} instance method, so that
 * {@link Overrides} can tell at run time an {@code @Async} override (call its factory) from a
 * plain one (call the method); {@code @Async} itself is not visible at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AsyncFactory {}
