package dev.machina;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method returning {@link Future Future&lt;T&gt;} whose body is compiled into a state
 * machine, so that {@link Await#await} inside it suspends instead of blocking.
 *
 * <p>For a class {@code p.Foo} the processor writes {@code p.FooAsync} (for a nested class
 * {@code p.Outer.Inner}, {@code p.Outer_InnerAsync}) with one static factory per {@code @Async}
 * method. Call the factory to get the lazy future; calling the annotated method itself runs the
 * original body, where {@code await} throws {@link IllegalStateException}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
