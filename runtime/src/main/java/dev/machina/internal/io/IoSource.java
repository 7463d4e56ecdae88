package dev.machina.internal.io;

import dev.machina.Waker;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A non-blocking channel's registration with a {@link Reactor}: the waker of the pending read-side
 * operation (read, accept, receive) and of the pending write-side operation (write, connect,
 * send), and the selector interest they ask for.
 *
 * <p>Protocol: an operation first tries the channel; only when it would block (or right after a
 * short read) does it call {@link #awaitReadable}, {@link #awaitWritable} or
 * {@link #awaitConnectable}, which stores the waker and then makes sure the interest bit is set,
 * so the event cannot fire before the waker is visible. The woken operation tries the channel
 * again and drains it until it would block before it waits again.
 *
 * <h2>One-shot interest</h2>
 *
 * Every interest is one-shot: when an event fires, the driver clears the fired bits (in
 * {@link #interest} and in the selection key) and then wakes the waker; the next wait sets them
 * again. A source that nobody waits on therefore never makes the selector report it again, and a
 * level-triggered event is delivered once per wait.
 *
 * <p>What a re-arm costs. The JDK's {@code EPollSelectorImpl} (JDK 11 and later) applies a key's
 * interest change at the start of the next {@code select}, and calls {@code epoll_ctl} only when
 * the new interest differs from what the kernel holds ({@code processUpdateQueue} compares it
 * with the key's registered events); {@code SelectionKey.interestOps} itself only queues the key
 * and is safe from any thread. So a read that fires and is re-armed before the next select starts
 * (the usual case when idle workers drive the selector: the worker that dispatched the event runs
 * the woken task, which reads, answers and waits again) costs no system call: the clear and the
 * re-arm cancel out. A reader re-arms its read bits on the key directly ({@code interestOpsOr}),
 * not through the reactor's queue, and wakes the selector only if a select has started since the
 * clear ({@link Reactor#selectCount()} moved past {@link #disarmedAt}): that select may have
 * removed the descriptor from epoll and may now be blocked without it. The write side (rare:
 * most writes complete at once) re-arms through the reactor's queue.
 *
 * <p>No lost wake. All accesses are volatile or atomic (one total order). The driver, on an
 * event, does: clear the bits in the key, record {@link #disarmedAt}, clear them in
 * {@link #interest}, then take (read side) or read (write side) the waker and wake it. A reader
 * does: store its waker, set the bits in {@link #interest}; if they were set already it returns;
 * otherwise it sets them in the key, then reads the select count. If the reader's set of
 * {@code interest} came before the driver's clear, its waker was stored before the driver takes
 * it, so it is woken (and re-arms when it waits again). If it came after, the driver's key clear
 * came before the reader's key set, so the key ends armed; and either no select has started since
 * the clear, so the next select reads the armed key (its start, which bumps the count, comes after
 * the reader's read of the count, hence after the key set), or the reader wakes the selector,
 * whose next select applies the key. At worst a waker is woken once more than needed, and a
 * spurious wake only makes its operation try the channel again. A cancelled read empties its
 * slot ({@link #clearWakers}) and the armed bit lapses when it fires; bytes are only consumed by
 * an attempt that returns them, so arming never loses a byte.
 *
 * <p>Invariants: {@link #interest} holds the bits a waiter asked for since they last fired; the
 * key's interest holds them too, except while a re-arm is between its two steps or queued for the
 * driver. Only the driver clears bits, in the key and then in {@link #interest}, so a bit set in
 * {@link #interest} after the clear is never lost from the key. Before the driver registers the
 * channel ({@link #key} null) every arm goes through the reactor's queue: a thread that sets a bit
 * enqueues the source unless it is already queued ({@code queued} flag, reset by the driver before
 * it reads {@link #interest}), and the driver then only adds bits to the key.
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
  /** The reactor's select count when the driver last cleared fired bits (see the class comment). */
  private volatile long disarmedAt;
  /** Why the source no longer works (runtime shut down), or null. */
  private volatile String failure;

  /** The selection key once the driver registered the channel (set by the driver only). */
  volatile SelectionKey key;
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
   * Arranges for {@code waker} to be woken once the channel may be readable (or acceptable): call
   * after an attempt found it would block, or after a short read (readiness is level-triggered,
   * so bytes that are there already are reported by the next select). Throws if the runtime has
   * shut down or the channel was closed.
   */
  public void awaitReadable(Waker waker) throws IOException {
    readWaker = waker;
    int old = (int) INTEREST.getAndBitwiseOr(this, readOps);
    if ((old & readOps) == readOps) {
      checkOpen(); // still armed: the event has not fired since the last wait
      return;
    }
    SelectionKey k = key;
    if (k == null) {
      enqueue();
      checkUsable();
      return;
    }
    try {
      k.interestOpsOr(readOps);
    } catch (CancelledKeyException e) {
      checkOpen(); // closed meanwhile; close() wakes the waker in any case
      return;
    }
    if (reactor.selectCount() != disarmedAt) {
      reactor.wakeup(); // a select started since the clear: it may wait without this channel
    }
    checkOpen();
  }

  /**
   * After a waiter armed: throws if the runtime shut down or the channel was closed.
   * {@link #close} closes the channel before it wakes the wakers, so either this check sees the
   * channel closed or that wake sees the waker; a closed channel's key no longer fires, so
   * without the check a wait that raced a close from another task would hang.
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
    armThroughDriver(writeOps & SelectionKey.OP_WRITE);
  }

  /** Arranges for {@code waker} to be woken once a pending connect may finish. */
  public void awaitConnectable(Waker waker) throws IOException {
    writeWaker = waker;
    armThroughDriver(SelectionKey.OP_CONNECT);
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

  private void armThroughDriver(int ops) throws IOException {
    checkUsable();
    int old = (int) INTEREST.getAndBitwiseOr(this, ops);
    if ((old & ops) != ops) {
      enqueue();
    }
    checkUsable();
  }

  private void enqueue() {
    if (!queued && QUEUED.compareAndSet(this, false, true)) {
      reactor.enqueue(this);
    }
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
   * Driver thread: clears the fired bits (one-shot), in the key first, then wakes the wakers of
   * the fired sides (see the class comment for the order).
   */
  void onReady(int readyOps) {
    int firedRead = readyOps & readOps;
    int firedWrite = readyOps & writeOps;
    int fired = firedRead | firedWrite;
    if (fired == 0) {
      return;
    }
    SelectionKey k = key;
    if (k != null) {
      try {
        k.interestOpsAnd(~fired);
      } catch (CancelledKeyException e) {
        // Closed meanwhile: the woken operations find the channel closed.
      }
    }
    disarmedAt = reactor.selectCount();
    INTEREST.getAndBitwiseAnd(this, ~fired);
    if (firedRead != 0) {
      wake((Waker) READ_WAKER.getAndSet(this, null));
    }
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
