package dev.machina;

import dev.machina.internal.AsyncStackTraces;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Adapts a {@link CompletionStage} to a {@link Future}.
 *
 * <p>Invariant: the stage's callback is registered at most once, on the first pending poll; it
 * reads {@link #waker} after publishing the outcome, and {@link #poll} writes the waker before
 * checking the outcome, so a completion racing a poll always wakes the latest waker.
 */
final class StageFuture<T> implements Future<T> {
  private final CompletionStage<T> stage;
  private volatile Waker waker;
  private volatile boolean done;
  private Object value;
  private Throwable error;
  private boolean subscribed;

  StageFuture(CompletionStage<T> stage) {
    this.stage = stage;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    if (!done && !subscribed && stage instanceof CompletableFuture<T> cf && cf.isDone()) {
      return valueOf(cf);
    }
    waker = cx.waker();
    if (!subscribed) {
      subscribed = true;
      stage.whenComplete(this::complete);
    }
    if (!done) {
      return PENDING;
    }
    if (error != null) {
      throw AsyncStackTraces.rethrown(error); // thrown by whatever completed the stage
    }
    return value;
  }

  private void complete(T v, Throwable e) {
    value = v;
    error = e == null ? null : unwrap(e);
    done = true;
    Waker w = waker;
    if (w != null) {
      w.wake();
    }
  }

  private static Object valueOf(CompletableFuture<?> cf) throws Throwable {
    try {
      return cf.getNow(null);
    } catch (CompletionException e) {
      throw AsyncStackTraces.rethrown(unwrap(e));
    } catch (java.util.concurrent.CancellationException e) {
      throw e;
    }
  }

  /** The original failure behind the wrappers CompletableFuture adds. */
  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public String toString() {
    return "Future.from(" + stage + ")";
  }
}
