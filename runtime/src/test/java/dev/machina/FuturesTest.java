package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Futures.join/joinAll/select/selectAll, polled by hand and on the runtime. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FuturesTest {
  private final AtomicInteger wakes = new AtomicInteger();
  private final Context cx = Context.of(wakes::incrementAndGet);

  private Object poll(Future<?> f) throws Throwable {
    cx.resetBudget();
    return f.poll(cx);
  }

  @Test
  void joinAllKeepsListOrderWhateverTheCompletionOrder() throws Throwable {
    List<Manual<Integer>> ms = List.of(new Manual<>(), new Manual<>(), new Manual<>());
    Future<List<Integer>> all = Futures.joinAll(ms);
    assertSame(Future.PENDING, poll(all));
    ms.get(2).complete(3);
    ms.get(0).complete(1);
    assertSame(Future.PENDING, poll(all));
    ms.get(1).complete(2);
    assertEquals(List.of(1, 2, 3), poll(all));
  }

  @Test
  void joinAllPollsOnlyTheChildrenThatWereWoken() throws Throwable {
    List<Manual<Integer>> ms = List.of(new Manual<>(), new Manual<>(), new Manual<>());
    Future<List<Integer>> all = Futures.joinAll(ms);
    assertSame(Future.PENDING, poll(all));
    ms.get(1).wakeWaiter();
    assertEquals(1, wakes.get(), "a child's wake wakes the parent");
    ms.get(1).wakeWaiter();
    assertSame(Future.PENDING, poll(all));
    assertEquals(1, ms.get(0).polls.get());
    assertEquals(2, ms.get(1).polls.get(), "two wakes merged into one poll");
    assertEquals(1, ms.get(2).polls.get());
  }

  @Test
  void joinAllFailsFastWithTheOriginalAndCancelsTheRest() throws Throwable {
    List<Manual<Integer>> ms = List.of(new Manual<>(), new Manual<>(), new Manual<>());
    ms.get(0).complete(1);
    Future<List<Integer>> all = Futures.joinAll(ms);
    assertSame(Future.PENDING, poll(all));
    IOException boom = new IOException("boom");
    ms.get(1).fail(boom);
    assertSame(boom, assertThrows(IOException.class, () -> poll(all)));
    assertFalse(ms.get(0).cancelled, "a completed child is not cancelled");
    assertFalse(ms.get(1).cancelled);
    assertTrue(ms.get(2).cancelled);
  }

  @Test
  void joinAllOfNothingIsAnEmptyList() throws Throwable {
    assertEquals(List.of(), poll(Futures.joinAll(List.of())));
  }

  @Test
  void cancelOfJoinCancelsUnfinishedChildren() throws Throwable {
    Manual<Integer> a = new Manual<>();
    Manual<Integer> b = new Manual<>();
    b.complete(2);
    Future<List<Integer>> all = Futures.join(a, b);
    assertSame(Future.PENDING, poll(all));
    all.cancel();
    assertTrue(a.cancelled);
    assertFalse(b.cancelled);
  }

  @Test
  void joinOfTwoCombines() {
    Future<String> f = Futures.join(Future.ready(2), Future.ready("x"), (n, s) -> s.repeat(n));
    assertEquals("xx", Machina.blockOn(f));
  }

  @Test
  void selectTakesTheFirstValueAndCancelsTheLosers() throws Throwable {
    List<Manual<String>> ms = List.of(new Manual<>(), new Manual<>(), new Manual<>());
    Future<String> first = Futures.selectAll(ms);
    assertSame(Future.PENDING, poll(first));
    ms.get(1).complete("b");
    assertEquals("b", poll(first));
    assertTrue(ms.get(0).cancelled);
    assertFalse(ms.get(1).cancelled);
    assertTrue(ms.get(2).cancelled);
  }

  @Test
  void selectTakesTheFirstFailureToo() throws Throwable {
    Manual<String> a = new Manual<>();
    Manual<String> b = new Manual<>();
    Future<String> first = Futures.select(a, b);
    assertSame(Future.PENDING, poll(first));
    IOException boom = new IOException();
    b.fail(boom);
    assertSame(boom, assertThrows(IOException.class, () -> poll(first)));
    assertTrue(a.cancelled);
  }

  @Test
  void selectOfReadyFuturesPrefersListOrder() throws Throwable {
    Manual<String> later = new Manual<>();
    assertEquals("a", poll(Futures.select(Future.ready("a"), Future.ready("b"), later)));
    assertTrue(later.cancelled);
    assertEquals(0, later.polls.get(), "children after the winner are not polled");
  }

  @Test
  void selectOfNothingIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Futures.selectAll(List.of()));
  }

  @Test
  void selectOverSpawnedTasksCancelsTheLosingTasks() {
    Manual<String> slow = new Manual<>();
    JoinHandle<String> loser = Machina.spawn(slow);
    JoinHandle<String> winner = Machina.spawn(Future.ready("fast"));
    assertEquals("fast", Machina.blockOn(Futures.select(loser, winner)));
    assertThrows(java.util.concurrent.CancellationException.class, () -> Machina.blockOn(loser));
  }

  @Test
  void joinAllAcrossThreadsCollectsEveryValue() throws Exception {
    int n = 2000;
    List<Manual<Integer>> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ms.add(new Manual<>());
    }
    JoinHandle<List<Integer>> h = Machina.spawn(Futures.joinAll(ms));
    List<Thread> completers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      final int offset = t;
      Thread th = new Thread(() -> {
        for (int i = offset; i < n; i += 4) {
          ms.get(i).complete(i);
        }
      });
      completers.add(th);
      th.start();
    }
    for (Thread th : completers) {
      th.join();
    }
    List<Integer> values = Machina.blockOn(h);
    for (int i = 0; i < n; i++) {
      assertEquals(i, values.get(i));
    }
  }
}
