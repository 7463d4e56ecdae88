package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.sync.Drive.Probe;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyTest {
  @Test
  void notifyOneWakesTheOldestWaiter() throws Throwable {
    Notify n = new Notify();
    Probe<Void> a = Probe.of(n.notified());
    Probe<Void> b = Probe.of(n.notified());
    assertTrue(a.isPending());
    assertTrue(b.isPending());
    n.notifyOne();
    assertEquals(1, a.wakes());
    assertEquals(0, b.wakes());
    assertNull(a.poll());
    assertTrue(b.isPending());
  }

  @Test
  void notifyOneWithNobodyWaitingStoresOnePermit() throws Throwable {
    Notify n = new Notify();
    n.notifyOne();
    n.notifyOne();
    assertNull(Probe.of(n.notified()).poll());
    assertTrue(Probe.of(n.notified()).isPending(), "repeated notifications store one permit");
  }

  @Test
  void notifyWaitersWakesAllCreatedBeforeAndStoresNothing() throws Throwable {
    Notify n = new Notify();
    Probe<Void> polled = Probe.of(n.notified());
    Probe<Void> notYetPolled = Probe.of(n.notified());
    assertTrue(polled.isPending());
    n.notifyWaiters();
    assertEquals(1, polled.wakes());
    assertNull(polled.poll());
    assertNull(notYetPolled.poll(), "created before notifyWaiters, so notified");
    assertTrue(Probe.of(n.notified()).isPending(), "no permit stored");
  }

  @Test
  void cancelledChosenWaiterPassesTheNotificationOn() throws Throwable {
    Notify n = new Notify();
    Probe<Void> a = Probe.of(n.notified());
    Probe<Void> b = Probe.of(n.notified());
    assertTrue(a.isPending());
    assertTrue(b.isPending());
    n.notifyOne();
    a.future.cancel();
    assertEquals(1, b.wakes());
    assertNull(b.poll());
  }

  @Test
  void cancelledChosenWaiterStoresThePermitWhenNobodyElseWaits() throws Throwable {
    Notify n = new Notify();
    Probe<Void> a = Probe.of(n.notified());
    assertTrue(a.isPending());
    n.notifyOne();
    a.future.cancel();
    assertNull(Probe.of(n.notified()).poll());
  }

  @Test
  void cancelledQueuedWaiterIsSkipped() throws Throwable {
    Notify n = new Notify();
    Probe<Void> a = Probe.of(n.notified());
    Probe<Void> b = Probe.of(n.notified());
    assertTrue(a.isPending());
    assertTrue(b.isPending());
    a.future.cancel();
    n.notifyOne();
    assertEquals(0, a.wakes());
    assertEquals(1, b.wakes());
  }

  @Test
  void permitConsumedWithSpentBudgetIsKeptForTheNextPoll() throws Throwable {
    Notify n = new Notify();
    n.notifyOne();
    Future<Void> f = n.notified();
    Probe<Void> p = Probe.of(f);
    Context cx = p.cx;
    while (cx.consumeBudget()) {}
    assertSame(Future.PENDING, f.poll(cx));
    assertEquals(1, p.wakes());
    assertTrue(Probe.of(n.notified()).isPending(), "the permit belongs to the first future");
    assertNull(p.poll());
  }

  @Test
  void cancellingAFutureWokenByNotifyWaitersPassesNothingOn() throws Throwable {
    Notify n = new Notify();
    Probe<Void> a = Probe.of(n.notified());
    Probe<Void> b = Probe.of(n.notified());
    assertTrue(a.isPending());
    n.notifyWaiters();
    a.future.cancel();
    b.future.cancel();
    Probe<Void> later = Probe.of(n.notified());
    assertTrue(later.isPending(), "notifyWaiters stores no permit, cancelled or not");
    n.notifyOne();
    assertEquals(1, later.wakes());
    assertNull(later.poll());
  }

  @Test
  void completedFutureCannotBePolledAgainAndIgnoresCancel() throws Throwable {
    Notify n = new Notify();
    n.notifyOne();
    Probe<Void> a = Probe.of(n.notified());
    assertNull(a.poll());
    a.future.cancel();
    assertThrows(IllegalStateException.class, a::poll);
    assertTrue(Probe.of(n.notified()).isPending(), "a completed future has nothing to pass on");
  }
}
