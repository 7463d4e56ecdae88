package dev.machina.internal.executor;

import dev.machina.Future;
import dev.machina.internal.Machine;
import dev.machina.internal.task.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live tasks and {@code blockOn} calls of a runtime built to track them, and the text of a
 * dump of what each is waiting for.
 *
 * <p>A dump walks each root future down the chain of machines awaiting machines to the leaf they
 * wait on, one line per machine (its {@code toString}: the method and the await it is suspended
 * at, with its source line). It reads the machines without synchronization while workers may
 * be polling them, so a running task can show a state that is already stale; suspended tasks, the
 * ones a dump is for, hold still.
 *
 * <p>Invariant: a task is added before it is first scheduled (so before it can complete) and
 * removed by the worker that ran it to completion, or where it is aborted unscheduled; a task
 * aborted at shutdown stays listed, as the whole registry dies with its runtime.
 */
public final class LiveTasks {
  /** Lines of one chain before the rest is summarised (a chain can be a million deep). */
  static final int MAX_CHAIN_LINES = 24;

  private final AtomicLong spawned = new AtomicLong();
  private final Map<Task<?>, Long> tasks = new ConcurrentHashMap<>();
  private final Map<BlockedThread, Boolean> blockOns = new ConcurrentHashMap<>();

  /** A thread inside {@code blockOn}, and the future it drives. */
  public static final class BlockedThread {
    final Thread thread = Thread.currentThread();
    final Future<?> future;

    BlockedThread(Future<?> future) {
      this.future = future;
    }
  }

  /** Records a task about to be scheduled for the first time. */
  void add(Task<?> task) {
    tasks.put(task, spawned.incrementAndGet());
  }

  /** Forgets a task that completed or was aborted. */
  void remove(Task<?> task) {
    tasks.remove(task);
  }

  /** Records that the calling thread starts driving {@code future} in {@code blockOn}. */
  public BlockedThread enterBlockOn(Future<?> future) {
    BlockedThread b = new BlockedThread(future);
    blockOns.put(b, Boolean.TRUE);
    return b;
  }

  /** Records that the {@code blockOn} of {@code b} returned. */
  public void exitBlockOn(BlockedThread b) {
    blockOns.remove(b);
  }

  /** How many tasks have not completed (or were aborted at shutdown). */
  int taskCount() {
    return tasks.size();
  }

  /** How many threads are inside {@code blockOn}. */
  int blockOnCount() {
    return blockOns.size();
  }

  /** A dump of every live task and {@code blockOn}, headed by {@code runtime}'s description. */
  public String dump(String runtime) {
    List<Map.Entry<Task<?>, Long>> live = new ArrayList<>(tasks.entrySet());
    live.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
    List<BlockedThread> blocked = new ArrayList<>(blockOns.keySet());
    StringBuilder out = new StringBuilder(runtime).append(": ");
    out.append(blocked.size()).append(blocked.size() == 1 ? " blockOn, " : " blockOns, ");
    out.append(live.size()).append(live.size() == 1 ? " task" : " tasks").append('\n');
    for (BlockedThread b : blocked) {
      out.append("blockOn on thread \"").append(b.thread.getName()).append("\"\n");
      chain(out, b.future);
    }
    for (Map.Entry<Task<?>, Long> e : live) {
      Task<?> task = e.getKey();
      Future<?> root = task.futureIfPending();
      if (root == null) {
        continue; // completed since the snapshot
      }
      out.append("task #").append(e.getValue()).append(' ').append(task).append('\n');
      chain(out, root);
    }
    return out.toString();
  }

  /** Appends one line per future from {@code root} down the machines' awaited futures. */
  private static void chain(StringBuilder out, Future<?> root) {
    Future<?> f = root;
    for (int line = 0; f != null; line++) {
      if (line == MAX_CHAIN_LINES) {
        int more = 0;
        for (; f != null && more < 1_000_000; more++) {
          f = f instanceof Machine m ? m.awaitedFuture() : null;
        }
        out.append("  ... ").append(more).append(more == 1_000_000 ? "+" : "")
            .append(" more below\n");
        return;
      }
      out.append(line == 0 || f instanceof Machine ? "  " : "  awaiting ")
          .append(describe(f)).append('\n');
      f = f instanceof Machine m ? m.awaitedFuture() : null;
    }
  }

  /** A future's {@code toString}, or why it could not be had. */
  private static String describe(Future<?> f) {
    try {
      return String.valueOf(f);
    } catch (Throwable e) {
      return f.getClass().getName() + " (toString threw " + e + ")";
    }
  }
}
