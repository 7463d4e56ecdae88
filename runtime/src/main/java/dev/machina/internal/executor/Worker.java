package dev.machina.internal.executor;

import dev.machina.internal.task.Task;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One worker of a {@link WorkStealingScheduler}: a loop that takes tasks from its local queue,
 * the injector, and other workers' queues, and parks when there is nothing to do.
 *
 * <p>Fields without {@code volatile} are touched by the worker's own thread only, except
 * {@link #idle} and {@link #searching}, which are guarded by the scheduler's idle lock while the
 * worker is parked (see {@link WorkStealingScheduler} for the parking protocol).
 */
final class Worker implements Runnable {
  /** Polls in a row of tasks taken from the LIFO slot before it is spilled to the queue. */
  static final int MAX_LIFO_POLLS = 3;
  /** Every this many tasks the injector is checked first, so it cannot be starved. */
  static final int INJECTOR_INTERVAL = 61;

  final WorkStealingScheduler scheduler;
  final int index;
  final LocalQueue local = new LocalQueue();
  WorkerThread thread;

  /** The context of every poll on this worker; its waker is the task being polled. */
  private final TaskContext context = new TaskContext();

  /** The task woken last by the task this worker is polling; run right after that poll. */
  Task<?> lifo;
  /** Whether this worker is inside {@link #runTask}: wakes from its thread then use the LIFO slot. */
  boolean polling;
  /** The worker has left its loop: tasks scheduled from its thread are aborted. */
  boolean exited;
  /** The worker looks for work in other queues; counted in the scheduler's searching count. */
  boolean searching;
  /** The worker is on the scheduler's idle stack (guarded by the idle lock). */
  boolean idle;
  /** Set (then unparked) by whoever takes this worker off the idle stack, or by shutdown. */
  volatile boolean notified;
  /** The worker is parked in the driver's select rather than in LockSupport.park. */
  volatile boolean driving;

  /** When the driving worker must not wait in select: it has work, or must stop. */
  private final BooleanSupplier stopDriving = this::mustStopDriving;
  /** A turn of the driver that polls without waiting (under load). */
  private static final BooleanSupplier DONT_WAIT = () -> true;

  private int tick;
  private int seed;

  Worker(WorkStealingScheduler scheduler, int index) {
    this.scheduler = scheduler;
    this.index = index;
    this.seed = 0x9E3779B9 * (index + 1);
  }

  @Override
  public void run() {
    try {
      loop();
    } finally {
      exited = true;
      scheduler.workerExited();
    }
  }

  private void loop() {
    WorkStealingScheduler s = scheduler;
    while (!s.isShutdown()) {
      Task<?> t = next();
      if (t == null) {
        t = search();
      }
      if (t != null) {
        if (searching) {
          searching = false;
          s.leftSearching();
        }
        runTask(t);
        continue;
      }
      park();
    }
  }

  private Task<?> next() {
    Injector injector = scheduler.injector;
    if (++tick % INJECTOR_INTERVAL == 0) {
      pollDriver();
      Task<?> t = scheduler.woken.pop();
      if (t == null) {
        t = injector.pop();
      }
      if (t != null) {
        return t;
      }
    }
    Task<?> t = local.pop();
    if (t != null) {
      return t;
    }
    return popInjectors();
  }

  /** A batch from the injector of woken tasks, else from the main injector. */
  private Task<?> popInjectors() {
    Injector w = scheduler.woken;
    Task<?> t = w.popBatch(local, batchSize(w));
    return t != null ? t : scheduler.injector.popBatch(local, batchSize(scheduler.injector));
  }

  private int batchSize(Injector from) {
    int fair = from.size() / scheduler.workers.length + 1;
    return Math.max(1, Math.min(Math.min(fair, 64), local.remainingCapacity() / 2));
  }

  private Task<?> search() {
    if (!searching) {
      if (!scheduler.tryEnterSearching()) {
        return null;
      }
      searching = true;
    }
    Worker[] all = scheduler.workers;
    int n = all.length;
    if (n > 1) {
      int start = nextRandom(n);
      for (int i = 0; i < n; i++) {
        Worker victim = all[(start + i) % n];
        if (victim != this) {
          Task<?> t = victim.local.stealInto(local);
          if (t != null) {
            return t;
          }
        }
      }
    }
    return popInjectors();
  }

  private int nextRandom(int bound) {
    int x = seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seed = x;
    return (x & Integer.MAX_VALUE) % bound;
  }

  private void runTask(Task<?> first) {
    polling = true;
    try {
      runOne(first);
      for (int polls = 0; ; ) {
        Task<?> t = lifo;
        if (t == null) {
          break;
        }
        lifo = null;
        if (++polls > MAX_LIFO_POLLS) {
          // Fairness to the queue: the task goes behind it. Into an empty queue it goes without
          // a notification: this worker pops it next, so waking an idle worker would only let
          // that worker steal it and move a message-passing pair apart (two threads' caches).
          if (!(local.isEmpty() && local.offer(t)) && local.push(t, scheduler.injector)) {
            scheduler.notifyOne();
          }
          break;
        }
        runOne(t);
      }
    } finally {
      polling = false;
    }
  }

  private void runOne(Task<?> t) {
    TaskContext cx = context;
    cx.task = t;
    try {
      t.run(cx);
    } catch (Throwable e) {
      // Task.run catches what the future throws; this is a waker or handler gone wrong.
      scheduler.reportUnhandled(e);
    }
  }

  private boolean mustStopDriving() {
    return notified || !local.isEmpty() || scheduler.isShutdown();
  }

  /** Every so often under load: one turn of the driver that does not wait, if it is free. */
  private void pollDriver() {
    IdleDriver d = scheduler.idleDriver;
    if (d != null && d.tryAcquire()) {
      try {
        d.turn(DONT_WAIT);
      } finally {
        d.release();
      }
      scheduler.afterDriverReleased();
    }
  }

  /**
   * Parks until woken by a notifier or shutdown, driving the runtime's selector and timers
   * meanwhile if no other thread does; see the protocol in WorkStealingScheduler.
   */
  private void park() {
    WorkStealingScheduler s = scheduler;
    if (searching && s.workVisible()) {
      // A searcher that still sees work searches again: registering idle would only take it off
      // the idle stack again at once (two turns of the idle lock and four shared-counter updates
      // per failed steal, which a worker faster than its spawning peer did thousands of times).
      return;
    }
    s.registerIdle(this);
    if (s.workVisible() && s.unregisterIdle(this)) {
      return;
    }
    IdleDriver d = s.idleDriver;
    if (d != null && d.tryAcquire()) {
      driving = true;
      try {
        while (!stopDriving.getAsBoolean() && d.turn(stopDriving)) {
          Thread.interrupted(); // as below: a task's interrupt must not break the next wait
        }
      } finally {
        driving = false;
        d.release();
      }
      if (s.isShutdown()) {
        return;
      }
      // Readiness woke tasks onto this worker's queue: leave the idle stack and run them.
      if (!notified && s.unregisterIdle(this)) {
        return; // as a searcher: once it finds work, an idle worker is notified to drive
      }
      // Otherwise a notifier took this worker off the stack: its flag is set or about to be.
    }
    while (!notified) {
      if (s.isShutdown()) {
        return;
      }
      LockSupport.park(s);
      // A task may have interrupted this thread; a pending interrupt would make park() return
      // at once forever. Workers stop through shutdown only, so the flag is dropped.
      Thread.interrupted();
    }
    notified = false;
  }

  /**
   * Wakes the parked worker (its notified flag must be set first): its thread, or the selector if
   * it drives (see "Driving when idle" in WorkStealingScheduler).
   */
  void unpark() {
    if (driving) {
      scheduler.idleDriver.wakeup();
    } else {
      LockSupport.unpark(thread);
    }
  }
}
