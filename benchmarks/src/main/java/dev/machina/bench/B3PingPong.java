package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.PingPongAsync;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * B3 ping-pong: two tasks pass a number back and forth over two channels a million times; the
 * score is ns per round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.VT_PARALLELISM, Jvm.KOTLIN_DEFAULT_POOL})
public class B3PingPong {
  /** Round trips per invocation. */
  static final int ROUND_TRIPS = 1_000_000;

  private MachinaRuntime runtime;

  @Setup(Level.Trial)
  public void start() {
    runtime = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
  }

  /** Both tasks on the runtime's workers, over two channels of capacity 1. */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public long machinaChannels() {
    return runtime.blockOn(runtime.spawn(PingPongAsync.pingPong(ROUND_TRIPS)));
  }

  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public long kotlinRendezvousChannel() {
    return KotlinPeers.pingPong(ROUND_TRIPS);
  }

  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public long virtualThreadsSynchronousQueue() throws InterruptedException {
    return virtualThreadPingPong(ROUND_TRIPS);
  }

  /** {@code n} round trips between two virtual threads over two SynchronousQueues; the pong sum. */
  static long virtualThreadPingPong(int n) throws InterruptedException {
    VirtualThreads.require();
    SynchronousQueue<Integer> ping = new SynchronousQueue<>();
    SynchronousQueue<Integer> pong = new SynchronousQueue<>();
    AtomicLong sum = new AtomicLong();
    Thread echo =
        VirtualThreads.start(
            () -> {
              try {
                for (int i = 0; i < n; i++) {
                  pong.put(ping.take() + 1);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Thread driver =
        VirtualThreads.start(
            () -> {
              long s = 0;
              try {
                for (int i = 0; i < n; i++) {
                  ping.put(i);
                  s += pong.take();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              sum.set(s);
            });
    driver.join();
    echo.join();
    return sum.get();
  }
}
