package dev.machina.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimerWheelTest {
  static final class T extends Timer {
    long firedAt = -1;

    T(long deadline) {
      this.deadline = deadline;
    }

    @Override
    protected void onFire() {}
  }

  @Test
  void firesEachTimerAtItsDeadlineNeverEarlyAcrossAllLevels() {
    TimerWheel wheel = new TimerWheel();
    Random rnd = new Random(42);
    List<T> timers = new ArrayList<>();
    // Deadlines spread over ms, seconds, minutes, hours and days: every level is used.
    long[] spans = {60, 4_000, 250_000, 16_000_000, 1_000_000_000L, 60_000_000_000L};
    for (int i = 0; i < 6_000; i++) {
      T t = new T(1 + (long) (rnd.nextDouble() * spans[i % spans.length]));
      timers.add(t);
      assertTrue(wheel.insert(t));
    }
    assertEquals(timers.size(), wheel.size());
    List<T> order = new ArrayList<>();
    long now = 0;
    while (wheel.size() > 0) {
      long next = wheel.nextDeadline();
      assertTrue(next > now || next == wheel.elapsed(), "next deadline moves forward");
      // Jump by random steps, sometimes landing exactly on the next deadline.
      now = rnd.nextBoolean() ? next : now + 1 + rnd.nextInt(1 << rnd.nextInt(30));
      final long at = now;
      wheel.advance(now, x -> {
        ((T) x).firedAt = at;
        order.add((T) x);
      });
    }
    assertEquals(timers.size(), order.size());
    long last = 0;
    for (T t : order) {
      assertTrue(t.firedAt >= t.deadline, "never early");
      assertTrue(t.deadline >= last, "fired in deadline order");
      last = t.deadline;
    }
  }

  @Test
  void firesAtTheExactMillisecondWhenAdvancedOneTickAtATime() {
    TimerWheel wheel = new TimerWheel();
    Random rnd = new Random(7);
    List<T> timers = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      T t = new T(1 + rnd.nextInt(300_000));
      timers.add(t);
      wheel.insert(t);
    }
    long now = 0;
    while (wheel.size() > 0) {
      now = wheel.nextDeadline();
      final long at = now;
      wheel.advance(now, x -> ((T) x).firedAt = at);
    }
    for (T t : timers) {
      assertEquals(t.deadline, t.firedAt, "fired exactly at its deadline");
    }
  }

  @Test
  void removedTimersNeverFireAndLeaveTheWheelAtOnce() {
    TimerWheel wheel = new TimerWheel();
    List<T> timers = new ArrayList<>();
    for (int i = 1; i <= 1_000; i++) {
      T t = new T(i * 37L);
      timers.add(t);
      wheel.insert(t);
    }
    Set<T> removed = new HashSet<>();
    for (int i = 0; i < timers.size(); i += 2) {
      wheel.remove(timers.get(i));
      removed.add(timers.get(i));
    }
    assertEquals(500, wheel.size());
    wheel.remove(timers.get(0)); // twice: no effect
    assertEquals(500, wheel.size());
    List<Timer> fired = new ArrayList<>();
    wheel.advance(Long.MAX_VALUE / 2, fired::add);
    assertEquals(500, fired.size());
    for (Timer t : fired) {
      assertFalse(removed.contains(t));
    }
    assertEquals(Long.MAX_VALUE, wheel.nextDeadline());
  }

  @Test
  void deadlinesBeyondTheHorizonAreClampedAndStillFireOnTime() {
    TimerWheel wheel = new TimerWheel();
    T far = new T(TimerWheel.MAX_DURATION * 3 + 12_345);
    T near = new T(5);
    assertFalse(wheel.insert(new T(0)), "a due deadline is not inserted");
    wheel.insert(far);
    wheel.insert(near);
    long now = 0;
    int turns = 0;
    while (wheel.size() > 0 && turns++ < 10_000) {
      now = wheel.nextDeadline();
      final long at = now;
      wheel.advance(now, x -> ((T) x).firedAt = at);
    }
    assertEquals(5, near.firedAt);
    assertEquals(far.deadline, far.firedAt);
  }

  @Test
  void theNextBlockMovesDownEvenlyInsteadOfAllAtOnce() {
    TimerWheel wheel = new TimerWheel();
    Random rnd = new Random(11);
    int n = 64_000;
    List<T> timers = new ArrayList<>();
    // Due in the block after next at level 0 (128-191 ms): they start at level 1.
    for (int i = 0; i < n; i++) {
      T t = new T(128 + rnd.nextInt(64));
      timers.add(t);
      wheel.insert(t);
    }
    assertEquals(n, wheel.sizeAt(1));
    List<Timer> fired = new ArrayList<>();
    for (long now = 1; now < 64; now++) {
      wheel.advance(now, fired::add);
    }
    assertEquals(n, wheel.sizeAt(1), "nothing moves before the block before theirs");
    int left = n;
    for (long now = 64; now < 128; now++) {
      wheel.advance(now, fired::add);
      int moved = left - wheel.sizeAt(1);
      assertTrue(moved <= 2 * (n / 64), "an even share per tick, not a burst: " + moved);
      left = wheel.sizeAt(1);
    }
    assertEquals(0, left, "all moved down before they are due");
    assertEquals(n, wheel.sizeAt(0));
    assertTrue(fired.isEmpty());
    for (long now = 128; now < 192; now++) {
      final long at = now;
      wheel.advance(now, x -> ((T) x).firedAt = at);
    }
    for (T t : timers) {
      assertEquals(t.deadline, t.firedAt, "fired exactly at its deadline");
    }
  }

  @Test
  void insertsAndRemovesBetweenAdvancesFireEachLiveTimerOnceNeverEarly() {
    TimerWheel wheel = new TimerWheel();
    Random rnd = new Random(3);
    List<T> live = new ArrayList<>();
    Set<T> removed = new HashSet<>();
    List<T> all = new ArrayList<>();
    Set<Timer> firedOnce = new HashSet<>();
    long now = 0;
    long[] spans = {10, 200, 5_000, 300_000, 20_000_000};
    for (int round = 0; round < 20_000; round++) {
      for (int i = rnd.nextInt(4); i > 0; i--) {
        T t = new T(now + 1 + (long) (rnd.nextDouble() * spans[rnd.nextInt(spans.length)]));
        assertTrue(wheel.insert(t));
        live.add(t);
        all.add(t);
      }
      if (!live.isEmpty() && rnd.nextInt(3) == 0) {
        T t = live.remove(rnd.nextInt(live.size()));
        if (t.firedAt < 0) {
          assertTrue(wheel.remove(t));
          removed.add(t);
        }
      }
      long target =
          rnd.nextInt(8) == 0 ? wheel.nextDeadline() : now + rnd.nextInt(1 << rnd.nextInt(12));
      now = Math.max(now, Math.min(target, now + 100_000));
      final long at = now;
      long[] last = {0};
      wheel.advance(now, x -> {
        T t = (T) x;
        assertTrue(firedOnce.add(t), "fires once");
        assertTrue(t.deadline <= at, "never early");
        assertTrue(t.deadline >= last[0], "in deadline order");
        last[0] = t.deadline;
        t.firedAt = at;
      });
    }
    wheel.advance(Long.MAX_VALUE / 4, x -> assertTrue(firedOnce.add(x), "fires once"));
    assertEquals(0, wheel.size());
    for (T t : all) {
      assertEquals(!removed.contains(t), firedOnce.contains(t), "removed never fire, others do");
    }
  }
}
