package dev.machina.internal.executor;

import dev.machina.internal.task.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's global queue: tasks spawned or woken from threads that are not its workers, and
 * the overflow of full local queues. An intrusive FIFO list through {@link Task#queueNext}, so
 * queuing allocates nothing.
 *
 * <p>Producers never block: a push swaps {@link #tail} and then links the previous tail to the
 * new task (a multi-producer queue with a stub node, after Dmitry Vyukov's design). Between the
 * swap and the link the new task is not yet reachable from {@link #head}; consumers then report
 * nothing and retry later, and {@link #size} (incremented before the swap) tells them there is
 * work. Consumers take turns through a try-lock ({@link #consuming}): a worker that finds it taken
 * looks elsewhere instead of waiting.
 *
 * <p>Closing: {@link #close} sets {@link #closed} and takes every task, waiting for pushes in
 * flight to link. A producer checks {@code closed} before pushing (and refuses) and again after
 * linking: if it closed meanwhile, the producer takes and aborts what is left itself. So no task
 * is ever stranded in a closed injector.
 */
final class Injector {
  private static final VarHandle TAIL;
  private static final VarHandle SIZE;
  private static final VarHandle CONSUMING;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TAIL = l.findVarHandle(Injector.class, "tail", Task.class);
      SIZE = l.findVarHandle(Injector.class, "size", int.class);
      CONSUMING = l.findVarHandle(Injector.class, "consuming", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A placeholder node so the list is never empty; never run. */
  private final Task<?> stub = new Task<>(null, null);

  /** The last linked-or-linking task; swapped by producers. */
  private volatile Task<?> tail = stub;

  /** The first node (possibly the stub); touched only by the consumer holding the try-lock. */
  private Task<?> head = stub;

  private volatile int size;
  private volatile boolean consuming;
  private volatile boolean closed;

  /** Queues {@code task}; returns false (queuing nothing) if the injector is closed. */
  boolean push(Task<?> task) {
    if (closed) {
      return false;
    }
    task.setQueueNext(null);
    link(task, task, 1);
    return true;
  }

  /**
   * Queues the linked tasks {@code first..last} ({@code n} of them); if the injector is closed
   * they are aborted instead (the batch comes from a worker's own queue at shutdown).
   */
  void pushBatch(Task<?> first, Task<?> last, int n) {
    if (closed) {
      for (Task<?> t = first; t != null; ) {
        Task<?> next = t.queueNext();
        t.setQueueNext(null);
        t.abort();
        t = next;
      }
      return;
    }
    last.setQueueNext(null);
    link(first, last, n);
  }

  private void link(Task<?> first, Task<?> last, int n) {
    SIZE.getAndAdd(this, n);
    Task<?> prev = (Task<?>) TAIL.getAndSet(this, last);
    prev.setQueueNextRelease(first);
    if (closed) {
      // The closer may have finished before this link was visible: clean up after it.
      for (Task<?> t : takeAll(false)) {
        t.abort();
      }
    }
  }

  /** Number of queued tasks, including pushes still linking (a hint; any thread). */
  int size() {
    return size;
  }

  /** Takes the oldest task, or null if none is reachable or another consumer is at work. */
  Task<?> pop() {
    if (size == 0 || !tryLock()) {
      return null;
    }
    try {
      Task<?> t = popLocked();
      if (t != null) {
        SIZE.getAndAdd(this, -1);
      }
      return t;
    } finally {
      consuming = false;
    }
  }

  /**
   * Takes up to {@code max} tasks: returns the first, and moves the others into {@code into}
   * (bounded by its free room). Null if none is reachable or another consumer is at work.
   */
  Task<?> popBatch(LocalQueue into, int max) {
    if (size == 0 || !tryLock()) {
      return null;
    }
    try {
      Task<?> first = popLocked();
      if (first == null) {
        return null;
      }
      int more = Math.min(max - 1, into.remainingCapacity());
      int taken = 1;
      // The common case (a task with a successor) advances a local cursor and stores head once:
      // the injector is old, and under G1 each store of a young task into it pays a StoreLoad
      // fence. The stub and the last task go through popLocked.
      Task<?> h = head;
      for (; taken <= more; taken++) {
        Task<?> next = h.queueNextAcquire();
        Task<?> t;
        if (h != stub && next != null) {
          h.setQueueNext(null);
          t = h;
          h = next;
        } else {
          head = h;
          t = popLocked();
          h = head;
          if (t == null) {
            break;
          }
        }
        if (!into.offer(t)) {
          throw new IllegalStateException("local queue refused a task it had room for");
        }
      }
      head = h;
      SIZE.getAndAdd(this, -taken); // once per batch: the counter is shared with producers
      return first;
    } finally {
      consuming = false;
    }
  }

  private boolean tryLock() {
    return !consuming && CONSUMING.compareAndSet(this, false, true);
  }

  /** Unlinks the first task; the caller holds the try-lock. */
  private Task<?> popLocked() {
    Task<?> h = head;
    Task<?> next = h.queueNextAcquire();
    if (h == stub) {
      if (next == null) {
        return null;
      }
      head = next;
      h = next;
      next = next.queueNextAcquire();
    }
    if (next != null) {
      return unlink(h, next);
    }
    if (h != tail) {
      return null; // a producer swapped the tail but has not linked yet
    }
    // h is the last task: queue the stub behind it so h can leave.
    stub.setQueueNext(null);
    Task<?> prev = (Task<?>) TAIL.getAndSet(this, stub);
    prev.setQueueNextRelease(stub);
    next = h.queueNextAcquire();
    return next != null ? unlink(h, next) : null;
  }

  private Task<?> unlink(Task<?> h, Task<?> next) {
    head = next;
    h.setQueueNext(null);
    return h;
  }

  /** Refuses further pushes and returns every queued task, waiting for pushes in flight. */
  List<Task<?>> close() {
    closed = true;
    return takeAll(true);
  }

  private List<Task<?>> takeAll(boolean untilEmpty) {
    List<Task<?>> all = new ArrayList<>();
    while (!tryLock()) {
      Thread.yield();
    }
    try {
      for (;;) {
        Task<?> t = popLocked();
        if (t != null) {
          SIZE.getAndAdd(this, -1);
          all.add(t);
        } else if (untilEmpty && size != 0) {
          Thread.yield(); // a producer is between its swap and its link
        } else {
          return all;
        }
      }
    } finally {
      consuming = false;
    }
  }
}
