package dev.machina.internal.io;

import dev.machina.Waker;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A non-blocking channel's registration with a {@link Reactor}: the waker of the pending read-side
 * operation (read, accept, receive) and of the pending write-side operation (write, connect,
 * send), and the selector interest that one-shot re-arming asks for.
 *
 * <p>Protocol: an operation first tries the channel; only when it would block does it call
 * {@link #awaitReadable} or {@link #awaitWritable}, which stores the waker and then adds the
 * interest bit, so the event cannot fire before the waker is visible. When the selector reports an
 * event, the reactor clears the fired bits from the interest (one-shot) and wakes the waker; the
 * woken operation tries the channel again and drains it until it would block before re-arming.
 *
 * <p>Invariant: {@link #interest} is the truth and the selection key follows it; only the driver
 * thread writes the key's interest set. A thread that changes {@code interest} enqueues the
 * source unless it is already queued ({@code queued} flag, reset by the driver before it reads
 * {@code interest}), so no change is lost.
 */
public final class IoSource {
  private static final VarHandle INTEREST;
  private static final VarHandle QUEUED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      INTEREST = l.findVarHandle(IoSource.class, "interest", int.class);
      QUEUED = l.findVarHandle(IoSource.class, "queued", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final SelectableChannel channel;
  private final Reactor reactor;
  private final int readOps;
  private final int writeOps;

  private volatile Waker readWaker;
  private volatile Waker writeWaker;
  private volatile int interest;
  private volatile boolean queued;
  /** Why the source no longer works (runtime shut down), or null. */
  private volatile String failure;

  /** Driver thread only: the selection key, once registered. */
  SelectionKey key;
  /** Link of the reactor's lock-free queue of sources to (re)arm. */
  volatile IoSource queueNext;

  IoSource(Reactor reactor, SelectableChannel channel) {
    this.reactor = reactor;
    this.channel = channel;
    int valid = channel.validOps();
    this.readOps = valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
    this.writeOps = valid & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
  }

  /**
   * Arranges for {@code waker} to be woken once the channel may be readable (or acceptable);
   * call after an attempt found it would block. Throws if the runtime has shut down.
   */
  public void awaitReadable(Waker waker) throws IOException {
    readWaker = waker;
    arm(readOps & ~SelectionKey.OP_CONNECT);
  }

  /**
   * Arranges for {@code waker} to be woken once the channel may be writable; call after a write
   * would block. Throws if the runtime has shut down.
   */
  public void awaitWritable(Waker waker) throws IOException {
    writeWaker = waker;
    arm(writeOps & SelectionKey.OP_WRITE);
  }

  /** Arranges for {@code waker} to be woken once a pending connect may finish. */
  public void awaitConnectable(Waker waker) throws IOException {
    writeWaker = waker;
    arm(SelectionKey.OP_CONNECT);
  }

  /** Forgets the wakers (a pending operation was cancelled); the interest lapses when it fires. */
  public void clearWakers(boolean read, boolean write) {
    if (read) {
      readWaker = null;
    }
    if (write) {
      writeWaker = null;
    }
  }

  private void arm(int ops) throws IOException {
    checkUsable();
    int old = (int) INTEREST.getAndBitwiseOr(this, ops);
    if ((old & ops) != ops && !queued && QUEUED.compareAndSet(this, false, true)) {
      reactor.enqueue(this);
    }
    checkUsable();
  }

  /** Throws if the reactor has shut down (a fresh exception per call, for a clean stack trace). */
  public void checkUsable() throws IOException {
    String f = failure;
    if (f == null) {
      f = reactor.failure();
    }
    if (f != null) {
      throw new IOException(f);
    }
  }

  /** Driver thread: the interest to apply, after marking the source no longer queued. */
  int takeInterest() {
    queued = false;
    return interest;
  }

  /** Driver thread: clears the fired bits (one-shot) and wakes the waiting wakers. */
  void onReady(int readyOps) {
    int fired = readyOps & (readOps | writeOps);
    int now = (int) INTEREST.getAndBitwiseAnd(this, ~fired) & ~fired;
    SelectionKey k = key;
    if (k != null && k.isValid()) {
      try {
        k.interestOps(now);
      } catch (java.nio.channels.CancelledKeyException e) {
        // Closed meanwhile: the woken operations find the channel closed.
      }
    }
    if ((fired & readOps) != 0) {
      wake(readWaker);
    }
    if ((fired & writeOps) != 0) {
      wake(writeWaker);
    }
  }

  /** Fails every later wait with {@code reason} and wakes the pending operations. */
  void fail(String reason) {
    failure = reason;
    wake(readWaker);
    wake(writeWaker);
  }

  /** Wakes both pending operations (after the channel was closed). */
  void wakeAll() {
    wake(readWaker);
    wake(writeWaker);
  }

  /**
   * Closes the channel and tells the reactor, which drops the selection key on its next turn so
   * the socket is released promptly.
   */
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      wakeAll();
      reactor.closed(this);
    }
  }

  private static void wake(Waker w) {
    if (w != null) {
      w.wake();
    }
  }
}
