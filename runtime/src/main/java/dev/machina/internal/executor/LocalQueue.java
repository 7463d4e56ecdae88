package dev.machina.internal.executor;

import dev.machina.internal.task.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's bounded run queue (256 slots in a ring): the owner pushes at the tail and pops at
 * the head; other workers steal half of it from the head.
 *
 * <p>Indexes are ints that wrap; {@code tail - head} is the length. {@link #tail} is written by
 * the owner only. {@link #head} packs two indexes: {@code real}, the next task to take, and
 * {@code steal}, the start of the range a stealer is still copying ({@code steal == real} when
 * no steal is in progress). A stealer claims {@code [real, real + n)} by a CAS that advances
 * {@code real} only, copies the slots, then sets {@code steal = real}. The owner may keep popping
 * meanwhile (it moves {@code real}), but it never writes a slot in {@code [steal, tail)}, so it
 * cannot overwrite tasks being copied: capacity is counted from {@code steal}. Slots are plain
 * array elements published by the release-write of {@code tail} (and returned to the owner by
 * the CAS on {@code head}).
 *
 * <p>The ring is replaced by a fresh copy every {@value #RENEW_STORES} stores, so that it stays
 * young: under G1 (JDK 17 to 25) storing a young task into an array promoted to the old generation
 * pays a StoreLoad fence in the write barrier, about a third of B2's spawn and join. The owner
 * copies {@code [steal, tail)} to the same indexes of the new ring and publishes it with a
 * release store; a stealer reads the ring (acquire) after its CAS has claimed a range inside
 * {@code [steal, tail)}, so whichever ring it gets holds that range. The owner never clears the
 * old ring, and pops only from {@code real} on, in the current one.
 */
final class LocalQueue {
  static final int CAPACITY = 256;
  private static final int MASK = CAPACITY - 1;

  /** Stores into one ring after which the owner replaces it with a young copy. */
  static final int RENEW_STORES = 4096;

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;
  private static final VarHandle BUFFER;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
      TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
      BUFFER = l.findVarHandle(LocalQueue.class, "buffer", Task[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The ring; written by the owner only (release), read by stealers with acquire. */
  private Task<?>[] buffer = new Task<?>[CAPACITY];
  private volatile long head;
  private volatile int tail;
  /** Owner only: stores into {@link #buffer} since it was created. */
  private int storesOnRing;

  private static int real(long h) {
    return (int) h;
  }

  private static int steal(long h) {
    return (int) (h >>> 32);
  }

  private static long pack(int steal, int real) {
    return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
  }

  /** Whether the queue looks empty (any thread; a hint). */
  boolean isEmpty() {
    return tail == real(head);
  }

  /** Number of queued tasks (any thread; a hint). */
  int size() {
    return tail - real(head);
  }

  /** Free slots as seen by the owner. */
  int remainingCapacity() {
    return CAPACITY - (tail - steal(head));
  }

  /** Pushes in a row after which {@link #push} asks for a notification even into a busy queue. */
  static final int NUDGE_INTERVAL = 32;

  /**
   * Owner only: queues {@code task}, moving half the queue to {@code overflow} when full. Returns
   * whether waking an idle worker may pay: the queue was empty before (a parking worker may have
   * just seen it empty), work went to {@code overflow}, or this is one of every
   * {@value #NUDGE_INTERVAL} pushes. Otherwise an earlier push already asked, and a worker that
   * parked since then saw this queue non-empty, unless it raced with that push; the periodic
   * nudge bounds how long such a race can leave it parked. Skipping a notification never strands
   * a task: the owner drains its own queue. When it returns true, a full fence orders the queued
   * task before the caller's reads of the idle counters (see WorkStealingScheduler, "Parking").
   */
  boolean push(Task<?> task, Injector overflow) {
    for (;;) {
      int t = tail;
      long h = head;
      int st = steal(h);
      if (t - st < CAPACITY) {
        ringForStore(st, t, 1)[t & MASK] = task;
        TAIL.setRelease(this, t + 1);
        if (t == real(h) || (t & (NUDGE_INTERVAL - 1)) == 0) {
          VarHandle.fullFence();
          return true;
        }
        return false;
      }
      int rl = real(h);
      if (st != rl) {
        // A stealer is emptying the queue right now; do not wait for it.
        overflow.push(task);
        return true;
      }
      if (moveHalfTo(overflow, task, rl, h)) {
        return true;
      }
    }
  }

  /** Owner only: queues {@code task} if there is room; returns whether it did. */
  boolean offer(Task<?> task) {
    int t = tail;
    int st = steal(head);
    if (t - st >= CAPACITY) {
      return false;
    }
    ringForStore(st, t, 1)[t & MASK] = task;
    TAIL.setRelease(this, t + 1);
    return true;
  }

  /**
   * Owner only, before storing {@code stores} tasks from {@code tail} on: the ring, replaced by a
   * young copy of {@code [steal, tail)} every {@value #RENEW_STORES} stores (see the class
   * comment).
   */
  private Task<?>[] ringForStore(int steal, int tail, int stores) {
    Task<?>[] ring = buffer;
    if ((storesOnRing += stores) < RENEW_STORES) {
      return ring;
    }
    storesOnRing = 0;
    Task<?>[] fresh = new Task<?>[CAPACITY];
    for (int i = steal; i != tail; i++) {
      fresh[i & MASK] = ring[i & MASK];
    }
    BUFFER.setRelease(this, fresh);
    return fresh;
  }

  private boolean moveHalfTo(Injector overflow, Task<?> task, int rl, long h) {
    int n = CAPACITY / 2;
    if (!HEAD.compareAndSet(this, h, pack(rl + n, rl + n))) {
      return false;
    }
    Task<?> first = buffer[rl & MASK];
    Task<?> last = first;
    for (int i = 1; i < n; i++) {
      Task<?> next = buffer[(rl + i) & MASK];
      last.setQueueNext(next);
      last = next;
    }
    last.setQueueNext(task);
    task.setQueueNext(null);
    overflow.pushBatch(first, task, n + 1);
    return true;
  }

  /** Owner only: takes the task at the head, or returns null. */
  Task<?> pop() {
    long h = head;
    for (;;) {
      int st = steal(h);
      int rl = real(h);
      if (rl == tail) {
        return null;
      }
      int next = rl + 1;
      long nh = st == rl ? pack(next, next) : pack(st, next);
      long witness = (long) HEAD.compareAndExchange(this, h, nh);
      if (witness == h) {
        Task<?> task = buffer[rl & MASK];
        buffer[rl & MASK] = null;
        return task;
      }
      h = witness;
    }
  }

  /**
   * Called by the owner of {@code dst} (which must be empty): moves half of this queue into
   * {@code dst} and returns one of the moved tasks to run now, or null if nothing was taken.
   */
  Task<?> stealInto(LocalQueue dst) {
    int dstTail = dst.tail;
    if (dst.remainingCapacity() < CAPACITY / 2) {
      return null;
    }
    long h = head;
    int first;
    int n;
    long claimed;
    for (;;) {
      int st = steal(h);
      int rl = real(h);
      if (st != rl) {
        return null; // another stealer is at work
      }
      int available = (int) TAIL.getAcquire(this) - rl;
      n = available - available / 2;
      if (n <= 0) {
        return null;
      }
      claimed = pack(st, rl + n);
      long witness = (long) HEAD.compareAndExchange(this, h, claimed);
      if (witness == h) {
        first = rl;
        break;
      }
      h = witness;
    }
    Task<?>[] src = (Task<?>[]) BUFFER.getAcquire(this);
    Task<?>[] out = dst.ringForStore(steal(dst.head), dstTail, n);
    for (int i = 0; i < n; i++) {
      int from = (first + i) & MASK;
      out[(dstTail + i) & MASK] = src[from];
      src[from] = null;
    }
    // Release the copied range: steal catches up with real (which the owner may have moved).
    long cur = claimed;
    for (;;) {
      int rl = real(cur);
      long witness = (long) HEAD.compareAndExchange(this, cur, pack(rl, rl));
      if (witness == cur) {
        break;
      }
      cur = witness;
    }
    Task<?> run = out[(dstTail + n - 1) & MASK];
    out[(dstTail + n - 1) & MASK] = null;
    if (n > 1) {
      TAIL.setRelease(dst, dstTail + n - 1);
    }
    return run;
  }
}
