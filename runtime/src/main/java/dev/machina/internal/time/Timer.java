package dev.machina.internal.time;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One pending deadline: an entry of the {@link TimerWheel}, inserted and cancelled through a
 * {@link TimerService} from any thread, fired on the driver thread.
 *
 * <p>Invariants: {@link #state} moves once, from {@code WAITING} to {@code FIRED} (driver thread)
 * or to {@code CANCELLED} (any thread); whoever wins that CAS owns the outcome. The link fields
 * ({@code prev}, {@code next}, {@code slotLevel}, {@code slotIndex}) are touched by the driver
 * thread only; {@code inboxNext} and {@code cancelNext} are written before the entry is published
 * on the service's lock-free stacks and read by the driver after it takes them.
 */
public abstract class Timer {
  private static final int WAITING = 0;
  private static final int FIRED = 1;
  private static final int CANCELLED = 2;

  private static final AtomicIntegerFieldUpdater<Timer> STATE =
      AtomicIntegerFieldUpdater.newUpdater(Timer.class, "state");

  /** The deadline in the service clock's milliseconds (rounded up, so a timer never fires early). */
  long deadline;

  private volatile int state;

  // Wheel links, driver thread only; slotLevel < 0 while not linked in a slot.
  Timer prev;
  Timer next;
  int slotLevel = -1;
  int slotIndex;

  // Lock-free stacks of the service.
  Timer inboxNext;
  Timer cancelNext;

  protected Timer() {}

  /** Whether the deadline has passed and the timer fired. */
  public final boolean hasFired() {
    return state == FIRED;
  }

  /** Whether the timer was cancelled before it fired. */
  public final boolean isCancelled() {
    return state == CANCELLED;
  }

  /** Marks the timer fired; returns false if it was cancelled first. Driver thread. */
  final boolean markFired() {
    return STATE.compareAndSet(this, WAITING, FIRED);
  }

  /** Marks the timer cancelled; returns false if it had already fired or been cancelled. */
  final boolean markCancelled() {
    return STATE.compareAndSet(this, WAITING, CANCELLED);
  }

  /**
   * Called on the driver thread once, after the timer is marked fired; must be quick and must not
   * block (it usually wakes a waker).
   */
  protected abstract void onFire();

  /**
   * Called once when the service shuts down with this timer still pending (after it is marked
   * cancelled), on the thread that shuts the service down.
   */
  protected void onShutdown() {
    onFire();
  }
}
