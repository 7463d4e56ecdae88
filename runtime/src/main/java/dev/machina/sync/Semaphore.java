package dev.machina.sync;

import dev.machina.Future;
import dev.machina.Waker;

/**
 * An asynchronous, fair counting semaphore: tasks wait for permits without blocking a thread.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 * try (Semaphore.Permit p = await(connections.acquire())) {
 *   ... // at most 10 tasks here at once
 * }
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Fair: requests are granted in the order they started waiting, and a request for many
 *       permits at the head of the queue holds back later, smaller requests until it is served.
 *       {@link #tryAcquire} never jumps ahead of a waiting request.
 *   <li>Cancelling a waiting acquire loses no permit: permits already granted to it but not yet
 *       returned by its poll go back, to the next waiting request first. Cancelling the request
 *       at the head of the queue lets the requests behind it through if permits suffice.
 *   <li>{@link Permit#close()} returns the permits once; closing again does nothing.
 *   <li>Thread-safe; one lock guards the count, the queue and the waiters' wakers, and waiters are
 *       woken after it is released, so a wake after a release is never lost.
 *   <li>An acquire that succeeds without waiting charges the task's cooperative budget.
 * </ul>
 *
 * <p>An acquire allocates one object: its future, queue node and permit at once.
 */
public final class Semaphore {
  private final PermitQueue queue;

  /** A semaphore with {@code permits} free permits. */
  public Semaphore(int permits) {
    this.queue = new PermitQueue(permits);
  }

  /** A future of one permit. */
  public Future<Permit> acquire() {
    return new Acquire(queue, 1, false);
  }

  /** A future of {@code n} permits, granted together. */
  public Future<Permit> acquire(int n) {
    return new Acquire(queue, n, false);
  }

  /** One permit if it is free and nobody waits, else {@code null}. */
  public Permit tryAcquire() {
    return tryAcquire(1);
  }

  /** {@code n} permits if they are free and nobody waits, else {@code null}. */
  public Permit tryAcquire(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + n);
    }
    synchronized (queue) {
      if (!queue.tryTake(n)) {
        return null;
      }
    }
    return new Acquire(queue, n, true);
  }

  /** Adds {@code n} permits (for instance, ones taken with {@link Permit#forget()}). */
  public void release(int n) {
    Waker wake;
    synchronized (queue) {
      wake = queue.add(n);
    }
    Wakers.wake(wake);
  }

  /** The number of free permits right now. */
  public int availablePermits() {
    synchronized (queue) {
      return queue.available();
    }
  }

  /** Permits held from a {@link Semaphore}; closing returns them. */
  public interface Permit extends AutoCloseable {
    /** How many permits this holds. */
    int permits();

    /** Returns the permits to the semaphore; closing again does nothing. */
    @Override
    void close();

    /** Keeps the permits out of the semaphore for good: closing then returns nothing. */
    void forget();
  }

  /** An acquire request that becomes the permit it asked for. */
  private static final class Acquire extends PermitRequest<Permit> implements Permit {
    Acquire(PermitQueue queue, int n, boolean held) {
      super(queue, n, held);
    }

    @Override
    public int permits() {
      return permits;
    }

    @Override
    public void close() {
      release();
    }

    @Override
    public void forget() {
      if (!drop()) {
        throw new IllegalStateException("this permit is not held");
      }
    }

    @Override
    public String toString() {
      return "acquire(" + permits + ") on a Semaphore";
    }
  }
}
