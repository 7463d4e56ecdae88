package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.sync.Drive.Probe;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelTest {
  @Test
  void messagesArriveInOrder() throws Throwable {
    Channel<Integer> ch = Channel.bounded(8);
    for (int i = 0; i < 5; i++) {
      assertTrue(ch.sender().send(i).isSent());
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(i, Probe.of(ch.receiver().recv()).poll());
    }
  }

  @Test
  void sendToAWaitingReceiverHandsTheMessageOverAndWakesIt() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    Probe<String> rx = Probe.of(ch.receiver().recv());
    assertSame(Future.PENDING, rx.poll());
    SendFuture sent = ch.sender().send("x");
    assertTrue(sent.isSent());
    assertEquals(1, rx.wakes());
    assertEquals("x", rx.poll());
    assertNull(ch.receiver().tryRecv(), "handed over, not buffered");
  }

  @Test
  void waitingReceiversAreServedInArrivalOrder() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Probe<String> first = Probe.of(ch.receiver().recv());
    Probe<String> second = Probe.of(ch.receiver().recv());
    assertTrue(first.isPending());
    assertTrue(second.isPending());
    ch.sender().trySend("a");
    ch.sender().trySend("b");
    assertEquals("a", first.poll());
    assertEquals("b", second.poll());
  }

  @Test
  void receiverWakesTheWakerOfItsLatestPoll() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Future<String> recv = ch.receiver().recv();
    Probe<String> old = Probe.of(recv);
    Probe<String> latest = Probe.of(recv);
    assertTrue(old.isPending());
    assertTrue(latest.isPending());
    ch.sender().trySend("m");
    assertEquals(0, old.wakes());
    assertEquals(1, latest.wakes());
  }

  @Test
  void boundedSendWaitsWhileFullAndCompletesWhenRoomAppears() throws Throwable {
    Channel<Integer> ch = Channel.bounded(2);
    Sender<Integer> tx = ch.sender();
    assertTrue(tx.send(1).isSent());
    assertTrue(tx.send(2).isSent());
    assertFalse(tx.trySend(99));
    SendFuture third = tx.send(3);
    assertFalse(third.isSent(), "lazy: nothing happens before the first poll when full");
    Probe<Void> p = Probe.of(third);
    assertSame(Future.PENDING, p.poll());
    assertFalse(third.isSent());
    assertEquals(1, ch.receiver().tryRecv());
    assertEquals(1, p.wakes());
    assertTrue(third.isSent());
    assertNull(p.poll());
    assertEquals(2, ch.receiver().tryRecv());
    assertEquals(3, ch.receiver().tryRecv());
    assertNull(ch.receiver().tryRecv());
  }

  @Test
  void waitingSendersAreServedFirstComeFirstServed() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    Sender<String> tx = ch.sender();
    tx.trySend("a");
    Probe<Void> b = Probe.of(tx.send("b"));
    Probe<Void> c = Probe.of(tx.send("c"));
    assertTrue(b.isPending());
    assertTrue(c.isPending());
    assertFalse(tx.trySend("late"), "trySend does not jump ahead of waiting sends");
    assertEquals("a", ch.receiver().tryRecv());
    assertEquals("b", ch.receiver().tryRecv());
    assertEquals("c", ch.receiver().tryRecv());
    assertEquals(1, b.wakes());
    assertEquals(1, c.wakes());
  }

  @Test
  void unboundedSendNeverWaits() {
    Channel<Integer> ch = Channel.unbounded();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(ch.sender().send(i).isSent());
    }
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i, ch.receiver().tryRecv());
    }
  }

  @Test
  void streamEndsAfterLastSenderClosesAndBufferDrains() throws Throwable {
    Channel<String> ch = Channel.bounded(4);
    Sender<String> tx = ch.sender();
    Sender<String> tx2 = tx.clone();
    tx.trySend("one");
    tx.close();
    tx2.trySend("two");
    assertFalse(ch.receiver().isEnded());
    tx2.close();
    assertFalse(ch.receiver().isEnded(), "still buffered");
    assertEquals("one", Probe.of(ch.receiver().recv()).poll());
    assertEquals("two", Probe.of(ch.receiver().recv()).poll());
    assertTrue(ch.receiver().isEnded());
    assertNull(Probe.of(ch.receiver().recv()).poll());
  }

  @Test
  void closingTheLastSenderWakesWaitingReceiversWithTheEnd() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Probe<String> a = Probe.of(ch.receiver().recv());
    Probe<String> b = Probe.of(ch.receiver().recv());
    assertTrue(a.isPending());
    assertTrue(b.isPending());
    Sender<String> extra = ch.sender().clone();
    ch.sender().close();
    assertEquals(0, a.wakes(), "one sender is still open");
    extra.close();
    extra.close();
    assertEquals(1, a.wakes());
    assertEquals(1, b.wakes());
    assertNull(a.poll());
    assertNull(b.poll());
  }

  @Test
  void closedSenderHandleCannotBeUsed() {
    Channel<String> ch = Channel.unbounded();
    Sender<String> tx = ch.sender();
    tx.close();
    assertThrows(IllegalStateException.class, () -> tx.send("x"));
    assertThrows(IllegalStateException.class, () -> tx.trySend("x"));
    assertThrows(IllegalStateException.class, tx::clone);
  }

  @Test
  void nullMessagesAreRejected() {
    Channel<String> ch = Channel.unbounded();
    assertThrows(NullPointerException.class, () -> ch.sender().send(null));
    assertThrows(NullPointerException.class, () -> ch.sender().trySend(null));
  }

  @Test
  void capacityMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Channel.bounded(0));
  }

  @Test
  void closingTheReceiverFailsSendsAndKeepsBufferedMessages() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    Sender<String> tx = ch.sender();
    tx.trySend("kept");
    Probe<Void> waiting = Probe.of(tx.send("refused"));
    assertTrue(waiting.isPending());
    ch.receiver().close();
    assertTrue(tx.isReceiverClosed());
    assertEquals(1, waiting.wakes());
    assertThrows(ChannelClosedException.class, waiting::poll);
    assertThrows(ChannelClosedException.class, () -> Probe.of(tx.send("late")).poll());
    assertThrows(ChannelClosedException.class, () -> tx.trySend("late"));
    assertEquals("kept", Probe.of(ch.receiver().recv()).poll());
    assertNull(Probe.of(ch.receiver().recv()).poll());
  }

  @Test
  void cancellingAWaitingReceiverRemovesItFromTheQueue() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Probe<String> cancelled = Probe.of(ch.receiver().recv());
    Probe<String> next = Probe.of(ch.receiver().recv());
    assertTrue(cancelled.isPending());
    assertTrue(next.isPending());
    cancelled.future.cancel();
    ch.sender().trySend("m");
    assertEquals(0, cancelled.wakes());
    assertEquals("m", next.poll());
  }

  @Test
  void messageHandedToACancelledReceiverGoesToTheNextWaiter() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Probe<String> cancelled = Probe.of(ch.receiver().recv());
    Probe<String> next = Probe.of(ch.receiver().recv());
    assertTrue(cancelled.isPending());
    assertTrue(next.isPending());
    ch.sender().trySend("m");
    cancelled.future.cancel();
    assertEquals(1, next.wakes());
    assertEquals("m", next.poll());
  }

  @Test
  void messageHandedToACancelledReceiverReturnsToTheFrontOfTheBuffer() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    Probe<String> cancelled = Probe.of(ch.receiver().recv());
    assertTrue(cancelled.isPending());
    ch.sender().trySend("first");
    ch.sender().trySend("second");
    cancelled.future.cancel();
    assertEquals("first", ch.receiver().tryRecv());
    assertEquals("second", ch.receiver().tryRecv());
  }

  @Test
  void streamDoesNotEndWhileAHandedOverMessageMayStillComeBack() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Probe<String> cancelled = Probe.of(ch.receiver().recv());
    Probe<String> other = Probe.of(ch.receiver().recv());
    assertTrue(cancelled.isPending());
    assertTrue(other.isPending());
    ch.sender().trySend("m");
    ch.sender().close();
    assertEquals(0, other.wakes(), "the message handed to the first receive is not taken yet");
    assertFalse(ch.receiver().isEnded());
    Probe<String> late = Probe.of(ch.receiver().recv());
    assertTrue(late.isPending(), "a receive arriving now must wait too");
    cancelled.future.cancel();
    assertEquals(1, other.wakes());
    assertEquals("m", other.poll());
    assertEquals(1, late.wakes(), "once the message is taken, the stream has ended");
    assertNull(late.poll());
    assertTrue(ch.receiver().isEnded());
  }

  @Test
  void messageGivenBackAfterTheLastSenderClosedIsStillReceivedBeforeTheEnd() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    Probe<String> cancelled = Probe.of(ch.receiver().recv());
    assertTrue(cancelled.isPending());
    ch.sender().trySend("m");
    ch.sender().close();
    assertEquals(1, cancelled.wakes());
    cancelled.future.cancel();
    assertFalse(ch.receiver().isEnded(), "the message went back to the buffer");
    assertEquals("m", Probe.of(ch.receiver().recv()).poll());
    assertNull(Probe.of(ch.receiver().recv()).poll());
    assertTrue(ch.receiver().isEnded());
    assertThrows(IllegalStateException.class, cancelled::poll, "a cancelled receive stays so");
  }

  @Test
  void streamEndsForWaitingReceiversOnceTheHandedOverMessageIsTaken() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    Probe<String> taker = Probe.of(ch.receiver().recv());
    Probe<String> other = Probe.of(ch.receiver().recv());
    assertTrue(taker.isPending());
    assertTrue(other.isPending());
    ch.sender().trySend("m");
    ch.sender().close();
    assertEquals(0, other.wakes());
    assertEquals("m", taker.poll());
    assertEquals(1, other.wakes());
    assertNull(other.poll());
  }

  @Test
  void cancellingAWaitingSendWithdrawsItsMessage() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    ch.sender().trySend("a");
    SendFuture withdrawn = ch.sender().send("withdrawn");
    Probe<Void> p = Probe.of(withdrawn);
    assertTrue(p.isPending());
    withdrawn.cancel();
    assertFalse(withdrawn.isSent());
    assertEquals("a", ch.receiver().tryRecv());
    assertNull(ch.receiver().tryRecv());
    assertEquals(0, p.wakes());
  }

  @Test
  void cancellingAnAcceptedSendKeepsItsMessage() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    ch.sender().trySend("a");
    SendFuture accepted = ch.sender().send("b");
    assertTrue(Probe.of(accepted).isPending());
    assertEquals("a", ch.receiver().tryRecv());
    accepted.cancel();
    assertTrue(accepted.isSent());
    assertEquals("b", ch.receiver().tryRecv());
  }

  @Test
  void readyReceiveChargesTheBudgetAndYieldsWhenSpent() throws Throwable {
    Channel<String> ch = Channel.unbounded();
    ch.sender().trySend("m");
    Future<String> recv = ch.receiver().recv();
    Probe<String> p = Probe.of(recv);
    Context cx = p.cx;
    while (cx.consumeBudget()) {}
    assertSame(Future.PENDING, recv.poll(cx));
    assertEquals(1, p.wakes(), "yielding wakes its own task");
    assertEquals("m", p.poll());
  }

  @Test
  void readySendChargesTheBudgetAndYieldsWhenSpent() throws Throwable {
    Channel<String> ch = Channel.bounded(1);
    ch.sender().trySend("a");
    SendFuture send = ch.sender().send("b");
    assertEquals("a", ch.receiver().tryRecv());
    Probe<Void> p = Probe.of(send);
    Context cx = p.cx;
    while (cx.consumeBudget()) {}
    assertSame(Future.PENDING, send.poll(cx));
    assertFalse(send.isSent());
    assertEquals(1, p.wakes());
    assertNull(p.poll());
    assertTrue(send.isSent());
  }

  @Test
  void cloneAfterReceiverClosedFails() {
    Channel<String> ch = Channel.unbounded();
    ch.receiver().close();
    assertThrows(ChannelClosedException.class, () -> ch.sender().clone());
  }
}
