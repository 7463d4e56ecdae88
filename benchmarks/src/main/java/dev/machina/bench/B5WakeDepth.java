package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.NestAsync;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B5 wake depth: a chain of {@code depth} nested awaits whose innermost one pends and is woken,
 * {@value #WAKES} times per invocation; the score is ns per wake, to be read as the ratio of
 * depth 1000 over depth 1 (1 means a wake costs the same however deep the chain).
 *
 * <p>CompletableFuture has no chain that stays put while its leaf is woken repeatedly; its peer
 * builds {@code depth} dependent stages over a fresh leaf and completes the leaf, per wake, which
 * is how a CompletableFuture program pays for depth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.VT_PARALLELISM, Jvm.KOTLIN_DEFAULT_POOL})
public class B5WakeDepth {
  /** Wakes of the leaf per invocation. */
  static final int WAKES = 1000;

  @Param({"1", "1000"})
  int depth;

  private MachinaRuntime runtime;

  @Setup(Level.Trial)
  public void start() {
    runtime = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
  }

  /** The chain runs as a task on a worker; each yield requeues it there. */
  @Benchmark
  @OperationsPerInvocation(WAKES)
  public int machinaNestedAwait() {
    return runtime.blockOn(runtime.spawn(NestAsync.nest(depth, WAKES)));
  }

  @Benchmark
  @OperationsPerInvocation(WAKES)
  public int kotlinNestedSuspend() {
    return KotlinPeers.nestBlocking(depth, WAKES);
  }

  @Benchmark
  @OperationsPerInvocation(WAKES)
  public int completableFutureChain() {
    int sum = 0;
    for (int w = 0; w < WAKES; w++) {
      CompletableFuture<Integer> leaf = new CompletableFuture<>();
      CompletableFuture<Integer> top = leaf;
      for (int d = 0; d < depth; d++) {
        top = top.thenApply(x -> x + 1);
      }
      leaf.complete(w);
      sum += top.join();
    }
    return sum;
  }
}
