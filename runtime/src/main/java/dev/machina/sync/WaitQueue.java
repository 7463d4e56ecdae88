package dev.machina.sync;

/**
 * An intrusive FIFO list of waiting futures.
 *
 * <p>Not thread-safe: every method is called while holding the lock of the primitive that owns
 * the queue. A node is in at most one queue; it is queued exactly when it is the head or has a
 * predecessor, and an unlinked node has both links {@code null}.
 */
final class WaitQueue<N extends WaitNode> {
  private WaitNode head;
  private WaitNode tail;

  boolean isEmpty() {
    return head == null;
  }

  @SuppressWarnings("unchecked")
  N peek() {
    return (N) head;
  }

  void add(N node) {
    node.prev = tail;
    node.next = null;
    if (tail == null) {
      head = node;
    } else {
      tail.next = node;
    }
    tail = node;
  }

  /** Removes and returns the oldest waiter, or {@code null} if there is none. */
  N poll() {
    N first = peek();
    if (first != null) {
      unlink(first);
    }
    return first;
  }

  /** Removes {@code node} if it is queued; returns whether it was. */
  boolean remove(WaitNode node) {
    if (node.prev == null && head != node) {
      return false;
    }
    unlink(node);
    return true;
  }

  private void unlink(WaitNode node) {
    WaitNode before = node.prev;
    WaitNode after = node.next;
    if (before == null) {
      head = after;
    } else {
      before.next = after;
    }
    if (after == null) {
      tail = before;
    } else {
      after.prev = before;
    }
    node.prev = null;
    node.next = null;
  }
}
