package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.TimeoutChurn;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * B6 timeout churn: arm a 10 s timeout and cancel it before it fires, as every guarded call that
 * completes in time does; the score is ns per insert+cancel pair.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.VT_PARALLELISM, Jvm.KOTLIN_DEFAULT_POOL})
public class B6TimerChurn {
  /** Insert+cancel pairs per invocation. */
  static final int OPS = 10_000;

  private static final Runnable NOTHING = () -> {};
  private static final TimerTask NO_TIMER_TASK = timeout -> {};

  private ScheduledThreadPoolExecutor scheduler;
  private HashedWheelTimer wheel;
  private MachinaRuntime runtime;

  @Setup(Level.Trial)
  public void start() {
    runtime = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
    scheduler = new ScheduledThreadPoolExecutor(Jvm.WORKERS);
    scheduler.setRemoveOnCancelPolicy(true);
    wheel = new HashedWheelTimer(1, TimeUnit.MILLISECONDS, 1024);
    wheel.start();
  }

  @TearDown(Level.Trial)
  public void stop() {
    scheduler.shutdownNow();
    wheel.stop();
    runtime.close();
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public int machinaTimeout() {
    return runtime.blockOn(new TimeoutChurn(OPS));
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public int scheduledThreadPoolExecutor() {
    int cancelled = 0;
    for (int i = 0; i < OPS; i++) {
      ScheduledFuture<?> f = scheduler.schedule(NOTHING, 10, TimeUnit.SECONDS);
      if (f.cancel(false)) {
        cancelled++;
      }
    }
    return cancelled;
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public int nettyHashedWheelTimer() {
    int cancelled = 0;
    for (int i = 0; i < OPS; i++) {
      Timeout t = wheel.newTimeout(NO_TIMER_TASK, 10, TimeUnit.SECONDS);
      if (t.cancel()) {
        cancelled++;
      }
    }
    return cancelled;
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long kotlinWithTimeout() {
    return KotlinPeers.timeoutChurn(OPS);
  }
}
