package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.SleepersAsync;
import io.netty.util.HashedWheelTimer;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * B6 timer lateness: a million sleeps with random deadlines within one second; reports how late
 * they wake (p50/p99/max) and the wall time. One peer per JVM:
 * {@code java -cp benchmarks.jar dev.machina.bench.B6TimerLateness <peer> [timers]} with peer one
 * of {@code machina}, {@code stpe}, {@code netty}, {@code kotlin}.
 */
public final class B6TimerLateness {
  /** Runs the sleeps of {@code delaysNanos}, recording each one's lateness in {@code lateNanos}. */
  interface Sleeper {
    void run(long[] delaysNanos, long[] lateNanos) throws Exception;
  }

  private B6TimerLateness() {}

  public static void main(String[] args) throws Exception {
    String peer = args.length > 0 ? args[0] : "machina";
    int timers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Sleeper sleeper = create(peer);
    // A tenth-size round first, so the measured one runs compiled code.
    measure(sleeper, timers / 10, 1);
    long[] late = new long[timers];
    long wall = measure(sleeper, timers, 2, late);
    System.out.printf(
        "B6 timer-lateness peer=%s timers=%d %s wall=%.0fms jdk=%s%n",
        peer, timers, new Lateness(late), wall / 1e6, System.getProperty("java.version"));
  }

  private static long measure(Sleeper sleeper, int timers, long seed) throws Exception {
    return measure(sleeper, timers, seed, new long[timers]);
  }

  private static long measure(Sleeper sleeper, int timers, long seed, long[] late)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    long[] delays = new long[timers];
    for (int i = 0; i < timers; i++) {
      delays[i] = random.nextLong(1_000_000_000L);
    }
    long start = System.nanoTime();
    sleeper.run(delays, late);
    return System.nanoTime() - start;
  }

  static Sleeper create(String peer) {
    switch (peer) {
      case "machina":
        return B6TimerLateness::machina;
      case "stpe":
        return B6TimerLateness::scheduledThreadPool;
      case "netty":
        return B6TimerLateness::hashedWheel;
      case "kotlin":
        return KotlinPeers::sleeps;
      default:
        throw new IllegalArgumentException("unknown peer " + peer);
    }
  }

  static void machina(long[] delays, long[] late) {
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build()) {
      rt.blockOn(rt.spawn(SleepersAsync.sleepAll(delays, late)));
    }
  }

  static void scheduledThreadPool(long[] delays, long[] late) throws InterruptedException {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(Jvm.WORKERS);
    CountDownLatch done = new CountDownLatch(delays.length);
    for (int i = 0; i < delays.length; i++) {
      int slot = i;
      long deadline = System.nanoTime() + delays[i];
      scheduler.schedule(
          () -> {
            late[slot] = System.nanoTime() - deadline;
            done.countDown();
          },
          delays[i],
          TimeUnit.NANOSECONDS);
    }
    done.await();
    scheduler.shutdown();
  }

  static void hashedWheel(long[] delays, long[] late) throws InterruptedException {
    HashedWheelTimer wheel = new HashedWheelTimer(1, TimeUnit.MILLISECONDS, 1024);
    CountDownLatch done = new CountDownLatch(delays.length);
    for (int i = 0; i < delays.length; i++) {
      int slot = i;
      long deadline = System.nanoTime() + delays[i];
      wheel.newTimeout(
          timeout -> {
            late[slot] = System.nanoTime() - deadline;
            done.countDown();
          },
          delays[i],
          TimeUnit.NANOSECONDS);
    }
    done.await();
    wheel.stop();
  }
}
