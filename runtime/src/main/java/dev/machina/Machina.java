package dev.machina;

import dev.machina.internal.executor.BlockOn;
import dev.machina.internal.executor.WorkerThread;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The entry points to Machina's embedded default runtime: run a future to completion from plain
 * code ({@link #blockOn}), spawn tasks ({@link #spawn}), yield inside a task ({@link #yieldNow}).
 *
 * <p>The default runtime starts on first use, on daemon threads (one per available processor,
 * at least two), and needs no configuration. Code running on an explicit {@link MachinaRuntime}
 * spawns onto that runtime instead.
 */
public final class Machina {
  private Machina() {}

  /**
   * Runs {@code future} on the calling thread, parking it whenever the future waits, while the
   * runtime runs the tasks it spawns; returns the value, or throws the failure as it was thrown
   * (a checked exception included, undeclared). Interrupting the waiting thread cancels the
   * future and throws {@link InterruptedException}.
   *
   * @throws IllegalStateException on a runtime worker thread, where blocking would stall the
   *     runtime: inside an {@code @Async} method, {@code await(future)} instead
   */
  public static <T> T blockOn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    checkNotOnWorker();
    try {
      @SuppressWarnings("unchecked")
      T value = (T) BlockOn.run(future);
      return value;
    } catch (Throwable e) {
      throw sneakyThrow(e);
    }
  }
  /**
   * As {@link #blockOn(Future)}, and declares that the future may fail with the checked exception
   * {@code failure}, so that a {@code catch (IOException e)} around the call compiles (javac
   * rejects a catch of a checked exception its try block cannot throw). Pass a class literal, e.g.
   * {@code blockOn(CrawlerAsync.crawl(c, url, 2), IOException.class)}; it is not evaluated.
   */
  public static <T, X extends Throwable> T blockOn(Future<T> future, Class<X> failure) throws X {
    return blockOn(future);
  }


  /**
   * Spawns {@code future} as a task of the current runtime (the one whose worker calls this, or
   * the default runtime) and returns its handle. The task starts running at once.
   */
  public static <T> JoinHandle<T> spawn(Future<T> future) {
    return MachinaRuntime.current().spawn(future);
  }

  /**
   * A future that is pending once (after waking its task) and then completes: awaiting it lets
   * the other tasks queued on this worker run first.
   */
  public static Future<Void> yieldNow() {
    return new YieldNow();
  }

  /**
   * A future completing (with {@code null}) once {@code duration} has elapsed, on the timing wheel
   * of the runtime that polls it (1 ms resolution, never early). More in {@link dev.machina.time.Time}:
   * {@code sleepUntil}, {@code interval}, {@code timeout}.
   */
  public static Future<Void> sleep(java.time.Duration duration) {
    return dev.machina.time.Time.sleep(duration);
  }

  /**
   * Runs the blocking {@code call} (JDBC, file I/O, a library that blocks) on the current
   * runtime's pool for blocking work, so that no worker thread blocks; the returned future
   * completes with its result, or fails with exactly what it threw.
   *
   * <p>The call starts at once, not when the future is first awaited. The pool starts threads on
   * demand up to {@link MachinaRuntime.Builder#maxBlockingThreads} (512 by default; further calls
   * wait in a queue) and retires threads idle for {@link MachinaRuntime.Builder#blockingKeepAlive}.
   * Cancelling the future before the call has started means it never runs; a call already running
   * is not stopped (Java cannot stop a thread safely) and its result is dropped. When the runtime
   * shuts down, calls not yet started fail with CancellationException and running ones are
   * interrupted.
   */
  public static <T> Future<T> spawnBlocking(java.util.concurrent.Callable<T> call) {
    Objects.requireNonNull(call, "call");
    return dev.machina.internal.driver.Driver.current().blocking().submit(call);
  }

  /**
   * The outcome of {@code future} as a CompletableFuture. A {@link JoinHandle} gives its own view;
   * any other future is spawned on the current runtime. Cancelling the CompletableFuture cancels
   * the task.
   */
  public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
    Objects.requireNonNull(future, "future");
    if (future instanceof JoinHandle<T> handle) {
      return handle.toCompletableFuture();
    }
    return MachinaRuntime.current().spawnToCompletableFuture(future);
  }

  /**
   * Replaces the default runtime's handler of failures nobody joined (by default they are printed
   * to standard error); see {@link MachinaRuntime.Builder#unhandledFailureHandler}.
   */
  public static void setUnhandledFailureHandler(Consumer<? super Throwable> handler) {
    MachinaRuntime.defaultRuntime().setUnhandledFailureHandler(handler);
  }

  static void checkNotOnWorker() {
    if (Thread.currentThread() instanceof WorkerThread) {
      throw new IllegalStateException(
          "blockOn was called on the Machina worker thread " + Thread.currentThread().getName()
              + ": blocking a worker stalls every task queued on it and can deadlock. Inside an"
              + " @Async method write `await(future)` instead; from plain code running on a"
              + " worker, spawn the future with Machina.spawn(future).");
    }
  }

  /** Throws {@code e} unchanged, checked or not, without declaring it. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
    throw (E) e;
  }
}
