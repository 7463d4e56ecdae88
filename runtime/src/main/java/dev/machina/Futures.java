package dev.machina;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Combinators over futures: wait for all ({@link #joinAll}, {@link #join}), or for the first
 * ({@link #select}, {@link #selectAll}).
 *
 * <p>The children run concurrently inside the task that awaits the combinator (to run them on
 * several threads, spawn them and combine the {@link JoinHandle}s). Each child has its own waker,
 * so a wake re-polls only that child. Cancelling a combinator cancels its unfinished children;
 * a child state machine then runs its handlers and {@code finally} blocks up to their first
 * suspension, as {@link Future#cancel()} describes (cleanup that awaits is abandoned).
 * Cancelling a {@link JoinHandle} child cancels its task.
 */
public final class Futures {
  private Futures() {}

  /**
   * Waits for all {@code futures}; completes with their values in the list's order. The first
   * failure (in time) fails the result at once, as thrown, after the others are cancelled.
   */
  public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
    return new JoinAll<>(futures, Futures::<T>asList);
  }

  /** {@link #joinAll} of the arguments. */
  @SafeVarargs
  public static <T> Future<List<T>> join(Future<? extends T>... futures) {
    return joinAll(listOf(futures));
  }

  /**
   * Waits for {@code a} and {@code b} and completes with {@code combine(valueA, valueB)}; fails
   * fast (cancelling the other) like {@link #joinAll}.
   */
  @SuppressWarnings("unchecked")
  public static <A, B, R> Future<R> join(
      Future<A> a, Future<B> b, BiFunction<? super A, ? super B, ? extends R> combine) {
    java.util.Objects.requireNonNull(combine, "combine");
    return new JoinAll<>(List.of(a, b), v -> combine.apply((A) v[0], (B) v[1]));
  }

  /**
   * Completes with the outcome of the first of {@code futures} to complete, value or failure
   * (checked in list order on the first poll); the others are cancelled.
   *
   * @throws IllegalArgumentException if the list is empty
   */
  public static <T> Future<T> selectAll(List<? extends Future<? extends T>> futures) {
    return new Select<>(futures);
  }

  /** {@link #selectAll} of the arguments. */
  @SafeVarargs
  public static <T> Future<T> select(Future<? extends T>... futures) {
    return selectAll(listOf(futures));
  }

  private static <F> List<F> listOf(F[] array) {
    List<F> list = new ArrayList<>(array.length);
    for (F f : array) {
      list.add(f);
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> asList(Object[] values) {
    return Collections.unmodifiableList(Arrays.asList((T[]) values));
  }
}
