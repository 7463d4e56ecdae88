package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.RuntimeDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MachinaRuntime and the Machina facade: spawning, failures, shutdown, fairness. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RtRuntimeTest {
  private static Future<String> threadName() {
    return cx -> Thread.currentThread().getName();
  }

  private static List<Thread> threadsNamed(String prefix) {
    List<Thread> found = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix + "-") && t.isAlive()) {
        found.add(t);
      }
    }
    return found;
  }

  @Test
  void spawnStormFromOutsideThread() {
    try (MachinaRuntime rt = MachinaRuntime.builder().threadNamePrefix("storm-out").build()) {
      int n = 100_000;
      List<JoinHandle<Integer>> hs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        hs.add(rt.spawn(Future.ready(i)));
      }
      List<Integer> values = rt.blockOn(Futures.joinAll(hs));
      for (int i = 0; i < n; i++) {
        assertEquals(i, values.get(i));
      }
    }
  }

  /** Spawns {@code n} tasks from inside a task (so into a worker's local queue) and joins them. */
  static final class Spawner implements Future<Long> {
    final int n;
    Future<List<Integer>> all;

    Spawner(int n) {
      this.n = n;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      if (all == null) {
        List<JoinHandle<Integer>> hs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          hs.add(Machina.spawn(Future.ready(i)));
        }
        all = Futures.joinAll(hs);
      }
      Object r = all.poll(cx);
      if (r == PENDING) {
        return PENDING;
      }
      long sum = 0;
      @SuppressWarnings("unchecked")
      List<Integer> values = (List<Integer>) r;
      for (int v : values) {
        sum += v;
      }
      return sum;
    }
  }

  @Test
  void spawnStormFromInsideTasksOverflowsLocalQueuesSafely() {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().workerThreads(2).threadNamePrefix("storm-in").build()) {
      int n = 100_000;
      assertEquals((long) n * (n - 1) / 2, rt.blockOn(rt.spawn(new Spawner(n))));
    }
  }

  @Test
  void singleThreadRuntimeRunsEverythingOnOneThread() {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().threadNamePrefix("solo").build()) {
      assertEquals(1, rt.workerThreads());
      List<JoinHandle<String>> hs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        hs.add(rt.spawn(threadName()));
      }
      for (String name : rt.blockOn(Futures.joinAll(hs))) {
        assertEquals("solo-0", name);
      }
    }
  }

  @Test
  void workerThreadsAreNamedAndGoneAfterClose() {
    MachinaRuntime rt =
        MachinaRuntime.builder().workerThreads(3).threadNamePrefix("named-pool").build();
    assertEquals(
        "named-pool-", rt.blockOn(rt.spawn(threadName())).substring(0, 11));
    assertEquals(3, threadsNamed("named-pool").size());
    rt.close();
    assertTrue(rt.isShutdown());
    assertEquals(List.of(), threadsNamed("named-pool"), "no worker thread is left");
  }

  @Test
  void budgetStopsABusyTaskFromStarvingAnotherOnOneThread() {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().threadNamePrefix("budget").build()) {
      AtomicBoolean stop = new AtomicBoolean();
      JoinHandle<Long> busy = rt.spawn(new Machines.BusyLoop(stop));
      JoinHandle<Void> stopper = rt.spawn(cx -> {
        stop.set(true);
        return null;
      });
      long iterations = rt.blockOn(busy);
      rt.blockOn(stopper);
      assertTrue(iterations >= Context.BUDGET, "the busy task ran until stopped: " + iterations);
    }
  }

  @Test
  void yieldNowLetsTheOtherTaskRun() {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().threadNamePrefix("yield").build()) {
      List<String> log = new CopyOnWriteArrayList<>();
      Future<Void> a = new Future<>() {
        Future<Void> y;

        @Override
        public Object poll(Context cx) throws Throwable {
          if (y == null) {
            log.add("a1");
            y = Machina.yieldNow();
          }
          if (y.poll(cx) == PENDING) {
            return PENDING;
          }
          log.add("a2");
          return null;
        }
      };
      Future<Void> both = new Future<>() {
        JoinHandle<Void> ha;
        JoinHandle<Void> hb;

        @Override
        public Object poll(Context cx) throws Throwable {
          if (ha == null) {
            ha = Machina.spawn(a);
            hb = Machina.spawn(cx2 -> {
              log.add("b");
              return null;
            });
          }
          if (ha.poll(cx) == PENDING || hb.poll(cx) == PENDING) {
            return PENDING;
          }
          return null;
        }
      };
      rt.blockOn(rt.spawn(both));
      assertEquals(List.of("a1", "b", "a2"), log);
    }
  }

  @Test
  void taskFailureCompletesTheHandleAndNeverKillsAWorker() {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().threadNamePrefix("fail").build()) {
      IOException checked = new IOException("checked");
      AssertionError error = new AssertionError("an Error");
      JoinHandle<String> h1 = rt.spawn(Future.failed(checked));
      JoinHandle<String> h2 = rt.spawn(cx -> {
        throw error;
      });
      assertSame(checked, assertThrows(IOException.class, () -> rt.blockOn(h1)));
      assertSame(error, assertThrows(AssertionError.class, () -> rt.blockOn(h2)));
      assertEquals("solo-0".replace("solo", "fail"),
          rt.blockOn(rt.spawn(threadName())));
    }
  }

  @Test
  void unjoinedFailureReachesTheHandler() throws Exception {
    BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
    try (MachinaRuntime rt =
        MachinaRuntime.builder()
            .threadNamePrefix("unjoined")
            .unhandledFailureHandler(reported::add)
            .build()) {
      IllegalStateException boom = new IllegalStateException("nobody joins me");
      rt.spawn(Future.failed(boom));
      assertSame(boom, reported.poll(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aFailureJoinedSoonAfterItHappenedIsNotReported() throws Exception {
    BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
    try (MachinaRuntime rt =
        MachinaRuntime.builder()
            .threadNamePrefix("late-joined")
            .unhandledFailureHandler(reported::add)
            .build()) {
      IllegalStateException boom = new IllegalStateException("joined a moment later");
      JoinHandle<Object> h = failedBeforeAnyoneJoins(rt, boom);
      assertSame(boom, assertThrows(IllegalStateException.class, () -> rt.blockOn(h)));
      // Past the grace period, the joined failure has not been reported...
      assertNull(reported.poll(1_500, TimeUnit.MILLISECONDS));
      // ...while one nobody joins is.
      IllegalStateException unjoined = new IllegalStateException("nobody joins me");
      rt.spawn(Future.failed(unjoined));
      assertSame(unjoined, reported.poll(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aFailureInItsGracePeriodIsReportedWhenTheRuntimeCloses() throws Exception {
    BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
    MachinaRuntime rt =
        MachinaRuntime.builder()
            .threadNamePrefix("closing")
            .unhandledFailureHandler(reported::add)
            .build();
    IllegalStateException boom = new IllegalStateException("nobody can join me now");
    failedBeforeAnyoneJoins(rt, boom);
    rt.close();
    assertSame(boom, reported.poll(), "reported by the time close() returns");
  }

  /** Spawns a task that fails at once, and waits until it has, with nobody joining it. */
  private static JoinHandle<Object> failedBeforeAnyoneJoins(MachinaRuntime rt, Throwable failure)
      throws InterruptedException {
    CountDownLatch failing = new CountDownLatch(1);
    JoinHandle<Object> h =
        rt.spawn(
            cx -> {
              failing.countDown();
              throw failure;
            });
    failing.await();
    while (!h.isDone()) {
      Thread.onSpinWait();
    }
    return h;
  }

  @Test
  void aFailureBeforeTheCompletableFutureViewIsTakenIsNotReported() throws Exception {
    BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
    try (MachinaRuntime rt =
        MachinaRuntime.builder()
            .threadNamePrefix("viewed")
            .unhandledFailureHandler(reported::add)
            .build()) {
      for (int i = 0; i < 2_000; i++) {
        IllegalStateException boom = new IllegalStateException("fails at once " + i);
        var view = rt.spawnToCompletableFuture(Future.<String>failed(boom));
        var e = org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, view::get);
        assertSame(boom, e.getCause());
      }
      // An unjoined failure spawned last is reported; it shows that the handler is live and that
      // none of the viewed failures above reached it first.
      IllegalStateException unjoined = new IllegalStateException("nobody joins me");
      rt.spawn(Future.failed(unjoined));
      assertSame(unjoined, reported.poll(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void joinedFailuresAndCancellationsAreNotReported() {
    BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
    MachinaRuntime rt =
        MachinaRuntime.builder()
            .threadNamePrefix("joined")
            .unhandledFailureHandler(reported::add)
            .build();
    Manual<String> leaf = new Manual<>();
    JoinHandle<String> awaited = rt.spawn(leaf);
    AtomicBoolean joined = new AtomicBoolean();
    JoinHandle<String> joiner = rt.spawn(cx -> {
      Object r = awaited.poll(cx);
      joined.set(true);
      return r;
    });
    var joinerView = joiner.toCompletableFuture(); // the joiner fails too: join it in advance
    while (!joined.get()) {
      Thread.yield();
    }
    Manual<String> leaf2 = new Manual<>();
    JoinHandle<String> viewed = rt.spawn(leaf2);
    var cf = viewed.toCompletableFuture();
    Manual<String> leaf3 = new Manual<>();
    JoinHandle<String> cancelled = rt.spawn(leaf3);

    RuntimeException e1 = new RuntimeException("1");
    leaf.fail(e1);
    leaf2.fail(new RuntimeException("2"));
    cancelled.cancel();
    assertSame(e1, assertThrows(RuntimeException.class, () -> rt.blockOn(joiner)));
    // The view completes right after the task does (blockOn may see the task complete first).
    assertSame(e1, assertThrows(CompletionException.class, joinerView::join).getCause());
    assertThrows(Exception.class, cf::join);
    assertThrows(CancellationException.class, () -> rt.blockOn(cancelled));
    rt.close();
    assertEquals(List.of(), List.copyOf(reported));
  }

  @Test
  void blockOnOnAWorkerFailsClearly() {
    try (MachinaRuntime rt = MachinaRuntime.builder().threadNamePrefix("nested").build()) {
      JoinHandle<Integer> h = rt.spawn(cx -> Machina.blockOn(Future.ready(1)));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
      assertTrue(e.getMessage().contains("await(future)"), e.getMessage());
      JoinHandle<Integer> h2 = rt.spawn(cx -> rt.blockOn(Future.ready(1)));
      assertThrows(IllegalStateException.class, () -> rt.blockOn(h2));
    }
  }

  @Test
  void currentIsTheWorkersRuntimeElseTheDefault() {
    try (MachinaRuntime rt = MachinaRuntime.builder().threadNamePrefix("current").build()) {
      assertSame(rt, rt.blockOn(rt.spawn((Future<MachinaRuntime>) cx -> MachinaRuntime.current())));
      assertSame(rt, rt.blockOn((Future<MachinaRuntime>) cx -> MachinaRuntime.current()), "inside rt.blockOn");
      MachinaRuntime outside = MachinaRuntime.current();
      assertNotSame(rt, outside);
      assertSame(outside, MachinaRuntime.current(), "one default runtime");
      assertTrue(outside.workerThreads() >= 2);
      // Machina.spawn from a worker of rt spawns on rt.
      JoinHandle<String> nested = rt.blockOn(rt.spawn(cx ->
          Machina.spawn(threadName())));
      assertTrue(rt.blockOn(nested).startsWith("current-"));
      assertThrows(IllegalStateException.class, outside::close);
    }
  }

  @Test
  void defaultRuntimeThreadsAreDaemons() {
    String name = Machina.blockOn(Machina.spawn(threadName()));
    Thread worker = threadsNamed(name.substring(0, name.lastIndexOf('-'))).get(0);
    assertTrue(worker.isDaemon());
  }

  @Test
  void toCompletableFutureOfAPlainFutureSpawnsIt() throws Exception {
    assertEquals(42, Machina.toCompletableFuture(Future.ready(42)).get(60, TimeUnit.SECONDS));
    JoinHandle<Integer> h = Machina.spawn(Future.ready(7));
    assertSame(h.toCompletableFuture(), Machina.toCompletableFuture(h));
  }

  @Test
  void twoTasksWaitForOneTaskThroughItsCompletableFutureView() {
    Manual<String> leaf = new Manual<>();
    JoinHandle<String> shared = Machina.spawn(leaf);
    JoinHandle<String> a = Machina.spawn(Future.from(shared.toCompletableFuture()));
    JoinHandle<String> b = Machina.spawn(Future.from(shared.toCompletableFuture()));
    leaf.complete("once");
    assertEquals(List.of("once", "once"), Machina.blockOn(Futures.join(a, b)));
  }

  @Test
  void cancellingAMachineAwaitingAHandleCancelsThatTask() {
    Manual<String> leaf = new Manual<>();
    JoinHandle<String> child = Machina.spawn(leaf);
    AtomicInteger cancelSeen = new AtomicInteger();
    JoinHandle<String> parent =
        Machina.spawn(new Machines.Awaiting<>(child, cancelSeen, new AtomicInteger()));
    while (!leaf.polled() || !parentPolledChild(child)) {
      Thread.yield();
    }
    parent.cancel();
    assertThrows(CancellationException.class, () -> Machina.blockOn(parent));
    assertThrows(CancellationException.class, () -> Machina.blockOn(child));
    assertTrue(leaf.cancelled);
    assertEquals(1, cancelSeen.get());
  }

  private static boolean parentPolledChild(JoinHandle<?> child) {
    return (((dev.machina.internal.task.Task<?>) child).state()
        & dev.machina.internal.task.Task.JOIN_INTEREST) != 0;
  }

  @Test
  void blockOnInterruptedCancelsTheFuture() throws Exception {
    Manual<String> never = new Manual<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        Machina.blockOn(never);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    while (!never.polled()) {
      Thread.yield();
    }
    t.interrupt();
    t.join();
    assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    assertTrue(never.cancelled);
  }

  @Test
  void shutdownCancelsTasksWokenLaterAndSpawnsAfterwards() {
    MachinaRuntime rt = MachinaRuntime.builder().threadNamePrefix("closing").build();
    Manual<String> leaf = new Manual<>();
    JoinHandle<String> idle = rt.spawn(leaf);
    while (!leaf.polled()) {
      Thread.yield();
    }
    rt.close();
    assertFalse(idle.isDone());
    leaf.complete("too late");
    assertThrows(CancellationException.class, () -> Machina.blockOn(idle));
    assertTrue(leaf.cancelled);
    JoinHandle<String> late = rt.spawn(Future.ready("x"));
    assertThrows(CancellationException.class, () -> Machina.blockOn(late));
  }

  @Test
  void aTaskInterruptingItsWorkerDoesNotBreakTheRuntime() {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().threadNamePrefix("interrupted").build()) {
      rt.blockOn(rt.spawn(cx -> {
        Thread.currentThread().interrupt();
        return null;
      }));
      for (int i = 0; i < 100; i++) {
        assertEquals(i, rt.blockOn(rt.spawn(Future.ready(i))));
      }
    }
  }

  @Test
  void shutdownFromInsideATaskLetsThatTaskFinish() throws Exception {
    MachinaRuntime rt =
        MachinaRuntime.builder().workerThreads(2).threadNamePrefix("self-close").build();
    JoinHandle<String> h = rt.spawn(cx -> {
      MachinaRuntime.current().close();
      return "finished after close";
    });
    assertEquals("finished after close", h.toCompletableFuture().get(60, TimeUnit.SECONDS));
    for (Thread t : threadsNamed("self-close")) {
      t.join();
    }
    assertTrue(rt.isShutdown());
  }

  @Test
  void driversShutDownWithTheRuntimeInReverseOrder() {
    List<String> log = new CopyOnWriteArrayList<>();
    final class First implements RuntimeDriver {
      @Override
      public void shutdown() {
        log.add("first");
      }
    }
    final class Second implements RuntimeDriver {
      @Override
      public void shutdown() {
        log.add("second");
      }
    }
    MachinaRuntime rt = MachinaRuntime.builder().threadNamePrefix("drivers").build();
    First f = rt.driver(First.class, r -> new First());
    assertSame(f, rt.driver(First.class, r -> new First()), "one driver per type");
    rt.driver(Second.class, r -> new Second());
    rt.close();
    assertEquals(List.of("second", "first"), log);
    assertThrows(IllegalStateException.class, () -> rt.driver(First.class, r -> new First()));
  }
}
