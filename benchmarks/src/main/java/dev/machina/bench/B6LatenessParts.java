package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.machina.StampedSleepersAsync;
import java.util.SplittableRandom;

/**
 * Diagnostic for B6: Machina's lateness split into fire delay (the wheel fired the timer after its
 * deadline) and run delay (the task ran after its timer fired), with when the sleeps' bodies first
 * ran and, per 100 ms of deadlines, the worst fire and run delays. Same sleeps as
 * {@link B6TimerLateness}
 * ({@code java -cp benchmarks.jar dev.machina.bench.B6LatenessParts [timers]}).
 */
public final class B6LatenessParts {
  private B6LatenessParts() {}

  public static void main(String[] args) {
    int timers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    run(timers / 10, 1);
    long[][] parts = run(timers, 2);
    long[] firstPoll = parts[0];
    long[] fire = parts[1];
    long[] total = parts[2];
    long[] run = new long[timers];
    for (int i = 0; i < timers; i++) {
      run[i] = total[i] - fire[i];
    }
    System.out.printf(
        "B6 parts timers=%d%n  total %s%n  fire  %s%n  run   %s%n  first poll after start %s%n",
        timers, new Lateness(total), new Lateness(fire), new Lateness(run),
        new Lateness(firstPoll));
    // Worst delays per 100 ms of deadline (deadline = first poll + delay, relative to the start).
    long[] delays = delays(timers, 2);
    int buckets = 12;
    long[] worstFire = new long[buckets];
    long[] worstRun = new long[buckets];
    int[] count = new int[buckets];
    for (int i = 0; i < timers; i++) {
      int b = (int) Math.min(buckets - 1, (firstPoll[i] + delays[i]) / 100_000_000L);
      worstFire[b] = Math.max(worstFire[b], fire[i]);
      worstRun[b] = Math.max(worstRun[b], run[i]);
      count[b]++;
    }
    for (int b = 0; b < buckets; b++) {
      System.out.printf(
          "  deadlines %4d-%4d ms: %7d sleeps, worst fire %7.2f ms, worst run %7.2f ms%n",
          b * 100, b * 100 + 100, count[b], worstFire[b] / 1e6, worstRun[b] / 1e6);
    }
  }

  private static long[] delays(int timers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] delays = new long[timers];
    for (int i = 0; i < timers; i++) {
      delays[i] = random.nextLong(1_000_000_000L);
    }
    return delays;
  }

  private static long[][] run(int timers, long seed) {
    long[] delays = delays(timers, seed);
    long[][] parts = new long[3][timers];
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build()) {
      rt.blockOn(rt.spawn(StampedSleepersAsync.sleepAll(delays, parts)));
    }
    return parts;
  }
}
