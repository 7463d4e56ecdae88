package dev.machina.internal.driver;

import dev.machina.MachinaRuntime;
import dev.machina.internal.RuntimeDriver;
import dev.machina.internal.blocking.BlockingPool;
import dev.machina.internal.executor.IdleDriver;
import dev.machina.internal.io.IoSource;
import dev.machina.internal.io.Reactor;
import dev.machina.internal.time.TimerService;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The operating-system services of one runtime: one selector per worker, the timer wheel, and the
 * pool for blocking calls.
 *
 * <h2>Who drives</h2>
 *
 * A runtime's driver is an {@link IdleDriver} with one {@link Reactor} per worker; a channel is
 * bound to one of them, round-robin, when it first has to wait ({@link #register}). Each worker
 * drives its own reactor: when it has nothing to do it waits in that selector instead of parking
 * ({@link #turn}), and while busy it polls it every 61 tasks ({@link #poll}); an event wakes its
 * task onto the worker that saw it, the task runs there and re-arms its one-shot interest before
 * that worker's next select, so the clear and the re-arm cost no system call (see
 * {@link IoSource}). A driver built directly (tests, {@link #enter}) has one reactor and starts
 * its own daemon thread, named {@code name + "-driver"}, on first use (the first timer or the first
 * I/O wait). Each turn:
 * <ol>
 *   <li>resets the reactor's wake-up flag and arms the sources queued for their first
 *       registration;
 *   <li>if the thread holds the timer role: advances the timer wheels and fires due timers;
 *   <li>(idle worker) takes a non-waiting turn on each peer reactor whose owner has not turned it
 *       for {@value #HELP_AFTER_MILLIS} ms (busy in a long task), if it can acquire it;
 *   <li>waits in {@code select} until the next deadline (timer role only), an I/O event or a
 *       wake-up, unless there is something to do already; readiness wakes the wakers.
 * </ol>
 * Wakers only schedule tasks, so a turn never runs user code.
 *
 * <h2>Timers</h2>
 *
 * One {@link TimerService} per runtime, driven by the thread that holds the timer role
 * ({@link #timerHolder}, the holder's reactor): an idle worker takes it if it is free and keeps it
 * while it drives, waiting with the next deadline as its select timeout and woken by a new earlier
 * timer; a busy worker's poll takes it for one non-waiting turn if it is free. An idle worker that
 * finds the role taken waits without a deadline, after setting {@link #timersWanted}. The role is
 * handed on (every reactor that may be blocked in select is woken, so one of those workers takes
 * it) when that flag is set and either the holder releases the role while timers may be pending
 * (its last plan had a deadline, or a timer was scheduled since its last turn:
 * {@link #timersDirty}), or a timer is scheduled while nobody holds the role. With no timers, as
 * in a server that only does I/O, the role changes hands without waking anybody.
 *
 * <p>No hand-over is lost. The waiter marks its reactor selecting, sets {@code timersWanted}, then
 * reads the holder: if free, it turns again to take it. Otherwise the holder clears the holder
 * field later and then reads the flags, so it sees {@code timersWanted} (or a releaser that
 * cleared it in between woke the waiter). A schedule links its timer, sets {@code timersDirty} if
 * it had to wake the driver (its deadline is earlier than the plan) and then reads the holder: if
 * that holder was about to release, its release reads {@code timersDirty} afterwards and hands
 * the role on; if there was none, the schedule hands it on itself. Each holder clears
 * {@code timersDirty} before its turn reads the wheels, so a timer its turn missed sets it again.
 *
 * <h2>A busy owner</h2>
 *
 * A source whose owner runs a long task is not polled by its owner meanwhile. An idle worker
 * therefore limits its wait to {@value #HELP_AFTER_MILLIS} ms while a peer reactor with
 * registered channels is not held by its owner (the owner is running tasks), and then takes a
 * non-waiting turn on it if the owner has not turned it for that long: the readiness it dispatches
 * wakes the tasks onto the helper's queue. The owner, when it comes back, spins the moment such a
 * turn takes (a {@code selectNow}). A worker that runs a batch of woken tasks turns its selector
 * at least once per batch (see {@code Worker.untilPoll}), so under load the threshold is well
 * above a batch's time (with 1 ms, helpers selected busy peers before their woken tasks had
 * re-armed, and those re-arms cost an {@code epoll_ctl} each on B7 at 1000 connections).
 *
 * <p>An idle worker that saw no busy peer waits with no limit, marked {@code waitingUncapped}
 * (set before it reads the peers' held flags); a worker that stops driving to run tasks releases
 * its reactor and then wakes every peer so marked, so either the peer saw it busy or it wakes the
 * peer. To keep that wake-up rare, an idle worker keeps limiting its waits for
 * {@value #CAP_STICKY_MILLIS} ms after it last saw a busy peer: under load it is never marked, and
 * a runtime that goes idle stops waking up within that time (so an idle runtime uses no CPU).
 *
 * <h2>Shutdown</h2>
 *
 * Stop and join the driver thread if there is one (workers that drive have stopped before the
 * runtime shuts its drivers down); cancel every pending timer (their futures fail with
 * CancellationException); fail every pending I/O operation with an IOException and close its
 * channel; close every selector; stop the blocking pool (queued calls are cancelled, running ones
 * interrupted). Afterwards new timers are cancelled at once and new I/O fails.
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
  /** After how long without a turn an idle worker polls a busy peer's selector. */
  static final long HELP_AFTER_MILLIS = 10;
  private static final long HELP_AFTER_NANOS = HELP_AFTER_MILLIS * 1_000_000L;
  /** How long an idle worker keeps limiting its waits after it last saw a busy peer. */
  static final long CAP_STICKY_MILLIS = 100;
  private static final long CAP_STICKY_NANOS = CAP_STICKY_MILLIS * 1_000_000L;

  /** A driver made current on this thread by {@link #enter} (tests drive one without a runtime). */
  private static final ThreadLocal<Driver> CURRENT = new ThreadLocal<>();
  /** Whether {@link #enter} was ever called, so {@link #current()} skips CURRENT until then. */
  private static volatile boolean anyEntered;
  /** The driver {@link #current()} last found through a runtime (a cache; races only miss it). */
  private static volatile Driver lastLookedUp;

  private final String name;
  /** One per worker (one for a driver with its own thread); index = worker index. */
  private final Reactor[] reactors;
  private final AtomicInteger nextReactor = new AtomicInteger();
  /** Per worker (its thread only): until when its idle waits stay limited for helping peers. */
  private final long[] capUntil;
  private final TimerService timers;
  /** The reactor of the thread that holds the timer role, or null (see the class comment). */
  private final AtomicReference<Reactor> timerHolder = new AtomicReference<>();
  /** An idle worker waits without the timer role: the releaser must wake it (class comment). */
  private final AtomicBoolean timersWanted = new AtomicBoolean();
  /** A timer was scheduled that the holder's latest turn may have missed (class comment). */
  private volatile boolean timersDirty;
  /** The holder's latest plan (ticks, {@code Long.MAX_VALUE}: no timer); holder thread only. */
  private long holderPlan = Long.MAX_VALUE;
  private final BlockingPool blocking;
  private final Object lifecycle = new Object();
  /** The runtime this driver serves; {@code null} for a driver made directly (tests). */
  private MachinaRuntime runtime;
  /** Whether the runtime's workers drive this driver (no thread of its own). */
  private final boolean drivenByWorkers;
  private final AtomicBoolean failed = new AtomicBoolean();
  private Thread thread;
  private volatile boolean started;
  private volatile boolean stopping;
  private boolean shutDown;

  /**
   * A driver with one selector driven by its own thread, named {@code name + "-driver"}, and a
   * blocking pool of at most {@code maxBlockingThreads} threads, each retired after
   * {@code blockingKeepAliveMillis} idle.
   */
  public Driver(String name, int maxBlockingThreads, long blockingKeepAliveMillis) {
    this(name, maxBlockingThreads, blockingKeepAliveMillis, 1, false);
  }

  /** A driver with {@code reactorCount} selectors and no thread: the caller drives it (tests). */
  Driver(String name, int reactorCount) {
    this(name, 1, 1_000, reactorCount, true);
  }

  private Driver(
      String name,
      int maxBlockingThreads,
      long blockingKeepAliveMillis,
      int reactorCount,
      boolean drivenByWorkers) {
    this.name = name;
    this.drivenByWorkers = drivenByWorkers;
    this.reactors = new Reactor[reactorCount];
    this.capUntil = new long[reactorCount];
    java.util.Arrays.fill(capUntil, System.nanoTime());
    for (int i = 0; i < reactorCount; i++) {
      reactors[i] = new Reactor();
    }
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
        new Driver(rt.threadNamePrefix(), rt.maxBlockingThreads(), rt.blockingKeepAliveMillis(),
            rt.workerThreads(), true);
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

  /**
   * A source for {@code channel} (switched to non-blocking mode), bound to the next reactor in
   * turn; the driver thread starts if needed.
   */
  public IoSource register(SelectableChannel channel) throws IOException {
    ensureStarted();
    Reactor[] rs = reactors;
    Reactor r = rs.length == 1 ? rs[0] : rs[Math.floorMod(nextReactor.getAndIncrement(), rs.length)];
    return r.register(channel);
  }

  /** The pool for blocking calls. */
  public BlockingPool blocking() {
    return blocking;
  }

  /** Whether every selector has been closed (for tests). */
  public boolean selectorsClosed() {
    for (Reactor r : reactors) {
      if (!r.isClosed()) {
        return false;
      }
    }
    return true;
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

  /** A timer earlier than the holder's planned wake-up was scheduled (any thread). */
  private void wakeForTimers() {
    if (!timersDirty) {
      timersDirty = true;
    }
    Reactor h = timerHolder.get();
    if (h != null) {
      h.wakeup();
    } else {
      handOffTimers(null); // an idle worker may wait without the role: wake it to take it
    }
  }

  private void run() {
    BooleanSupplier stop = () -> stopping;
    while (!stopping) {
      turn(0, stop);
    }
  }

  @Override
  public boolean turn(int worker, BooleanSupplier dontWait) {
    if (stopping) {
      return false;
    }
    Reactor r = reactors[worker];
    while (!r.tryAcquire()) {
      // A helper's non-waiting turn holds it for the moment a selectNow takes.
      if (stopping) {
        return false;
      }
      Thread.onSpinWait();
    }
    try {
      r.beginTurn();
      boolean timersHere = timerHolder.get() == r || timerHolder.compareAndSet(null, r);
      long next = Long.MAX_VALUE;
      if (timersHere) {
        next = turnTimers();
      }
      r.prepareToWait();
      boolean capped = helpBusyPeers(worker, r);
      long wait;
      if (r.hasQueued() || stopping || dontWait.getAsBoolean()) {
        wait = 0;
      } else if (!timersHere && wantTimers()) {
        wait = 0; // the role is free now: the next turn takes it
      } else {
        wait = next == Long.MAX_VALUE ? -1 : timers.millisUntil(next);
        if (capped && (wait < 0 || wait > HELP_AFTER_MILLIS)) {
          wait = HELP_AFTER_MILLIS;
        }
      }
      r.select(wait);
    } catch (IOException | RuntimeException | Error e) {
      fail(e);
    } finally {
      r.endTurn();
      r.release();
    }
    return !stopping;
  }

  /**
   * An idle worker without the timer role, about to wait (already marked selecting): asks the
   * holder to hand the role on when it releases it; true if the role is free already.
   */
  private boolean wantTimers() {
    timersWanted.set(true);
    return timerHolder.get() == null;
  }

  /**
   * Idle worker {@code worker}, already marked selecting: takes a non-waiting turn on each peer
   * reactor whose owner has not turned it for {@value #HELP_AFTER_MILLIS} ms, and returns whether
   * its own wait must be limited to that long: a peer with channels is not held by its owner now,
   * or was within the last {@value #CAP_STICKY_MILLIS} ms. Otherwise the reactor stays marked
   * as waiting without a limit, so a peer that goes busy wakes it (see the class comment).
   */
  private boolean helpBusyPeers(int worker, Reactor self) throws IOException {
    Reactor[] rs = reactors;
    if (rs.length == 1) {
      return false;
    }
    self.markUncappedWait(true); // before reading the peers' held flags
    boolean busyPeer = false;
    for (Reactor p : rs) {
      if (p == self || p.isHeld() || !p.hasKeys()) {
        continue;
      }
      busyPeer = true;
      if (p.nanosSinceTurn() >= HELP_AFTER_NANOS && p.tryAcquire()) {
        try {
          p.beginTurn();
          p.select(0);
        } finally {
          p.endTurn();
          p.release();
        }
      }
    }
    long now = System.nanoTime();
    if (busyPeer) {
      capUntil[worker] = now + CAP_STICKY_NANOS;
    } else if (now - capUntil[worker] >= 0) {
      return false;
    }
    self.markUncappedWait(false);
    return true;
  }

  @Override
  public void poll(int worker) {
    if (stopping) {
      return;
    }
    Reactor r = reactors[worker];
    boolean own = r.tryAcquire(); // else a helper is turning it right now
    boolean timersHere = timerHolder.get() == null && timerHolder.compareAndSet(null, r);
    try {
      if (timersHere) {
        turnTimers();
      }
      if (own) {
        r.beginTurn();
        r.select(0);
      }
    } catch (IOException | RuntimeException | Error e) {
      fail(e);
    } finally {
      if (own) {
        r.endTurn();
        r.release();
      }
      if (timersHere) {
        releaseTimers(r);
      }
    }
  }

  @Override
  public void stopDriving(int worker) {
    Reactor r = reactors[worker];
    releaseTimers(r);
    // This worker goes busy (it released its reactor after its last turn): a peer blocked with
    // no limit would not notice if the busy spell turned out long (class comment).
    for (Reactor p : reactors) {
      if (p != r && p.isWaitingUncapped()) {
        p.wakeup();
      }
    }
  }

  /** Timer holder: fires the due timers and plans the next wake-up, which it returns. */
  private long turnTimers() {
    timersDirty = false;
    long next = timers.turn();
    timers.plan(next);
    holderPlan = next;
    return next;
  }

  /**
   * Gives up the timer role if {@code r}'s thread holds it, handing it on if a worker wants it and
   * timers may be pending.
   */
  private void releaseTimers(Reactor r) {
    if (timerHolder.get() != r) {
      return;
    }
    timerHolder.set(null);
    if (holderPlan != Long.MAX_VALUE || timersDirty) {
      handOffTimers(r);
    }
  }

  /** Wakes the workers that may wait in select without the timer role, if one asked for it. */
  private void handOffTimers(Reactor releaser) {
    if (timersWanted.get() && timersWanted.getAndSet(false)) {
      for (Reactor p : reactors) {
        if (p != releaser) {
          p.wakeupIfSelecting();
        }
      }
    }
  }

  @Override
  public void wakeup(int worker) {
    reactors[worker].wakeup();
  }

  /**
   * A selector failed: nothing can be relied on any more. Fail what waits, as at shutdown, rather
   * than leave tasks parked forever, and report the cause (once).
   */
  private void fail(Throwable e) {
    stopping = true;
    if (!failed.compareAndSet(false, true)) {
      return;
    }
    timers.shutdown();
    for (Reactor r : reactors) {
      r.shutdown("the Machina I/O driver failed: " + e);
    }
    Thread.currentThread().getUncaughtExceptionHandler()
        .uncaughtException(Thread.currentThread(), e);
  }

  /** The runtime shuts down: see the class comment for the order. */
  @Override
  public void shutdown() {
    shutdown(BLOCKING_SHUTDOWN_MILLIS);
  }

  /**
   * Stops the driver thread, cancels timers, fails pending I/O, closes the selectors and stops
   * the blocking pool, waiting up to {@code timeoutMillis} for the pool's threads. Idempotent. An
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
      reactors[0].wakeup();
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    timers.shutdown();
    for (Reactor r : reactors) {
      r.shutdown(SHUT_DOWN);
    }
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
