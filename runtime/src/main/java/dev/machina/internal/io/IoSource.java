package dev.machina.internal.io;

import dev.machina.Waker;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A non-blocking channel bound to one {@link Reactor}: the waker of the pending read-side
 * operation (read, accept, receive) and of the pending write-side operation (write, connect,
 * send), and the selector interest they ask for.
 *
 * <p>Protocol: an operation first tries the channel; only when it would block (or right after a
 * short read) does it call {@link #awaitReadable}, {@link #awaitWritable} or
 * {@link #awaitConnectable}, which stores the waker and then arms the interest, so the event
 * cannot fire before the waker is visible. The woken operation tries the channel again and
 * drains it until it would block before it waits again.
 *
 * <h2>One-shot interest</h2>
 *
 * Every interest is one-shot: when an event fires, the turn holder of the source's reactor clears
 * the fired bits (in the selection key, then in {@link #interest}) and then wakes the waker; the
 * next wait sets them again. A source that nobody waits on is therefore never reported again (an
 * unread socket cannot make a select spin), and a level-triggered event is delivered once per
 * wait.
 *
 * <p>What a clear and a re-arm cost. The JDK's {@code EPollSelectorImpl} (JDK 11 to 25: read in
 * JDK 25's source, and in JDK 17's bytecode) only swaps the key's interest and queues the key when
 * {@code interestOps}/{@code interestOpsOr}/{@code interestOpsAnd} change it (from any thread,
 * without waking the selector); the next select's {@code processUpdateQueue} calls
 * {@code epoll_ctl} only if the key's final interest differs from the events the kernel holds. So a
 * clear and a re-arm made between two selects of the same selector cancel out: no system call.
 * Each worker owns a reactor (see {@code Driver}); an event wakes its task onto that worker's
 * queue, the task runs there, drains the socket and re-arms before that worker's next select, so
 * a request/response exchange costs no {@code epoll_ctl} and no {@code Selector.wakeup()}. (With
 * one selector taken in turns by all workers, another worker's select often ran between the clear
 * and the re-arm, and the re-arm then cost an {@code epoll_ctl} plus a wake-up: see B7 in
 * benchmarks/README.md.) A re-arm from another thread (a stolen task, {@code blockOn}) wakes the
 * owner's selector only if it may be blocked in select ({@link Reactor#wakeupIfSelecting}).
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>{@link #interest} holds the bits a waiter armed since they last fired. The key holds them
 *       too, except while an arm is between its two steps or queued for the turn holder.
 *   <li>Only the turn holder clears bits ({@link #onReady}), in the key first and then in
 *       {@link #interest}; everybody else only adds bits. A bit set in {@link #interest} after the
 *       clear is therefore never lost from the key.
 *   <li>Before the turn holder has registered the channel ({@link #key} null) every arm goes
 *       through the reactor's queue: the arming thread enqueues the source unless it is queued
 *       already ({@code queued}, reset by the holder before it reads {@link #interest}), and the
 *       holder registers the channel or adds the bits to its key. Afterwards a waiter adds its bits
 *       to the key itself.
 * </ul>
 *
 * <h2>No lost wake</h2>
 *
 * All accesses below are volatile or atomic (one total order). On an event the holder does
 * C1 clear the fired bits in the key, C2 clear them in {@link #interest}, C3 take (read side) or
 * read (write side) the waker and wake it. A waiter does W1 store its waker, W2 set its bits in
 * {@link #interest} ({@code getAndBitwiseOr}); if they were set already it returns; otherwise W3
 * sets them in the key (or queues the source) and W4 wakes the selector if the holder is
 * selecting.
 * <ul>
 *   <li>W2 before C2: then W1 precedes C3, which wakes this waiter (or a later one).
 *   <li>W2 after C2, bits found set: another waiter armed them after C2, and no event has fired
 *       since (it would have cleared them); when it fires, its C3 comes after W1.
 *   <li>W2 after C2, bits found clear: W3 comes after C1, so the key ends armed. The owner's next
 *       select applies the key (its update queue is read under a lock, inside {@code select}); if
 *       the owner is already blocked in select, it set {@code selecting} before that, so W4 sees
 *       the flag and wakes it, and the select after that applies the key.
 * </ul>
 * At worst a waker is woken once more than needed, and a spurious wake only makes its operation
 * try the channel again. A cancelled operation empties its slot ({@link #clearWakers}) and its
 * armed bit lapses when it fires; bytes are only consumed by an attempt that returns them, so
 * arming never loses a byte.
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

  /** The selection key once the turn holder registered the channel (written by the holder only). */
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
    arm(readOps);
  }

  /**
   * Arranges for {@code waker} to be woken once the channel may be writable; call after a write
   * would block. Throws if the runtime has shut down or the channel was closed.
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

  /** Steps W2 to W4 of the class comment, after the caller stored its waker (W1). */
  private void arm(int ops) throws IOException {
    int old = (int) INTEREST.getAndBitwiseOr(this, ops);
    if ((old & ops) == ops) {
      checkOpen(); // still armed: the event has not fired since the last wait
      return;
    }
    SelectionKey k = key;
    if (k == null) {
      if (!queued && QUEUED.compareAndSet(this, false, true)) {
        reactor.enqueue(this); // wakes the holder if it is selecting
      }
    } else {
      try {
        k.interestOpsOr(ops);
      } catch (CancelledKeyException e) {
        checkOpen(); // closed meanwhile; close() wakes the waker in any case
        return;
      }
      reactor.wakeupIfSelecting();
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

  /** Turn holder: the interest to apply, after marking the source no longer queued. */
  int takeInterest() {
    queued = false;
    return interest;
  }

  /**
   * Turn holder: clears the fired bits (one-shot), in the key first, then wakes the wakers of the
   * fired sides (steps C1 to C3 of the class comment).
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
   * Closes the channel and tells the reactor, which drops the selection key in its next select
   * (waking it if it is blocked), so the socket is released promptly.
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
