package dev.machina.internal.executor;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a future on the calling thread: polls it, parks the thread until its waker fires, polls
 * again. The object is the future's context and waker, so a block-on allocates once.
 *
 * <p>Protocol: {@link #woken} is cleared before each poll and the thread parks only while it is
 * still clear; a wake sets it before unparking. A wake during or after the poll therefore leads
 * to another poll, and spurious unparks only cost a re-check.
 */
public final class BlockOn extends Context implements Waker {
  private final Thread thread = Thread.currentThread();
  private volatile boolean woken;

  private BlockOn() {}

  /**
   * Polls {@code future} on the calling thread until it completes; returns its value or throws
   * its failure. If the thread is interrupted while waiting, the future is cancelled and an
   * {@link InterruptedException} is thrown.
   */
  public static Object run(Future<?> future) throws Throwable {
    BlockOn cx = new BlockOn();
    for (;;) {
      cx.woken = false;
      cx.resetBudget();
      Object r = future.poll(cx);
      if (r != Future.PENDING) {
        return r;
      }
      while (!cx.woken) {
        LockSupport.park(cx);
        if (Thread.interrupted()) {
          future.cancel();
          throw new InterruptedException("interrupted while blocking on " + future);
        }
      }
    }
  }

  @Override
  public Waker waker() {
    return this;
  }

  @Override
  public void wake() {
    if (!woken) {
      woken = true;
      LockSupport.unpark(thread);
    }
  }

  @Override
  public String toString() {
    return "BlockOn[" + thread.getName() + "]";
  }
}
