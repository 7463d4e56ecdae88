package dev.machina.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Machina;
import dev.machina.Manual;
import dev.machina.Waker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Machine trampoline, driven by hand-written machines shaped like generated ones. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MachineTest {
  /** Counts every step of every machine in one test. */
  static final class Counter {
    final AtomicInteger steps = new AtomicInteger();
    final List<Integer> cleanedUp = new ArrayList<>();
  }

  /**
   * {@code int chain(depth) { try { return 1 + await(depth == 0 ? leaf : chain(depth - 1)); }
   * catch (Throwable e) { cleanedUp.add(depth); throw e; } }}
   */
  static final class Chain extends Machine<Integer> {
    final int depth;
    final Future<Integer> leaf;
    final Counter counter;

    Chain(int depth, Future<Integer> leaf, Counter counter) {
      this.depth = depth;
      this.leaf = leaf;
      this.counter = counter;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step(Context cx, int nested) throws Throwable {
      counter.steps.incrementAndGet();
      switch (state) {
        case 0:
          awaiting = depth == 0 ? leaf : new Chain(depth - 1, leaf, counter);
          state = 1;
          // fall through
        case 1:
          try {
            Object r = awaited(cx, nested);
            if (r == SUSPENDED) {
              return SUSPENDED;
            }
            return (Integer) r + 1;
          } catch (Throwable e) {
            counter.cleanedUp.add(depth);
            throw e;
          }
        default:
          throw new IllegalStateException("state " + state);
      }
    }
  }

  /**
   * {@code try { await(work); } finally { await(cleanup); cleaned = true; }}: cleanup that
   * itself awaits.
   */
  static final class AwaitingCleanup extends Machine<String> {
    final Future<String> work;
    final Future<String> cleanup;
    Throwable pending;
    volatile boolean cleaned;

    AwaitingCleanup(Future<String> work, Future<String> cleanup) {
      this.work = work;
      this.cleanup = cleanup;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step(Context cx, int nested) throws Throwable {
      Object r;
      switch (state) {
        case 0:
          awaiting = work;
          state = 1;
          // fall through
        case 1:
          try {
            if ((r = awaited(cx, nested)) == SUSPENDED) {
              return SUSPENDED;
            }
          } catch (Throwable e) {
            pending = e;
          }
          awaiting = cleanup;
          state = 2;
          // fall through
        case 2:
          if ((r = awaited(cx, nested)) == SUSPENDED) {
            return SUSPENDED;
          }
          cleaned = true;
          if (pending != null) {
            throw pending;
          }
          return "done";
        default:
          throw new IllegalStateException("state " + state);
      }
    }
  }

  /** Polls {@code f} by hand until it completes, refilling the budget as an executor would. */
  static Object drive(Future<?> f) throws Throwable {
    Context cx = Context.of(Waker.noop());
    for (;;) {
      cx.resetBudget();
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        return r;
      }
    }
  }

  @Test
  void millionDeepChainCompletesInConstantStack() throws Throwable {
    Counter c = new Counter();
    Chain root = new Chain(1_000_000, Future.ready(0), c);
    assertEquals(1_000_001, drive(root));
  }

  @Test
  void millionDeepChainRunsThroughBlockOn() {
    Chain root = new Chain(1_000_000, Future.ready(0), new Counter());
    assertEquals(1_000_001, Machina.blockOn(root));
  }

  @Test
  void wakeAtDepthResumesTheInnermostMachineOnly() throws Throwable {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    Chain root = new Chain(1000, leaf, c);
    AtomicInteger wakes = new AtomicInteger();
    Context cx = Context.of(wakes::incrementAndGet);
    Object r;
    int polls = 0;
    do {
      cx.resetBudget();
      r = root.poll(cx);
      polls++;
    } while (r == Future.PENDING && !leaf.polled());
    assertSame(Future.PENDING, r);
    assertEquals(1, polls, "awaiting machines charges no budget: one poll reaches the leaf");
    assertEquals(1001, c.steps.get(), "each machine stepped once on the way down");
    assertEquals(0, wakes.get(), "no yield on the way");

    c.steps.set(0);
    leaf.wakeWaiter();
    assertEquals(1, wakes.get(), "the leaf woke the task's waker");
    cx.resetBudget();
    assertSame(Future.PENDING, root.poll(cx));
    assertEquals(1, c.steps.get(), "only the innermost machine ran");
    assertEquals(2, leaf.polls.get());

    c.steps.set(0);
    leaf.complete(0);
    cx.resetBudget();
    assertEquals(1001, root.poll(cx));
    assertEquals(1001, c.steps.get(), "each machine resumed once on the way up");
  }

  @Test
  void failurePropagatesAsTheOriginalThrowable() {
    IOException boom = new IOException("boom");
    Counter c = new Counter();
    Chain root = new Chain(10_000, Future.failed(boom), c);
    IOException thrown = assertThrows(IOException.class, () -> drive(root));
    assertSame(boom, thrown);
    assertEquals(10_001, c.cleanedUp.size(), "every level saw the failure");
  }

  @Test
  void failureThroughBlockOnIsTheCheckedOriginal() {
    IOException boom = new IOException("boom");
    Chain root = new Chain(100, Future.failed(boom), new Counter());
    assertSame(boom, assertThrows(IOException.class, () -> Machina.blockOn(root)));
  }

  @Test
  void cancelOfPendingChainRunsCancellationThroughEveryLevel() throws Throwable {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    Chain root = new Chain(100, leaf, c);
    Context cx = Context.of(Waker.noop());
    while (!leaf.polled()) {
      cx.resetBudget();
      assertSame(Future.PENDING, root.poll(cx));
    }
    root.cancel();
    assertTrue(leaf.cancelled, "the awaited leaf was cancelled");
    List<Integer> expected = new ArrayList<>();
    for (int d = 0; d <= 100; d++) {
      expected.add(d);
    }
    assertEquals(expected, c.cleanedUp, "handlers ran innermost first");
    assertThrows(CancellationException.class, () -> root.poll(cx));
  }

  @Test
  void cancelOfMillionDeepPendingChainDoesNotOverflow() {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    Chain root = new Chain(1_000_000, leaf, c);
    Context cx = Context.of(Waker.noop());
    while (!leaf.polled()) {
      cx.resetBudget();
      try {
        root.poll(cx);
      } catch (Throwable e) {
        throw new AssertionError(e);
      }
    }
    root.cancel();
    assertEquals(1_000_001, c.cleanedUp.size());
    assertThrows(CancellationException.class, () -> root.poll(cx));
  }

  @Test
  void cancelBeforeFirstPollRunsNothing() {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    Chain root = new Chain(5, leaf, c);
    root.cancel();
    assertThrows(CancellationException.class, () -> root.poll(Context.of(Waker.noop())));
    assertEquals(0, c.steps.get());
    assertEquals(0, leaf.polls.get());
    assertTrue(c.cleanedUp.isEmpty());
  }

  @Test
  void cancelOfCompletedMachineDoesNothing() throws Throwable {
    Chain root = new Chain(3, Future.ready(1), new Counter());
    assertEquals(5, drive(root));
    root.cancel();
  }

  @Test
  void cleanupThatAwaitsFinishesWhenPolledAfterCancel() throws Throwable {
    Manual<String> work = new Manual<>();
    Manual<String> cleanup = new Manual<>();
    AwaitingCleanup m = new AwaitingCleanup(work, cleanup);
    Context cx = Context.of(Waker.noop());
    assertSame(Future.PENDING, m.poll(cx));
    m.cancel();
    assertTrue(work.cancelled);
    assertSame(Future.PENDING, m.poll(cx), "cleanup is waiting");
    cleanup.complete("closed");
    assertThrows(CancellationException.class, () -> m.poll(cx));
    assertTrue(m.cleaned);
  }

  @Test
  void machineAwaitedTwiceFailsClearly() throws Throwable {
    Chain shared = new Chain(0, Future.ready(0), new Counter());
    assertEquals(1, drive(shared));
    Machine<Integer> parent = new Machine<>() {
      @Override
      protected Object step(Context cx, int nested) throws Throwable {
        if (state == 0) {
          awaiting = shared;
          state = 1;
        }
        Object r = awaited(cx, nested);
        return r == SUSPENDED ? SUSPENDED : r;
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> drive(parent));
    assertTrue(e.getMessage().contains("awaited once"), e.getMessage());
  }
  @Test
  void nestedCalleesRunOnThePollersStackAndASuspendedOneIsNotSteppedTwice() throws Throwable {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    Chain root = new Chain(50, leaf, c);
    AtomicInteger wakes = new AtomicInteger();
    Context cx = Context.of(wakes::incrementAndGet);
    assertSame(Future.PENDING, root.poll(cx));
    assertEquals(51, c.steps.get(), "each machine stepped once on the way down, none twice");
    assertEquals(1, leaf.polls.get(), "the pending leaf was polled once, not again by a walk");
    assertEquals(0, wakes.get());
    c.steps.set(0);
    cx.resetBudget();
    assertSame(Future.PENDING, root.poll(cx));
    assertEquals(1, c.steps.get(), "a machine linked by a nested step resumes alone");
    leaf.complete(7);
    cx.resetBudget();
    assertEquals(58, root.poll(cx));
  }

  @Test
  void nestedStepsAreBoundedSoASmallStackSuffices() throws Throwable {
    // 100_000 levels of direct recursion would overflow a 256 KiB stack; at most
    // Machine.MAX_NESTED machines are stepped on the stack at once.
    Object[] result = new Object[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = drive(new Chain(100_000, Future.ready(0), new Counter()));
              } catch (Throwable e) {
                result[0] = e;
              }
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join();
    assertEquals(100_001, result[0]);
  }

  /** {@code long n = 0; while (true) { await(Future.ready(null)); n++; }}: a busy leaf loop. */
  static final class BusyLoop extends Machine<Integer> {
    long iterations;

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          awaiting = Future.ready(null);
          state = 1;
        }
        if (awaited(cx, nested) == SUSPENDED) {
          return SUSPENDED;
        }
        iterations++;
        state = 0;
      }
    }
  }

  @Test
  void leafAwaitsStillChargeTheBudgetBelowAChainOfMachines() throws Throwable {
    BusyLoop loop = new BusyLoop();
    Chain root = new Chain(200, loop, new Counter());
    AtomicInteger wakes = new AtomicInteger();
    Context cx = Context.of(wakes::incrementAndGet);
    assertSame(Future.PENDING, root.poll(cx), "the busy leaf loop yields");
    assertEquals(1, wakes.get(), "after waking its task once");
    assertEquals(Context.BUDGET, loop.iterations, "each leaf await charged one unit");
    cx.resetBudget();
    assertSame(Future.PENDING, root.poll(cx));
    assertEquals(2 * Context.BUDGET, loop.iterations, "the next poll resumed the loop itself");
  }

  @Test
  void awaitingACancelledMachineThrowsItsCancellation() throws Throwable {
    Manual<Integer> leaf = new Manual<>();
    Chain child = new Chain(3, leaf, new Counter());
    Context cx = Context.of(Waker.noop());
    assertSame(Future.PENDING, child.poll(cx));
    child.cancel();
    Machine<Integer> parent = new Machine<>() {
      @Override
      protected Object step(Context cx, int nested) throws Throwable {
        if (state == 0) {
          awaiting = child;
          state = 1;
        }
        Object r = awaited(cx, nested);
        return r == SUSPENDED ? SUSPENDED : r;
      }
    };
    assertThrows(CancellationException.class, () -> drive(parent));
  }

  @Test
  void machineSuspendedAsRootResumesWhereItWasWhenAwaitedLater() throws Throwable {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    Chain child = new Chain(300, leaf, c);
    Context cx = Context.of(Waker.noop());
    while (!leaf.polled()) {
      cx.resetBudget();
      assertSame(Future.PENDING, child.poll(cx));
    }
    c.steps.set(0);
    Machine<Integer> parent = new Machine<>() {
      @Override
      protected Object step(Context cx, int nested) throws Throwable {
        if (state == 0) {
          awaiting = child;
          state = 1;
        }
        Object r = awaited(cx, nested);
        return r == SUSPENDED ? SUSPENDED : (Integer) r * 2;
      }
    };
    cx.resetBudget();
    assertSame(Future.PENDING, parent.poll(cx));
    assertEquals(1, c.steps.get(), "only the child's innermost machine ran again");
    assertEquals(2, leaf.polls.get());
    leaf.complete(1);
    assertEquals(2 * 302, drive(parent));
  }

  @Test
  void pollingAMachineThatAnotherAwaitsFailsClearly() throws Throwable {
    Manual<Integer> leaf = new Manual<>();
    Chain child = new Chain(0, leaf, new Counter());
    Machine<Integer> parent = new Machine<>() {
      @Override
      protected Object step(Context cx, int nested) throws Throwable {
        if (state == 0) {
          awaiting = child;
          state = 1;
        }
        Object r = awaited(cx, nested);
        return r == SUSPENDED ? SUSPENDED : r;
      }
    };
    Context cx = Context.of(Waker.noop());
    assertSame(Future.PENDING, parent.poll(cx));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> child.poll(cx));
    assertTrue(e.getMessage().contains("awaited by"), e.getMessage());
  }
  /** {@code return await(inner);} */
  static final class Forward extends Machine<Integer> {
    final Future<Integer> inner;

    Forward(Future<Integer> inner) {
      this.inner = inner;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      if (state == 0) {
        awaiting = inner;
        state = 1;
      }
      Object r = awaited(cx, nested);
      return r == SUSPENDED ? SUSPENDED : r;
    }
  }

  @Test
  void machineCompletedByANestedStepCannotBeAwaitedOrPolledAgain() throws Throwable {
    Chain shared = new Chain(2, Future.ready(0), new Counter());
    assertEquals(3, drive(new Forward(shared)), "completed on the awaiting machine's stack");
    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> drive(new Forward(shared)));
    assertTrue(again.getMessage().contains("awaited once"), again.getMessage());
    IllegalStateException polled =
        assertThrows(IllegalStateException.class, () -> shared.poll(Context.of(Waker.noop())));
    assertTrue(polled.getMessage().contains("polled after it completed"), polled.getMessage());
  }

  /**
   * {@link Chain} as the processor emits it when it knows the callee's machine class: the new
   * callee is stepped directly ({@code nest}, {@code suspendOn}; the trampoline steps it past
   * {@code MAX_NESTED}) and the resume point is entered
   * with its value (it calls {@code awaited} only if {@code awaiting} is set); the leaf is awaited
   * the generic way.
   */
  static final class DirectChain extends Machine<Integer> {
    final int depth;
    final Future<Integer> leaf;
    final Counter counter;

    DirectChain(int depth, Future<Integer> leaf, Counter counter) {
      this.depth = depth;
      this.leaf = leaf;
      this.counter = counter;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step(Context cx, int nested) throws Throwable {
      counter.steps.incrementAndGet();
      Object r = null;
      try {
        switch (state) {
          case 0:
            if (depth == 0) {
              awaiting = leaf;
              state = 1;
            } else {
              DirectChain callee = new DirectChain(depth - 1, leaf, counter);
              state = 1;
              if (nested >= MAX_NESTED) {
                awaiting = callee;
                return SUSPENDED;
              }
              if ((r = nest(callee).step(cx, nested + 1)) == SUSPENDED) {
                return suspendOn(callee);
              }
            }
            // fall through
          case 1:
            if (awaiting != null && (r = awaited(cx, nested)) == SUSPENDED) {
              return SUSPENDED;
            }
            return (Integer) r + 1;
          default:
            throw new IllegalStateException("state " + state);
        }
      } catch (Throwable e) {
        if (state == 1) {
          counter.cleanedUp.add(depth);
        }
        throw e;
      }
    }
  }

  /** Work for {@link #onSmallStack}. */
  interface Body {
    Object call() throws Throwable;
  }

  /** Runs {@code body} on a thread with a 256 KiB stack and returns its result or failure. */
  static Object onSmallStack(Body body) throws Exception {
    Object[] result = new Object[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = body.call();
              } catch (Throwable e) {
                result[0] = e;
              }
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join();
    return result[0];
  }

  @Test
  void directStepsAreBoundedSoASmallStackSuffices() throws Throwable {
    Counter c = new Counter();
    Object r = onSmallStack(() -> drive(new DirectChain(100_000, Future.ready(0), c)));
    assertEquals(100_001, r);
    // Deeper than the nesting bound, machines suspend on the way down and resume on the way up.
    assertTrue(c.steps.get() <= 2 * 100_001, "each machine stepped at most twice: " + c.steps);
    Counter shallow = new Counter();
    assertEquals(21, drive(new DirectChain(20, Future.ready(0), shallow)));
    assertEquals(21, shallow.steps.get(), "within the bound, each machine is stepped once");
  }

  @Test
  void directlySteppedCalleeThatSuspendsIsLinkedAndResumedAlone() throws Throwable {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    DirectChain root = new DirectChain(50, leaf, c);
    Context cx = Context.of(Waker.noop());
    assertSame(Future.PENDING, root.poll(cx));
    assertEquals(51, c.steps.get(), "each machine stepped once on the way down, none twice");
    assertEquals(1, leaf.polls.get());
    c.steps.set(0);
    cx.resetBudget();
    assertSame(Future.PENDING, root.poll(cx));
    assertEquals(1, c.steps.get(), "only the innermost machine is resumed");
    leaf.complete(7);
    cx.resetBudget();
    assertEquals(58, root.poll(cx));
    assertTrue(root.isDone());
  }

  @Test
  void failureOfADirectlySteppedCalleeReachesEveryCallersHandler() throws Exception {
    Counter c = new Counter();
    IOException boom = new IOException("boom");
    Object r = onSmallStack(() -> drive(new DirectChain(1000, Future.failed(boom), c)));
    assertSame(boom, r);
    List<Integer> expected = new ArrayList<>();
    for (int d = 0; d <= 1000; d++) {
      expected.add(d);
    }
    assertEquals(expected, c.cleanedUp, "handlers ran innermost first, once each");
  }

  @Test
  void cancelOfAPendingDirectChainRunsCancellationThroughEveryLevel() throws Throwable {
    Counter c = new Counter();
    Manual<Integer> leaf = new Manual<>();
    DirectChain root = new DirectChain(100, leaf, c);
    assertSame(Future.PENDING, root.poll(Context.of(Waker.noop())));
    root.cancel();
    assertTrue(leaf.cancelled, "the awaited leaf was cancelled");
    assertEquals(101, c.cleanedUp.size());
    assertEquals(0, c.cleanedUp.get(0), "innermost first");
    assertThrows(CancellationException.class, () -> root.poll(Context.of(Waker.noop())));
  }
}
