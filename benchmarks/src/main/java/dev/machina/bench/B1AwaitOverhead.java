package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.FibAsync;
import dev.machina.bench.peers.CfFib;
import dev.machina.bench.peers.SyncFib;
import java.util.concurrent.TimeUnit;
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

/**
 * B1 await overhead: recursive fib(27) where each call awaits its two children, which complete
 * without suspending; the score is ns per call, to be read as a ratio to {@link #syncFib}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.VT_PARALLELISM, Jvm.KOTLIN_DEFAULT_POOL})
public class B1AwaitOverhead {
  /** The argument of fib. */
  static final int N = 27;

  /** Calls fib(27) makes in all; JMH divides each invocation's time by it. */
  static final int CALLS = 635_621;

  /** Read from a field so that the JIT cannot fold the call. */
  int n = N;

  private MachinaRuntime runtime;

  @Setup(Level.Trial)
  public void start() {
    runtime = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
    if (SyncFib.calls(N) != CALLS) {
      throw new AssertionError("CALLS must be " + SyncFib.calls(N));
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
  }

  /** The generated machine, run by {@code blockOn} on the calling thread (as runBlocking does). */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int machinaFib() {
    return runtime.blockOn(FibAsync.fib(n));
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int syncFib() {
    return SyncFib.fib(n);
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int kotlinSuspendFib() {
    return KotlinPeers.fibBlocking(n);
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int completableFutureFib() {
    return CfFib.fib(n).join();
  }
}
