package dev.machina.tests.support;

/** When the futures a test awaits complete: the three timings every construct is tested with. */
public enum Mode {
  /** Already complete: the await takes the fast path. */
  READY,
  /** Pending on the first poll; it wakes its own waker at once (as a yield) and completes then. */
  PENDING_SELF,
  /** Pending on the first poll; another thread completes it and wakes the task. */
  PENDING_THREAD
}
