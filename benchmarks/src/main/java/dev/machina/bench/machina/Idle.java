package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.sync.Notify;
import java.util.concurrent.atomic.AtomicInteger;

/** B4, Machina's side: tasks that count themselves and then wait on a shared {@link Notify}. */
public final class Idle {
  /** The gate the tasks wait on and the counters the harness watches, shared by all tasks. */
  public static final class Group {
    final Notify gate = new Notify();
    final AtomicInteger parked = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();

    /** How many tasks have reached their await. */
    public int parked() {
      return parked.get();
    }

    /** How many tasks got past their await. */
    public int finished() {
      return finished.get();
    }

    /** Wakes every task waiting now. */
    public void open() {
      gate.notifyWaiters();
    }
  }

  private Idle() {}

  /** Counts itself in {@code group.parked}, waits for the gate, then counts itself as finished. */
  @Async
  public static Future<Void> idle(Group group) {
    group.parked.incrementAndGet();
    await(group.gate.notified());
    group.finished.incrementAndGet();
    return Future.ready(null);
  }
}
