package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Futures;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.internal.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spawn storms on the work-stealing runtime (one to four workers): a random tree of tasks whose
 * nodes spawn children and join them one by one, with {@code joinAll}, with {@code selectAll}
 * (losers cancelled), inline in their own task, or not at all (detached); some tasks are cancelled
 * from another thread. Every value equals what the tree's seed says, every started body runs its
 * finally block exactly once, and every task ends.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SpawnStormStressTest {
  private static final int SEQUENTIAL = 0;
  private static final int JOIN_ALL = 1;
  private static final int SELECT = 2;
  private static final int INLINE = 3;
  private static final int DETACHED = 4;
  private static final int MAX_FAN = 4;

  private final Tally tally = new Tally();

  @Test
  void spawnTreesWithJoinsSelectsAndCancels() {
    String name = "spawnTreesWithJoinsSelectsAndCancels";
    int rounds = StressRounds.run(name, 1200, 30, this::round);
    tally.report(name, rounds, "tasks", "task with value", "task cancelled",
        "task cancelled before its body started", "root value", "single worker",
        "several workers");
  }

  private void round(SplittableRandom random) throws Throwable {
    Storm storm = new Storm();
    int depth = 2 + random.nextInt(4);
    long rootSeed = random.nextLong();
    boolean kills = random.nextInt(3) == 0;
    int workers = 1 + random.nextInt(4);
    tally.add(workers == 1 ? "single worker" : "several workers");
    try (StressRounds.Rt rt = new StressRounds.Rt("storm", workers)) {
      StressRounds.describeWith(() -> workers + " workers, depth " + depth + ", nodes "
          + storm.nodes.size() + ", entered " + storm.entered + ", exited " + storm.exited);
      Node root = new Node(rootSeed, depth, storm);
      Chaos chaos = new Chaos();
      if (kills) {
        SplittableRandom forCanceller = random.split();
        chaos.add("canceller", () -> {
          for (int k = forCanceller.nextInt(20); k > 0; k--) {
            StressRounds.spin(forCanceller.nextInt(3000));
            List<Node> spawned = new ArrayList<>(storm.nodes);
            Node victim = spawned.get(forCanceller.nextInt(spawned.size()));
            if (victim.handle != null) {
              victim.handle.cancel();
            }
          }
        });
      }
      storm.nodes.add(root);
      chaos.start();
      Long value = null;
      try {
        value = rt.runtime.blockOn(root);
      } catch (CancellationException e) {
        assertTrue(kills, "only a cancel from outside can cancel the root's work");
      }
      chaos.join();
      if (value != null) {
        tally.add("root value");
        assertEquals(expected(rootSeed, depth), value.longValue(), "root value");
      }
      // Wait for every task, the detached ones and what they spawned included.
      int checked = 0;
      while (checked < storm.nodes.size()) {
        List<Node> all = new ArrayList<>(storm.nodes);
        for (Node n : all.subList(checked, all.size())) {
          if (n.handle != null) {
            checkOutcome(n);
          }
        }
        checked = all.size();
      }
      for (Node n : storm.nodes) {
        assertTrue(n.entered.get() <= 1, "a body started twice");
        assertEquals(n.entered.get(), n.exited.get(), "started bodies end once: " + n);
      }
      assertEquals(storm.entered.get(), storm.exited.get());
    }
  }

  private void checkOutcome(Node n) throws Exception {
    tally.add("tasks");
    try {
      long v = n.handle.toCompletableFuture().get(20, TimeUnit.SECONDS);
      tally.add("task with value");
      assertEquals(expected(n.seed, n.depth), v, "value of " + n);
      assertEquals(1, n.entered.get(), "a task with a value ran its body");
    } catch (CancellationException e) {
      // a select loser, a cancel from outside, or a parent cancelled while it joined this one
      cancelled(n);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof CancellationException)) {
        throw e;
      }
      cancelled(n);
    }
  }

  private void cancelled(Node n) {
    tally.add(n.entered.get() == 0 ? "task cancelled before its body started" : "task cancelled");
  }

  /** The choices a node makes, drawn from its seed in this order. */
  static final class Plan {
    final int fan;
    final int mode;
    final int yields;
    final long[] childSeeds;

    Plan(long seed, int depth) {
      SplittableRandom r = new SplittableRandom(seed);
      fan = depth == 0 ? 0 : r.nextInt(MAX_FAN + 1);
      mode = r.nextInt(5);
      yields = r.nextInt(3);
      childSeeds = new long[fan];
      for (int k = 0; k < fan; k++) {
        childSeeds[k] = r.nextLong();
      }
    }
  }

  /** The value a node of this seed and depth returns when nothing cancels it. */
  static long expected(long seed, int depth) {
    Plan plan = new Plan(seed, depth);
    long own = seed & 0xFFFF;
    if (plan.mode == SELECT || plan.mode == DETACHED) {
      return own;
    }
    long sum = own;
    for (long child : plan.childSeeds) {
      sum += expected(child, depth - 1);
    }
    return sum;
  }

  /** What one storm shares: every node created, and how many bodies started and ended. */
  static final class Storm {
    final ConcurrentLinkedQueue<Node> nodes = new ConcurrentLinkedQueue<>();
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger exited = new AtomicInteger();
  }

  /**
   * Hand-written form of a node: {@code entered++; try { repeat yields: await(yieldNow()); spawn
   * or create the children and join them as the plan says; return value; } finally { exited++; }}.
   */
  static final class Node extends Machine<Long> {
    final long seed;
    final int depth;
    final Storm storm;
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger exited = new AtomicInteger();
    /** The node's own task, if it was spawned (set before the task can be cancelled by chaos). */
    volatile JoinHandle<Long> handle;
    private Plan plan;
    private int yielded;
    private final List<JoinHandle<Long>> children = new ArrayList<>();
    private int joined;
    private long sum;

    Node(long seed, int depth, Storm storm) {
      this.seed = seed;
      this.depth = depth;
      this.storm = storm;
    }

    @Override
    @SuppressWarnings({"fallthrough", "unchecked"})
    protected Object step(Context cx, int nested) throws Throwable {
      try {
        for (;;) {
          switch (state) {
            case 0:
              entered.incrementAndGet();
              storm.entered.incrementAndGet();
              plan = new Plan(seed, depth);
              sum = seed & 0xFFFF;
              state = 1;
              // fall through
            case 1:
              if (yielded < plan.yields) {
                yielded++;
                awaiting = Machina.yieldNow();
                state = 2;
                continue;
              }
              state = 3;
              continue;
            case 2:
              if (awaited(cx, nested) == SUSPENDED) {
                return SUSPENDED;
              }
              state = 1;
              continue;
            case 3:
              if (plan.mode == INLINE) {
                List<Future<Long>> inline = new ArrayList<>();
                for (long s : plan.childSeeds) {
                  Node child = new Node(s, depth - 1, storm);
                  storm.nodes.add(child);
                  inline.add(child);
                }
                awaiting = Futures.joinAll(inline);
                state = 10;
                continue;
              }
              for (long s : plan.childSeeds) {
                Node child = new Node(s, depth - 1, storm);
                JoinHandle<Long> h = Machina.spawn(child);
                child.handle = h;
                storm.nodes.add(child);
                children.add(h);
              }
              if (plan.mode == DETACHED || plan.fan == 0) {
                return finish(plan.mode == SELECT || plan.mode == DETACHED ? seed & 0xFFFF : sum);
              }
              if (plan.mode == JOIN_ALL) {
                awaiting = Futures.joinAll(children);
                state = 10;
                continue;
              }
              if (plan.mode == SELECT) {
                awaiting = Futures.selectAll(children);
                state = 20;
                continue;
              }
              state = 4; // SEQUENTIAL
              // fall through
            case 4:
              if (joined == children.size()) {
                return finish(sum);
              }
              awaiting = children.get(joined);
              state = 5;
              // fall through
            case 5: {
              Object r = awaited(cx, nested);
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              sum += (Long) r;
              joined++;
              state = 4;
              continue;
            }
            case 10: {
              Object r = awaited(cx, nested);
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              for (Long v : (List<Long>) r) {
                sum += v;
              }
              return finish(sum);
            }
            case 20: {
              Object r = awaited(cx, nested);
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              long winner = (Long) r;
              boolean known = false;
              for (long s : plan.childSeeds) {
                known |= expected(s, depth - 1) == winner;
              }
              if (!known) {
                throw new AssertionError("select gave " + winner + ", no child's value");
              }
              return finish(seed & 0xFFFF);
            }
            default:
              throw new IllegalStateException("state " + state);
          }
        }
      } catch (Throwable e) {
        exited.incrementAndGet();
        storm.exited.incrementAndGet();
        throw e;
      }
    }

    private Object finish(long value) {
      exited.incrementAndGet();
      storm.exited.incrementAndGet();
      return value;
    }

    @Override
    public String toString() {
      return "Node[seed " + seed + ", depth " + depth + ", entered " + entered + ", exited "
          + exited + "]";
    }
  }
}
