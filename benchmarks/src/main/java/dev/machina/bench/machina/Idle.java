package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.sync.Notify;
import java.util.concurrent.atomic.AtomicInteger;

/** B4, Machina's side: a task that counts itself and then waits on a shared {@link Notify}. */
public final class Idle {
  private Idle() {}

  /** Waits for {@code gate}; counts in {@code parked} before waiting and in {@code finished} after. */
  @Async
  public static Future<Void> idle(Notify gate, AtomicInteger parked, AtomicInteger finished) {
    parked.incrementAndGet();
    await(gate.notified());
    finished.incrementAndGet();
    return Future.ready(null);
  }
}
