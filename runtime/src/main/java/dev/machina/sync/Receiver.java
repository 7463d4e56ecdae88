package dev.machina.sync;

import dev.machina.Future;
import dev.machina.Waker;

/**
 * The receiving side of a {@link Channel}; any number of consumers may share it, each message
 * going to exactly one of them.
 *
 * <p>End of stream: {@link #recv()} completes with {@code null} once every sender is closed (or
 * this side was closed) and the buffered messages are drained. Channels reject {@code null}
 * messages, so {@code null} means the end and nothing else:
 *
 * <pre>{@code
 * for (String msg; (msg = await(rx.recv())) != null; ) {
 *   handle(msg);
 * }
 * }</pre>
 *
 * @param <T> the type of the messages
 */
public final class Receiver<T> implements AutoCloseable {
  private final ChannelCore<T> core;

  Receiver(ChannelCore<T> core) {
    this.core = core;
  }

  /**
   * A future of the next message, or of {@code null} at the end of the stream. Waiting receives
   * are served in the order they first waited.
   *
   * <p>Cancelling it never loses a message: a message already handed to this receive but not yet
   * returned by its poll goes to the next waiting receive, or else back to the front of the
   * buffer. The receive takes a buffered message only when polled (it is lazy), and charges the
   * task's cooperative budget when it completes without waiting.
   */
  public Future<T> recv() {
    return new RecvOp<>(core);
  }

  /** The oldest buffered message, or {@code null} if none is available right now. */
  public T tryRecv() {
    T msg;
    Waker wake;
    core.lock();
    try {
      if (!core.hasBuffered()) {
        return null;
      }
      msg = core.take();
      wake = core.admitWaitingSender();
    } finally {
      core.unlock();
    }
    Wakers.wake(wake);
    return msg;
  }

  /** Whether the stream has ended: no sender is open (or this side closed) and nothing is buffered. */
  public boolean isEnded() {
    core.lock();
    try {
      return core.isEnded();
    } finally {
      core.unlock();
    }
  }

  /**
   * Closes the receiving side: further sends fail with {@link ChannelClosedException}, sends
   * waiting for room fail (their messages are not sent), and receives still get the messages
   * already buffered, then the end of the stream. Closing twice does nothing.
   */
  @Override
  public void close() {
    Waker wake;
    core.lock();
    try {
      wake = core.closeReceiving();
    } finally {
      core.unlock();
    }
    Wakers.wake(wake);
  }
}
