package dev.machina.internal.time;

/**
 * The thread-safe front of the timer wheels of one driver: any thread schedules and cancels
 * timers, each change applied to a shard before the call returns, and the driver thread fires the
 * due ones.
 *
 * <p>The timers are spread over a power of two of {@link TimerShard}s (twice the processors,
 * rounded up), each a wheel under its own lock; a thread schedules into the shard its thread id
 * picks, so workers rarely contend, and a timer remembers its shard, so {@link #cancel} from any
 * thread locks that shard and unlinks the entry in O(1): a cancelled timer frees its entry at
 * once. A turn of the driver ({@link #turn}) advances each shard to the current time under its
 * lock, taking the due timers out, and fires them (wakes their wakers) after the lock is
 * released, merged in deadline order.
 *
 * <p>The driver is woken (through {@code wakeDriver}) only when a new deadline is earlier than
 * the one it plans to wake up at ({@link #plan}). While a turn runs, the planned wake-up reads as
 * "never", so a timer scheduled in a shard the turn has already passed wakes the next select (the
 * reactor keeps at most one wake-up pending per turn). Why no wake-up is lost: a schedule links
 * its timer under the shard lock and then reads the plan; the driver sets the plan to "never"
 * before it locks the first shard. If the driver's pass over the shard missed the timer, the
 * schedule took the lock after that pass and so reads "never" or a plan computed later, and wakes
 * the driver unless that plan is already due no later than the new deadline. When the wheels are
 * empty but timers were scheduled since the previous turn (timeouts armed and cancelled in a
 * loop), the driver plans to wake about a second ahead instead of never, so far deadlines do not
 * wake it each time; after a quiet turn it sleeps until woken, with no timer cost for an idle
 * runtime.
 *
 * <p>Time is counted in ticks of 2^18 ns (0.262 ms) since the service was created
 * ({@link #now()}); deadlines are rounded up to a tick and a wheel fires a timer only once its
 * time reached the deadline, so a timer never fires before its instant. The tick is finer than
 * the selector's timeout, which is whole milliseconds ({@link #millisUntil}): a driver that waits
 * for a deadline wakes up to 1 ms after it, and with 1 ms ticks the rounding of the deadline
 * added up to 1 ms more (a timer was up to 2 ms late, 1 ms on average, when the driver was
 * idle); with the finer tick it adds at most 0.26 ms. Shutdown ({@link #shutdown}) closes every
 * shard: the pending timers are cancelled and a schedule afterwards is refused, whichever comes
 * first.
 */
public final class TimerService {
  /** log2 of the tick in nanoseconds. */
  static final int TICK_SHIFT = 18;
  /** The tick in nanoseconds. */
  static final long TICK_NANOS = 1L << TICK_SHIFT;
  /** How far ahead (ticks, about 1 s) the driver plans to wake while timers come and go idly. */
  static final long IDLE_HORIZON = 1_000_000_000L >> TICK_SHIFT;
  private static final int MAX_SHARDS = 64;

  private final long originNanos = System.nanoTime();
  private final TimerShard[] shards;
  private final int shardMask;
  private final Timer[] fired;
  private final Runnable wakeDriver;
  /** When (ticks) the driver plans to wake; {@code Long.MAX_VALUE} while it turns or has none. */
  private volatile long plannedWake = Long.MAX_VALUE;
  private volatile boolean shutdown;

  /** A service that calls {@code wakeDriver} (from any thread) when the driver must turn early. */
  public TimerService(Runnable wakeDriver) {
    this(wakeDriver, defaultShards());
  }

  /** A service with {@code shardCount} shards (a power of two). */
  TimerService(Runnable wakeDriver, int shardCount) {
    if (shardCount <= 0 || Integer.bitCount(shardCount) != 1) {
      throw new IllegalArgumentException("shard count must be a power of two: " + shardCount);
    }
    this.wakeDriver = wakeDriver;
    this.shards = new TimerShard[shardCount];
    for (int i = 0; i < shardCount; i++) {
      shards[i] = new TimerShard(originNanos);
    }
    this.shardMask = shardCount - 1;
    this.fired = new Timer[shardCount];
  }

  private static int defaultShards() {
    int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
    int pow2 = Integer.highestOneBit(cpus);
    if (pow2 < cpus) {
      pow2 <<= 1;
    }
    return Math.min(MAX_SHARDS, pow2 * 2);
  }

  /** The current time in the service's ticks. */
  public long now() {
    return (System.nanoTime() - originNanos) >> TICK_SHIFT;
  }

  /** The service time (ticks) of a {@link System#nanoTime()} deadline, rounded up. */
  public long toTicks(long deadlineNanos) {
    long d = deadlineNanos - originNanos;
    if (d <= 0) {
      return 0;
    }
    return (d + TICK_NANOS - 1) >> TICK_SHIFT;
  }

