package dev.machina.internal.driver;

import dev.machina.MachinaRuntime;
import dev.machina.internal.RuntimeDriver;
import dev.machina.internal.blocking.BlockingPool;
import dev.machina.internal.executor.IdleDriver;
import dev.machina.internal.io.Reactor;
import dev.machina.internal.time.TimerService;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The operating-system services of one runtime: the selector and the timer wheel, driven in turns,
 * and the pool for blocking calls.
 *
 * <p>Who drives. A runtime's driver is an {@link IdleDriver}: its worker threads drive it when
 * they have nothing else to do (the worker that would park waits in {@code select} instead, with
 * the next timer deadline as timeout), so the thread that sees a socket become ready runs its task
 * right after; see "Driving when idle" in {@code WorkStealingScheduler}. A driver built directly
 * (tests, {@link #enter}) starts its own daemon thread instead, named {@code name + "-driver"},
 * on first use (the first timer or the first I/O wait). Each turn:
 * <ol>
 *   <li>resets the wake-up flag and arms the sources that asked for interest;
 *   <li>advances the timer wheels and fires due timers;
 *   <li>records the next deadline, then waits in {@code select} until it, an I/O event, or a
 *       wake-up (a new earlier timer, a source to arm, work for the worker that drives, shutdown)
 *       unless there is something to do already; readiness wakes the wakers.
 * </ol>
 * Wakers only schedule tasks, so a turn never runs user code. "The driver thread" in the comments
 * of the reactor and timer classes is the thread running the current turn: one thread at a time
 * holds the driver ({@link #tryAcquire} / {@link #release} on one atomic flag), and that flag's
 * release and acquire order everything a holder wrote before everything the next holder reads.
 *
 * <p>Shutdown order: stop and join the driver thread if there is one (workers that drive have
 * stopped before the runtime shuts its drivers down); cancel every pending timer (their futures
 * fail with CancellationException); fail every pending I/O operation with an IOException and close
 * its channel; close the selector; stop the blocking pool (queued calls are cancelled, running
 * ones interrupted). Afterwards new timers are cancelled at once and new I/O fails.
 *
 * <p>Which driver a future uses is decided when it first needs one: {@link #current()} is the
 * driver of {@link MachinaRuntime#current()} (the runtime whose worker or {@code blockOn} polls,
 * else the default runtime), attached to it on first use and shut down with it.
 */
public final class Driver implements RuntimeDriver, IdleDriver {
  /** The message of the exceptions that pending work receives when the runtime shuts down. */
  public static final String SHUT_DOWN = "the Machina runtime was shut down";

  /** How long a runtime's shutdown waits for blocking calls to end after interrupting them. */
  private static final long BLOCKING_SHUTDOWN_MILLIS = 5_000;

  /** A driver made current on this thread by {@link #enter} (tests drive one without a runtime). */
  private static final ThreadLocal<Driver> CURRENT = new ThreadLocal<>();
  /** Whether {@link #enter} was ever called, so {@link #current()} skips CURRENT until then. */
  private static volatile boolean anyEntered;
  /** The driver {@link #current()} last found through a runtime (a cache; races only miss it). */
  private static volatile Driver lastLookedUp;

  private final String name;
  private final Reactor reactor;
  private final TimerService timers;
  private final BlockingPool blocking;
  private final Object lifecycle = new Object();
  /** The runtime this driver serves; {@code null} for a driver made directly (tests). */
  private MachinaRuntime runtime;
  /** Whether the runtime's workers drive this driver (no thread of its own). */
  private final boolean drivenByWorkers;
  /** Held by the thread that runs turns (see {@link IdleDriver}). */
  private final AtomicBoolean held = new AtomicBoolean();
  private Thread thread;
  private volatile boolean started;
  private volatile boolean stopping;
  private boolean shutDown;

  /**
   * A driver whose thread is named {@code name + "-driver"} and whose blocking pool holds at most
   * {@code maxBlockingThreads} threads, each retired after {@code blockingKeepAliveMillis} idle.
   */
  public Driver(String name, int maxBlockingThreads, long blockingKeepAliveMillis) {
    this(name, maxBlockingThreads, blockingKeepAliveMillis, false);
  }

  private Driver(
      String name, int maxBlockingThreads, long blockingKeepAliveMillis, boolean drivenByWorkers) {
    this.name = name;
    this.drivenByWorkers = drivenByWorkers;
    this.reactor = new Reactor();
    this.timers = new TimerService(this::wakeForTimers);
    this.blocking =
        new BlockingPool(name + "-blocking", maxBlockingThreads, blockingKeepAliveMillis,
            TimeUnit.MILLISECONDS);
  }

  /**
   * The driver of the runtime this thread belongs to, else of the default runtime.
   *
   * @throws IllegalStateException if that runtime has shut down
   */
  public static Driver current() {
    if (anyEntered) {
      Driver d = CURRENT.get();
      if (d != null) {
        return d;
      }
    }
    MachinaRuntime rt = MachinaRuntime.current();
    Driver d = lastLookedUp;
    if (d != null && d.runtime == rt && !d.stopping) {
      return d; // the common case: the runtime's map and its volatile flags are not read
    }
    d = rt.driver(Driver.class, Driver::forRuntime);
    lastLookedUp = d;
    return d;
  }

  private static Driver forRuntime(MachinaRuntime rt) {
    // MachinaRuntime.driver hands an IdleDriver to the runtime's workers.
    Driver d =
        new Driver(
            rt.threadNamePrefix(), rt.maxBlockingThreads(), rt.blockingKeepAliveMillis(), true);
    d.runtime = rt;
    return d;
  }

  /** Makes {@code driver} the current one of this thread ({@code null} clears); returns the previous. */
  public static Driver enter(Driver driver) {
    Driver prev = CURRENT.get();
    if (driver != null && !anyEntered) {
      anyEntered = true;
    }
    if (driver == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(driver);
    }
    return prev;
  }


  /** The timer service; its driver thread starts if needed. */
  public TimerService timers() {
    ensureStarted();
    return timers;
  }

  /** The reactor; its driver thread starts if needed. */
  public Reactor reactor() {
    ensureStarted();
    return reactor;
  }

  /** The pool for blocking calls. */
  public BlockingPool blocking() {
    return blocking;
  }

  /** Whether the driver thread is running (for tests). */
  public boolean isStarted() {
    return started && !stopping;
  }

  private void ensureStarted() {
    if (started) {
      return;
    }
    synchronized (lifecycle) {
      if (started || shutDown) {
        return;
      }
      if (drivenByWorkers) {
        started = true;
        return;
      }
      thread = new Thread(this::run, name + "-driver");
      thread.setDaemon(true);
      thread.start();
      started = true;
    }
  }

  private void wakeForTimers() {
    reactor.wakeup();
  }

  private void run() {
    BooleanSupplier stop = () -> stopping;
    while (!stopping) {
      turn(stop);
    }
  }

  @Override
  public boolean tryAcquire() {
    return !stopping && !held.get() && held.compareAndSet(false, true);
  }

  @Override
  public void release() {
    held.set(false);
  }

  @Override
  public void wakeup() {
    reactor.wakeup();
  }

  /** One turn of the driver; see the class comment. Holder only; never throws. */
  @Override
  public boolean turn(BooleanSupplier dontWait) {
    if (stopping) {
      return false;
    }
    try {
      reactor.beginTurn();
      try {
        long next = timers.turn();
        timers.plan(next);
        long wait;
        if (reactor.hasQueued() || stopping || dontWait.getAsBoolean()) {
          wait = 0;
        } else if (next == Long.MAX_VALUE) {
          wait = -1;
        } else {
          wait = timers.millisUntil(next);
        }
        reactor.select(wait);
      } finally {
        reactor.endTurn();
      }
    } catch (IOException | RuntimeException | Error e) {
      // The selector failed: nothing can be waited on any more. Fail what waits, as at shutdown,
      // rather than leave tasks parked forever, and report the cause.
      stopping = true;
      timers.shutdown();
      reactor.shutdown("the Machina I/O driver failed: " + e);
      Thread.currentThread().getUncaughtExceptionHandler()
          .uncaughtException(Thread.currentThread(), e);
    }
    return !stopping;
  }

  /** The runtime shuts down: see the class comment for the order. */
  @Override
  public void shutdown() {
    shutdown(BLOCKING_SHUTDOWN_MILLIS);
  }

  /**
   * Stops the driver thread, cancels timers, fails pending I/O, closes the selector and stops the
   * blocking pool, waiting up to {@code timeoutMillis} for the pool's threads. Idempotent. An
   * interrupt does not cut the shutdown short; it is restored afterwards.
   */
  public void shutdown(long timeoutMillis) {
    Thread t;
    synchronized (lifecycle) {
      if (shutDown) {
        return;
      }
      shutDown = true;
      stopping = true;
      t = thread;
    }
    boolean interrupted = false;
    if (t != null) {
      reactor.wakeup();
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    timers.shutdown();
    reactor.shutdown(SHUT_DOWN);
    try {
      blocking.shutdown(timeoutMillis);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
