package dev.machina.bench.peers;

import java.util.concurrent.CompletableFuture;

/** The CompletableFuture peer of B1: Fibonacci composed with {@code thenCompose} on completed stages. */
public final class CfFib {
  private CfFib() {}

  /** fib(n), every call a stage composed from its two children. */
  public static CompletableFuture<Integer> fib(int n) {
    if (n < 2) {
      return CompletableFuture.completedFuture(n);
    }
    return fib(n - 1).thenCompose(a -> fib(n - 2).thenApply(b -> a + b));
  }
}
