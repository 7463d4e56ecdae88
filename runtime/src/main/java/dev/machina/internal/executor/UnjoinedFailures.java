package dev.machina.internal.executor;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.task.Task;
import dev.machina.time.Time;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The failures of tasks that nobody had joined when they failed: each is reported to the
 * runtime's handler unless its handle is joined within {@link #GRACE_NANOS}, or at the latest
 * when the runtime terminates or the JVM exits.
 *
 * <p>A task often fails before the code that spawned it gets to {@code await} its handle ({@code
 * h1 = spawn(a); h2 = spawn(b); await(h1); await(h2)} with {@code b} failing first); reporting
 * at once would print a failure that is handled a moment later. Waiting for the handle to become
 * garbage (as Python does) would delay the report of a fire-and-forget task until some
 * collection. The grace period is the middle: a failure nobody joins shows within a second.
 *
 * <p>Invariant: a pending failure is settled (reported or found joined) exactly once, by its
 * watcher task after the grace period or by {@link #flush}, whichever claims it first.
 */
final class UnjoinedFailures {
  /** How long a failed task's handle may wait for its joiner before the failure is reported. */
  static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final WorkStealingScheduler scheduler;
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hooked = new AtomicBoolean();
  /** Flushes at JVM exit; registered with the first pending failure, removed by {@link #flush}. */
  private final Thread exitHook;

  UnjoinedFailures(WorkStealingScheduler scheduler) {
    this.scheduler = scheduler;
    this.exitHook = new Thread(this::flush, "machina-unjoined-failures");
  }

  /** Reports {@code failure} of {@code task} after the grace period, unless it is joined by then. */
  void watch(Task<?> task, Throwable failure) {
    Pending p = new Pending(task, failure, System.nanoTime() + GRACE_NANOS);
    pending.add(p);
    if (hooked.compareAndSet(false, true)) {
      try {
        java.lang.Runtime.getRuntime().addShutdownHook(exitHook);
      } catch (IllegalStateException exiting) {
        p.settle(); // the JVM is exiting: no later moment to report it
        return;
      }
    }
    if (scheduler.isShutdown()) {
      p.settle();
    } else {
      scheduler.spawn(p, true); // its own outcome is nobody's to report
    }
  }

  /** Settles every pending failure now: the runtime has terminated, or the JVM exits. */
  void flush() {
    for (Pending p : pending) {
      p.settle();
    }
    if (Thread.currentThread() != exitHook && hooked.get()) {
      try {
        java.lang.Runtime.getRuntime().removeShutdownHook(exitHook);
      } catch (IllegalStateException exiting) {
        // The hook is running or about to: it finds nothing left to report.
      }
    }
  }

  /** One failure waiting for its joiner; as a future, it sleeps out the grace period. */
  private final class Pending implements Future<Void> {
    private final Task<?> task;
    private final Throwable failure;
    private final long deadline;
    private final AtomicBoolean settled = new AtomicBoolean();
    private Future<Void> grace;

    Pending(Task<?> task, Throwable failure, long deadline) {
      this.task = task;
      this.failure = failure;
      this.deadline = deadline;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      if (grace == null) {
        grace = Time.sleepUntilNanoTime(deadline);
      }
      if (grace.poll(cx) == PENDING) {
        return PENDING;
      }
      settle();
      return null;
    }

    @Override
    public void cancel() {
      if (grace != null) {
        grace.cancel();
      }
    }

    void settle() {
      if (settled.compareAndSet(false, true)) {
        pending.remove(this);
        if (!task.isJoined()) {
          scheduler.reportUnhandled(failure);
        }
      }
    }
  }
}
