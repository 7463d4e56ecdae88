package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stress harness itself: a hang fails with a thread dump and a failure names its seed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StressRoundsTest {
  @Test
  void aHungRoundFailsWithTheSeedTheRoundStateAndEveryThreadsStack() {
    CountDownLatch never = new CountDownLatch(1);
    StressRounds.printHangs = false;
    try {
      AssertionError e = assertThrows(AssertionError.class,
          () -> StressRounds.run("hangs", 1, 1, random -> {
            StressRounds.describeWith(() -> "waiting for a latch nobody counts down");
            parkedInAMethodWithAName(never);
          }));
      String m = e.getMessage();
      assertTrue(m.contains("hangs failed at seed "), m);
      assertTrue(m.contains("-Dmachina.stress.seed="), m);
      assertTrue(m.contains("did not end within 1 s"), m);
      assertTrue(m.contains("waiting for a latch nobody counts down"), m);
      assertTrue(m.contains("\"stress-round-"), "the round's thread is in the dump: " + m);
      assertTrue(m.contains("parkedInAMethodWithAName"), "its whole stack is in the dump: " + m);
    } finally {
      never.countDown();
      StressRounds.printHangs = true;
    }
  }

  private static void parkedInAMethodWithAName(CountDownLatch latch) throws InterruptedException {
    latch.await();
  }

  @Test
  void aFailingRoundNamesItsSeedAndKeepsTheCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    AssertionError e = assertThrows(AssertionError.class,
        () -> StressRounds.run("fails", 1, 10, random -> {
          throw boom;
        }));
    assertSame(boom, e.getCause());
    assertTrue(e.getMessage().matches("(?s)fails failed at seed -?\\d+ \\(rerun: .*"),
        e.getMessage());
  }

  @Test
  void aSeedReplaysTheSameChoices() {
    String before = System.getProperty(StressRounds.SEED);
    System.setProperty(StressRounds.SEED, "42");
    try {
      List<Long> first = new ArrayList<>();
      List<Long> second = new ArrayList<>();
      int rounds = StressRounds.run("replay", 3, 10, random -> record(first, random));
      StressRounds.run("replay", 3, 10, random -> record(second, random));
      assertEquals(first, second);
      assertEquals(rounds, first.size());
      assertEquals(rounds, first.stream().distinct().count(), "each round has its own seed");
    } finally {
      if (before == null) {
        System.clearProperty(StressRounds.SEED);
      } else {
        System.setProperty(StressRounds.SEED, before);
      }
    }
  }

  private static void record(List<Long> into, java.util.SplittableRandom random) {
    long v = random.nextLong() ^ random.split().nextLong();
    synchronized (into) {
      into.add(v);
    }
  }
}
