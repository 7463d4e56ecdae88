package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Future;
import dev.machina.sync.Drive.Probe;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SemaphoreTest {
  private static Semaphore.Permit permit(Object polled) {
    assertNotSame(Future.PENDING, polled);
    return (Semaphore.Permit) polled;
  }

  @Test
  void acquireAndCloseCountPermits() throws Throwable {
    Semaphore s = new Semaphore(3);
    Semaphore.Permit two = permit(Probe.of(s.acquire(2)).poll());
    assertEquals(2, two.permits());
    assertEquals(1, s.availablePermits());
    try (Semaphore.Permit one = s.tryAcquire()) {
      assertNotNull(one);
      assertNull(s.tryAcquire());
    }
    two.close();
    two.close();
    assertEquals(3, s.availablePermits(), "a second close returns nothing");
  }

  @Test
  void releaseWakesAWaiterOnlyWhenEnoughPermitsAreFree() throws Throwable {
    Semaphore s = new Semaphore(0);
    Probe<Semaphore.Permit> p = Probe.of(s.acquire(2));
    assertTrue(p.isPending());
    s.release(1);
    assertEquals(0, p.wakes());
    s.release(1);
    assertEquals(1, p.wakes());
    assertEquals(0, s.availablePermits());
    permit(p.poll()).close();
    assertEquals(2, s.availablePermits());
  }

  @Test
  void aLargeRequestAtTheHeadHoldsBackSmallerOnes() throws Throwable {
    Semaphore s = new Semaphore(1);
    Probe<Semaphore.Permit> big = Probe.of(s.acquire(3));
    Probe<Semaphore.Permit> small = Probe.of(s.acquire(1));
    assertTrue(big.isPending());
    assertTrue(small.isPending(), "fair: the small request waits behind the big one");
    assertNull(s.tryAcquire());
    s.release(2);
    assertEquals(1, big.wakes());
    assertEquals(0, small.wakes());
    permit(big.poll()).close();
    assertEquals(1, small.wakes());
    permit(small.poll()).close();
    assertEquals(3, s.availablePermits());
  }

  @Test
  void cancellingTheHeadLetsTheNextRequestsThrough() throws Throwable {
    Semaphore s = new Semaphore(2);
    Probe<Semaphore.Permit> big = Probe.of(s.acquire(5));
    Probe<Semaphore.Permit> a = Probe.of(s.acquire(1));
    Probe<Semaphore.Permit> b = Probe.of(s.acquire(1));
    assertTrue(big.isPending());
    assertTrue(a.isPending());
    assertTrue(b.isPending());
    big.future.cancel();
    assertEquals(1, a.wakes());
    assertEquals(1, b.wakes());
    permit(a.poll()).close();
    permit(b.poll()).close();
    assertEquals(2, s.availablePermits());
  }

  @Test
  void permitsGrantedToACancelledWaiterGoToTheNextOne() throws Throwable {
    Semaphore s = new Semaphore(0);
    Probe<Semaphore.Permit> cancelled = Probe.of(s.acquire(2));
    Probe<Semaphore.Permit> next = Probe.of(s.acquire(2));
    assertTrue(cancelled.isPending());
    assertTrue(next.isPending());
    s.release(2);
    assertEquals(1, cancelled.wakes());
    cancelled.future.cancel();
    assertEquals(1, next.wakes());
    permit(next.poll()).close();
    assertEquals(2, s.availablePermits());
  }

  @Test
  void permitsGrantedToACancelledWaiterReturnToThePoolWhenNobodyWaits() throws Throwable {
    Semaphore s = new Semaphore(0);
    Probe<Semaphore.Permit> cancelled = Probe.of(s.acquire(2));
    assertTrue(cancelled.isPending());
    s.release(3);
    assertEquals(1, s.availablePermits());
    cancelled.future.cancel();
    assertEquals(3, s.availablePermits());
  }

  @Test
  void forgottenPermitsAreNotReturned() {
    Semaphore s = new Semaphore(2);
    Semaphore.Permit p = s.tryAcquire(2);
    p.forget();
    p.close();
    assertEquals(0, s.availablePermits());
    assertThrows(IllegalStateException.class, p::forget);
    s.release(2);
    assertEquals(2, s.availablePermits());
  }

  @Test
  void invalidCountsAreRejected() {
    Semaphore s = new Semaphore(1);
    assertThrows(IllegalArgumentException.class, () -> s.acquire(0));
    assertThrows(IllegalArgumentException.class, () -> s.tryAcquire(-1));
    assertThrows(IllegalArgumentException.class, () -> s.release(-1));
    assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
  }
}
