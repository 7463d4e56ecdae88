package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.SpawnJoinAsync;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** B2 spawn: spawn a million trivial tasks, then join each; the score is ns per task. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.VT_PARALLELISM, Jvm.KOTLIN_DEFAULT_POOL})
public class B2Spawn {
  /** Tasks per invocation. */
  static final int TASKS = 1_000_000;

  private static final Supplier<Integer> ONE = () -> 1;
  private static final Runnable NOTHING = () -> {};

  private ForkJoinPool pool;
  private MachinaRuntime runtime;

  @Setup(Level.Trial)
  public void start() {
    pool = new ForkJoinPool(Jvm.WORKERS);
    runtime = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    pool.shutdown();
    runtime.close();
  }

  /** A task on a worker spawns and joins them, as Kotlin's runBlocking(Dispatchers.Default) does. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long machinaSpawn() {
    return runtime.blockOn(runtime.spawn(SpawnJoinAsync.spawnJoin(TASKS)));
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long completableFutureSupplyAsync() {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] tasks = new CompletableFuture[TASKS];
    for (int i = 0; i < TASKS; i++) {
      tasks[i] = CompletableFuture.supplyAsync(ONE, pool);
    }
    long sum = 0;
    for (CompletableFuture<Integer> t : tasks) {
      sum += t.join();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long kotlinAsync() {
    return KotlinPeers.spawnJoin(TASKS);
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int virtualThreads() throws InterruptedException {
    VirtualThreads.require();
    Thread[] threads = new Thread[TASKS];
    for (int i = 0; i < TASKS; i++) {
      threads[i] = VirtualThreads.start(NOTHING);
    }
    for (Thread t : threads) {
      t.join();
    }
    return threads.length;
  }
}
