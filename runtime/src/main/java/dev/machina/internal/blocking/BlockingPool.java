package dev.machina.internal.blocking;

import dev.machina.Future;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A bounded, elastic pool of threads for blocking calls (JDBC, files, DNS), kept off the
 * executor's workers.
 *
 * <p>A submitted call goes to a free thread if there is one; otherwise a new thread is started
 * while fewer than {@code maxThreads} exist; otherwise the call waits in the queue (FIFO) for the
 * next free thread. A thread counts as free ({@code busy} drops) before the outcome of its call
 * is published, so a task that submits again as soon as it is woken reuses that thread. A thread that finds no work for {@code keepAlive} retires, so an idle pool
 * holds no threads. All state is guarded by the pool's monitor: submitting is rare next to the
 * blocking call it stands for, so a lock costs nothing that matters here.
 */
public final class BlockingPool {
  private final String namePrefix;
  private final int maxThreads;
  private final long keepAliveNanos;
  private final ArrayDeque<BlockingTask<?>> queue = new ArrayDeque<>();
  private final Set<Thread> threads = new HashSet<>();
  private int busy;
  private int started;
  private boolean shutdown;

  /** A pool of at most {@code maxThreads} threads named {@code namePrefix-N}. */
  public BlockingPool(String namePrefix, int maxThreads, long keepAlive, TimeUnit unit) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1: " + maxThreads);
    }
    this.namePrefix = namePrefix;
    this.maxThreads = maxThreads;
    this.keepAliveNanos = unit.toNanos(keepAlive);
  }

  /** Queues {@code call} and returns the future of its outcome; throws after shutdown. */
  public <T> Future<T> submit(Callable<T> call) {
    BlockingTask<T> task = new BlockingTask<>(call);
    synchronized (this) {
      if (shutdown) {
        throw new java.util.concurrent.RejectedExecutionException(
            "the runtime is shut down: cannot run a blocking call");
      }
      queue.addLast(task);
      if (threads.size() - busy >= queue.size()) {
        notify();
      } else if (threads.size() < maxThreads) {
        startThread();
      }
    }
    return task;
  }

  /** The most threads the pool will hold. */
  public int maxThreads() {
    return maxThreads;
  }

  private void startThread() {
    Thread t = new Thread(this::work, namePrefix + "-" + (++started));
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void work() {
    while (true) {
      BlockingTask<?> task;
      synchronized (this) {
        long deadline = System.nanoTime() + keepAliveNanos;
        while ((task = queue.pollFirst()) == null) {
          long left = deadline - System.nanoTime();
          if (shutdown || left <= 0) {
            threads.remove(Thread.currentThread());
            return;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
          } catch (InterruptedException e) {
            // Shutdown interrupts idle threads; the loop re-checks.
          }
        }
        busy++;
      }
      Thread.interrupted();
      boolean started = task.start();
      if (started) {
        task.call();
      }
      synchronized (this) {
        busy--;
      }
      if (started) {
        task.finish();
      }
    }
  }

  /**
   * Stops the pool: queued calls that have not started fail with CancellationException, running
   * calls are interrupted, and this waits up to {@code timeoutMillis} for every thread to end.
   * Returns whether all threads ended in time.
   */
  public boolean shutdown(long timeoutMillis) throws InterruptedException {
    Thread[] running;
    synchronized (this) {
      shutdown = true;
      for (BlockingTask<?> t; (t = queue.pollFirst()) != null; ) {
        t.reject("the runtime shut down before this blocking call started");
      }
      running = threads.toArray(new Thread[0]);
      notifyAll();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread t : running) {
      t.interrupt();
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    synchronized (this) {
      return threads.isEmpty();
    }
  }
}
