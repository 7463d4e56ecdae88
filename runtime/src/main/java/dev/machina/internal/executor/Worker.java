package dev.machina.internal.executor;

import dev.machina.internal.task.Task;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One worker of a {@link WorkStealingScheduler}: a loop that takes tasks from its local queue,
 * the injector, and other workers' queues, and waits in its own selector (or parks, before the
 * runtime has a driver) when there is nothing to do.
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
  /**
   * How many tasks a turn of this worker's selector (or of the timers) must wake for an idle peer
   * to be woken to share them: two, so that no woken task waits behind another that turns out to
   * be long while a peer sits idle (with 64, five timers that fired together with a 200 ms task
   * all ran 200 ms late; {@code RtWakeOrderTest}). A single woken task runs here at once, sooner
   * than a peer could wake up, and re-arms its interest on this worker's selector.
   */
  static final int FAN_OUT = 2;

  final WorkStealingScheduler scheduler;
  final int index;
  final LocalQueue local = new LocalQueue();
  WorkerThread thread;

  /**
   * How many {@link #runTask} batches use one {@link TaskContext} before a fresh one replaces it.
   * The context receives a young task reference at every poll (its waker, the LIFO slot); under
   * G1 such a store into an object that has been promoted to the old generation pays a StoreLoad
   * fence in the write barrier (JDK 17 to 25), which cost B3 about 20% once the worker's objects
   * were promoted. A context replaced this often dies young.
   */
  private static final int CONTEXT_BATCHES = 4096;

  /** The context of this worker's polls and its LIFO slot; replaced every {@link #CONTEXT_BATCHES}. */
  private TaskContext context = new TaskContext();
  private int batchesOnContext;
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
  /** The worker waits in its own selector rather than in LockSupport.park. */
  volatile boolean driving;

  /** When the driving worker must not wait in select: it has work, or must stop. */
  private final BooleanSupplier stopDriving = this::mustStopDriving;

  private int tick;
  /**
   * Tasks to run before the next non-waiting turn of this worker's selector: at least
   * {@value #INJECTOR_INTERVAL}, and at least as many as its previous turn woke, so the sources
   * that turn dispatched re-arm before the next select and their clear and re-arm cancel out (see
   * IoSource).
   */
  private int untilPoll = INJECTOR_INTERVAL;
  /** Tasks woken onto this worker by its driver turns since {@link #pollDriver} or {@link #drive}. */
  int wokenByTurn;
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
    if (--untilPoll <= 0) {
      pollDriver();
    }
    if (++tick % INJECTOR_INTERVAL == 0) {
      Task<?> t = scheduler.woken.pop();
      if (t == null) {
        t = injector.pop();
      }
      if (t != null) {
        Task<?> carried = takeLifo();
        if (carried != null) {
          requeue(carried);
        }
        return t;
      }
    }
    Task<?> carried = takeLifo();
    if (carried != null) {
      return carried;
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
    TaskContext cx = context;
    if (++batchesOnContext == CONTEXT_BATCHES) {
      batchesOnContext = 0;
      cx = context = new TaskContext(); // next() emptied the LIFO slot
    }
    polling = true;
    try {
      runOne(cx, first);
      for (int polls = 0; ; ) {
        Task<?> t = cx.lifo;
        if (t == null) {
          break;
        }
        if (++polls > MAX_LIFO_POLLS) {
          // Fairness to the queue: the task goes behind it. Behind an empty queue it stays in
          // the slot, carried to next(), which runs it unless the injector's turn comes first
          // (then it is queued): this saves a store into the queue's ring, an old object, whose
          // G1 write barrier pays a StoreLoad fence (one B3 hand-off in four went that way). It
          // wakes no idle worker: this worker runs it next, so waking one would only let it
          // steal the task and move a message-passing pair apart (two threads' caches).
          if (!local.isEmpty()) {
            cx.lifo = null;
            requeue(t);
          }
          break;
        }
        cx.lifo = null;
        runOne(cx, t);
      }
    } finally {
      polling = false;
    }
  }

  /** Queues {@code task} behind this worker's queue, waking a peer if the queue has more. */
  private void requeue(Task<?> task) {
    if (!(local.isEmpty() && local.offer(task)) && local.push(task, scheduler.injector)) {
      scheduler.notifyOne();
    }
  }

  /**
   * Puts {@code task} in the LIFO slot (this worker's thread, while {@link #polling}); returns the
   * task it displaced, or null.
   */
  Task<?> swapLifo(Task<?> task) {
    TaskContext cx = context;
    Task<?> displaced = cx.lifo;
    cx.lifo = task;
    return displaced;
  }

  /**
   * Empties the LIFO slot (by next(), or at shutdown after the worker left its loop); returns what
   * it held: between batches, the task carried to the next batch (see runTask).
   */
  Task<?> takeLifo() {
    TaskContext cx = context;
    Task<?> t = cx.lifo;
    cx.lifo = null;
    return t;
  }

  private void runOne(TaskContext cx, Task<?> t) {
    cx.task = t;
    try {
      t.run(cx);
    } catch (Throwable e) {
      // Task.run catches what the future throws; this is a waker or handler gone wrong.
      scheduler.reportUnhandled(e);
    }
    scheduler.forgetIfComplete(t);
  }

  private boolean mustStopDriving() {
    return notified || !local.isEmpty() || scheduler.isShutdown();
  }

  /** Under load, every {@link #untilPoll} tasks: a turn of its selector (and timers) that does not wait. */
  private void pollDriver() {
    IdleDriver d = scheduler.idleDriver;
    wokenByTurn = 0;
    if (d != null) {
      d.poll(index);
    }
    afterTurn();
  }

  /**
   * After turns of this worker's selector: schedules the next poll after the tasks they woke, and
   * wakes an idle peer to share them if there are at least {@value #FAN_OUT}.
   */
  private void afterTurn() {
    int n = wokenByTurn;
    untilPoll = Math.max(INJECTOR_INTERVAL, n);
    if (n >= FAN_OUT) {
      scheduler.notifyOne();
    }
  }

  /**
   * Parks until woken by a notifier or shutdown, waiting in this worker's selector (driving it and
   * maybe the timers) once the runtime has a driver; see the protocol in WorkStealingScheduler.
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
    boolean drove = false;
    while (!notified) {
      if (s.isShutdown()) {
        return;
      }
      IdleDriver d = s.idleDriver;
      if (d != null && !drove) {
        drove = true;
        boolean running = drive(d);
        if (s.isShutdown()) {
          return;
        }
        // Readiness woke tasks onto this worker's queue: leave the idle stack and run them (not
        // as a searcher), and only then wake a peer to share them if there are enough, so that
        // the idle worker it takes from the stack is not this one.
        boolean leaving = running && !notified && s.unregisterIdle(this, false);
        afterTurn();
        if (leaving) {
          return;
        }
        // Otherwise it was notified, or a notifier took it off the stack (its flag is set or about
        // to be: as a searcher it wakes a peer when it finds these tasks), or the driver stopped:
        // wait for the flag.
        continue;
      }
      LockSupport.park(s);
      // A task may have interrupted this thread; a pending interrupt would make park() return
      // at once forever. Workers stop through shutdown only, so the flag is dropped. An unpark
      // without the flag (the runtime attached its driver) makes the loop drive.
      Thread.interrupted();
    }
    notified = false;
  }

  /**
   * Runs turns of this worker's selector until it is notified, finds a task in its own queue or
   * the scheduler shuts down; false if the driver has stopped (failed or shut down).
   */
  private boolean drive(IdleDriver d) {
    driving = true;
    wokenByTurn = 0;
    try {
      while (!stopDriving.getAsBoolean()) {
        if (!d.turn(index, stopDriving)) {
          return false;
        }
        Thread.interrupted(); // as in park: a task's interrupt must not break the next wait
      }
      return true;
    } finally {
      driving = false;
      d.stopDriving(index);
    }
  }

  /**
   * Wakes the parked worker (its notified flag must be set first): its thread, or the selector if
   * it drives (see "Driving when idle" in WorkStealingScheduler).
   */
  void unpark() {
    if (driving) {
      scheduler.idleDriver.wakeup(index);
    } else {
      LockSupport.unpark(thread);
    }
  }
}
