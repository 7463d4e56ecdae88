package dev.machina;

/**
 * What a future receives when polled: the {@link Waker} of the task polling it, and the task's
 * cooperative budget.
 *
 * <p>The budget keeps a task that keeps finding its futures ready (a loop over a busy channel, or
 * over {@code Future.ready} values) from starving the other tasks of its worker: each completed
 * await charges one unit, and once the budget is spent the next await yields to the scheduler.
 * Executors reset the budget before each poll of a task.
 *
 * <p>A context belongs to one task and is used by one thread at a time (the one polling the task).
 * Executors usually make their task object a {@code Context} so that spawning allocates once.
 */
public abstract class Context {
  /** Units of work a task may do in one poll before it yields (tokio uses the same figure). */
  public static final int BUDGET = 128;

  private int budget = BUDGET;

  protected Context() {}

  /** The waker of the task being polled; a pending future stores it and wakes it later. */
  public abstract Waker waker();

  /**
   * Charges one unit of the cooperative budget. Returns {@code true} while budget remains; returns
   * {@code false} once it is spent, after which the caller should wake the waker and report
   * {@link Future#PENDING} so that other tasks run first.
   */
  public final boolean consumeBudget() {
    return --budget >= 0;
  }

  /** Refills the cooperative budget; executors call this before each poll of a task. */
  public final void resetBudget() {
    budget = BUDGET;
  }

  /** A context whose waker is {@code waker}: for polling futures by hand and in tests. */
  public static Context of(Waker waker) {
    java.util.Objects.requireNonNull(waker, "waker");
    return new Context() {
      @Override
      public Waker waker() {
        return waker;
      }
    };
  }
}
