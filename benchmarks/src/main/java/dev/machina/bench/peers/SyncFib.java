package dev.machina.bench.peers;

/** The baseline of B1: plain synchronous recursive Fibonacci. */
public final class SyncFib {
  private SyncFib() {}

  /** fib(n) by plain recursion. */
  public static int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  /** How many calls {@code fib(n)} makes in all: {@code 2 * fib(n + 1) - 1}. */
  public static int calls(int n) {
    return 2 * fib(n + 1) - 1;
  }
}
