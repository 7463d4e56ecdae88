package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads wake the same tasks: polls never overlap, and the last wake always leads to a
 * poll that sees it (a lost wake-up would hang the test until its timeout).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskWakeStressTest {
  private final MachinaRuntime rt =
      MachinaRuntime.builder().workerThreads(3).threadNamePrefix("wake-stress").build();

  @AfterEach
  void close() {
    rt.close();
  }

  /** Completes once it has seen {@code total} wakes; detects overlapping polls. */
  static final class Probe implements Future<Integer> {
    final int total;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicBoolean inPoll = new AtomicBoolean();
    final AtomicInteger overlaps = new AtomicInteger();
    volatile Waker waker;
    int polls;

    Probe(int total) {
      this.total = total;
    }

    @Override
    public Object poll(Context cx) {
      if (!inPoll.compareAndSet(false, true)) {
        overlaps.incrementAndGet();
      }
      try {
        polls++;
        waker = cx.waker();
        return issued.get() == total ? polls : PENDING;
      } finally {
        inPoll.set(false);
      }
    }

    void wakeOnce() {
      issued.incrementAndGet();
      waker.wake();
    }
  }

  @Test
  void wakesFromManyThreadsAreNeverLostAndNeverOverlap() throws Exception {
    int tasks = 8;
    int threads = 4;
    int perThread = 20_000;
    List<Probe> probes = new ArrayList<>();
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      Probe p = new Probe(threads * perThread);
      probes.add(p);
      handles.add(rt.spawn(p));
    }
    for (Probe p : probes) {
      while (p.waker == null) {
        Thread.yield();
      }
    }
    List<Thread> wakers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  for (Probe p : probes) {
                    p.wakeOnce();
                  }
                }
              });
      wakers.add(th);
      th.start();
    }
    for (Thread th : wakers) {
      th.join();
    }
    List<Integer> polls = rt.blockOn(Futures.joinAll(handles));
    for (int i = 0; i < tasks; i++) {
      assertEquals(0, probes.get(i).overlaps.get(), "no concurrent polls");
      assertTrue(polls.get(i) >= 2, "polled again after wakes");
      assertTrue(polls.get(i) <= threads * perThread + 1, "wakes merge, never multiply");
    }
  }

  /** A task that wakes every probe {@code rounds} times, yielding between rounds. */
  static final class WakerTask implements Future<Void> {
    final List<Probe> probes;
    int rounds;

    WakerTask(List<Probe> probes, int rounds) {
      this.probes = probes;
      this.rounds = rounds;
    }

    @Override
    public Object poll(Context cx) {
      for (int i = 0; i < 50 && rounds > 0; i++, rounds--) {
        for (Probe p : probes) {
          p.wakeOnce();
        }
      }
      if (rounds == 0) {
        return null;
      }
      cx.waker().wake();
      return PENDING;
    }
  }

  @Test
  void wakesFromOtherTasksOnWorkersAreNeverLost() {
    int tasks = 6;
    int wakerTasks = 4;
    int rounds = 10_000;
    List<Probe> probes = new ArrayList<>();
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      Probe p = new Probe(wakerTasks * rounds);
      probes.add(p);
      handles.add(rt.spawn(p));
    }
    for (Probe p : probes) {
      while (p.waker == null) {
        Thread.yield();
      }
    }
    List<JoinHandle<Void>> wakers = new ArrayList<>();
    for (int i = 0; i < wakerTasks; i++) {
      wakers.add(rt.spawn(new WakerTask(probes, rounds)));
    }
    rt.blockOn(Futures.joinAll(wakers));
    rt.blockOn(Futures.joinAll(handles));
    for (Probe p : probes) {
      assertEquals(0, p.overlaps.get(), "no concurrent polls");
    }
  }
}
