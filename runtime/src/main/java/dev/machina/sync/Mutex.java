package dev.machina.sync;

import dev.machina.Future;

/**
 * An asynchronous, fair mutual-exclusion lock that owns the value it protects: a task waits for
 * the lock without blocking its thread, and reaches the value only through the guard.
 *
 * <pre>{@code
 * Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
 * try (Mutex.Guard<List<String>> g = await(names.lock())) {
 *   g.get().add("ada");      // exclusive access until the guard closes
 * }
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Fair (FIFO): the lock goes to waiters in the order they started waiting; {@link #tryLock}
 *       never jumps ahead of a waiter. Unlocking hands the lock straight to the oldest waiter.
 *   <li>Cancelling a waiting lock loses nothing: if the lock was already handed to it but not yet
 *       returned by its poll, it passes to the next waiter (or becomes free).
 *   <li>Writes made while holding the guard are visible to the next holder (the hand-over goes
 *       through the lock's monitor and a volatile state write).
 *   <li>The guard may be held across awaits; it is released by {@link Guard#close()}, typically
 *       in try-with-resources; closing twice does nothing; {@code get}/{@code set} after closing
 *       throw {@link IllegalStateException}.
 *   <li>A lock that succeeds without waiting charges the task's cooperative budget.
 * </ul>
 *
 * <p>A lock allocates one object: its future, queue node and guard at once.
 *
 * @param <T> the type of the protected value
 */
public final class Mutex<T> {
  private final PermitQueue queue = new PermitQueue(1);
  /** Accessed only by the holder of the lock. */
  private T value;

  /** A free mutex protecting {@code value} (which may be {@code null}). */
  public Mutex(T value) {
    this.value = value;
  }

  /** A future of the guard, completing once this task holds the lock. */
  public Future<Guard<T>> lock() {
    return new Lock<>(this, false);
  }

  /** The guard if the lock is free and nobody waits, else {@code null}. */
  public Guard<T> tryLock() {
    synchronized (queue) {
      if (!queue.tryTake(1)) {
        return null;
      }
    }
    return new Lock<>(this, true);
  }

  /** Whether some task holds the lock (or it is being handed to a waiter) right now. */
  public boolean isLocked() {
    synchronized (queue) {
      return queue.available() == 0;
    }
  }

  /**
   * Exclusive access to a {@link Mutex}'s value, until closed.
   *
   * @param <T> the type of the protected value
   */
  public interface Guard<T> extends AutoCloseable {
    /** The protected value. */
    T get();

    /** Replaces the protected value. */
    void set(T value);

    /** Releases the lock; closing again does nothing. */
    @Override
    void close();
  }

  /** A lock request that becomes the guard it asked for. */
  private static final class Lock<T> extends PermitRequest<Guard<T>> implements Guard<T> {
    private final Mutex<T> mutex;

    Lock(Mutex<T> mutex, boolean held) {
      super(mutex.queue, 1, held);
      this.mutex = mutex;
    }

    @Override
    public T get() {
      checkHeld();
      return mutex.value;
    }

    @Override
    public void set(T value) {
      checkHeld();
      mutex.value = value;
    }

    @Override
    public void close() {
      release();
    }

    private void checkHeld() {
      if (!isHeld()) {
        throw new IllegalStateException("this guard was closed; lock the mutex again");
      }
    }

    @Override
    public String toString() {
      return "lock() on Mutex@" + Integer.toHexString(System.identityHashCode(mutex));
    }
  }
}
