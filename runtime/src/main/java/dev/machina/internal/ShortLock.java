package dev.machina.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A non-reentrant spin lock for critical sections of a few field updates, meant to be extended
 * by the object it guards (so it costs no extra allocation).
 *
 * <p>Taking it is one compare-and-set and giving it back one release store, where an uncontended
 * {@code synchronized} or {@code ReentrantLock} pays a second atomic instruction on release. A
 * contended acquirer spins briefly, then yields its thread, then parks {@value #PARK_NANOS} ns at
 * a time, so that a holder descheduled on an overloaded machine gets the CPU back; nobody is
 * ever parked <em>on</em> the lock, so {@link #unlock()} has no one to wake.
 *
 * <p>Contract for subclasses: nothing that blocks, calls user code (wakers included) or takes
 * another {@code ShortLock} runs while it is held, and nothing called under it takes it again.
 */
public abstract class ShortLock {
  private static final int SPINS = 64;
  private static final int YIELDS = 64;
  private static final long PARK_NANOS = 20_000;
  private static final VarHandle LOCKED;

  static {
    try {
      LOCKED = MethodHandles.lookup().findVarHandle(ShortLock.class, "locked", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** 1 while a thread holds the lock. */
  private volatile int locked;

  protected ShortLock() {}

  /** Takes the lock, waiting as the class comment says if another thread holds it. */
  public final void lock() {
    if (!LOCKED.compareAndSet(this, 0, 1)) {
      lockContended();
    }
  }

  private void lockContended() {
    for (int tries = 0; locked != 0 || !LOCKED.compareAndSet(this, 0, 1); tries++) {
      if (tries < SPINS) {
        Thread.onSpinWait();
      } else if (tries < SPINS + YIELDS) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(this, PARK_NANOS);
      }
    }
  }

  /** Gives the lock back; only its holder calls this. */
  public final void unlock() {
    LOCKED.setRelease(this, 0);
  }
}
