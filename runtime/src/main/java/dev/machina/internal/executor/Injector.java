package dev.machina.internal.executor;

import dev.machina.internal.task.Task;

/**
 * The scheduler's global queue: tasks spawned or woken from threads that are not its workers, and
 * the overflow of full local queues. An intrusive FIFO list (through {@link Task#queueNext}) under
 * a lock, so queuing allocates nothing; {@link #size} is readable without the lock.
 *
 * <p>Once {@link #close closed}, pushes are refused so the caller can abort the task: after
 * {@code close()} returns, no task can get stranded in the queue.
 */
final class Injector {
  private Task<?> head;
  private Task<?> tail;
  private volatile int size;
  private boolean closed;

  /** Queues {@code task}; returns false (queuing nothing) if the injector is closed. */
  boolean push(Task<?> task) {
    task.setQueueNext(null);
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (tail == null) {
        head = task;
      } else {
        tail.setQueueNext(task);
      }
      tail = task;
      size = size + 1;
      return true;
    }
  }

  /**
   * Queues the linked tasks {@code first..last} ({@code n} of them). If the injector is closed
   * they are aborted instead: the batch comes from a worker's own queue at shutdown.
   */
  void pushBatch(Task<?> first, Task<?> last, int n) {
    synchronized (this) {
      if (!closed) {
        if (tail == null) {
          head = first;
        } else {
          tail.setQueueNext(first);
        }
        tail = last;
        size = size + n;
        return;
      }
    }
    for (Task<?> t = first; t != null; ) {
      Task<?> next = t.queueNext();
      t.setQueueNext(null);
      t.abort();
      t = next;
    }
  }

  int size() {
    return size;
  }

  /** Takes the oldest task, or null. */
  Task<?> pop() {
    if (size == 0) {
      return null;
    }
    synchronized (this) {
      Task<?> t = head;
      if (t == null) {
        return null;
      }
      unlinkHead(t);
      return t;
    }
  }

  /**
   * Takes up to {@code max} tasks: returns the first, and offers the others to {@code into}
   * (which must have room for {@code max - 1}).
   */
  Task<?> popBatch(LocalQueue into, int max) {
    if (size == 0) {
      return null;
    }
    synchronized (this) {
      Task<?> first = head;
      if (first == null) {
        return null;
      }
      unlinkHead(first);
      for (int i = 1; i < max; i++) {
        Task<?> t = head;
        if (t == null) {
          break;
        }
        unlinkHead(t);
        if (!into.offer(t)) {
          t.setQueueNext(head); // no room after all: put it back in front
          head = t;
          if (tail == null) {
            tail = t;
          }
          size = size + 1;
          break;
        }
      }
      return first;
    }
  }

  private void unlinkHead(Task<?> t) {
    head = t.queueNext();
    if (head == null) {
      tail = null;
    }
    t.setQueueNext(null);
    size = size - 1;
  }

  /** Refuses further pushes and returns the queued tasks as a linked list (may be null). */
  Task<?> close() {
    synchronized (this) {
      closed = true;
      Task<?> all = head;
      head = null;
      tail = null;
      size = 0;
      return all;
    }
  }
}
