package dev.machina.internal.time;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The thread-safe front of a {@link TimerWheel}: any thread schedules and cancels timers without
 * a lock, and the driver thread applies those requests and fires due timers.
 *
 * <p>Scheduling pushes the timer on a lock-free stack (the inbox); cancelling marks it cancelled
 * with one CAS and pushes it on a second stack, so the driver unlinks it in O(1) on its next turn.
 * The driver is woken (through {@code wakeDriver}) only when it must act soon: when a new
 * deadline is earlier than the one it plans to wake up at, or when {@value #BATCH} requests have
 * queued since its last turn (so cancelled timers cannot pile up while it sleeps).
 *
 * <p>Time is counted in whole milliseconds since the service was created ({@link #now()});
 * deadlines are rounded up, so a timer never fires before its instant.
 */
public final class TimerService {
  /** Queued requests after which the driver is woken even if no deadline moved earlier. */
  static final int BATCH = 4096;

  private final long originNanos = System.nanoTime();
  private final TimerWheel wheel = new TimerWheel();
  private final AtomicReference<Timer> inbox = new AtomicReference<>();
  private final AtomicReference<Timer> cancelled = new AtomicReference<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Runnable wakeDriver;
  /** The time the driver plans to wake up at (ms), {@code Long.MAX_VALUE} when it has no timer. */
  private volatile long plannedWake = Long.MAX_VALUE;
  private volatile boolean shutdown;
  private volatile int wheelSize;

  /** A service that calls {@code wakeDriver} (from any thread) when the driver must turn early. */
  public TimerService(Runnable wakeDriver) {
    this.wakeDriver = wakeDriver;
  }

  /** The current time in the service's milliseconds. */
  public long now() {
    return (System.nanoTime() - originNanos) / 1_000_000L;
  }

  /** The service time (ms) of a {@link System#nanoTime()} deadline, rounded up. */
  public long toMillis(long deadlineNanos) {
    long d = deadlineNanos - originNanos;
    if (d <= 0) {
      return 0;
    }
    return d / 1_000_000L + (d % 1_000_000L == 0 ? 0 : 1);
  }

  /** Whether {@link #shutdown()} has run. */
  public boolean isShutdown() {
    return shutdown;
  }

  /**
   * Schedules {@code timer} to fire at {@code deadlineNanos} (a {@link System#nanoTime()} value).
   * A timer is scheduled at most once. After shutdown the timer is cancelled at once.
   */
  public void schedule(Timer timer, long deadlineNanos) {
    timer.deadline = toMillis(deadlineNanos);
    push(inbox, timer, true);
    if (shutdown && timer.markCancelled()) {
      timer.onShutdown();
      return;
    }
    int n = queued.incrementAndGet();
    if (timer.deadline < plannedWake || n % BATCH == 0) {
      wakeDriver.run();
    }
  }

  /** Cancels {@code timer} if it has not fired; returns whether this call cancelled it. */
  public boolean cancel(Timer timer) {
    if (!timer.markCancelled()) {
      return false;
    }
    push(cancelled, timer, false);
    if (queued.incrementAndGet() % BATCH == 0) {
      wakeDriver.run();
    }
    return true;
  }

  private static void push(AtomicReference<Timer> stack, Timer t, boolean inboxLink) {
    Timer head;
    do {
      head = stack.get();
      if (inboxLink) {
        t.inboxNext = head;
      } else {
        t.cancelNext = head;
      }
    } while (!stack.compareAndSet(head, t));
  }

  /**
   * Driver thread: applies queued requests, fires every due timer, and returns the service time
   * (ms) of the next deadline, or {@link Long#MAX_VALUE} if none is pending. The caller should
   * wait at most until then, and call {@link #plan} first to say how long it will sleep.
   */
  public long turn() {
    queued.set(0);
    Timer t = inbox.getAndSet(null);
    while (t != null) {
      Timer next = t.inboxNext;
      t.inboxNext = null;
      if (!t.isCancelled() && !wheel.insert(t)) {
        fire(t);
      }
      t = next;
    }
    Timer c = cancelled.getAndSet(null);
    while (c != null) {
      Timer next = c.cancelNext;
      c.cancelNext = null;
      wheel.remove(c);
      c = next;
    }
    wheel.advance(now(), this::fire);
    wheelSize = wheel.size();
    return wheel.nextDeadline();
  }

  /** Driver thread: records that the driver will sleep until {@code deadline} (ms). */
  public void plan(long deadline) {
    plannedWake = deadline;
  }

  /** Whether requests are queued that the driver has not applied yet. */
  public boolean hasQueued() {
    return inbox.get() != null || cancelled.get() != null;
  }

  /** How many timers the wheel held at the end of the driver's last turn (for tests). */
  public int pendingInWheel() {
    return wheelSize;
  }

  /** Makes the driver turn soon, so that queued requests are applied (for tests). */
  public void wakeDriverForTest() {
    wakeDriver.run();
  }

  private void fire(Timer t) {
    if (t.markFired()) {
      try {
        t.onFire();
      } catch (RuntimeException e) {
        // A waker that throws is a bug elsewhere; the other timers must still fire.
        Thread th = Thread.currentThread();
        th.getUncaughtExceptionHandler().uncaughtException(th, e);
      }
    }
  }

  /**
   * Cancels every pending timer, calling {@link Timer#onShutdown()} on each; later schedules are
   * cancelled at once. Call after the driver thread has stopped.
   */
  public void shutdown() {
    shutdown = true;
    java.util.function.Consumer<Timer> kill = x -> {
      if (x.markCancelled()) {
        x.onShutdown();
      }
    };
    Timer t = inbox.getAndSet(null);
    while (t != null) {
      Timer next = t.inboxNext;
      t.inboxNext = null;
      kill.accept(t);
      t = next;
    }
    cancelled.set(null);
    wheel.drain(kill);
    wheelSize = 0;
  }
}
