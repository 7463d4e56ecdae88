package dev.machina.internal.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.io.IoSource;
import dev.machina.internal.time.Timer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver's per-worker selectors and its timer role, driven by test threads playing the
 * workers, so each hand-over happens in a known order.
 */
@Timeout(30)
class DriverTest {
  /** A timer that counts down a latch when it fires. */
  static final class Latched extends Timer {
    final CountDownLatch fired = new CountDownLatch(1);

    @Override
    protected void onFire() {
      fired.countDown();
    }
  }

  /** A thread playing worker {@code index}: idle turns until {@link #goBusy}. */
  static final class IdleWorker {
    final Driver driver;
    final int index;
    final AtomicBoolean busy = new AtomicBoolean();
    final Thread thread;

    IdleWorker(Driver driver, int index) {
      this.driver = driver;
      this.index = index;
      this.thread = new Thread(() -> {
        while (!busy.get() && driver.turn(index, busy::get)) {
          // another turn
        }
        driver.stopDriving(index);
      }, "driver-test-" + index);
      thread.start();
    }

    /** The worker leaves its select to run tasks, as a notified worker does, and stops driving. */
    void goBusy() throws InterruptedException {
      busy.set(true);
      driver.wakeup(index);
      thread.join(5_000);
      assertFalse(thread.isAlive(), "worker " + index + " left its select");
    }
  }

  @Test
  void theTimerRoleIsHandedToAnIdleWorkerWaitingWithoutIt() throws Exception {
    Driver d = new Driver("driver-test", 2);
    try {
      IdleWorker w0 = new IdleWorker(d, 0);
      Thread.sleep(50); // worker 0 takes the timer role
      IdleWorker w1 = new IdleWorker(d, 1);
      Thread.sleep(50); // worker 1 waits in its select without it
      Latched t = new Latched();
      assertTrue(d.timers().schedule(t, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200)));
      Thread.sleep(50); // worker 0 plans to wake at the deadline
      w0.goBusy(); // it gives up the role with a timer pending
      assertTrue(t.fired.await(10, TimeUnit.SECONDS), "worker 1 took the role and fired it");
      w1.goBusy();
    } finally {
      d.shutdown();
    }
  }

  @Test
  void aTimerScheduledWhileNobodyHoldsTheRoleWakesAWorkerWaitingWithoutIt() throws Exception {
    Driver d = new Driver("driver-test", 2);
    try {
      IdleWorker w0 = new IdleWorker(d, 0);
      Thread.sleep(50);
      IdleWorker w1 = new IdleWorker(d, 1);
      Thread.sleep(50);
      w0.goBusy(); // the holder leaves with no timer pending: no hand-over yet
      Latched t = new Latched();
      assertTrue(d.timers().schedule(t, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
      assertTrue(t.fired.await(10, TimeUnit.SECONDS), "the schedule woke worker 1 to take the role");
      w1.goBusy();
    } finally {
      d.shutdown();
    }
  }

  @Test
  void aSourceWhoseOwnerStoppedDrivingIsServedByAnIdlePeer() throws Exception {
    Driver d = new Driver("driver-test", 2);
    Pipe pipe = Pipe.open();
    try {
      CountDownLatch woken = new CountDownLatch(1);
      IoSource source = d.register(pipe.source()); // selector 0
      source.awaitReadable(woken::countDown);
      IdleWorker w0 = new IdleWorker(d, 0);
      Thread.sleep(50); // worker 0 registers the source and waits in its select
      IdleWorker w1 = new IdleWorker(d, 1);
      Thread.sleep(300); // worker 1 saw no busy peer for longer than the sticky limit: no limit
      w0.goBusy(); // for good: it must wake worker 1
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
      assertTrue(woken.await(10, TimeUnit.SECONDS), "worker 1 polled worker 0's selector");
      w1.goBusy();
    } finally {
      d.shutdown();
      pipe.sink().close();
    }
  }

  @Test
  void shutdownFailsTheWaitsOnEverySelectorAndClosesTheirChannels() throws Exception {
    Driver d = new Driver("driver-test", 3);
    Pipe[] pipes = new Pipe[3];
    IoSource[] sources = new IoSource[3];
    AtomicInteger wakes = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      pipes[i] = Pipe.open();
      sources[i] = d.register(pipes[i].source()); // round-robin: source i on selector i
      sources[i].awaitReadable(wakes::incrementAndGet);
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(d.turn(i, () -> true)); // registers source i with selector i
    }
    assertEquals(0, wakes.get());
    assertFalse(d.selectorsClosed());
    d.shutdown();
    assertTrue(d.selectorsClosed());
    assertEquals(3, wakes.get(), "every pending wait was woken");
    for (int i = 0; i < 3; i++) {
      assertFalse(pipes[i].source().isOpen(), "channel closed");
      IoSource s = sources[i];
      IOException e = assertThrows(IOException.class, () -> s.awaitReadable(wakes::incrementAndGet));
      assertEquals(Driver.SHUT_DOWN, e.getMessage());
      pipes[i].sink().close();
    }
  }
}
