package dev.machina;

import dev.machina.internal.RuntimeDriver;
import dev.machina.internal.executor.BlockOn;
import dev.machina.internal.executor.IdleDriver;
import dev.machina.internal.executor.LiveTasks;
import dev.machina.internal.executor.TasksBean;
import dev.machina.internal.executor.WorkStealingScheduler;
import dev.machina.internal.executor.WorkerThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Machina runtime: worker threads that run spawned tasks, plus the drivers (timers, reactor,
 * blocking pool) that live as long as it does.
 *
 * <p>Most programs use the embedded default runtime through {@link Machina}; it starts on first
 * use on daemon threads (one per processor, at least two) and is never shut down. Build an
 * explicit runtime when you want to choose the worker count, the thread names, the single-thread
 * flavour or the handler of unjoined failures, and close it when done:
 *
 * <pre>{@code
 * try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(4).build()) {
 *   int n = rt.blockOn(CrawlerAsync.crawl(crawler, url, 2));
 * }
 * }</pre>
 */
public final class MachinaRuntime implements AutoCloseable {
  private static final ThreadLocal<MachinaRuntime> ENTERED = new ThreadLocal<>();

  private final WorkStealingScheduler scheduler;
  private final boolean isDefault;
  private final String name;
  private final Map<Class<?>, RuntimeDriver> drivers = new ConcurrentHashMap<>();
  private final List<RuntimeDriver> driversInOrder = new ArrayList<>(); // guarded by itself
  private volatile boolean driversClosed;
  private final int maxBlockingThreads;
  private final long blockingKeepAliveMillis;
  /** The live tasks and blockOn calls, for {@link #dumpTasks}; null unless tracked. */
  private final LiveTasks liveTasks;
  /** The JMX view of {@link #liveTasks}; null unless tracked and JMX is available. */
  private final TasksBean tasksBean;

  private MachinaRuntime(Builder b, boolean isDefault) {
    this.isDefault = isDefault;
    this.name = b.threadNamePrefix;
    this.maxBlockingThreads = b.maxBlockingThreads;
    this.blockingKeepAliveMillis = b.blockingKeepAliveMillis;
    this.liveTasks = b.trackTasks ? new LiveTasks() : null;
    this.scheduler =
        WorkStealingScheduler.start(
            this,
            b.workerThreads,
            b.threadNamePrefix,
            b.daemon,
            b.handler,
            liveTasks,
            this::shutdownDrivers);
    this.tasksBean = liveTasks == null ? null : registerTasksBean(liveTasks);
  }

  /** Registers the JMX view of a tracking runtime, last in the constructor: it publishes this. */
  private TasksBean registerTasksBean(LiveTasks tasks) {
    try {
      return TasksBean.register(tasks, name, this::toString);
    } catch (LinkageError noJavaManagement) {
      return null;
    }
  }

  /** A builder for an explicit runtime. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The runtime of the calling thread: the one whose worker it is, or whose {@link #blockOn} it
   * is inside; otherwise the default runtime (started now if needed).
   */
  public static MachinaRuntime current() {
    WorkStealingScheduler s = WorkerThread.currentScheduler();
    if (s != null) {
      return (MachinaRuntime) s.owner();
    }
    MachinaRuntime entered = ENTERED.get();
    return entered != null ? entered : defaultRuntime();
  }

  /** The embedded default runtime, started on first use. */
  static MachinaRuntime defaultRuntime() {
    return DefaultHolder.INSTANCE;
  }

  /** Spawns {@code future} as a task on this runtime; it starts running at once, in parallel. */
  public <T> JoinHandle<T> spawn(Future<T> future) {
    return scheduler.spawn(future);
  }

  /** Spawns {@code future} and returns its CompletableFuture view, joined from the start. */
  <T> CompletableFuture<T> spawnToCompletableFuture(Future<T> future) {
    return scheduler.spawn(future, true).toCompletableFuture();
  }

