package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.fail;

import dev.machina.MachinaRuntime;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a stress test as seeded rounds, each under a watchdog: every random choice of a round comes
 * from its {@link SplittableRandom}, a failure names the seed that reproduces it, and a round that
 * does not end within its bound fails with a dump of every thread.
 *
 * <p>{@code -Dmachina.stress.seed=N} fixes the seed of the first round (round {@code r} uses
 * {@code N + r}); {@code -Dmachina.stress.rounds=N} overrides every test's number of rounds. So the
 * message of a failing round, rerun with its seed and one round, replays the same choices.
 */
final class StressRounds {
  /** The system property holding the seed of the first round. */
  static final String SEED = "machina.stress.seed";
  /** The system property overriding the number of rounds. */
  static final String ROUNDS = "machina.stress.rounds";

  /** What the running round says about its state when it hangs; reset before each round. */
  private static volatile java.util.function.Supplier<String> describer = () -> "";

  /** Whether a hang is also printed to standard error (the harness's own test turns it off). */
  static volatile boolean printHangs = true;

  private StressRounds() {}

  /** Lets the running round add its own state (queues, counters) to the report of a hang. */
  static void describeWith(java.util.function.Supplier<String> d) {
    describer = d;
  }

  /** Describes {@code o}'s fields by reflection, for hang reports of runtime internals. */
  static String fields(Object o) {
    StringBuilder sb = new StringBuilder(o.getClass().getSimpleName()).append('{');
    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object v = f.get(o);
          String text = v instanceof java.util.Collection<?> coll ? "size " + coll.size()
              : String.valueOf(v);
          sb.append(f.getName()).append('=').append(text).append(' ');
        } catch (ReflectiveOperationException | RuntimeException e) {
          sb.append(f.getName()).append("=? ");
        }
      }
    }
    return sb.append('}').toString();
  }

  /** The body of one round: makes its choices from {@code random} only. */
  @FunctionalInterface
  interface Round {
    void run(SplittableRandom random) throws Throwable;
  }

  /**
   * Runs {@code defaultRounds} rounds of {@code round} (or {@code -Dmachina.stress.rounds}), each
   * on its own thread, failing if one throws or runs longer than {@code boundSeconds}; returns
   * the number of rounds run.
   */
  static int run(String name, int defaultRounds, int boundSeconds, Round round) {
    long base = firstSeed();
    int rounds = Integer.getInteger(ROUNDS, defaultRounds);
    System.out.println("[stress] " + name + ": " + rounds + " rounds from seed " + base);
    for (int r = 0; r < rounds; r++) {
      long seed = base + r;
      runOne(name, seed, boundSeconds, round);
    }
    return rounds;
  }

  private static long firstSeed() {
    String s = System.getProperty(SEED);
    if (s != null && !s.isBlank()) {
      return Long.parseLong(s.trim());
    }
    return new SplittableRandom().nextLong() & 0xFFFF_FFFFL; // short enough to type
  }

  private static void runOne(String name, long seed, int boundSeconds, Round round) {
    String rerun =
        name + " failed at seed " + seed + " (rerun: -D" + SEED + "=" + seed + " -D" + ROUNDS
            + "=1)";
    Throwable[] failure = new Throwable[1];
    describer = () -> "";
    Thread worker =
        new Thread(
            () -> {
              try {
                round.run(new SplittableRandom(seed));
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "stress-round-" + seed);
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(boundSeconds));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(rerun + ": interrupted", e);
    }
    if (worker.isAlive()) {
      String state;
      try {
        state = describer.get();
      } catch (RuntimeException e) {
        state = "(could not describe: " + e + ")";
      }
      String dump = "round state: " + state + "\n\n" + threadDump();
      if (printHangs) {
        System.err.println(rerun + ": hung for " + boundSeconds + " s\n" + dump);
      }
      worker.interrupt();
      fail(rerun + ": the round did not end within " + boundSeconds + " s; threads:\n" + dump);
    }
    if (failure[0] != null) {
      throw new AssertionError(rerun + ": " + failure[0], failure[0]);
    }
  }

  /** Every live thread with its full stack, held monitors and locks (ThreadInfo cuts at 8 frames). */
  static String threadDump() {
    StringBuilder sb = new StringBuilder();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      sb.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId()).append(' ')
          .append(t.getThreadState());
      if (t.getLockName() != null) {
        sb.append(" on ").append(t.getLockName());
      }
      if (t.getLockOwnerName() != null) {
        sb.append(" owned by \"").append(t.getLockOwnerName()).append('"');
      }
      sb.append('\n');
      StackTraceElement[] stack = t.getStackTrace();
      for (int i = 0; i < stack.length; i++) {
        sb.append("\tat ").append(stack[i]).append('\n');
        for (MonitorInfo m : t.getLockedMonitors()) {
          if (m.getLockedStackDepth() == i) {
            sb.append("\t- locked ").append(m).append('\n');
          }
        }
      }
      for (LockInfo l : t.getLockedSynchronizers()) {
        sb.append("\t- holds ").append(l).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * A runtime for one round: daemon workers (a hung round must not keep the JVM alive) and a
   * handler collecting failures nobody joined, which {@link Rt#close()} reports as a failure.
   */
  static final class Rt implements AutoCloseable {
    final MachinaRuntime runtime;
    final ConcurrentLinkedQueue<Throwable> unhandled = new ConcurrentLinkedQueue<>();

    Rt(String name, int workers) {
      runtime =
          MachinaRuntime.builder()
              .workerThreads(workers)
              .threadNamePrefix(name)
              .daemon(true)
              .unhandledFailureHandler(unhandled::add)
              .build();
    }

    @Override
    public void close() {
      runtime.close();
      if (!unhandled.isEmpty()) {
        List<Throwable> all = new ArrayList<>(unhandled);
        AssertionError e = new AssertionError("failures nobody joined: " + all);
        all.forEach(e::addSuppressed);
        throw e;
      }
    }
  }

  /** Busy-waits about {@code units} short pauses: spreads which side of a race comes first. */
  static void spin(int units) {
    for (int i = 0; i < units * 16; i++) {
      Thread.onSpinWait();
    }
  }

  /** A pause chosen by {@code random}: nothing, a spin, a yield or (rarely) a short sleep. */
  static void pause(SplittableRandom random) throws InterruptedException {
    int k = random.nextInt(16);
    if (k < 6) {
      return;
    }
    if (k < 12) {
      spin(random.nextInt(200));
    } else if (k < 15) {
      Thread.yield();
    } else {
      Thread.sleep(0, 100_000);
    }
  }
}
