package dev.machina.internal.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pending deadline: an entry of a {@link TimerWheel} inside one {@link TimerShard}, scheduled
 * and cancelled through a {@link TimerService} from any thread, fired by the driver thread.
 *
 * <p>Invariants: {@link #state} moves at most once, from {@code WAITING} to {@code FIRED} or to
 * {@code CANCELLED}, and only while the timer's shard lock is held (or, for a timer never
 * scheduled, by a CAS), so whoever changes it owns the outcome: a timer fires at most once and a
 * cancelled one never fires. The wheel fields ({@code prev}, {@code next}, {@code slot}) are
 * read and written under the shard lock only, except that a timer taken out of the wheel to fire
 * is chained through {@code next} by the driver, which alone holds it then; {@code deadline} is
 * written before the timer is scheduled (the shard lock publishes it) and only read afterwards. {@code shard} is set once, when the timer is scheduled, by the thread that schedules it.
 */
public abstract class Timer {
  static final int WAITING = 0;
  static final int FIRED = 1;
  static final int CANCELLED = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Timer.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The deadline, a {@link System#nanoTime()} value (the wheel rounds it up to its tick, so a timer
   * never fires early). Set before the timer is scheduled, then only read.
   */
  long deadline;

  private volatile int state;

  /** The shard whose wheel holds (or held) the timer; {@code null} until it is scheduled. */
  TimerShard shard;

  // Wheel links, under the shard lock; slot < 0 while not linked (level * 64 + index otherwise).
  Timer prev;
  Timer next;
  int slot = -1;

  protected Timer() {}

  /** Whether the deadline has passed and the timer fired. */
  public final boolean hasFired() {
    return state == FIRED;
  }

  /** Whether the timer was cancelled (by a cancel or a shutdown) before it fired. */
  public final boolean isCancelled() {
    return state == CANCELLED;
  }

  /** The state: {@code WAITING}, {@code FIRED} or {@code CANCELLED}. */
  final int state() {
    return state;
  }

  /**
   * Marks the timer fired, under its shard lock; a volatile write, so that a poll storing a new
   * waker and then reading the state, and the driver writing the state and then reading the waker
   * (in {@link #onFire}), cannot both miss the other's write.
   */
  final void setFired() {
    state = FIRED;
  }

  /**
   * Marks the timer cancelled, under its shard lock. A release write suffices: nobody waits on
   * the change, decisions are taken under the lock, and a later poll sees it through the lock or
   * the hand-off that made it run.
   */
  final void setCancelled() {
    STATE.setRelease(this, CANCELLED);
  }

  /** Cancels a timer that was never scheduled; returns false if it was no longer waiting. */
  final boolean cancelUnscheduled() {
    return STATE.compareAndSet(this, WAITING, CANCELLED);
  }

  /**
   * Called on the driver thread once, after the timer is marked fired and outside any lock; must
   * be quick and must not block (it usually wakes a waker).
   */
  protected abstract void onFire();

  /**
   * Called once when the service shuts down with this timer still pending (after it is marked
   * cancelled), on the thread that shuts the service down, outside any lock.
   */
  protected void onShutdown() {
    onFire();
  }
}
