package dev.machina.bench.machina;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.time.Time;
import java.time.Duration;

/**
 * B6 churn, Machina's side: {@code ops} times, guards a call with a 10 s {@link Time#timeout},
 * polls it once so the timer joins the wheel, then lets the call finish, which cancels the timer.
 */
public final class TimeoutChurn implements Future<Integer> {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private final int ops;

  public TimeoutChurn(int ops) {
    this.ops = ops;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    int sum = 0;
    for (int i = 0; i < ops; i++) {
      Future<Integer> guarded = Time.timeout(new PendingOnce(i & 1), TEN_SECONDS);
      if (guarded.poll(cx) != PENDING) {
        throw new AssertionError("the timeout completed before its call did");
      }
      sum += (Integer) guarded.poll(cx);
    }
    return sum;
  }
}
