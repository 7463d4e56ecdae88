package dev.machina.internal.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.time.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /** A thread playing worker {@code index}: idle turns until {@code stop} is set. */
  static Thread drive(Driver d, int index, AtomicBoolean stop) {
    Thread t = new Thread(() -> {
      while (!stop.get() && d.turn(index, stop::get)) {
        // another turn
      }
      d.stopDriving(index);
    }, "driver-test-" + index);
    t.start();
    return t;
  }

  @Test
  void theTimerRoleIsHandedToAnIdleWorkerWaitingWithoutIt() throws Exception {
    Driver d = new Driver("driver-test", 2);
    try {
      AtomicBoolean stop0 = new AtomicBoolean();
      AtomicBoolean stop1 = new AtomicBoolean();
      Thread w0 = drive(d, 0, stop0);
      Thread.sleep(50); // worker 0 takes the timer role
      Thread w1 = drive(d, 1, stop1);
      Thread.sleep(50); // worker 1 waits in its select without it
      Latched t = new Latched();
      assertTrue(d.timers().schedule(t, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200)));
      Thread.sleep(50); // worker 0 plans to wake at the deadline
      stop0.set(true); // worker 0 gets busy: it gives up the role with a timer pending
      d.wakeup(0);
      w0.join(5_000);
      assertTrue(!w0.isAlive());
      assertTrue(t.fired.await(10, TimeUnit.SECONDS), "worker 1 took the role and fired it");
      stop1.set(true);
      d.wakeup(1);
      w1.join(5_000);
    } finally {
      d.shutdown();
    }
  }

  @Test
  void aTimerScheduledWhileNobodyHoldsTheRoleWakesAWorkerWaitingWithoutIt() throws Exception {
    Driver d = new Driver("driver-test", 2);
    try {
      AtomicBoolean stop0 = new AtomicBoolean();
      AtomicBoolean stop1 = new AtomicBoolean();
      Thread w0 = drive(d, 0, stop0);
      Thread.sleep(50);
      Thread w1 = drive(d, 1, stop1);
      Thread.sleep(50);
      stop0.set(true); // the holder leaves with no timer pending: no hand-over yet
      d.wakeup(0);
      w0.join(5_000);
      Latched t = new Latched();
      assertTrue(d.timers().schedule(t, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
      assertTrue(t.fired.await(10, TimeUnit.SECONDS), "the schedule woke worker 1 to take the role");
      stop1.set(true);
      d.wakeup(1);
      w1.join(5_000);
    } finally {
      d.shutdown();
    }
  }

  @Test
  void aSourceWhoseOwnerStoppedDrivingIsServedByAnIdlePeer() throws Exception {
    Driver d = new Driver("driver-test", 2);
    java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
    try {
      CountDownLatch woken = new CountDownLatch(1);
      dev.machina.internal.io.IoSource source = d.register(pipe.source()); // selector 0
      source.awaitReadable(woken::countDown);
      AtomicBoolean stop0 = new AtomicBoolean();
      AtomicBoolean stop1 = new AtomicBoolean();
      Thread w0 = drive(d, 0, stop0);
      Thread.sleep(50); // worker 0 registers the source and waits in its select
      Thread w1 = drive(d, 1, stop1);
      Thread.sleep(300); // worker 1 saw no busy peer for longer than the sticky limit: no limit
      stop0.set(true); // worker 0 goes busy for good: it must wake worker 1
      d.wakeup(0);
      w0.join(5_000);
      pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
      assertTrue(woken.await(10, TimeUnit.SECONDS), "worker 1 polled worker 0's selector");
      stop1.set(true);
      d.wakeup(1);
      w1.join(5_000);
    } finally {
      d.shutdown();
      pipe.sink().close();
    }
  }

  @Test
  void shutdownFailsTheWaitsOnEverySelectorAndClosesTheirChannels() throws Exception {
    Driver d = new Driver("driver-test", 3);
    java.nio.channels.Pipe[] pipes = new java.nio.channels.Pipe[3];
    dev.machina.internal.io.IoSource[] sources = new dev.machina.internal.io.IoSource[3];
    java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < 3; i++) {
      pipes[i] = java.nio.channels.Pipe.open();
      sources[i] = d.register(pipes[i].source()); // round-robin: source i on selector i
      sources[i].awaitReadable(wakes::incrementAndGet);
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(d.turn(i, () -> true)); // registers source i with selector i
    }
    assertEquals(0, wakes.get());
    assertEquals(false, d.selectorsClosed());
    d.shutdown();
    assertTrue(d.selectorsClosed());
    assertEquals(3, wakes.get(), "every pending wait was woken");
    for (int i = 0; i < 3; i++) {
      assertTrue(!pipes[i].source().isOpen(), "channel closed");
      dev.machina.internal.io.IoSource s = sources[i];
      java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.io.IOException.class, () -> s.awaitReadable(wakes::incrementAndGet));
      assertEquals(Driver.SHUT_DOWN, e.getMessage());
      pipes[i].sink().close();
    }
  }
}
