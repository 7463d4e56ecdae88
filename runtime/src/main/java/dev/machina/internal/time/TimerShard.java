package dev.machina.internal.time;

import dev.machina.internal.ShortLock;
import java.util.function.Consumer;

/**
 * One {@link TimerWheel} under its own lock: the unit a {@link TimerService} spreads its timers
 * over, so that threads scheduling at the same time rarely contend.
 *
 * <p>Every read and write of the wheel and of the timers' links and states happens under the
 * lock, which is held for O(1) work by {@link #schedule} and {@link #cancel} and, in
 * {@link #advance}, for as long as the driver takes the due timers out. Nothing runs under it
 * that could block or call user code: fired and shut-down timers are handed back as a chain and
 * their callbacks run after the lock is released.
 *
 * <p>The lock is a {@link ShortLock}.
 *
 * <p>Invariants: once {@link #close} ran, the wheel is empty and stays so: {@link #schedule}
 * refuses (cancels) new timers under the same lock, so a schedule racing a shutdown either lands
 * before the drain and is cancelled by it, or finds the shard closed.
 */
final class TimerShard extends ShortLock {
  /** {@link #schedule}: the timer is linked in the wheel and will fire or be cancelled. */
  static final int LINKED = 0;
  /** {@link #schedule}: the deadline had passed by the wheel's time; the timer is marked fired. */
  static final int DUE = 1;
  /** {@link #schedule}: the timer was cancelled (before, or now because the shard is closed). */
  static final int REFUSED = 2;

  // Guarded by the lock.
  private final TimerWheel wheel;
  private boolean closed;
  private int scheduledSinceAdvance;
  private Timer chainHead;
  private Timer chainTail;
  /**
   * Timers scheduled but not yet linked in the wheel (position {@link TimerWheel#UNLINKED_YET}),
   * through {@code prev}/{@code next}: a timeout cancelled soon after it was armed, the common
   * case, never touches the wheel. Linked in batches of {@link #BATCH} by {@link #schedule} and
   * all at the start of {@link #advance}, so the wheel's time never passes an unlinked deadline.
   */
  private Timer young;
  private int youngCount;
  private static final int BATCH = 64;
  private final Consumer<Timer> collectFired = this::collectFired;
  private final Consumer<Timer> collectCancelled = this::collectCancelled;

  /** A shard whose wheel counts the service's ticks from {@code originNanos}. */
  TimerShard(long originNanos) {
    this.wheel = new TimerWheel(originNanos, TimerService.TICK_SHIFT);
  }

  // Driver thread only: results of the last advance.
  private long nextDeadline = Long.MAX_VALUE;
  private boolean hadSchedules;

  /**
   * Links {@code timer}, whose {@code deadline} is set, into the wheel. Returns {@link #LINKED},
   * {@link #DUE} (the wheel's time is already at or past the deadline: the timer is marked fired
   * and no callback follows) or {@link #REFUSED} (it is cancelled: no callback follows).
   */
  int schedule(Timer timer) {
    lock();
    try {
      if (timer.state() != Timer.WAITING) {
        return REFUSED;
      }
      if (closed) {
        timer.setCancelled();
        return REFUSED;
      }
      if (wheel.isDue(timer)) {
        timer.setFired();
        return DUE;
      }
      if (youngCount == BATCH) {
        linkYoung();
      }
      timer.prev = null;
      timer.next = young;
      if (young != null) {
        young.prev = timer;
      }
      young = timer;
      youngCount++;
      timer.setSlot(TimerWheel.UNLINKED_YET);
      scheduledSinceAdvance++;
      return LINKED;
    } finally {
      unlock();
    }
  }

  /** Unlinks {@code timer} and marks it cancelled; returns false if it had fired or was cancelled. */
  boolean cancel(Timer timer) {
    lock();
    try {
      if (timer.state() != Timer.WAITING) {
        return false;
      }
      if (timer.slot() == TimerWheel.UNLINKED_YET) {
        unlinkYoung(timer);
      } else {
        wheel.remove(timer);
      }
      timer.setCancelled();
      return true;
    } finally {
      unlock();
    }
  }

  /** How many timers are pending: linked in the wheel or waiting to be. */
  int size() {
    lock();
    try {
      return wheel.size() + youngCount;
    } finally {
      unlock();
    }
  }

  /**
   * Driver thread: advances the wheel to {@code now} (service ticks) and returns the chain (through
   * {@code next}, in deadline order) of the timers that came due, already marked fired; their
   * {@link Timer#onFire} is the caller's to run, outside the lock. Afterwards
   * {@link #nextDeadline()} and {@link #hadSchedules()} describe this shard.
   */
  Timer advance(long now) {
    lock();
    try {
      chainHead = null;
      chainTail = null;
      linkYoung();
      if (!closed) {
        wheel.advance(now, collectFired);
      }
      nextDeadline = wheel.nextDeadline();
      hadSchedules = scheduledSinceAdvance != 0;
      scheduledSinceAdvance = 0;
      Timer due = chainHead;
      chainHead = null;
      chainTail = null;
      return due;
    } finally {
      unlock();
    }
  }

  /** Driver thread: the wheel's next deadline (ticks) as of the last {@link #advance}. */
  long nextDeadline() {
    return nextDeadline;
  }

  /** Driver thread: whether timers were scheduled between the last two {@link #advance} calls. */
  boolean hadSchedules() {
    return hadSchedules;
  }

  /**
   * Closes the shard: every pending timer is unlinked and marked cancelled, and returned as a
   * chain whose {@link Timer#onShutdown} is the caller's to run; later schedules are refused.
   */
  Timer close() {
    lock();
    try {
      closed = true;
      chainHead = null;
      chainTail = null;
      linkYoung();
      wheel.drain(collectCancelled);
      Timer cancelled = chainHead;
      chainHead = null;
      chainTail = null;
      return cancelled;
    } finally {
      unlock();
    }
  }

  /** Links every young timer in the wheel (none is due: the wheel's time has not moved since). */
  private void linkYoung() {
    Timer t = young;
    while (t != null) {
      Timer next = t.next;
      t.setSlot(-1);
      boolean linked = wheel.insert(t);
      assert linked : "the wheel's time passed an unlinked deadline";
      t = next;
    }
    young = null;
    youngCount = 0;
  }

  private void unlinkYoung(Timer t) {
    if (t.prev != null) {
      t.prev.next = t.next;
    } else {
      young = t.next;
    }
    if (t.next != null) {
      t.next.prev = t.prev;
    }
    t.prev = null;
    t.next = null;
    t.setSlot(-1);
    youngCount--;
  }

  private void collectFired(Timer t) {
    t.setFired();
    append(t);
  }

  private void collectCancelled(Timer t) {
    t.setCancelled();
    append(t);
  }

  private void append(Timer t) {
    t.next = null;
    if (chainTail == null) {
      chainHead = t;
    } else {
      chainTail.next = t;
    }
    chainTail = t;
  }
}
