package dev.machina.sync;

import dev.machina.Waker;
import dev.machina.internal.ShortLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * The shared state of a multi-producer, multi-consumer {@link Channel}, guarded by its own small
 * lock ({@link #lock()}).
 *
 * <p>Invariants, true whenever the lock is free:
 * <ul>
 *   <li>Receivers wait only while the buffer is empty: a message arriving while a receiver waits
 *       is handed straight to the oldest waiting receiver ({@link Waiter#complete}), which leaves
 *       the queue in the same step.
 *   <li>Senders wait only while the buffer holds at least {@code capacity} messages: a receive
 *       that makes room moves the oldest waiting sender's message into the buffer.
 *   <li>A message handed to a receiver that is then cancelled before taking it goes to the next
 *       waiting receiver, or else to the <em>front</em> of the buffer, so a single consumer sees
 *       each producer's messages in order. Such a returned message may push the buffer one past
 *       its capacity for a while; senders keep waiting until it drains below capacity.
 *   <li>The channel is <em>open</em> while at least one sender handle is open and the receiving
 *       side is not closed; a send is accepted only while it is open. The stream has
 *       <em>ended</em> once it is not open, the buffer is empty and no message is in flight
 *       ({@link #handedOver} {@code ==} {@link #taken}: every message handed to a receive was
 *       taken by its poll or given back): a message in flight may still come back, so receives
 *       keep waiting for it.
 *   <li>Every field but {@link #shut} and {@link #taken} is read and written under the lock only.
 * </ul>
 *
 * <p>End protocol: {@link #handedOver} counts, under the lock, the messages handed to receives
 * and not given back; {@link #taken} counts, atomically and without the lock, those a receive's
 * poll took (the common path takes no lock: {@link #handedOverTaken}). The thread that shuts the
 * channel writes {@link #shut} and then reads {@code taken}; a taker increments {@code taken} and
 * then reads {@code shut}. Both are sequentially consistent, so at least one of them sees the
 * other and ends the waiting receives (doing it twice is harmless).
 *
 * <p>Waker protocol: a waiting operation stores the waker of its latest poll under the lock, and
 * whoever completes it (moving it out of its queue) reads that waker under the same lock and
 * wakes it after releasing the lock. A completion therefore always wakes the newest waker.
 *
 * <p>The lock is a {@link ShortLock}: its critical sections are a few field updates and queue
 * links (no waker, no user code), and nothing called under it takes it again
 * ({@link #handedOverTaken} runs after the caller's {@code unlock}).
 */
final class ChannelCore<T> extends ShortLock {
  final int capacity;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private final WaitQueue<RecvOp<T>> receivers = new WaitQueue<>();
  private final WaitQueue<SendOp<T>> senders = new WaitQueue<>();
  private int openSenders = 1;
  private boolean receiveClosed;
  /** Messages handed to receives and not given back (guarded by the lock). */
  private int handedOver;
  /** Handed-over messages a receive took; incremented atomically, usually without the lock. */
  private volatile int taken;
  /** Set, under the lock, once the channel is no longer open. */
  private volatile boolean shut;
  private static final VarHandle TAKEN;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TAKEN = l.findVarHandle(ChannelCore.class, "taken", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  ChannelCore(int capacity) {
    this.capacity = capacity;
  }

  // ---- called under the lock ------------------------------------------------------------------

  boolean isOpen() {
    return openSenders > 0 && !receiveClosed;
  }

  boolean isReceiveClosed() {
    return receiveClosed;
  }

  boolean isEnded() {
    return buffer.isEmpty() && !isOpen() && handedOver == taken;
  }

  boolean hasBuffered() {
    return !buffer.isEmpty();
  }

  /**
   * Accepts {@code msg} if it needs no waiting: hands it to the oldest waiting receiver (returning
   * that receiver's waker) or appends it to the buffer (returning {@link #NO_WAKE}). Returns
   * {@code null} when the caller must wait. The channel must be open.
   */
  Waker offer(T msg) {
    RecvOp<T> r = receivers.poll();
    if (r != null) {
      handedOver++;
      Waker w = r.complete(msg);
      return w != null ? w : NO_WAKE;
    }
    if (senders.isEmpty() && buffer.size() < capacity) {
      buffer.addLast(msg);
      return NO_WAKE;
    }
    return null;
  }

  /** Takes the oldest buffered message (the buffer must not be empty). */
  T take() {
    return buffer.pollFirst();
  }

  /** After a message left the buffer: admits the oldest waiting sender if there is room now. */
  Waker admitWaitingSender() {
    if (buffer.size() >= capacity) {
      return null;
    }
    SendOp<T> s = senders.poll();
    return s == null ? null : s.accept(buffer);
  }

  /** A message a cancelled receiver had been handed but had not taken: the next one gets it. */
  Waker giveBack(T msg) {
    RecvOp<T> r = receivers.poll();
    if (r != null) {
      return r.complete(msg);
    }
    handedOver--;
    buffer.addFirst(msg);
    return null;
  }

  WaitQueue<RecvOp<T>> receivers() {
    return receivers;
  }

  WaitQueue<SendOp<T>> senders() {
    return senders;
  }

  /** Registers one more sender handle; false if the channel is no longer open. */
  boolean addSender() {
    if (!isOpen()) {
      return false;
    }
    openSenders++;
    return true;
  }

  /** One sender handle closed; returns the wakers of receivers that learn the stream ended. */
  Waker removeSender() {
    openSenders--;
    if (openSenders > 0) {
      return null;
    }
    shut = true;
    return endWaitingReceivers();
  }

  /** The receiving side closed; returns the wakers of the operations this completes. */
  Waker closeReceiving() {
    if (receiveClosed) {
      return null;
    }
    receiveClosed = true;
    shut = true;
    Waker wake = null;
    for (SendOp<T> s; (s = senders.poll()) != null; ) {
      wake = Wakers.plus(wake, s.reject());
    }
    return Wakers.plus(wake, endWaitingReceivers());
  }

  private Waker endWaitingReceivers() {
    Waker wake = null;
    if (buffer.isEmpty() && handedOver == taken) {
      for (RecvOp<T> r; (r = receivers.poll()) != null; ) {
        wake = Wakers.plus(wake, r.complete(null));
      }
    }
    return wake;
  }

  // ---- called without the lock ----------------------------------------------------------------

  /**
   * A receive took the message handed to it. If the channel is no longer open, that may have been
   * the last message in flight: the stream may have ended, so tell the waiting receivers.
   */
  void handedOverTaken() {
    TAKEN.getAndAdd(this, 1);
    if (shut) {
      Waker wake;
      lock();
      try {
        wake = endWaitingReceivers();
      } finally {
        unlock();
      }
      Wakers.wake(wake);
    }
  }

  /** Returned by {@link #offer} for "accepted, nobody to wake". */
  static final Waker NO_WAKE = () -> {};
}
