package dev.machina.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One selector and the {@link IoSource}s bound to it: applies the interest they ask for and
 * dispatches readiness to their wakers, in turns taken by one thread at a time.
 *
 * <p>A runtime has one reactor per worker (see {@code Driver}): the worker that owns it runs its
 * turns, and another thread runs one only to help an owner that is busy (a non-waiting turn,
 * under the same {@link #tryAcquire} flag). "The turn holder" in the comments is the thread that
 * holds that flag; it alone registers channels, clears interest bits and dispatches. Any thread
 * may {@link #register}, {@link #enqueue}, add interest bits to an existing key (see
 * {@link IoSource}), and wake the selector.
 *
 * <p>Waking the selector ({@link Selector#wakeup()}, a system call). {@link #wakeup} makes the
 * current or next select return; it is sent at most once per turn ({@code wakeupPending}, reset
 * by the holder at the start of the turn, before anything the turn reads). A request that only
 * matters to a select that would block without it (an interest bit added, a source queued, a
 * channel closed) wakes the selector only if {@link #selecting} is set: the holder sets that flag
 * before its last checks ({@link #hasQueued}, the JDK's key update queue read inside
 * {@code select}) and clears it when the select returns, and the requester reads it after
 * publishing its request, so either it sees the flag or the holder sees the request. An owner
 * that re-arms a source from a task never wakes its own selector: it is not selecting.
 *
 * <p>Readiness is dispatched by {@link Selector#select(java.util.function.Consumer, long)}, which
 * does not build a selected-key set.
 */
public final class Reactor {
  private final Selector selector;
  private final AtomicReference<IoSource> armQueue = new AtomicReference<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final AtomicBoolean held = new AtomicBoolean();
  private final Consumer<SelectionKey> dispatch = this::dispatch;
  /** The turn holder while in a turn, else null: its own requests need no wake-up. */
  private volatile Thread driverThread;
  /** Set by the holder before its final checks and a select that may block; see the class comment. */
  private volatile boolean selecting;
  /** The owner waits in select with no time limit set for helping peers (see {@code Driver}). */
  private volatile boolean waitingUncapped;
  /** {@link System#nanoTime()} at the start of the latest turn (for helpers of a busy owner). */
  private volatile long lastTurnNanos = System.nanoTime();
  private volatile String failure;

  /** Opens the selector. */
  public Reactor() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /**
   * A source for {@code channel} bound to this reactor; the channel is switched to non-blocking
   * mode. It joins the selector only when an operation first has to wait.
   */
  public IoSource register(SelectableChannel channel) throws IOException {
    String f = failure;
    if (f != null) {
      throw new IOException(f);
    }
    channel.configureBlocking(false);
    return new IoSource(this, channel);
  }

  /** Queues {@code source} for the holder to apply its interest (first registration). */
  void enqueue(IoSource source) {
    IoSource head;
    do {
      head = armQueue.get();
      source.queueNext = head;
    } while (!armQueue.compareAndSet(head, source));
    wakeupIfSelecting();
  }

  /** A source's channel was closed: a blocked select must deregister it, so the socket is freed. */
  void closed(IoSource source) {
    wakeupIfSelecting();
  }

  /** Makes the current or next select return, unless a wake-up is already pending. */
  public void wakeup() {
    if (Thread.currentThread() == driverThread) {
      return;
    }
    if (!wakeupPending.get() && !wakeupPending.getAndSet(true)) {
      selector.wakeup();
    }
  }

  /** Wakes a select that may block; see the class comment for why nothing else needs it. */
  public void wakeupIfSelecting() {
    if (selecting) {
      wakeup();
    }
  }

  /** Makes the calling thread the turn holder; false if another thread holds it. */
  public boolean tryAcquire() {
    return !held.get() && held.compareAndSet(false, true);
  }

  /** Holder: gives up the turns. */
  public void release() {
    held.set(false);
  }

  /** Whether a thread holds the turns (its owner may be waiting in select). */
  public boolean isHeld() {
    return held.get();
  }

  /** Holder: marks the start of a turn and arms the queued sources. */
  public void beginTurn() {
    driverThread = Thread.currentThread();
    lastTurnNanos = System.nanoTime();
    wakeupPending.set(false);
    IoSource s = armQueue.getAndSet(null);
    while (s != null) {
      IoSource next = s.queueNext;
      s.queueNext = null;
      apply(s);
      s = next;
    }
  }

  /** Holder: the turn is over. */
  public void endTurn() {
    driverThread = null;
  }

  /**
   * Holder, before the checks that decide whether its select may block: from now on requests
   * wake the selector (see the class comment). {@link #select} clears it.
   */
  public void prepareToWait() {
    selecting = true;
  }

  /**
   * Holder, before it reads its peers' state: marks (or, once it decided to wait with a time
   * limit, unmarks) a wait in select without a limit for helping peers; {@link #select} clears it.
   */
  public void markUncappedWait(boolean uncapped) {
    waitingUncapped = uncapped;
  }

  /** Whether the owner may be blocked in select with no limit for helping peers (any thread). */
  public boolean isWaitingUncapped() {
    return waitingUncapped;
  }

  /** Whether sources wait to be armed (the holder must not block). */
  public boolean hasQueued() {
    return armQueue.get() != null;
  }

  /** Nanoseconds since the latest turn started. */
  public long nanosSinceTurn() {
    return System.nanoTime() - lastTurnNanos;
  }

  /** Whether any channel is registered with the selector (then its readiness needs turns). */
  public boolean hasKeys() {
    return !selector.keys().isEmpty();
  }

  private void apply(IoSource s) {
    int ops = s.takeInterest();
    try {
      SelectionKey k = s.key;
      if (k == null) {
        if (!s.channel.isOpen()) {
          s.wakeAll();
          return;
        }
        s.key = s.channel.register(selector, ops, s);
      } else if (k.isValid()) {
        k.interestOpsOr(ops); // only IoSource.onReady clears bits (see its invariants)
      } else {
        s.wakeAll();
      }
    } catch (ClosedChannelException | java.nio.channels.CancelledKeyException e) {
      // The owner closed the channel; its pending operation sees that when it retries.
      s.wakeAll();
    }
  }

  /**
   * Holder: waits up to {@code timeoutMillis} ({@code 0}: do not wait, negative: no limit) and
   * dispatches readiness; clears {@link #selecting}.
   */
  public void select(long timeoutMillis) throws IOException {
    try {
      if (timeoutMillis == 0) {
        selector.selectNow(dispatch);
      } else if (timeoutMillis < 0) {
        selector.select(dispatch);
      } else {
        selector.select(dispatch, timeoutMillis);
      }
    } finally {
      selecting = false;
      waitingUncapped = false;
    }
  }

  private void dispatch(SelectionKey key) {
    IoSource s = (IoSource) key.attachment();
    int ready;
    try {
      ready = key.readyOps();
    } catch (java.nio.channels.CancelledKeyException e) {
      s.wakeAll();
      return;
    }
    try {
      s.onReady(ready);
    } catch (RuntimeException e) {
      // A waker that throws is a bug elsewhere; it must not stop the reactor for every socket.
      report(e);
    }
  }

  /** Reports an unexpected exception from a waker on the holder's thread, which goes on. */
  static void report(Throwable e) {
    Thread t = Thread.currentThread();
    t.getUncaughtExceptionHandler().uncaughtException(t, e);
  }

  /**
   * Once no thread runs turns any more: fails every registered or queued source with
   * {@code reason}, closes their channels and the selector. Idempotent.
   */
  public void shutdown(String reason) {
    if (failure == null) {
      failure = reason;
    }
    IoSource s = armQueue.getAndSet(null);
    while (s != null) {
      IoSource next = s.queueNext;
      s.queueNext = null;
      closeQuietly(s, reason);
      s = next;
    }
    try {
      for (SelectionKey k : selector.keys()) {
        if (k.attachment() instanceof IoSource src) {
          closeQuietly(src, reason);
        }
      }
      selector.close();
    } catch (IOException | java.nio.channels.ClosedSelectorException e) {
      // Closing is best effort: nothing drives this selector any more either way.
    }
  }

  /** Whether {@link #shutdown} has closed the selector (for tests). */
  public boolean isClosed() {
    return !selector.isOpen();
  }

  /** Why the reactor no longer works, or null while it runs. */
  String failure() {
    return failure;
  }

  private static void closeQuietly(IoSource s, String reason) {
    try {
      s.channel.close();
    } catch (IOException e) {
      // The channel is unusable either way; its pending operation fails with the reason.
    }
    s.fail(reason);
  }
}