  /**
   * Runs {@code future} to completion on the calling thread while this runtime runs the tasks it
   * spawns (spawns from inside it go to this runtime); returns its value or throws its failure as
   * thrown, checked exceptions included. Not allowed on a worker thread of any runtime: inside a
   * task, {@code await} the future instead.
   */
  public <T> T blockOn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    Machina.checkNotOnWorker();
    MachinaRuntime previous = ENTERED.get();
    ENTERED.set(this);
    LiveTasks.BlockedThread blocked = liveTasks != null ? liveTasks.enterBlockOn(future) : null;
    try {
      @SuppressWarnings("unchecked")
      T value = (T) BlockOn.run(future);
      return value;
    } catch (Throwable e) {
      throw Machina.sneakyThrow(e);
    } finally {
      if (blocked != null) {
        liveTasks.exitBlockOn(blocked);
      }
      if (previous == null) {
        ENTERED.remove();
      } else {
        ENTERED.set(previous);
      }
    }
  }
  /**
   * As {@link #blockOn(Future)}, declaring that the future may fail with the checked exception
   * {@code failure} (a class literal, not evaluated), so that a {@code catch} of it compiles.
   */
  public <T, X extends Throwable> T blockOn(Future<T> future, Class<X> failure) throws X {
    return blockOn(future);
  }


  /**
   * Describes every task of this runtime that has not completed, and every {@code blockOn} running
   * on it, each as the chain of machines from the root down to the future it waits for: one line
   * per machine, naming the method and the await it is suspended at with its source line. For
   * finding what a stuck program waits for; call it from any thread (a debugger's expression
   * evaluation, a watchdog, a signal handler of your own). The runtime must have been built with
   * {@link Builder#trackTasks trackTasks(true)} (the default runtime: run the JVM with {@code
   * -Dmachina.trackTasks=true}); otherwise the text says so. A task that is running while the dump
   * reads it may show a stale state. A tracking runtime also registers this dump with JMX, as the
   * operation {@code dumpTasks} of the bean {@code dev.machina:type=Runtime,name="<thread name
   * prefix>"} (jconsole, VisualVM), until it shuts down.
   */
  public String dumpTasks() {
    if (liveTasks == null) {
      return this + ": tasks are not tracked; build the runtime with trackTasks(true), or for the"
          + " default runtime run the JVM with -Dmachina.trackTasks=true";
    }
    return liveTasks.dump(toString());
  }

  /** Replaces the handler that receives failures of tasks nobody joined. */
  public void setUnhandledFailureHandler(Consumer<? super Throwable> handler) {
    scheduler.setUnhandledHandler(handler);
  }

  /** Number of worker threads. */
  public int workerThreads() {
    return scheduler.workerCount();
  }

  /** The prefix of this runtime's thread names (its driver and blocking threads too). */
  public String threadNamePrefix() {
    return name;
  }

  /** The most threads {@link Machina#spawnBlocking} may use at once on this runtime. */
  public int maxBlockingThreads() {
    return maxBlockingThreads;
  }

  /** How long (ms) an idle blocking thread waits for work before it ends. */
  public long blockingKeepAliveMillis() {
    return blockingKeepAliveMillis;
  }

  /** Whether {@link #shutdown} has been called. */
  public boolean isShutdown() {
    return scheduler.isShutdown();
  }

  /**
   * Internal, for Machina's own drivers: the driver of {@code type} attached to this runtime,
   * created by {@code factory} on first request (lock-free once created). Drivers are shut down
   * with the runtime, after its workers have stopped and its queued tasks have been aborted, in the
   * reverse order of their creation; until then an existing driver is still returned (task
   * cancellation at shutdown may need it), but no new one is created.
   *
   * @throws IllegalStateException if the runtime has shut down and the driver does not exist, or
   *     the drivers have been shut down
   */
  public <D extends RuntimeDriver> D driver(
      Class<D> type, Function<? super MachinaRuntime, ? extends D> factory) {
    RuntimeDriver d = drivers.get(type);
    if (d != null && !driversClosed) {
      return type.cast(d); // the common case: no lock
    }
    synchronized (driversInOrder) {
      if (driversClosed || isShutdown()) {
        throw new IllegalStateException(this + " has shut down");
      }
      d = drivers.get(type);
      if (d == null) {
        d = Objects.requireNonNull(factory.apply(this), "driver factory returned null");
        drivers.put(type, d);
        driversInOrder.add(d);
        if (d instanceof IdleDriver idle) {
          scheduler.driveWhenIdle(idle); // the workers run its turns when they have no task
        }
      }
      return type.cast(d);
    }
  }

  /**
   * Shuts the runtime down and waits for its worker threads to end: each worker finishes its
   * current poll; tasks still queued, and tasks woken afterwards, complete with a
   * CancellationException; then the drivers shut down. Called on one of this runtime's own
   * workers, it waits for the other workers only. The default runtime cannot be shut down.
   */
  public void shutdown() {
    if (isDefault) {
      throw new IllegalStateException("the default Machina runtime lives as long as the JVM");
    }
    scheduler.shutdown();
    if (tasksBean != null) {
      tasksBean.unregister();
    }
    boolean interrupted = false;
    for (;;) {
      try {
        scheduler.awaitTermination();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  private void shutdownDrivers() {
    List<RuntimeDriver> toStop;
    synchronized (driversInOrder) {
      driversClosed = true;
      toStop = new ArrayList<>(driversInOrder);
      driversInOrder.clear();
      drivers.clear();
    }
    for (int i = toStop.size() - 1; i >= 0; i--) {
      try {
        toStop.get(i).shutdown();
      } catch (Throwable e) {
        scheduler.reportUnhandled(e);
      }
    }
  }

  @Override
  public String toString() {
    return "MachinaRuntime[" + name + ", " + scheduler.workerCount() + " worker"
        + (scheduler.workerCount() == 1 ? "" : "s") + (isDefault ? ", default" : "")
        + (isShutdown() ? ", shut down" : "") + "]";
  }

  /** Prints the failure of a task nobody joined to standard error. */
  static void printUnhandled(Throwable failure) {
    System.err.println(
        "Machina: a task failed and nobody joined it (thread " + Thread.currentThread().getName()
            + "):");
    failure.printStackTrace();
  }

  /** Lazily starts the default runtime (class initialisation is the lock). */
  private static final class DefaultHolder {
    static final MachinaRuntime INSTANCE =
        new MachinaRuntime(
            new Builder()
                .workerThreads(Math.max(2, java.lang.Runtime.getRuntime().availableProcessors()))
                .threadNamePrefix("machina-worker")
                .daemon(true)
                .trackTasks(Boolean.getBoolean("machina.trackTasks")),
            true);
  }

  /** Configures and builds an explicit {@link MachinaRuntime}. */
  public static final class Builder {
    private int workerThreads = Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());
    private String threadNamePrefix = "machina-rt";
    private boolean daemon;
    private Consumer<? super Throwable> handler = MachinaRuntime::printUnhandled;
    private int maxBlockingThreads = 512;
    private long blockingKeepAliveMillis = 10_000;
    private boolean trackTasks;

    private Builder() {}

    /**
     * The most threads that blocking calls ({@link Machina#spawnBlocking}) may use at once
     * (default 512, as tokio); further calls queue. Threads are started on demand.
     */
    public Builder maxBlockingThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBlockingThreads must be at least 1: " + n);
      }
      this.maxBlockingThreads = n;
      return this;
    }

    /** How long an idle blocking thread waits for more work before it ends (default 10 s). */
    public Builder blockingKeepAlive(java.time.Duration keepAlive) {
      if (keepAlive.isNegative()) {
        throw new IllegalArgumentException("negative keep-alive: " + keepAlive);
      }
      this.blockingKeepAliveMillis = keepAlive.toMillis();
      return this;
    }

    /** Number of worker threads (default: one per available processor). */
    public Builder workerThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1: " + n);
      }
      this.workerThreads = n;
      return this;
    }

    /** The single-thread flavour: one worker thread runs every task. */
    public Builder singleThread() {
      return workerThreads(1);
    }

    /** Worker threads are named {@code prefix-0}, {@code prefix-1}, ... (default "machina-rt"). */
    public Builder threadNamePrefix(String prefix) {
      this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Whether worker threads are daemon threads (default false: close the runtime). */
    public Builder daemon(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    /**
     * Receives the failure of every task that fails (with anything but a cancellation) while
     * nobody joins it: nobody polled or awaited its {@link JoinHandle} nor took its {@link
     * JoinHandle#toCompletableFuture() CompletableFuture view} before it failed, nor within a
     * second after (the failure is then handed over when the second is up, or when the runtime
     * terminates or the JVM exits before that). Runs on a worker thread, or on the thread that
     * terminates the runtime or the JVM's exit hook; the default prints the stack trace to
     * standard error.
     */
    public Builder unhandledFailureHandler(Consumer<? super Throwable> handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Whether the runtime keeps a registry of its live tasks, so that {@link
     * MachinaRuntime#dumpTasks} can list them (default false: a registry costs a concurrent map
     * insertion and removal per task). For debugging and for services that want a dump on demand.
     * The registry keeps every unfinished task reachable, also one that nothing can wake any more
     * and that would otherwise be garbage: such a task is then listed, which is often the bug. A
     * tracking runtime registers its dump with the platform MBean server (see {@link
     * MachinaRuntime#dumpTasks}), which starts JMX in the JVM if nothing had.
     */
    public Builder trackTasks(boolean track) {
      this.trackTasks = track;
      return this;
    }

    /** Starts the runtime's worker threads. */
    public MachinaRuntime build() {
      return new MachinaRuntime(this, false);
    }
  }
}
