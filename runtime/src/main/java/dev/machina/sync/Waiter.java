package dev.machina.sync;

import dev.machina.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A waiting future that its primitive completes by handing it something (a channel message, a
 * notification) or by releasing it empty-handed: the part {@link RecvOp} and {@link Notified}
 * share, including giving back what a cancelled waiter was handed but never returned.
 *
 * <p>Phases, in the low {@value #PHASE_BITS} bits of one {@code int} word:
 * <pre>
 *   IDLE --(first poll, under the lock)--> WAITING --(lock holder)--> HANDED   --(owner)--> DONE
 *     \                                        \                  \-> RELEASED --(owner)--> DONE
 *      \-------(owner)--> DONE / CANCELLED      \--(owner, under the lock)--> CANCELLED
 * </pre>
 * (and {@code IDLE -> HANDED / RELEASED} by the owner itself when a first poll completes without
 * waiting but has no budget left: {@link #handToSelf}; {@code HANDED} and {@code RELEASED} may
 * also end in {@code CANCELLED}).
 * No wake is lost: a waiter stores the waker of each poll under the lock while {@code WAITING},
 * and the lock holder that dequeues it takes that waker in the same critical section.
 * The bits above the phase hold a constant {@link #tag()} chosen by the subclass (the
 * {@code Notify} generation of a {@link Notified}), so the word costs one field.
 *
 * <p>Invariants (the "lock" is the primitive's lock: the channel's or the Notify's):
 * <ul>
 *   <li><b>Who writes the word.</b> While the waiter is queued ({@code WAITING}) only a holder of
 *       the lock changes it, and only after removing the waiter from the queue. While it is not
 *       queued only its owner changes it: the owner is the single thread at a time that polls and
 *       cancels the future (the package rule), so the owner's moves out of {@code HANDED} and
 *       {@code RELEASED} need no CAS and no lock.
 *   <li><b>Publication.</b> The lock holder writes {@link #slot} and then the phase with release
 *       semantics; the owner reads the phase with acquire semantics before reading the slot. So
 *       an owner that sees {@code HANDED} sees the payload, and one that sees {@code WAITING}
 *       (which may be stale) takes the lock before relying on it.
 *   <li><b>The slot.</b> {@code WAITING}: the waker of the latest poll, replaced only under the
 *       lock, read by the lock holder that dequeues the waiter (who wakes it after unlocking).
 *       {@code HANDED}: the payload until the owner takes it or gives it back. Otherwise
 *       {@code null}. One field serves both because a waiter never needs its waker and its
 *       payload at once.
 *   <li><b>Nothing lost.</b> A payload leaves {@code HANDED} exactly once: returned by the owner's
 *       poll ({@link #takeHanded}) or given back by its cancel ({@link #withdraw}, under the lock),
 *       both by the owner, so never both.
 * </ul>
 */
abstract class Waiter extends WaitNode {
  static final int IDLE = 0;
  static final int WAITING = 1;
  static final int HANDED = 2;
  static final int RELEASED = 3;
  static final int DONE = 4;
  static final int CANCELLED = 5;
  static final int PHASE_BITS = 3;
  private static final int PHASE_MASK = (1 << PHASE_BITS) - 1;

  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(Waiter.class, "word", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The phase in the low bits, the subclass's tag above; accessed through {@link #WORD}. */
  @SuppressWarnings("unused")
  private int word;

  /** The waker while {@code WAITING}, the payload while {@code HANDED}, else {@code null}. */
  private Object slot;

  /** A waiter in phase {@code IDLE} carrying {@code tag} (truncated as {@link #tag()} says). */
  Waiter(int tag) {
    WORD.set(this, tag << PHASE_BITS);
  }

  /** The current phase, read with acquire semantics (the owner may read it without the lock). */
  final int phase() {
    return (int) WORD.getAcquire(this) & PHASE_MASK;
  }

  /** The constant given to the constructor, truncated to 32 - {@value #PHASE_BITS} bits. */
  final int tag() {
    return (int) WORD.get(this) >>> PHASE_BITS;
  }

  /** {@code value} truncated as {@link #tag()} truncates it. */
  static int asTag(int value) {
    return (value << PHASE_BITS) >>> PHASE_BITS;
  }

  private void setPhase(int phase) {
    int w = (int) WORD.get(this);
    WORD.setRelease(this, (w & ~PHASE_MASK) | phase);
  }

  // ---- owner ----------------------------------------------------------------------------------

  /**
   * Under the lock, in {@code IDLE}: the waiter waits with the waker of the current poll; the
   * caller adds it to its queue under the same lock.
   */
  final void startWaiting(Waker waker) {
    slot = waker;
    setPhase(WAITING);
  }

  /** Under the lock, in {@code WAITING}: the latest poll's waker replaces the previous one. */
  final void keepWaiting(Waker waker) {
    slot = waker;
  }

  /** In {@code HANDED}: returns the payload; the waiter is {@code DONE}. */
  final Object takeHanded() {
    Object payload = slot;
    slot = null;
    setPhase(DONE);
    return payload;
  }

  /** The waiter completed (a poll returned without a payload): {@code DONE}. */
  final void finish() {
    slot = null;
    setPhase(DONE);
  }

  /**
   * By the owner, in {@code IDLE}: a poll that completed without waiting but must return
   * {@code PENDING} (its budget is spent) keeps its outcome for the next poll, as {@code HANDED}
   * with {@code payload} or, if it is {@code null}, as {@code RELEASED}.
   */
  final void handToSelf(Object payload) {
    slot = payload;
    setPhase(payload != null ? HANDED : RELEASED);
  }

  /**
   * Under the lock, by the owner's cancel: the waiter leaves {@code queue} if it waits there and is
   * {@code CANCELLED} (a completed one stays {@code DONE}). Returns the payload it was handed and
   * never returned, which the caller must pass on, or {@code null}.
   */
  final Object withdraw(WaitQueue<?> queue) {
    int p = phase();
    if (p == DONE || p == CANCELLED) {
      return null;
    }
    if (p == WAITING) {
      queue.remove(this);
    }
    Object handed = p == HANDED ? slot : null;
    slot = null;
    setPhase(CANCELLED);
    return handed;
  }

  // ---- lock holder ----------------------------------------------------------------------------

  /**
   * Under the lock, on a waiter just removed from its queue: hands it {@code payload}
   * ({@code HANDED}) or, with a {@code null} payload, releases it ({@code RELEASED}). Returns its
   * waker, to be woken once the lock is released.
   */
  final Waker complete(Object payload) {
    Waker w = (Waker) slot;
    slot = payload;
    setPhase(payload != null ? HANDED : RELEASED);
    return w;
  }
}
