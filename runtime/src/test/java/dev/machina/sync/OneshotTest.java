package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.sync.Drive.Probe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OneshotTest {
  @Test
  void valueSentBeforePollIsReceived() throws Throwable {
    Oneshot<String> os = Oneshot.create();
    assertTrue(os.sender().send("hi"));
    assertEquals("hi", Probe.of(os.receiver()).poll());
  }

  @Test
  void pendingReceiverIsWokenBySend() throws Throwable {
    Oneshot<String> os = Oneshot.create();
    Probe<String> rx = Probe.of(os.receiver());
    assertSame(Future.PENDING, rx.poll());
    assertEquals(0, rx.wakes());
    os.sender().send("later");
    assertEquals(1, rx.wakes());
    assertEquals("later", rx.poll());
  }

  @Test
  void onlyTheLatestWakerIsWoken() throws Throwable {
    Oneshot<Integer> os = Oneshot.create();
    Probe<Integer> first = Probe.of(os.receiver());
    Probe<Integer> second = Probe.of(os.receiver());
    assertSame(Future.PENDING, first.poll());
    assertSame(Future.PENDING, second.poll());
    os.sender().send(7);
    assertEquals(0, first.wakes());
    assertEquals(1, second.wakes());
  }

  @Test
  void nullIsAValidValue() throws Throwable {
    Oneshot<Void> os = Oneshot.create();
    os.sender().send(null);
    assertNull(Probe.of(os.receiver()).poll());
  }

  @Test
  void failureIsThrownAsTheOriginalThrowable() {
    Oneshot<String> os = Oneshot.create();
    IOException boom = new IOException("boom");
    assertTrue(os.sender().fail(boom));
    IOException thrown = assertThrows(IOException.class, () -> Probe.of(os.receiver()).poll());
    assertSame(boom, thrown);
  }

  @Test
  void senderClosedWithoutSendingFailsTheReceiver() throws Throwable {
    Oneshot<String> os = Oneshot.create();
    Probe<String> rx = Probe.of(os.receiver());
    assertSame(Future.PENDING, rx.poll());
    try (Oneshot.Sender<String> tx = os.sender()) {
      assertFalse(tx.isReceiverClosed());
    }
    assertEquals(1, rx.wakes());
    ChannelClosedException e = assertThrows(ChannelClosedException.class, rx::poll);
    assertTrue(e.getMessage().contains("without sending"), e.getMessage());
  }

  @Test
  void closingAfterSendingKeepsTheValue() throws Throwable {
    Oneshot<String> os = Oneshot.create();
    try (Oneshot.Sender<String> tx = os.sender()) {
      tx.send("kept");
    }
    assertEquals("kept", Probe.of(os.receiver()).poll());
  }

  @Test
  void secondSendIsRejected() {
    Oneshot<String> os = Oneshot.create();
    os.sender().send("one");
    assertThrows(IllegalStateException.class, () -> os.sender().send("two"));
    assertThrows(IllegalStateException.class, () -> os.sender().fail(new Exception()));
  }

  @Test
  void sendAfterReceiverClosedReturnsFalse() {
    Oneshot<String> os = Oneshot.create();
    os.receiver().close();
    assertTrue(os.sender().isReceiverClosed());
    assertFalse(os.sender().send("nobody"));
  }

  @Test
  void cancelledReceiverMakesSendReturnFalse() throws Throwable {
    Oneshot<String> os = Oneshot.create();
    Probe<String> rx = Probe.of(os.receiver());
    assertSame(Future.PENDING, rx.poll());
    os.receiver().cancel();
    assertFalse(os.sender().send("dropped"));
    assertEquals(0, rx.wakes());
  }

  @Test
  void spentBudgetYieldsAndKeepsTheValue() throws Throwable {
    Oneshot<String> os = Oneshot.create();
    os.sender().send("v");
    Probe<String> rx = Probe.of(os.receiver());
    Context cx = rx.cx;
    while (cx.consumeBudget()) {}
    assertSame(Future.PENDING, os.receiver().poll(cx));
    assertEquals(1, rx.wakes());
    assertEquals("v", rx.poll());
  }

  @Test
  void valuesCrossThreadsWithoutLostWakes() throws Throwable {
    int rounds = 20_000;
    List<Oneshot<Integer>> shots = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      shots.add(Oneshot.create());
    }
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < rounds; i++) {
                shots.get(i).sender().send(i);
              }
            });
    sender.start();
    for (int i = 0; i < rounds; i++) {
      assertEquals(i, Drive.blockOn(shots.get(i).receiver()));
    }
    sender.join();
  }
}
