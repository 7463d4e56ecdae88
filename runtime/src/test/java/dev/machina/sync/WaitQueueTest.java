package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class WaitQueueTest {
  private static final class Node extends WaitNode {}

  @Test
  void removeKnowsWhetherANodeIsQueuedWithoutAFlag() {
    WaitQueue<Node> q = new WaitQueue<>();
    Node a = new Node();
    Node b = new Node();
    Node c = new Node();
    Node stranger = new Node();
    assertFalse(q.remove(a), "nothing is queued yet");
    q.add(a);
    assertFalse(q.remove(stranger), "an unqueued node while another is the head");
    q.add(b);
    q.add(c);
    assertTrue(q.remove(b), "a middle node");
    assertFalse(q.remove(b), "removed twice");
    assertTrue(q.remove(a), "the head");
    assertFalse(q.remove(a));
    assertSame(c, q.peek());
    assertTrue(q.remove(c), "the only node");
    assertTrue(q.isEmpty());
    assertNull(q.poll());
  }

  @Test
  void pollIsFifoAndLeavesNodesUnlinked() {
    WaitQueue<Node> q = new WaitQueue<>();
    Node a = new Node();
    Node b = new Node();
    q.add(a);
    q.add(b);
    assertSame(a, q.poll());
    assertNull(a.prev);
    assertNull(a.next);
    assertFalse(q.remove(a), "a polled node is no longer queued");
    q.add(a);
    assertSame(b, q.poll());
    assertSame(a, q.poll());
    assertTrue(q.isEmpty());
  }
}
