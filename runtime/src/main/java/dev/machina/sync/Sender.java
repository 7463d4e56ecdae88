package dev.machina.sync;

import dev.machina.Waker;
import java.util.Objects;

/**
 * A producer's handle on a {@link Channel}; {@link #clone()} makes one handle per producer, and the
 * stream ends for receivers once every handle is {@linkplain #close() closed}.
 *
 * <p>A handle is safe to use from several threads, but giving each producer its own clone is
 * what makes "the last producer done" end the stream.
 *
 * @param <T> the type of the messages
 */
public final class Sender<T> implements AutoCloseable {
  private final ChannelCore<T> core;
  /** Guarded by the channel lock. */
  private boolean closed;

  Sender(ChannelCore<T> core) {
    this.core = core;
  }

  /**
   * Sends {@code message}, waiting while a bounded channel is full.
   *
   * <p>If the channel can take the message now (a receiver is waiting, or the buffer has room and
   * no earlier send is waiting), it is sent during this call and the returned future is already
   * complete; this path allocates nothing. Otherwise the message is sent when the returned future,
   * polled, finds room, after every send that was waiting before it (FIFO). The future throws
   * {@link ChannelClosedException} if the receiving side closed (or every sender closed) first.
   * Cancelling a waiting send withdraws its message; see {@link SendFuture#isSent()}.
   *
   * @throws NullPointerException if {@code message} is null ({@code null} marks the end of the
   *     stream for receivers)
   * @throws IllegalStateException if this handle was closed
   */
  public SendFuture send(T message) {
    Waker wake = offer(message);
    if (wake == CLOSED) {
      return new SendDone(new ChannelClosedException("the channel is closed: its receiver closed"));
    }
    if (wake == null) {
      return new SendOp<>(core, message);
    }
    wake.wake();
    return SendDone.SENT;
  }

  /**
   * Sends {@code message} if the channel can take it without waiting; returns {@code false} if it
   * is full.
   *
   * @throws ChannelClosedException if the receiving side closed
   * @throws IllegalStateException if this handle was closed
   */
  public boolean trySend(T message) {
    Waker wake = offer(message);
    if (wake == CLOSED) {
      throw new ChannelClosedException("the channel is closed: its receiver closed");
    }
    if (wake == null) {
      return false;
    }
    wake.wake();
    return true;
  }

  /**
   * A new handle on the same channel, to give to another producer; it must be closed too.
   *
   * @throws IllegalStateException if this handle was closed
   * @throws ChannelClosedException if the receiving side closed
   */
  @Override
  public Sender<T> clone() {
    core.lock();
    try {
      checkNotClosed();
      if (!core.addSender()) {
        throw new ChannelClosedException("the channel is closed: its receiver closed");
      }
    } finally {
      core.unlock();
    }
    return new Sender<>(core);
  }

  /**
   * Closes this handle; once every handle is closed, receivers get the buffered messages and then
   * the end of the stream. Closing twice does nothing. A send already waiting still completes.
   */
  @Override
  public void close() {
    Waker wake;
    core.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      wake = core.removeSender();
    } finally {
      core.unlock();
    }
    Wakers.wake(wake);
  }

  /** Whether receivers can no longer get new messages: the receiving side closed. */
  public boolean isReceiverClosed() {
    core.lock();
    try {
      return core.isReceiveClosed();
    } finally {
      core.unlock();
    }
  }

  /**
   * Offers {@code message} to the channel without waiting: the waker to wake once it is accepted,
   * {@code null} if the send must wait, or {@link #CLOSED} if the channel no longer takes sends.
   */
  private Waker offer(T message) {
    Objects.requireNonNull(message, "a channel carries no null messages");
    core.lock();
    try {
      checkNotClosed();
      return core.isOpen() ? core.offer(message) : CLOSED;
    } finally {
      core.unlock();
    }
  }

  /** Returned by {@link #offer} when the channel is closed; never woken. */
  private static final Waker CLOSED = () -> {};

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("this sender handle was closed");
    }
  }
}