  /**
   * How long (whole ms, rounded up, for a selector's timeout) until the service time reaches
   * {@code tick}; 0 only if it has already.
   */
  public long millisUntil(long tick) {
    long nanos = originNanos + (tick << TICK_SHIFT) - System.nanoTime();
    if (nanos <= 0) {
      return 0;
    }
    return (nanos + 999_999L) / 1_000_000L;
  }

  /** Whether {@link #shutdown()} has run. */
  public boolean isShutdown() {
    return shutdown;
  }

  /**
   * Schedules {@code timer} to fire at {@code deadlineNanos} (a {@link System#nanoTime()} value)
   * and returns true if it is now pending: it will fire once on the driver thread, unless
   * cancelled. Returns false, with no callback to follow, if it is not: the deadline had already
   * passed by the wheel's time ({@link Timer#hasFired()} is then true), or the timer was cancelled
   * before or is now because the service has shut down ({@link Timer#isCancelled()}). A timer is
   * scheduled at most once.
   */
  public boolean schedule(Timer timer, long deadlineNanos) {
    long deadline = toTicks(deadlineNanos);
    TimerShard shard = shards[shardIndex()];
    timer.deadline = deadlineNanos;
    timer.shard = shard;
    if (shard.schedule(timer) != TimerShard.LINKED) {
      return false;
    }
    if (deadline < plannedWake) {
      wakeDriver.run();
    }
    return true;
  }

  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
  private int shardIndex() {
    return (int) Thread.currentThread().getId() & shardMask;
  }

  /**
   * Cancels {@code timer} if it has not fired, unlinking it from its wheel before returning;
   * returns whether this call cancelled it. A timer cancelled before it was scheduled is never
   * scheduled.
   */
  public boolean cancel(Timer timer) {
    TimerShard shard = timer.shard;
    if (shard == null) {
      return timer.cancelUnscheduled();
    }
    return shard.cancel(timer);
  }

  /**
   * Driver thread: fires every due timer and returns the service time (ticks) the driver should
   * wake up at (the next deadline, or a horizon), or {@link Long#MAX_VALUE} if nothing needs it.
   * The caller then records it with {@link #plan} and waits at most until then.
   */
  public long turn() {
    plannedWake = Long.MAX_VALUE;
    long now = now();
    long next = Long.MAX_VALUE;
    boolean active = false;
    int chains = 0;
    for (TimerShard shard : shards) {
      Timer due = shard.advance(now);
      next = Math.min(next, shard.nextDeadline());
      active |= shard.hadSchedules();
      if (due != null) {
        fired[chains++] = due;
      }
    }
    fireInDeadlineOrder(chains);
    if (next == Long.MAX_VALUE && active) {
      next = now + IDLE_HORIZON;
    }
    return next;
  }

  /** Fires the chains in {@code fired[0..chains)}, each sorted by deadline, merged in that order. */
  private void fireInDeadlineOrder(int chains) {
    while (chains > 0) {
      int min = 0;
      for (int i = 1; i < chains; i++) {
        if (fired[i].deadline - fired[min].deadline < 0) {
          min = i;
        }
      }
      Timer t = fired[min];
      Timer rest = t.next;
      t.next = null;
      if (rest != null) {
        fired[min] = rest;
      } else {
        fired[min] = fired[--chains];
        fired[chains] = null;
      }
      fire(t);
    }
  }

  /** Driver thread: records that the driver will sleep until {@code deadline} (ticks). */
  public void plan(long deadline) {
    plannedWake = deadline;
  }

  /**
   * How many timers are pending now, in the wheels or waiting to join them (for tests and
   * diagnostics; locks each shard in turn).
   */
  public int pendingInWheel() {
    int n = 0;
    for (TimerShard shard : shards) {
      n += shard.size();
    }
    return n;
  }

  /** Makes the driver turn soon (for tests). */
  public void wakeDriverForTest() {
    wakeDriver.run();
  }

  private static void fire(Timer t) {
    try {
      t.onFire();
    } catch (RuntimeException e) {
      // A waker that throws is a bug elsewhere; the other timers must still fire.
      Thread th = Thread.currentThread();
      th.getUncaughtExceptionHandler().uncaughtException(th, e);
    }
  }

  /**
   * Cancels every pending timer, calling {@link Timer#onShutdown()} on each; later schedules are
   * refused (the timer is cancelled). The driver calls it once its thread has stopped; a turn
   * running at the same time is harmless (each shard's lock orders the two, and a timer the turn
   * took out fires rather than being cancelled).
   */
  public void shutdown() {
    shutdown = true;
    for (TimerShard shard : shards) {
      Timer t = shard.close();
      while (t != null) {
        Timer next = t.next;
        t.next = null;
        try {
          t.onShutdown();
        } catch (RuntimeException e) {
          Thread th = Thread.currentThread();
          th.getUncaughtExceptionHandler().uncaughtException(th, e);
        }
        t = next;
      }
    }
  }
}
