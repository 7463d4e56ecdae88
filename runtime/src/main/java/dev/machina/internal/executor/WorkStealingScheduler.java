package dev.machina.internal.executor;

import dev.machina.Future;
import dev.machina.internal.task.Scheduler;
import dev.machina.internal.task.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The work-stealing executor: N worker threads, each with a local queue of 256 tasks and a LIFO
 * slot, plus a global injector; with one worker it is the single-thread flavour.
 *
 * <h2>Where a task goes</h2>
 *
 * <ul>
 *   <li>Spawned on a worker of this scheduler: that worker's local queue; elsewhere: the
 *       injector.
 *   <li>Woken on a worker while it polls a task: the worker's LIFO slot, run right after the
 *       current poll (message passing stays hot in cache). The task it displaces goes to the
 *       local queue. At most {@value Worker#MAX_LIFO_POLLS} LIFO polls run in a row, so two
 *       tasks waking each other cannot starve the queue; the capped task goes behind the queue.
 *       Behind an empty queue it stays in the slot until the worker's next batch, which runs it
 *       unless the injector's turn comes first (then it is queued), and no idle worker is
 *       notified (an idle one would only steal it and split the pair across two cores).
 *   <li>Woken by the completion of a task it joins: the LIFO slot only if the worker's queue is
 *       empty, else the back of the queue, so that a task joining many others (spawn, then join
 *       each) finds a batch of them complete when it runs again rather than running after every
 *       completion to find the next one still queued.
 *   <li>Woken during its own poll, or yielding (cooperative budget spent): the back of the local
 *       queue.
 *   <li>Woken by a driver turn on a worker (a timer fired, a socket became ready): the local
 *       queue, whose overflow goes to the {@code woken} injector, taken before the main one, so
 *       a timer's task never waits behind a backlog of fresh spawns. No notification per task:
 *       the worker runs its queue right after the turn, and wakes an idle peer to share it only
 *       if the turn woke at least {@value Worker#FAN_OUT} tasks (or the queue overflowed).
 *   <li>Woken from any other thread: the injector.
 * </ul>
 *
 * A worker takes from its local queue, every {@value Worker#INJECTOR_INTERVAL}th time from the
 * injectors first, else a batch from the injectors (woken first), else steals half of a random
 * victim's queue.
 *
 * <h2>Parking without lost wake-ups</h2>
 *
 * Two counters, {@link #numSearching} (workers looking for work to steal) and {@link #numIdle}
 * (workers on the idle stack), are updated with sequentially consistent atomics.
 *
 * <ol>
 *   <li>Whoever queues work then calls {@link #notifyOne}: if a worker is searching it will find
 *       the work; otherwise, if one is idle, it is popped from the idle stack, counted as
 *       searching, flagged {@code notified} and unparked. A worker pushing onto its own local
 *       queue notifies only when {@link LocalQueue#push} says it may pay (the queue was empty,
 *       work spilled to the injector, or a periodic nudge): a notification only adds parallelism
 *       there, since the owner drains its own queue, and reading the shared counters on every
 *       spawn cost a quarter of a spawning worker's time.
 *   <li>A worker with nothing to do pushes itself on the idle stack ({@code numIdle++}, and
 *       {@code numSearching--} if it was searching), then looks at every queue once more. If it
 *       sees work it takes itself off the stack (unless a notifier already did) and searches;
 *       otherwise it parks until {@code notified}. A searching worker that sees work before it
 *       would push itself skips the stack and searches again, staying counted as searching: the
 *       same outcome without the idle lock (a steal that failed only because a peer was
 *       mid-push or mid-steal).
 * </ol>
 *
 * A notifier writes its task before reading the counters; a parking worker writes the counters
 * before reading the queues. So either the notifier sees the worker idle or searching (and wakes
 * it, or relies on the searcher, which decrements its count only before its final re-check), or
 * the worker's re-check sees the task. A searcher that finds work and was the last searcher
 * notifies one more worker, so a burst of work fans out. Idle workers do not spin; the one
 * exception is transient: a producer pre-empted between the two steps of an injector push leaves
 * the injector non-empty but its task not yet reachable, and a worker re-checking then searches
 * again until the producer resumes.
 *
 * <h2>Driving when idle</h2>
 *
 * Once the runtime has an {@link IdleDriver} (attached on the first I/O wait or timer; it has one
 * selector per worker), a worker about to park waits in its own selector instead: it runs turns,
 * each waiting in {@code select} for I/O on the channels bound to that selector, a wake-up, and,
 * if it holds the driver's timer role, the next timer deadline, until it is notified, finds a
 * task in its own queue (readiness it just dispatched wakes tasks onto it), or the scheduler shuts
 * down; then it runs those tasks, so a ready socket's task runs on the thread that owns its
 * selector, and re-arms its interest before that thread selects again. There is no driver
 * thread, and an idle runtime blocks in {@code select} (no spinning). Workers parked before the
 * driver existed are unparked when it is attached ({@link #driveWhenIdle}) and start driving.
 *
 * <ul>
 *   <li>Waking the driving worker: {@link Worker#unpark} wakes its selector when the worker is
 *       {@code driving}, else unparks the thread. The worker writes {@code driving} then reads
 *       {@code notified} before each wait; the notifier writes {@code notified} then reads
 *       {@code driving} (all volatile): either the worker sees the flag and does not wait, or the
 *       notifier sees it driving and wakes the selector ({@code wakeup} before {@code select}
 *       makes it return at once).
 *   <li>While busy, every {@value Worker#INJECTOR_INTERVAL}th task a worker runs a turn of its
 *       own selector that does not wait (and of the timers, if no other thread drives them), so
 *       I/O and timers are served under load too. A source whose owner is stuck in a long task is
 *       polled by an idle peer (see "A busy owner" in the driver).
 * </ul>
 *
 * <h2>Shutdown</h2>
 *
 * <ol>
 *   <li>{@link #shutdown} sets the flag and unparks every worker; each leaves its loop after its
 *       current poll.
 *   <li>The last worker to leave closes the injectors and aborts every task still queued
 *       (injectors, local queues, LIFO slots): their handles complete with a
 *       CancellationException. Tasks woken later (injectors closed, or worker exited) are aborted
 *       by the waking thread. Tasks idle on a waker that never fires are left to the collector.
 *   <li>It then runs the termination hook (the runtime's drivers shut down).
 * </ol>
 */
public final class WorkStealingScheduler implements Scheduler {
  private static final VarHandle NUM_SEARCHING;
  private static final VarHandle NUM_IDLE;
  private static final VarHandle LIVE_WORKERS;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      NUM_SEARCHING = l.findVarHandle(WorkStealingScheduler.class, "numSearching", int.class);
      NUM_IDLE = l.findVarHandle(WorkStealingScheduler.class, "numIdle", int.class);
      LIVE_WORKERS = l.findVarHandle(WorkStealingScheduler.class, "liveWorkers", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Worker[] workers;
  final Injector injector = new Injector();
  /**
   * The overflow of a worker's local queue filled by wakes from a driver turn (timers and I/O):
   * taken before {@link #injector}, so woken tasks never wait behind a backlog of spawns there.
   */
  final Injector woken = new Injector();
  private final Object owner;
  private final Runnable onTerminated;
  private volatile Consumer<? super Throwable> unhandledHandler;
  private final UnjoinedFailures unjoined = new UnjoinedFailures(this);
  /** The registry of live tasks for dumps, or null when the runtime does not track them. */
  final LiveTasks liveTasks;
  /** The runtime's selector and timers, driven by idle workers; null until first needed. */
  volatile IdleDriver idleDriver;

  private volatile int numSearching;
  private volatile int numIdle;
  private volatile int liveWorkers;
  private volatile boolean shutdown;

  private final Object idleLock = new Object();
  private final Worker[] idleStack;
  private int idleCount;

  private WorkStealingScheduler(
      Object owner,
      int workerCount,
      Consumer<? super Throwable> handler,
      LiveTasks liveTasks,
      Runnable onTerminated) {
    this.owner = owner;
    this.liveTasks = liveTasks;
    this.onTerminated = onTerminated;
    this.unhandledHandler = Objects.requireNonNull(handler, "handler");
    this.workers = new Worker[workerCount];
    this.idleStack = new Worker[workerCount];
    for (int i = 0; i < workerCount; i++) {
      workers[i] = new Worker(this, i);
    }
  }

  /**
   * Creates and starts a scheduler with {@code workerCount} threads named
   * {@code namePrefix-<index>}. {@code owner} is the runtime object the workers belong to;
   * {@code liveTasks}, if not null, is kept up to date with the tasks spawned and not yet complete;
   * {@code onTerminated} runs once after the last worker has stopped and queued tasks have been
   * aborted.
   */
  public static WorkStealingScheduler start(
      Object owner,
      int workerCount,
      String namePrefix,
      boolean daemon,
      Consumer<? super Throwable> unhandledHandler,
      LiveTasks liveTasks,
      Runnable onTerminated) {
    if (workerCount < 1) {
      throw new IllegalArgumentException("workerCount must be at least 1: " + workerCount);
    }
    WorkStealingScheduler s =
        new WorkStealingScheduler(owner, workerCount, unhandledHandler, liveTasks, onTerminated);
    s.liveWorkers = workerCount;
    for (Worker w : s.workers) {
      w.thread = new WorkerThread(w, namePrefix + "-" + w.index, daemon);
    }
    for (Worker w : s.workers) {
      w.thread.start();
    }
    return s;
  }

  /** The runtime object this scheduler was started for. */
  public Object owner() {
    return owner;
  }

  /** Number of worker threads. */
  public int workerCount() {
    return workers.length;
  }

  /** Replaces the handler of failures nobody joined. */
  public void setUnhandledHandler(Consumer<? super Throwable> handler) {
    this.unhandledHandler = Objects.requireNonNull(handler, "handler");
  }

  public boolean isShutdown() {
    return shutdown;
  }

  // ---------------------------------------------------------------------------------------------
  // Spawning and scheduling

  /** Spawns {@code future} as a new task (aborted at once if the scheduler has shut down). */
  public <T> Task<T> spawn(Future<T> future) {
    return spawn(future, false);
  }

  /**
   * Spawns {@code future} as a new task; if {@code joined}, the task counts as joined from the
   * start, so a failure before the caller takes the handle's view is not reported as unhandled.
   */
  public <T> Task<T> spawn(Future<T> future, boolean joined) {
    Task<T> task = new Task<>(Objects.requireNonNull(future, "future"), this);
    if (joined) {
      task.markJoined();
    }
    LiveTasks live = liveTasks;
    if (live != null) {
      live.add(task);
    }
    if (Thread.currentThread() instanceof WorkerThread wt && wt.worker.scheduler == this) {
      Worker w = wt.worker;
      if (w.exited) {
        abortUnscheduled(task);
        return task;
      }
      if (w.local.push(task, injector)) {
        notifyOne();
      }
    } else if (shutdown || !injector.push(task)) {
      abortUnscheduled(task);
    } else {
      notifyOne();
    }
    return task;
  }

  /** Aborts a task that was never queued (the scheduler has shut down). */
  private void abortUnscheduled(Task<?> task) {
    task.abort();
    if (liveTasks != null) {
      liveTasks.remove(task);
    }
  }

  /** Forgets {@code task} in the registry of live tasks if it has completed (after a run). */
  void forgetIfComplete(Task<?> task) {
    if (liveTasks != null && task.isDone()) {
      liveTasks.remove(task);
    }
  }

  @Override
  public void schedule(Task<?> task) {
    schedule(task, false);
  }

  /** As {@link #schedule}, but into the LIFO slot only while this worker's queue is empty. */
  @Override
  public void scheduleJoiner(Task<?> task) {
    schedule(task, true);
  }

  private void schedule(Task<?> task, boolean behindQueued) {
    if (Thread.currentThread() instanceof WorkerThread wt && wt.worker.scheduler == this) {
      Worker w = wt.worker;
      if (w.exited) {
        task.abort();
        return;
      }
      if (w.polling && !(behindQueued && !w.local.isEmpty())) {
        Task<?> displaced = w.swapLifo(task);
        if (displaced == null) {
          return;
        }
        task = displaced;
      }
      if (!w.polling) {
        // A driver turn (timer or I/O readiness) woke it: this worker runs its queue right after
        // the turn, which decides whether to wake a peer (Worker.afterTurn); a full queue spills
        // to the woken injector, which does.
        w.wokenByTurn++;
        if (!w.local.offer(task) && w.local.push(task, woken)) {
          notifyOne();
        }
        return;
      }
      if (w.local.push(task, injector)) {
        notifyOne();
      }
      return;
    }
    if (!injector.push(task)) {
      task.abort();
      return;
    }
    notifyOne();
  }

  @Override
  public void reschedule(Task<?> task) {
    if (Thread.currentThread() instanceof WorkerThread wt && wt.worker.scheduler == this) {
      Worker w = wt.worker;
      if (w.exited) {
        task.abort();
        return;
      }
      if (w.local.push(task, injector)) {
        notifyOne();
      }
      return;
    }
    if (!injector.push(task)) {
      task.abort();
      return;
    }
    notifyOne();
  }

  @Override
  public void reportUnlessJoined(Task<?> task, Throwable failure) {
    unjoined.watch(task, failure);
  }

  @Override
  public void reportUnhandled(Throwable failure) {
    try {
      unhandledHandler.accept(failure);
    } catch (Throwable handlerFailure) {
      try {
        handlerFailure.addSuppressed(failure);
        handlerFailure.printStackTrace();
      } catch (Throwable ignored) {
        // Nothing is left to report with; the worker must survive.
      }
    }
  }

  /**
   * From now on idle workers drive {@code driver} (see "Driving when idle"). Called once, when the
   * runtime attaches its driver; every parked worker is unparked to wait in its selector instead,
   * since channels are bound to every worker's selector.
   */
  public void driveWhenIdle(IdleDriver driver) {
    idleDriver = Objects.requireNonNull(driver, "driver");
    for (Worker w : workers) {
      LockSupport.unpark(w.thread);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Idle workers

  /** Wakes an idle worker if no worker is searching already. */
  void notifyOne() {
    if (numSearching != 0 || numIdle == 0) {
      return;
    }
    Worker w;
    synchronized (idleLock) {
      if (idleCount == 0 || numSearching != 0) {
        return;
      }
      w = idleStack[--idleCount];
      idleStack[idleCount] = null;
      w.idle = false;
      w.searching = true;
      NUM_IDLE.getAndAdd(this, -1);
      NUM_SEARCHING.getAndAdd(this, 1);
    }
    w.notified = true;
    w.unpark();
  }

  /** Counts the caller as searching unless half the workers already are. */
  boolean tryEnterSearching() {
    int n = numSearching;
    if (2 * n >= workers.length && n > 0) {
      return false;
    }
    NUM_SEARCHING.getAndAdd(this, 1);
    return true;
  }

  /** A searching worker found work; the last searcher hands the search on. */
  void leftSearching() {
    if ((int) NUM_SEARCHING.getAndAdd(this, -1) == 1) {
      notifyOne();
    }
  }

  void registerIdle(Worker w) {
    synchronized (idleLock) {
      idleStack[idleCount++] = w;
      w.idle = true;
      NUM_IDLE.getAndAdd(this, 1);
      if (w.searching) {
        w.searching = false;
        NUM_SEARCHING.getAndAdd(this, -1);
      }
    }
  }

  /** Takes {@code w} off the idle stack as a searcher; false if a notifier already took it. */
  boolean unregisterIdle(Worker w) {
    return unregisterIdle(w, true);
  }

  /**
   * Takes {@code w} off the idle stack, counted as searching or not (a worker that has tasks of
   * its own to run); false if a notifier already took it.
   */
  boolean unregisterIdle(Worker w, boolean asSearcher) {
    synchronized (idleLock) {
      if (!w.idle) {
        return false;
      }
      for (int i = 0; i < idleCount; i++) {
        if (idleStack[i] == w) {
          System.arraycopy(idleStack, i + 1, idleStack, i, idleCount - i - 1);
          idleStack[--idleCount] = null;
          break;
        }
      }
      w.idle = false;
      NUM_IDLE.getAndAdd(this, -1);
      if (asSearcher) {
        w.searching = true;
        NUM_SEARCHING.getAndAdd(this, 1);
      }
      return true;
    }
  }

  /** Whether any queue holds a task (a re-check before parking). */
  boolean workVisible() {
    if (injector.size() != 0 || woken.size() != 0) {
      return true;
    }
    for (Worker w : workers) {
      if (!w.local.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Shutdown

  /** Starts the shutdown: workers leave after their current poll. Idempotent; does not wait. */
  public void shutdown() {
    shutdown = true;
    for (Worker w : workers) {
      w.notified = true;
      w.unpark();
    }
  }

  /** Waits until every worker thread other than the calling one has ended. */
  public void awaitTermination() throws InterruptedException {
    Thread me = Thread.currentThread();
    for (Worker w : workers) {
      if (w.thread != me) {
        w.thread.join();
      }
    }
  }

  /** Called by each worker thread as it leaves its loop. */
  void workerExited() {
    if ((int) LIVE_WORKERS.getAndAdd(this, -1) != 1) {
      return;
    }
    // Last worker out: every other worker has left its loop (ordered by the counter).
    for (Task<?> t : injector.close()) {
      t.abort();
    }
    for (Task<?> t : woken.close()) {
      t.abort();
    }
    for (Worker w : workers) {
      Task<?> l = w.takeLifo();
      if (l != null) {
        l.abort();
      }
      for (Task<?> t; (t = w.local.pop()) != null; ) {
        t.abort();
      }
    }
    unjoined.flush(); // failures still in their grace period: nobody can join them now
    if (onTerminated != null) {
      try {
        onTerminated.run();
      } catch (Throwable e) {
        reportUnhandled(e);
      }
    }
  }

  @Override
  public String toString() {
    return "WorkStealingScheduler[workers=" + workers.length
        + ", searching=" + numSearching + ", idle=" + numIdle
        + ", injected=" + injector.size() + (shutdown ? ", shut down" : "") + "]";
  }
}
