package dev.machina.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Futures;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.MachinaRuntime;
import dev.machina.testing.Threads;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Machina.spawnBlocking on explicit runtimes: limits, elasticity, failures, shutdown. */
@Timeout(60)
class RtBlockingTest {
  static MachinaRuntime runtime(String name, int maxBlocking, Duration keepAlive) {
    return MachinaRuntime.builder().workerThreads(2).threadNamePrefix(name)
        .maxBlockingThreads(maxBlocking).blockingKeepAlive(keepAlive).build();
  }

  /** Spawns {@code n} blocking calls from inside the runtime; returns their futures. */
  static List<Future<Integer>> spawnAll(MachinaRuntime rt, int n, java.util.function.IntFunction<java.util.concurrent.Callable<Integer>> call) {
    List<Future<Integer>> out = new ArrayList<>();
    rt.blockOn(cx -> {
      for (int i = 0; i < n; i++) {
        out.add(Machina.spawnBlocking(call.apply(i)));
      }
      return null;
    });
    return out;
  }

  @Test
  void neverRunsMoreCallsAtOnceThanTheLimitAndQueuesTheRest() throws Exception {
    try (MachinaRuntime rt = runtime("blk-limit", 3, Duration.ofSeconds(10))) {
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      CountDownLatch release = new CountDownLatch(1);
      List<Future<Integer>> calls = spawnAll(rt, 12, i -> () -> {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        release.await(20, TimeUnit.SECONDS);
        running.decrementAndGet();
        return i * i;
      });
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (running.get() < 3 && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      assertEquals(3, running.get(), "three calls run, nine wait");
      assertEquals(3, Threads.named("blk-limit-blocking").size());
      release.countDown();
      List<Integer> results = rt.blockOn(Futures.joinAll(calls));
      for (int i = 0; i < 12; i++) {
        assertEquals(i * i, results.get(i));
      }
      assertEquals(3, maxRunning.get());
    }
  }

  @Test
  void sequentialCallsReuseOneThread() throws Exception {
    try (MachinaRuntime rt = runtime("blk-reuse", 8, Duration.ofSeconds(30))) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (int round = 0; round < 5; round++) {
        List<Future<String>> calls = new ArrayList<>();
        rt.blockOn(cx -> calls.add(Machina.spawnBlocking(() -> Thread.currentThread().getName())));
        names.add(rt.blockOn(calls.get(0)));
      }
      assertEquals(1, names.size(), "one thread served every call: " + names);
    }
  }

  @Test
  void idleThreadsRetireAfterTheKeepAlive() throws Exception {
    try (MachinaRuntime rt = runtime("blk-idle", 8, Duration.ofMillis(100))) {
      List<Future<Integer>> calls = spawnAll(rt, 4, i -> () -> i);
      assertEquals(List.of(0, 1, 2, 3), rt.blockOn(Futures.joinAll(calls)));
      assertEquals(List.of(), Threads.awaitNone("blk-idle-blocking", 10_000), "idle threads retire");
      // The pool grows again on demand.
      assertEquals(List.of(7), rt.blockOn(Futures.joinAll(spawnAll(rt, 1, i -> () -> 7))));
    }
  }

  @Test
  void aFailureIsDeliveredAsTheOriginalThrowable() throws Exception {
    try (MachinaRuntime rt = runtime("blk-fail", 2, Duration.ofSeconds(1))) {
      SQLException boom = new SQLException("no such table");
      List<Future<Integer>> calls = spawnAll(rt, 1, i -> () -> {
        throw boom;
      });
      SQLException thrown = assertThrows(SQLException.class, () -> rt.blockOn(calls.get(0)));
      assertSame(boom, thrown);
    }
  }

  @Test
  void aCallCancelledBeforeItStartsNeverRuns() throws Exception {
    try (MachinaRuntime rt = runtime("blk-cancel", 1, Duration.ofSeconds(1))) {
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean secondRan = new AtomicBoolean();
      List<Future<Integer>> calls = new ArrayList<>();
      rt.blockOn(cx -> {
        calls.add(Machina.spawnBlocking(() -> {
          release.await(20, TimeUnit.SECONDS);
          return 1;
        }));
        calls.add(Machina.spawnBlocking(() -> {
          secondRan.set(true);
          return 2;
        }));
        calls.get(1).cancel();
        return null;
      });
      release.countDown();
      assertEquals(1, rt.blockOn(calls.get(0)));
      rt.blockOn(Machina.sleep(Duration.ofMillis(50)));
      assertTrue(!secondRan.get(), "the cancelled call never ran");
    }
  }

  @Test
  void shutdownInterruptsRunningCallsCancelsQueuedOnesAndLeavesNoThread() throws Exception {
    MachinaRuntime rt = runtime("blk-shut", 1, Duration.ofSeconds(30));
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    List<Future<Integer>> calls = new ArrayList<>();
    rt.blockOn(cx -> {
      calls.add(Machina.spawnBlocking(() -> {
        started.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.set(true);
          throw e;
        }
        return 1;
      }));
      calls.add(Machina.spawnBlocking(() -> 2));
      return null;
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    rt.shutdown();
    assertTrue(interrupted.get(), "the running call was interrupted");
    assertEquals(List.of(), Threads.awaitNone("blk-shut", 10_000));
    Context cx = Context.of(() -> {});
    assertThrows(InterruptedException.class, () -> calls.get(0).poll(cx));
    CancellationException c = assertThrows(CancellationException.class, () -> calls.get(1).poll(cx));
    assertTrue(c.getMessage().contains("shut down"), c.getMessage());
    assertThrows(IllegalStateException.class, () -> rt.blockOn(cx2 -> Machina.spawnBlocking(() -> 3)));
  }

  @Test
  void theDefaultRuntimeRunsBlockingCallsToo() throws Throwable {
    JoinHandle<String> h = Machina.spawn(new Future<>() {
      Future<String> call;

      @Override
      public Object poll(Context cx) throws Throwable {
        if (call == null) {
          call = Machina.spawnBlocking(() -> Thread.currentThread().getName());
        }
        return call.poll(cx);
      }
    });
    String thread = Machina.blockOn(h);
    assertTrue(thread.contains("blocking"), thread);
    IOException io = new IOException("disk");
    assertSame(io, assertThrows(IOException.class,
        () -> Machina.blockOn(Machina.spawnBlocking(() -> {
          throw io;
        }))));
  }
}
