package dev.machina;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A lazy, poll-based computation producing a {@code T}, as in Rust: nothing runs until the future
 * is polled, and it is polled again only after it wakes the waker it was last given.
 *
 * <p>{@link #poll} returns the value when the future has completed, or the marker {@link #PENDING}
 * after arranging for {@code cx.waker()} to be woken once progress is possible; a failure is thrown
 * from {@code poll} as the original {@link Throwable}. Returning the bare value (not a wrapper)
 * keeps the ready path free of allocation. A completed future must not be polled again.
 *
 * <p>Users can write leaf futures (a future over a callback API, say) by implementing this
 * interface. Inside {@link Async} methods, {@code await(future)} polls it.
 *
 * <p>Its simple name clashes with {@code java.util.concurrent.Future}: with both
 * {@code import dev.machina.*} and {@code import java.util.concurrent.*} the name {@code Future}
 * is ambiguous and javac rejects the method; import {@code dev.machina.Future} by name.
 *
 * @param <T> the type of the value
 */
public interface Future<T> {
  /** What {@link #poll} returns while the future has not completed. */
  Object PENDING = Markers.PENDING;

  /**
   * Advances this future: returns its value (of type {@code T}, possibly {@code null}) once
   * complete, or {@link #PENDING} after storing {@code cx.waker()} to wake when it may progress;
   * throws the failure if it failed.
   */
  Object poll(Context cx) throws Throwable;

  /**
   * Abandons this future before it completes: it releases what it holds (a timer, a place in a
   * queue of waiters, a spawned task) and stops the work it stands for. A state machine makes the
   * await it is suspended at throw {@link java.util.concurrent.CancellationException}, so its
   * {@code finally} blocks run; polling it further lets cleanup that awaits finish. Calling this
   * on a completed future does nothing. The default does nothing.
   */
  default void cancel() {}

  /** A future that is already complete with {@code value}. */
  static <T> Future<T> ready(T value) {
    return new Ready<>(value);
  }

  /** A future that is already failed with {@code error}, thrown as is by {@code await}. */
  static <T> Future<T> failed(Throwable error) {
    return new Failed<>(Objects.requireNonNull(error, "error"));
  }

  /**
   * A future completing with the outcome of {@code stage}; a failure keeps its original Throwable
   * (unwrapped from {@code CompletionException}). Cancelling the future detaches from the stage
   * without cancelling it.
   */
  static <T> Future<T> from(CompletionStage<T> stage) {
    return new StageFuture<>(Objects.requireNonNull(stage, "stage"));
  }
}
