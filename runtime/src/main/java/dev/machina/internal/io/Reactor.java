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
 * The selector side of a driver: registers {@link IoSource}s, applies the interest they ask for,
 * and dispatches readiness to their wakers. Every method except {@link #register},
 * {@link #enqueue}, {@link #closed} and {@link #wakeup} runs on the driver thread: the thread
 * inside a turn ({@link #beginTurn} to {@link #endTurn}), one at a time.
 *
 * <p>Readiness is dispatched by {@link Selector#select(java.util.function.Consumer, long)}, which
 * does not build a selected-key set. The selector is woken ({@link Selector#wakeup()}, a system
 * call) at most once per driver turn: {@code wakeupPending} is reset by the driver right before it
 * drains its queues, and a producer that finds it already set knows the next select returns at
 * once or will see its request.
 */
public final class Reactor {
  private final Selector selector;
  private final AtomicReference<IoSource> armQueue = new AtomicReference<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final Consumer<SelectionKey> waitDispatch = k -> dispatch(k, true);
  private final Consumer<SelectionKey> pollDispatch = k -> dispatch(k, false);
  private volatile Thread driverThread;
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
   * A source for {@code channel}, which is switched to non-blocking mode. The channel joins the
   * selector only when an operation first has to wait.
   */
  public IoSource register(SelectableChannel channel) throws IOException {
    String f = failure;
    if (f != null) {
      throw new IOException(f);
    }
    channel.configureBlocking(false);
    return new IoSource(this, channel);
  }

  /** Queues {@code source} for the driver to apply its interest, waking the selector if needed. */
  void enqueue(IoSource source) {
    IoSource head;
    do {
      head = armQueue.get();
      source.queueNext = head;
    } while (!armQueue.compareAndSet(head, source));
    wakeup();
  }

  /** A source's channel was closed: the driver must run a turn to deregister it. */
  void closed(IoSource source) {
    wakeup();
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

  /** Driver thread: marks the start of a turn; requests made after this wake the next select. */
  public void beginTurn() {
    driverThread = Thread.currentThread();
    wakeupPending.set(false);
    IoSource s = armQueue.getAndSet(null);
    while (s != null) {
      IoSource next = s.queueNext;
      s.queueNext = null;
      apply(s);
      s = next;
    }
  }

  /** Driver thread: the turn is over; this thread no longer drives (until its next turn). */
  public void endTurn() {
    driverThread = null;
  }

  /** Whether sources wait to be armed (the driver must not block). */
  public boolean hasQueued() {
    return armQueue.get() != null;
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
        k.interestOps(ops);
      } else {
        s.wakeAll();
      }
    } catch (ClosedChannelException | java.nio.channels.CancelledKeyException e) {
      // The owner closed the channel; its pending operation sees that when it retries.
      s.wakeAll();
    }
  }

  /**
   * Driver thread: waits up to {@code timeoutMillis} ({@code 0}: do not wait, negative: no limit)
   * and dispatches readiness.
   */
  public void select(long timeoutMillis) throws IOException {
    if (timeoutMillis == 0) {
      selector.selectNow(pollDispatch);
    } else if (timeoutMillis < 0) {
      selector.select(waitDispatch);
    } else {
      selector.select(waitDispatch, timeoutMillis);
    }
  }

  private void dispatch(SelectionKey key, boolean waited) {
    IoSource s = (IoSource) key.attachment();
    int ready;
    try {
      ready = key.readyOps();
    } catch (java.nio.channels.CancelledKeyException e) {
      s.wakeAll();
      return;
    }
    try {
      s.onReady(ready, waited);
    } catch (RuntimeException e) {
      // A waker that throws is a bug elsewhere; it must not stop the reactor for every socket.
      report(e);
    }
  }

  /** Reports an unexpected exception from a waker on the driver thread, which goes on. */
  static void report(Throwable e) {
    Thread t = Thread.currentThread();
    t.getUncaughtExceptionHandler().uncaughtException(t, e);
  }

  /**
   * After the driver thread stopped: fails every registered or queued source with {@code reason},
   * closes their channels and the selector.
   */
  public void shutdown(String reason) {
    failure = reason;
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
      // Closing is best effort: the driver is gone either way.
    }
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
