package dev.machina.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.JoinHandle;
import dev.machina.MachinaRuntime;
import dev.machina.bench.machina.FibAsync;
import dev.machina.bench.machina.Idle;
import dev.machina.bench.machina.IdleAsync;
import dev.machina.bench.machina.NestAsync;
import dev.machina.bench.machina.PingPongAsync;
import dev.machina.bench.machina.PingPongParts;
import dev.machina.bench.machina.SleepersAsync;
import dev.machina.bench.machina.SpawnJoinAsync;
import dev.machina.bench.machina.TimeoutChurn;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Checks that Machina's side of each benchmark computes what it claims, at small sizes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MachinaSmokeTest {
  private static MachinaRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void fibMatchesTheSynchronousOne() {
    assertEquals(6765, runtime.blockOn(FibAsync.fib(20)));
  }

  @Test
  void spawnJoinSumsEveryTask() {
    assertEquals(500L, runtime.blockOn(runtime.spawn(SpawnJoinAsync.spawnJoin(1000))));
  }

  @Test
  void pingPongSumsTheAnswers() {
    assertEquals(1000L * 1001 / 2, runtime.blockOn(runtime.spawn(PingPongAsync.pingPong(1000))));
  }

  @Test
  void pingPongPartsDoTheirShareOfTheRoundTrips() {
    assertEquals(1000L * 1001 / 2, PingPongParts.channelsOnly(1000));
    assertEquals(2 * 1000L, PingPongParts.executorOnly(runtime, 1000), "each player takes every turn");
  }

  @Test
  void nestReturnsDepthPlusWakes() {
    assertEquals(100 + 7, runtime.blockOn(runtime.spawn(NestAsync.nest(100, 7))));
  }

  @Test
  void timeoutChurnSeesEveryGuardedCallFinish() {
    assertEquals(50, runtime.blockOn(new TimeoutChurn(100)));
  }

  @Test
  void sleepersWakeNoEarlierThanTheirDeadlines() {
    long[] delays = {1_000_000, 5_000_000, 0, 3_000_000};
    long[] late = new long[delays.length];
    java.util.Arrays.fill(late, -1);
    runtime.blockOn(runtime.spawn(SleepersAsync.sleepAll(delays, late)));
    for (long l : late) {
      assertTrue(l >= 0, "woke before its deadline or not at all: " + l);
    }
  }

  @Test
  void idleTasksWaitForTheGateAndThenFinish() throws InterruptedException {
    Idle.Group group = new Idle.Group();
    JoinHandle<?>[] handles = new JoinHandle<?>[100];
    for (int i = 0; i < handles.length; i++) {
      handles[i] = runtime.spawn(IdleAsync.idle(group));
    }
    while (group.parked() < handles.length) {
      Thread.sleep(1);
    }
    assertEquals(0, group.finished());
    while (group.finished() < handles.length) {
      group.open();
      Thread.sleep(1);
    }
    for (JoinHandle<?> h : handles) {
      runtime.blockOn(h);
    }
    assertEquals(handles.length, group.finished());
  }
}
