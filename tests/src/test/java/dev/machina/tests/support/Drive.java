package dev.machina.tests.support;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls a future to completion on the calling thread, parking between wake-ups: the smallest
 * possible executor, so compiler tests do not depend on the scheduler's correctness.
 */
public final class Drive {
  private Drive() {}

  /** Polls {@code f} until it completes; returns its value or throws its failure as is. */
  @SuppressWarnings("unchecked")
  public static <T> T block(Future<T> f) throws Throwable {
    ParkingWaker w = new ParkingWaker(Thread.currentThread());
    Context cx = Context.of(w);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (;;) {
      w.woken = false;
      cx.resetBudget();
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        return (T) r;
      }
      while (!w.woken) {
        LockSupport.parkNanos(w, TimeUnit.MILLISECONDS.toNanos(100));
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("future never woke its waker: " + f);
        }
      }
    }
  }

  /** Counts a wake-up and unparks the driving thread. */
  private static final class ParkingWaker implements Waker {
    private final Thread thread;
    volatile boolean woken;

    ParkingWaker(Thread thread) {
      this.thread = thread;
    }

    @Override
    public void wake() {
      woken = true;
      LockSupport.unpark(thread);
    }
  }
}
