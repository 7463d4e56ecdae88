package dev.machina.sync;

import dev.machina.Waker;
import java.util.ArrayList;

/**
 * Collects the wakers a primitive must wake once it has released its lock.
 *
 * <p>Waking outside the lock keeps a waker (which may take a scheduler's lock) out of the
 * primitive's critical section. The usual case, zero or one waker, allocates nothing: only a
 * second waker turns the result into a {@link WakeAll}.
 */
final class Wakers {
  private Wakers() {}

  /** {@code pending} plus {@code next}; either may be {@code null}. */
  static Waker plus(Waker pending, Waker next) {
    if (next == null) {
      return pending;
    }
    if (pending == null) {
      return next;
    }
    if (pending instanceof WakeAll all) {
      all.wakers.add(next);
      return all;
    }
    return new WakeAll(pending, next);
  }

  /** Wakes {@code waker} if it is not {@code null}. */
  static void wake(Waker waker) {
    if (waker != null) {
      waker.wake();
    }
  }

  /** Several wakers gathered under one lock. */
  private static final class WakeAll implements Waker {
    final ArrayList<Waker> wakers = new ArrayList<>(4);

    WakeAll(Waker first, Waker second) {
      wakers.add(first);
      wakers.add(second);
    }

    @Override
    public void wake() {
      for (Waker w : wakers) {
        w.wake();
      }
    }
  }
}
