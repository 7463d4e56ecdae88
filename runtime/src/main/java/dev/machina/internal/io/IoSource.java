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
 * send), and the selector interest they ask for.
 *
 * <p>Protocol: an operation first tries the channel; only when it would block does it call
 * {@link #awaitReadable} or {@link #awaitWritable}, which stores the waker and then makes sure the
 * interest bit is set, so the event cannot fire before the waker is visible. The woken operation
 * tries the channel again and drains it until it would block before it waits again.
 *
 * <h2>Read interest stays armed while the source has a reader</h2>
 *
 * The read side (OP_READ, OP_ACCEPT) keeps its interest registered across waits, so a connection
 * that serves request after request changes nothing in the selector: no enqueue, no
 * {@code Selector.wakeup()}, no {@code epoll_ctl}. The read side is in one of three states, given
 * by the read bit of {@link #interest} and the {@link #readWaker} slot:
 * <pre>
 *   DISARMED      bit clear, waker any    the key does not ask for reads
 *   ARMED_IDLE    bit set,   no waker     armed, nobody waiting (the woken reader has not come back)
 *   ARMED_WAITING bit set,   waker        a reader waits for the event
 * </pre>
 * Transitions:
 * <ul>
 *   <li>A reader waits ({@link #awaitReadable}): it writes the waker, then reads the bit. Set:
 *       done (ARMED_IDLE to ARMED_WAITING, no system call). Clear: it sets the bit and enqueues
 *       the source for the driver (DISARMED to ARMED_WAITING), as before.
 *   <li>The event fires in ARMED_WAITING: the driver takes the waker ({@code getAndSet(null)})
 *       and wakes it; the bit stays set (ARMED_IDLE).
 *   <li>The event fires in ARMED_IDLE (the woken reader has not read yet, or there is no reader)
 *       in a turn that waited in {@code select}: the driver clears the bit (DISARMED) and updates
 *       the key, so a socket that nobody reads cannot make the selector spin: an armed bit with
 *       no waker fires at most once per waiting turn. It then takes the waker slot once more; if
 *       a reader stored a waker meanwhile, the driver sets the bit again and wakes that reader.
 *   <li>The event fires in ARMED_IDLE in a turn that did not wait (a busy worker polling the
 *       selector between tasks): nothing changes. Such a turn cannot spin, and its reader is
 *       usually a task still queued after the previous wake, about to read and wait again.
 * </ul>
 *
 * Measured on B7 (HTTP keep-alive, 64 connections): with the selector driven by idle workers 98%
 * of the waits find the interest armed; with a separate driver thread only 3% did, as it
 * selected again before the woken task had read (see benchmarks/README.md).
 *
 * <p>No lost wake when a reader registers while the event fires. All accesses are volatile or
 * atomic (one total order). The reader does W(waker) then R(bit); the driver, on an event, does
 * take(waker), then, only if that found none, clear(bit), then take(waker) again. If the reader's
 * R(bit) comes before clear(bit), it saw the bit set and returns; but then its W(waker) also
 * precedes clear(bit) and so the driver's second take, which wakes it. If R(bit) comes after
 * clear(bit), the reader saw the bit clear and re-arms through the driver's queue; the next event
 * finds its waker. Either way the reader is woken or its interest is (re)applied; at worst it is
 * woken twice, and a spurious wake only makes it try the channel once more. In a turn that did not
 * wait, an event whose first take finds no waker changes nothing: a reader that stores its waker
 * then sees the bit set, and the readiness, level-triggered, is reported again by the next turn,
 * which finds the waker. A cancelled read empties the slot ({@link #clearWakers}); bytes are only
 * consumed by an attempt that returns them, so arming never loses a byte.
 *
 * <p>Literal one-shot read interest (cleared when the event fires, re-armed by the next wait) was
 * implemented and measured against this design on B7 (branch {@code reactor2}, commit
 * {@code ae8a0db}): level at 64 connections, 10-15% fewer requests/s at 1000, where another
 * worker's select often runs between the clear and the re-arm and removes the descriptor from
 * epoll, so the re-arm costs an {@code epoll_ctl} and a {@code Selector.wakeup()}. Figures in
 * benchmarks/README.md (B7).
 *
 * <p>The write side (OP_WRITE, OP_CONNECT) stays one-shot: the fired bits are cleared when the
 * event fires, and re-armed when a writer waits. A socket is writable almost always, so armed
 * write interest would fire on every select until the writer filled the buffer again; and
 * OP_CONNECT must be cleared once the connection is made.
 *
 * <p>Invariant: {@link #interest} is the truth and the selection key follows it; only the driver
 * thread writes the key's interest set. A thread that sets a bit in {@code interest} enqueues the
 * source unless it is already queued ({@code queued} flag, reset by the driver before it reads
 * {@code interest}), so no change is lost; only the driver clears bits, and it writes the key
 * right after.
 */
public final class IoSource {
  private static final VarHandle INTEREST;
  private static final VarHandle QUEUED;
  private static final VarHandle READ_WAKER;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      INTEREST = l.findVarHandle(IoSource.class, "interest", int.class);
      QUEUED = l.findVarHandle(IoSource.class, "queued", boolean.class);
      READ_WAKER = l.findVarHandle(IoSource.class, "readWaker", Waker.class);
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
    if ((interest & readOps) == readOps && readOps != 0) {
      checkOpen(); // armed (see the class comment): the next event finds the waker
      return;
    }
    arm(readOps);
  }

  /**
   * If the read interest is armed, arranges for {@code waker} to be woken by the next read event
   * and returns true, without trying the channel: for a reader whose last read came back short
   * (the socket is most likely empty). Level-triggered readiness makes this safe: bytes that are
   * there already are reported by the next select. Returns false (try the channel) otherwise.
   */
  public boolean awaitReadableIfArmed(Waker waker) throws IOException {
    if (readOps == 0 || (interest & readOps) != readOps) {
      return false;
    }
    readWaker = waker;
    if ((interest & readOps) != readOps) {
      return false; // disarmed meanwhile; the waker may get a spurious wake, which is harmless
    }
    checkOpen();
    return true;
  }

  /**
   * After a waiter stored its waker on armed interest: throws if the runtime shut down or the
   * channel was closed. {@link #close} closes the channel before it wakes the wakers, so either
   * this check sees the channel closed or that wake sees the waker; a closed channel's key no
   * longer fires, so without the check a wait that raced a close from another task would hang.
   */
  private void checkOpen() throws IOException {
    checkUsable();
    if (!channel.isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
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

  /**
   * Driver thread: wakes the waiting wakers; clears the fired write bits (one-shot), and the read
   * bits only when no reader waits (see the class comment).
   */
  void onReady(int readyOps, boolean waited) {
    int firedRead = readyOps & readOps;
    int firedWrite = readyOps & writeOps;
    Waker reader = null;
    boolean changed = false;
    if (firedRead != 0) {
      reader = (Waker) READ_WAKER.getAndSet(this, null);
      if (reader == null && !waited) {
        firedRead = 0; // a turn that did not wait cannot spin: leave it armed (class comment)
      } else if (reader == null) {
        INTEREST.getAndBitwiseAnd(this, ~firedRead);
        changed = true;
        reader = (Waker) READ_WAKER.getAndSet(this, null);
        if (reader != null) {
          INTEREST.getAndBitwiseOr(this, firedRead);
        }
      }
    }
    if (firedWrite != 0) {
      INTEREST.getAndBitwiseAnd(this, ~firedWrite);
      changed = true;
    }
    if (changed) {
      SelectionKey k = key;
      if (k != null && k.isValid()) {
        try {
          k.interestOps(interest);
        } catch (java.nio.channels.CancelledKeyException e) {
          // Closed meanwhile: the woken operations find the channel closed.
        }
      }
    }
    wake(reader);
    if (firedWrite != 0) {
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
