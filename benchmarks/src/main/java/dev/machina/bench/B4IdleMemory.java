package dev.machina.bench;

import dev.machina.JoinHandle;
import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.IdleCoroutines;
import dev.machina.bench.machina.IdleAsync;
import dev.machina.bench.machina.Idle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * B4 idle memory: the heap retained per task while a million tasks are suspended on a future that
 * has not completed, measured after full GCs (not JMH). Run one peer per JVM:
 * {@code java -XX:+UseSerialGC -Xmx4g -cp benchmarks.jar dev.machina.bench.B4IdleMemory <peer> [tasks]}
 * with peer one of {@code machina}, {@code kotlin}, {@code virtual-threads}.
 */
public final class B4IdleMemory {
  /** A set of tasks that park until released. */
  interface IdleTasks {
    /** Starts the tasks and returns once every one is suspended. */
    void start() throws Exception;

    /** Lets them all finish, waits for them, and returns how many finished. */
    int release() throws Exception;
  }

  private B4IdleMemory() {}

  public static void main(String[] args) throws Exception {
    String peer = args.length > 0 ? args[0] : "machina";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    // A small round first loads the classes and starts the worker threads outside the measurement.
    IdleTasks warm = create(peer, 1000);
    warm.start();
    warm.release();
    IdleTasks idle = create(peer, tasks);
    long before = Heap.usedAfterGc();
    idle.start();
    Thread.sleep(200);
    long after = Heap.usedAfterGc();
    int finished = idle.release();
    System.out.printf(
        "B4 idle-memory peer=%s tasks=%d bytes-per-task=%.1f finished=%d jdk=%s%n",
        peer,
        tasks,
        (after - before) / (double) tasks,
        finished,
        System.getProperty("java.version"));
  }

  static IdleTasks create(String peer, int tasks) {
    switch (peer) {
      case "kotlin":
        IdleCoroutines coroutines = new IdleCoroutines(tasks);
        return new IdleTasks() {
          @Override
          public void start() {
            coroutines.start();
          }

          @Override
          public int release() {
            return coroutines.release();
          }
        };
      case "machina":
        return new MachinaIdleTasks(tasks);
      case "virtual-threads":
        return new ParkedVirtualThreads(tasks);
      default:
        throw new IllegalArgumentException("unknown peer " + peer);
    }
  }

  /** Machina tasks (an {@code @Async} machine each) waiting on one shared Notify. */
  static final class MachinaIdleTasks implements IdleTasks {
    private static final MachinaRuntime RUNTIME =
        MachinaRuntime.builder().workerThreads(Jvm.WORKERS).daemon(true).build();

    private final Idle.Group group = new Idle.Group();
    private final JoinHandle<?>[] handles;

    MachinaIdleTasks(int tasks) {
      handles = new JoinHandle<?>[tasks];
    }

    @Override
    public void start() throws InterruptedException {
      for (int i = 0; i < handles.length; i++) {
        handles[i] = RUNTIME.spawn(IdleAsync.idle(group));
      }
      while (group.parked() < handles.length) {
        Thread.sleep(1);
      }
    }

    @Override
    public int release() throws InterruptedException {
      // A task counts itself just before it awaits, so keep notifying until every one has run.
      while (group.finished() < handles.length) {
        group.open();
        Thread.sleep(10);
      }
      for (JoinHandle<?> h : handles) {
        RUNTIME.blockOn(h);
      }
      return group.finished();
    }
  }

  /** Virtual threads parked on one latch. */
  static final class ParkedVirtualThreads implements IdleTasks {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final Thread[] threads;

    ParkedVirtualThreads(int tasks) {
      threads = new Thread[tasks];
    }

    @Override
    public void start() throws InterruptedException {
      Runnable body =
          () -> {
            parked.incrementAndGet();
            try {
              gate.await();
              finished.incrementAndGet();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      for (int i = 0; i < threads.length; i++) {
        threads[i] = VirtualThreads.start(body);
      }
      while (parked.get() < threads.length) {
        Thread.sleep(1);
      }
    }

    @Override
    public int release() throws InterruptedException {
      gate.countDown();
      for (Thread t : threads) {
        t.join();
      }
      return finished.get();
    }
  }
}
