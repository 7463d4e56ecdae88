package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.sync.Drive.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutexTest {
  @SuppressWarnings("unchecked")
  private static <T> Mutex.Guard<T> guard(Object polled) {
    assertNotSame(Future.PENDING, polled);
    return (Mutex.Guard<T>) polled;
  }

  @Test
  void guardGivesAccessToTheValueUntilClosed() throws Throwable {
    Mutex<List<String>> m = new Mutex<>(new ArrayList<>());
    Mutex.Guard<List<String>> g;
    try (Mutex.Guard<List<String>> held = guard(Probe.of(m.lock()).poll())) {
      held.get().add("a");
      held.set(new ArrayList<>(held.get()));
      held.get().add("b");
      assertTrue(m.isLocked());
      g = held;
    }
    assertFalse(m.isLocked());
    assertThrows(IllegalStateException.class, g::get);
    assertThrows(IllegalStateException.class, () -> g.set(null));
    try (Mutex.Guard<List<String>> again = m.tryLock()) {
      assertEquals(List.of("a", "b"), again.get());
    }
  }

  @Test
  void tryLockFailsWhileLocked() {
    Mutex<Integer> m = new Mutex<>(0);
    Mutex.Guard<Integer> g = m.tryLock();
    assertNotNull(g);
    assertNull(m.tryLock());
    g.close();
    g.close();
    Mutex.Guard<Integer> second = m.tryLock();
    assertNotNull(second, "closing twice released once and did not break the lock");
    assertNull(m.tryLock(), "closing twice must not release two permits");
    second.close();
  }

  @Test
  void waitersGetTheLockInArrivalOrder() throws Throwable {
    Mutex<Integer> m = new Mutex<>(0);
    Mutex.Guard<Integer> first = m.tryLock();
    List<Probe<Mutex.Guard<Integer>>> waiters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Probe<Mutex.Guard<Integer>> p = Probe.of(m.lock());
      assertTrue(p.isPending());
      waiters.add(p);
    }
    assertNull(m.tryLock(), "tryLock does not jump ahead of waiters");
    first.close();
    for (int i = 0; i < 5; i++) {
      Probe<Mutex.Guard<Integer>> p = waiters.get(i);
      assertEquals(1, p.wakes(), "waiter " + i + " woken exactly when its turn came");
      for (int j = i + 1; j < 5; j++) {
        assertEquals(0, waiters.get(j).wakes());
      }
      Mutex.Guard<Integer> g = guard(p.poll());
      g.set(g.get() + 1);
      g.close();
    }
    assertEquals(5, m.tryLock().get());
  }

  @Test
  void cancellingAWaiterThatWasHandedTheLockPassesItOn() throws Throwable {
    Mutex<String> m = new Mutex<>("v");
    Mutex.Guard<String> holder = m.tryLock();
    Probe<Mutex.Guard<String>> cancelled = Probe.of(m.lock());
    Probe<Mutex.Guard<String>> next = Probe.of(m.lock());
    assertTrue(cancelled.isPending());
    assertTrue(next.isPending());
    holder.close();
    assertEquals(1, cancelled.wakes());
    cancelled.future.cancel();
    assertEquals(1, next.wakes());
    try (Mutex.Guard<String> g = guard(next.poll())) {
      assertEquals("v", g.get());
    }
    assertFalse(m.isLocked());
  }

  @Test
  void cancellingAQueuedWaiterKeepsTheQueueIntact() throws Throwable {
    Mutex<String> m = new Mutex<>("v");
    Mutex.Guard<String> holder = m.tryLock();
    Probe<Mutex.Guard<String>> a = Probe.of(m.lock());
    Probe<Mutex.Guard<String>> b = Probe.of(m.lock());
    Probe<Mutex.Guard<String>> c = Probe.of(m.lock());
    assertTrue(a.isPending());
    assertTrue(b.isPending());
    assertTrue(c.isPending());
    b.future.cancel();
    holder.close();
    guard(a.poll()).close();
    assertEquals(0, b.wakes());
    guard(c.poll()).close();
    assertFalse(m.isLocked());
  }

  @Test
  void cancellingALockNeverPolledOrAlreadyHeldDoesNothingHarmful() throws Throwable {
    Mutex<String> m = new Mutex<>("v");
    m.lock().cancel();
    Future<Mutex.Guard<String>> lock = m.lock();
    Mutex.Guard<String> g = guard(Probe.of(lock).poll());
    lock.cancel();
    assertTrue(m.isLocked(), "cancel after completion does not release the guard");
    g.close();
    assertFalse(m.isLocked());
  }

  @Test
  void uncontendedLockChargesTheBudget() throws Throwable {
    Mutex<String> m = new Mutex<>("v");
    Future<Mutex.Guard<String>> lock = m.lock();
    Probe<Mutex.Guard<String>> p = Probe.of(lock);
    Context cx = p.cx;
    while (cx.consumeBudget()) {}
    assertSame(Future.PENDING, lock.poll(cx));
    assertEquals(1, p.wakes());
    assertTrue(m.isLocked(), "the lock is reserved for the yielding task");
    guard(p.poll()).close();
    assertFalse(m.isLocked());
  }
}
