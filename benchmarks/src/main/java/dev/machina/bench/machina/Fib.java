package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;

/** B1, Machina's side: recursive Fibonacci whose every call awaits its two children. */
public final class Fib {
  private Fib() {}

  /** fib(n); {@code FibAsync.fib(n)} is the generated state machine. */
  @Async
  public static Future<Integer> fib(int n) {
    if (n < 2) {
      return Future.ready(n);
    }
    int a = await(fib(n - 1));
    int b = await(fib(n - 2));
    return Future.ready(a + b);
  }
}
