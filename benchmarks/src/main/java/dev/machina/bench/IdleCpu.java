package dev.machina.bench;

import dev.machina.JoinHandle;
import dev.machina.MachinaRuntime;
import dev.machina.net.TcpListener;
import dev.machina.time.Time;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Idle CPU: CPU time that a started Machina runtime with no work burns (its workers, which also
 * drive the selector and the timers when idle), measured per thread over a few seconds; it must be about zero (no spinning).
 * {@code java -cp benchmarks.jar dev.machina.bench.IdleCpu [seconds]}
 */
public final class IdleCpu {
  private IdleCpu() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Set<Long> before = ids(threads);
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build()) {
      // Start every part of the runtime: workers, timers, and a reactor with one pending accept.
      rt.blockOn(Time.sleep(Duration.ofMillis(10)));
      TcpListener listener = TcpListener.bind("127.0.0.1", 0);
      JoinHandle<?> accept = rt.spawn(listener.accept());
      Thread.sleep(500);
      Set<Long> runtimeThreads = ids(threads);
      runtimeThreads.removeAll(before);
      long cpu0 = cpu(threads, runtimeThreads);
      long process0 = processCpu();
      Thread.sleep(seconds * 1000L);
      long cpu1 = cpu(threads, runtimeThreads);
      long process1 = processCpu();
      System.out.printf(
          "IdleCpu runtimeThreads=%d runtimeCpu=%.2fms over %ds (%.4f%% of one core)"
              + " wholeProcessCpu=%.1fms jdk=%s%n",
          runtimeThreads.size(),
          (cpu1 - cpu0) / 1e6,
          seconds,
          100.0 * (cpu1 - cpu0) / (seconds * 1e9),
          (process1 - process0) / 1e6,
          System.getProperty("java.version"));
      accept.cancel();
      listener.close();
    }
  }

  private static Set<Long> ids(ThreadMXBean threads) {
    Set<Long> ids = new HashSet<>();
    Arrays.stream(threads.getAllThreadIds()).forEach(ids::add);
    return ids;
  }

  private static long cpu(ThreadMXBean threads, Set<Long> ids) {
    long sum = 0;
    for (long id : ids) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }
}
