package dev.machina.sync;

import dev.machina.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * The shared state of a multi-producer, multi-consumer {@link Channel}, guarded by its own monitor.
 *
 * <p>Invariants, true whenever the monitor is free:
 * <ul>
 *   <li>Receivers wait only while the buffer is empty: a message arriving while a receiver waits
 *       is handed straight to the oldest waiting receiver ({@link RecvOp#deliver}).
 *   <li>Senders wait only while the buffer holds at least {@code capacity} messages: a receive
 *       that makes room moves the oldest waiting sender's message into the buffer.
 *   <li>A message handed to a receiver that is then cancelled before taking it goes to the next
 *       waiting receiver, or else to the <em>front</em> of the buffer, so a single consumer sees
 *       each producer's messages in order. Such a returned message may push the buffer one past
 *       its capacity for a while; senders keep waiting until it drains below capacity.
 *   <li>The channel is <em>open</em> while at least one sender handle is open and the receiving
 *       side is not closed; a send is accepted only while it is open. The stream has
 *       <em>ended</em> once it is not open, the buffer is empty and no message is
 *       {@linkplain #inFlight in flight} (handed to a receive that has neither taken it nor given
 *       it back): a message in flight may still come back, so receives keep waiting for it.
 * </ul>
 *
 * <p>End protocol: {@link #inFlight} is incremented under the monitor when a message is handed
 * over, and decremented when it is given back (under the monitor) or taken (possibly without it,
 * by {@link #handedOverTaken}). The thread that shuts the channel writes {@link #shut} and then
 * reads {@code inFlight}; a taker decrements {@code inFlight} and then reads {@code shut}. Both
 * are volatile, so at least one of them sees the other and ends the waiting receives (doing it
 * twice is harmless).</p>
 *
 * <p>Waker protocol: a waiting operation stores the waker of its latest poll under the monitor,
 * and whoever completes it (moving it out of its queue) reads that waker under the same monitor
 * and wakes it after releasing the monitor. A completion therefore always wakes the newest waker.
 */
final class ChannelCore<T> {
  final int capacity;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private final WaitQueue<RecvOp<T>> receivers = new WaitQueue<>();
  private final WaitQueue<SendOp<T>> senders = new WaitQueue<>();
  private int openSenders = 1;
  private boolean receiveClosed;
  /** Set, under the monitor, once the channel is no longer open. */
  private volatile boolean shut;
  /** Messages handed to receives that have neither taken them nor given them back. */
  private volatile int inFlight;

  private static final VarHandle IN_FLIGHT;

  static {
    try {
      IN_FLIGHT = MethodHandles.lookup().findVarHandle(ChannelCore.class, "inFlight", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  ChannelCore(int capacity) {
    this.capacity = capacity;
  }

  // ---- called under the monitor -------------------------------------------------------------

  boolean isOpen() {
    return openSenders > 0 && !receiveClosed;
  }

  boolean isReceiveClosed() {
    return receiveClosed;
  }

  boolean isEnded() {
    return buffer.isEmpty() && !isOpen() && inFlight == 0;
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
      IN_FLIGHT.getAndAdd(this, 1);
      Waker w = r.deliver(msg);
      return w != null ? w : NO_WAKE;
    }
    if (senders.isEmpty() && buffer.size() < capacity) {
      buffer.addLast(msg);
      return NO_WAKE;
    }
    return null;
  }

  /** Takes the oldest buffered message (the buffer must not be empty); returns a waker to wake. */
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
      return r.deliver(msg);
    }
    IN_FLIGHT.getAndAdd(this, -1);
    buffer.addFirst(msg);
    return null;
  }

  /**
   * A receive took the message handed to it (with or without the monitor). If that was the last
   * message in flight of a channel no longer open, the stream may have ended: tell the waiters.
   */
  void handedOverTaken() {
    if ((int) IN_FLIGHT.getAndAdd(this, -1) == 1 && shut) {
      Waker wake;
      synchronized (this) {
        wake = endWaitingReceivers();
      }
      Wakers.wake(wake);
    }
  }

  void waitToReceive(RecvOp<T> op) {
    receivers.add(op);
  }

  void waitToSend(SendOp<T> op) {
    senders.add(op);
  }

  void stopWaitingToReceive(RecvOp<T> op) {
    receivers.remove(op);
  }

  void stopWaitingToSend(SendOp<T> op) {
    senders.remove(op);
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
    if (buffer.isEmpty() && inFlight == 0) {
      for (RecvOp<T> r; (r = receivers.poll()) != null; ) {
        wake = Wakers.plus(wake, r.end());
      }
    }
    return wake;
  }

  /** Returned by {@link #offer} for "accepted, nobody to wake". */
  static final Waker NO_WAKE = () -> {};
}
