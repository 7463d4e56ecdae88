/**
 * Parse stage. In: an {@code @Async} {@link javax.lang.model.element.ExecutableElement}. Out: an
 * immutable {@link dev.machina.processor.parse.AsyncMethod} (signature, type parameters, receiver,
 * body path, names of the generated class and machine), read through the public Tree API; methods
 * whose body mentions types not generated yet are flagged for a later round.
 */
package dev.machina.processor.parse;
