package dev.machina.sync;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only drivers for futures on plain threads: {@link #blockOn} polls a future on the calling
 * thread and parks until its waker fires; {@link Probe} polls by hand and counts wake-ups.
 */
final class Drive {
  private Drive() {}

  /** Polls {@code f} on this thread until it completes; parks while it is pending. */
  @SuppressWarnings("unchecked")
  static <T> T blockOn(Future<T> f) throws Throwable {
    ParkingWaker waker = new ParkingWaker(Thread.currentThread());
    Context cx = Context.of(waker);
    for (;;) {
      cx.resetBudget();
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        return (T) r;
      }
      waker.awaitWake();
    }
  }

  /** Like {@link #blockOn} but wraps checked failures, for use inside lambdas. */
  static <T> T join(Future<T> f) {
    try {
      return blockOn(f);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  /** Unparks its thread on wake; a wake before the park is remembered. */
  static final class ParkingWaker implements Waker {
    private final Thread thread;
    private final AtomicBoolean woken = new AtomicBoolean();

    ParkingWaker(Thread thread) {
      this.thread = thread;
    }

    @Override
    public void wake() {
      woken.set(true);
      LockSupport.unpark(thread);
    }

    void awaitWake() throws InterruptedException {
      while (!woken.getAndSet(false)) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }

    /** Waits for a wake at most about {@code nanos}; returns whether one came. */
    boolean awaitWake(long nanos) {
      if (woken.getAndSet(false)) {
        return true;
      }
      LockSupport.parkNanos(this, nanos);
      return woken.getAndSet(false);
    }
  }

  /** Polls a future by hand with a waker that counts its wake-ups. */
  static final class Probe<T> {
    final Future<T> future;
    final AtomicInteger wakes = new AtomicInteger();
    final Context cx = Context.of(wakes::incrementAndGet);

    Probe(Future<T> future) {
      this.future = future;
    }

    static <T> Probe<T> of(Future<T> future) {
      return new Probe<>(future);
    }

    /** One poll with a fresh budget: the value, or {@link Future#PENDING}. */
    Object poll() throws Throwable {
      cx.resetBudget();
      return future.poll(cx);
    }

    boolean isPending() throws Throwable {
      return poll() == Future.PENDING;
    }

    int wakes() {
      return wakes.get();
    }
  }
}
