package dev.machina.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.MachinaRuntime;
import dev.machina.internal.driver.Driver;
import dev.machina.net.TcpListener;
import dev.machina.net.TcpStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reactors (one selector per worker, one-shot interest) driven by the workers: no lost wake,
 * no spinning, I/O and timers served while workers are busy, and every selector closed at
 * shutdown.
 */
@Timeout(60)
class RtReactorTest {

  /** CPU time (ns) of the live threads whose name starts with {@code prefix}. */
  static long cpuOf(String prefix) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix)) {
        long c = mx.getThreadCpuTime(t.getId());
        sum += Math.max(0, c);
      }
    }
    return sum;
  }

  @Test
  void anIdleRuntimeWaitingOnAnAcceptAndATimerUsesNoCpu() throws Exception {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-idle").build();
        TcpListener listener = TcpListener.bind(RtNetTest.LOOPBACK)) {
      JoinHandle<TcpStream> accept = rt.spawn(listener.accept());
      JoinHandle<Void> sleep = rt.spawn(Machina.sleep(Duration.ofHours(1)));
      Thread.sleep(200);
      long cpu0 = cpuOf("rt-idle");
      Thread.sleep(1_000);
      long cpu = cpuOf("rt-idle") - cpu0;
      // A worker spinning on the selector would burn a good share of that second.
      assertTrue(cpu < 30_000_000L, "idle workers use no CPU: " + cpu / 1_000_000 + " ms");
      accept.cancel();
      sleep.cancel();
    }
  }

  @Test
  void anUnreadReadySocketDoesNotMakeTheWorkersSpin() throws Throwable {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-unread").build();
        ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        AtomicInteger wakes = new AtomicInteger();
        Future<Integer> read = s.read(new byte[4]);
        rt.blockOn(c -> {
          assertEquals(Future.PENDING, read.poll(Context.of(wakes::incrementAndGet)));
          return null;
        });
        other.getOutputStream().write(1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wakes.get() == 0 && System.nanoTime() < end) {
          Thread.sleep(5);
        }
        assertEquals(1, wakes.get(), "woken once");
        // Nobody reads: the one-shot interest was cleared when the event fired, so the worker
        // waiting in select must not be woken by the unread byte again (or it would spin).
        Thread.sleep(50);
        long cpu0 = cpuOf("rt-unread");
        Thread.sleep(1_000);
        long cpu = cpuOf("rt-unread") - cpu0;
        assertEquals(1, wakes.get(), "no further wake without a new wait");
        // Spinning costs a share of a core even on a loaded machine (here: 160 ms of a second
        // at a load average of 12 on 2 cores); idling costs nothing.
        assertTrue(cpu < 30_000_000L, "the workers idle: " + cpu / 1_000_000 + " ms of CPU");
        assertEquals(1, rt.blockOn(read), "the byte is still there");
        // Waiting again re-arms the interest.
        Future<Integer> again = s.read(new byte[4]);
        JoinHandle<Integer> h = rt.spawn(again);
        Thread.sleep(20);
        other.getOutputStream().write(new byte[] {2, 3});
        assertEquals(2, h.toCompletableFuture().get(10, TimeUnit.SECONDS));
      } finally {
        s.close();
      }
    }
  }

  @Test
  void aReadAfterAShortReadStillGetsBytesAlreadyInTheSocket() throws Throwable {
    // After a short read the next read waits for readiness without trying the socket first; bytes
    // that arrived in between must still be reported (level-triggered, interest re-armed).
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-short").build();
        ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        for (int round = 0; round < 20; round++) {
          byte[] first = {(byte) round, 1};
          other.getOutputStream().write(first);
          byte[] buf = new byte[16];
          int n = rt.blockOn(s.read(buf));
          assertEquals(2, n, "a short read");
          other.getOutputStream().write(new byte[] {(byte) round, 2, 3});
          Thread.sleep(round % 2 == 0 ? 20 : 0); // the bytes are there before the next read
          int m = rt.blockOn(s.read(buf));
          assertEquals(3, m, "round " + round);
          assertEquals(3, buf[2]);
        }
      } finally {
        s.close();
      }
    }
  }

  @Test
  void aReadOnArmedInterestAfterTheStreamWasClosedFailsInsteadOfHanging() throws Throwable {
    // A closed channel's key never fires again: a wait that arms interest after the close would
    // hang if the wait did not check that the channel is still open.
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-closed").build();
        ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        JoinHandle<Integer> first = rt.spawn(s.read(new byte[16]));
        Thread.sleep(20); // the read waits: its interest is armed, and stays so
        other.getOutputStream().write(new byte[] {1, 2});
        assertEquals(2, first.toCompletableFuture().get(10, TimeUnit.SECONDS), "a short read");
        s.close();
        assertThrows(java.io.IOException.class, () -> rt.blockOn(s.read(new byte[16])));
        assertThrows(java.io.IOException.class, () -> rt.blockOn(s.read(new byte[16])));
      }
    }
  }

  @Test
  void aReadReArmedFromOutsideTheWorkersWhileOneWaitsInSelectIsWoken() throws Throwable {
    // blockOn polls the read on this thread while the worker that owns the stream's selector
    // waits in select: the re-arm from this thread must wake that select (or the read would
    // hang until the timeout).
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-rearm").build();
        ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        JoinHandle<Void> timer = rt.spawn(Machina.sleep(Duration.ofHours(1))); // workers drive
        for (int round = 0; round < 100; round++) {
          int r = round;
          Thread writer = new Thread(() -> {
            try {
              Thread.sleep(r % 3); // before, during or after the read's wait
              other.getOutputStream().write(r);
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
          writer.start();
          byte[] buf = new byte[8];
          assertEquals(1, rt.blockOn(s.read(buf)), "round " + round);
          assertEquals((byte) r, buf[0]);
          writer.join();
        }
        timer.cancel();
      } finally {
        s.close();
      }
    }
  }

  /** A client doing {@code rounds} request/response exchanges of {@code size} bytes. */
  static Future<Integer> pingPong(TcpStream stream, int id, int rounds, int size) {
    return new Future<>() {
      int round;
      Future<?> op;
      boolean reading;

      @Override
      public Object poll(Context cx) throws Throwable {
        while (round < rounds) {
          if (op == null) {
            op = reading ? stream.readExactly(size)
                : stream.writeAll(RtNetTest.bytes(id * 7919 + round, size));
          }
          Object r = op.poll(cx);
          if (r == PENDING) {
            return PENDING;
          }
          op = null;
          if (reading) {
            assertArrayEquals(RtNetTest.bytes(id * 7919 + round, size), (byte[]) r, "round " + round);
            round++;
          }
          reading = !reading;
        }
        stream.close();
        return round;
      }
    };
  }

  @Test
  void manyShortExchangesOnArmedInterestLoseNoWake() throws Throwable {
    // Every exchange clears and re-arms the read interest, racing the selects of its owner (and of
    // tasks stolen by the other worker): a lost wake would hang a client (the timeout fails it).
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-pp").build();
        TcpListener listener = TcpListener.bind(RtNetTest.LOOPBACK)) {
      JoinHandle<Void> server = rt.spawn(RtNetTest.acceptLoop(listener, new AtomicInteger()));
      List<JoinHandle<Integer>> clients = new ArrayList<>();
      int n = 16;
      int rounds = 3_000;
      for (int i = 0; i < n; i++) {
        TcpStream c = rt.blockOn(TcpStream.connect(listener.localAddress()));
        clients.add(rt.spawn(pingPong(c, i, rounds, 1 + i * 37)));
      }
      for (JoinHandle<Integer> h : clients) {
        assertEquals(rounds, h.toCompletableFuture().get(50, TimeUnit.SECONDS));
      }
      server.cancel();
    }
  }

  /** {@code f}, setting {@code done} when it completes. */
  static <T> Future<T> then(Future<T> f, AtomicBoolean done) {
    return cx -> {
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        done.set(true);
      }
      return r;
    };
  }

  @Test
  void ioAndTimersAreServedWhileTheOnlyWorkerIsBusy() throws Throwable {
    // The single worker never parks while the busy task runs, so it never waits in select: the
    // reactor must still be polled between tasks, or the read and the sleep never complete.
    try (MachinaRuntime rt = MachinaRuntime.builder().singleThread().threadNamePrefix("rt-busy").build();
        ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
      try (Socket other = peer.accept()) {
        AtomicBoolean readDone = new AtomicBoolean();
        AtomicBoolean slept = new AtomicBoolean();
        Future<Integer> read = s.read(new byte[4]);
        JoinHandle<Integer> reader = rt.spawn(then(read, readDone));
        JoinHandle<Void> sleeper = rt.spawn(then(Machina.sleep(Duration.ofMillis(20)), slept));
        JoinHandle<Integer> busy = rt.spawn(new Future<Integer>() {
          int polls;

          @Override
          public Object poll(Context cx) {
            polls++;
            if (readDone.get() && slept.get()) {
              return polls;
            }
            cx.waker().wake(); // runnable again at once: the worker always has a task
            return PENDING;
          }
        });
        Thread.sleep(50);
        other.getOutputStream().write(9);
        assertTrue(busy.toCompletableFuture().get(30, TimeUnit.SECONDS) > 1);
        assertEquals(1, reader.toCompletableFuture().get(1, TimeUnit.SECONDS));
        sleeper.toCompletableFuture().get(1, TimeUnit.SECONDS);
      } finally {
        s.close();
      }
    }
  }

  /** A future that completes with {@code after}'s value once it has held its worker for {@code millis}. */
  static <T> Future<T> thenHog(Future<T> after, long millis, AtomicBoolean hogging) {
    return cx -> {
      Object r = after.poll(cx);
      if (r == Future.PENDING) {
        return r;
      }
      hogging.set(true);
      try {
        Thread.sleep(millis); // a long task: its worker does not come back to its selector
      } finally {
        hogging.set(false);
      }
      return r;
    };
  }

  @Test
  void aStreamWhoseWorkerIsStuckInALongTaskIsServedByAnIdleWorker() throws Throwable {
    // s1 and s3 are bound to the same selector (round-robin over two), s2 to the other. The task
    // woken by s1's byte runs on s1's owner and then holds it for 4 s; s3's byte must still be
    // read meanwhile, by the idle worker taking a turn on the stuck worker's selector.
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-stuck").build();
        ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<TcpStream> streams = new ArrayList<>();
      List<Socket> others = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
          streams.add(s);
          others.add(peer.accept());
          // Registers the stream with the next selector in turn (connect may have done so).
          JoinHandle<Integer> probe = rt.spawn(s.read(new byte[1]));
          Thread.sleep(20);
          others.get(i).getOutputStream().write(0);
          assertEquals(1, probe.toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        AtomicBoolean hogging = new AtomicBoolean();
        JoinHandle<Integer> hog = rt.spawn(thenHog(streams.get(0).read(new byte[1]), 4_000, hogging));
        JoinHandle<Integer> third = rt.spawn(streams.get(2).read(new byte[1]));
        Thread.sleep(50); // both reads wait in their selector
        others.get(0).getOutputStream().write(1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!hogging.get() && System.nanoTime() < end) {
          Thread.sleep(1);
        }
        assertTrue(hogging.get(), "the hog runs");
        others.get(2).getOutputStream().write(3);
        assertEquals(1, third.toCompletableFuture().get(2, TimeUnit.SECONDS));
        assertTrue(hogging.get(), "read while the other worker was still stuck");
        assertEquals(1, hog.toCompletableFuture().get(10, TimeUnit.SECONDS));
      } finally {
        for (TcpStream s : streams) {
          s.close();
        }
        for (Socket o : others) {
          o.close();
        }
      }
    }
  }

  @Test
  void timersFireWhileTheWorkerThatDroveThemIsStuckInALongTask() throws Throwable {
    // The first sleep wakes its task on the worker that drives the timers, which then holds that
    // worker for 3 s; the second sleep must fire meanwhile: the stuck worker gave the timer role
    // up and the idle worker took it (DriverTest covers each hand-over in a fixed order).
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(2).threadNamePrefix("rt-timers").build()) {
      for (int round = 0; round < 3; round++) {
        AtomicBoolean hogging = new AtomicBoolean();
        JoinHandle<Void> hog =
            rt.spawn(thenHog(Machina.sleep(Duration.ofMillis(20)), 3_000, hogging));
        AtomicBoolean slept = new AtomicBoolean();
        JoinHandle<Void> second = rt.spawn(then(Machina.sleep(Duration.ofMillis(200)), slept));
        second.toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertTrue(hogging.get(), "round " + round + ": fired while the other worker was stuck");
        hog.toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void shutdownFailsPendingReadsOnEverySelectorClosesThemAndLeavesNoThread() throws Throwable {
    MachinaRuntime rt = MachinaRuntime.builder().workerThreads(3).threadNamePrefix("rt-down").build();
    try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> others = new ArrayList<>();
      List<CompletableFuture<Throwable>> failures = new ArrayList<>();
      List<JoinHandle<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 6; i++) { // two per selector: one read polled by blockOn, one by a task
        TcpStream s = rt.blockOn(TcpStream.connect(peer.getLocalSocketAddress()));
        others.add(peer.accept());
        if (i % 2 == 0) {
          CompletableFuture<Throwable> failure = new CompletableFuture<>();
          failures.add(failure);
          Thread t = new Thread(() -> {
            try {
              rt.blockOn(s.read(new byte[1]));
              failure.complete(null);
            } catch (Throwable e) {
              failure.complete(e);
            }
          });
          t.start();
        } else {
          tasks.add(rt.spawn(s.read(new byte[1])));
        }
      }
      Thread.sleep(100); // every read waits in a selector
      Driver driver = rt.driver(Driver.class, r -> {
        throw new AssertionError("the runtime has its driver");
      });
      assertTrue(!driver.selectorsClosed());
      rt.close();
      assertTrue(driver.selectorsClosed(), "every selector closed");
      for (CompletableFuture<Throwable> f : failures) {
        Throwable e = f.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof java.io.IOException, "a pending read fails: " + e);
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
      }
      for (JoinHandle<Integer> h : tasks) {
        assertThrows(CancellationException.class,
            () -> h.toCompletableFuture().get(10, TimeUnit.SECONDS), "a waiting task is aborted");
      }
      for (Socket o : others) {
        o.close();
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end && threadsNamed("rt-down").size() > 0) {
        Thread.sleep(10);
      }
      assertEquals(List.of(), threadsNamed("rt-down"), "no runtime thread left");
    }
  }

  private static List<String> threadsNamed(String prefix) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(prefix)) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
