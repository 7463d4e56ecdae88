package dev.machina.sync;

import dev.machina.Future;

/**
 * A channel that carries one value, or one failure, from a sender to a receiver.
 *
 * <pre>{@code
 * Oneshot<String> reply = Oneshot.create();
 * Oneshot.Sender<String> tx = reply.sender();     // give this to the worker
 * Oneshot.Receiver<String> rx = reply.receiver(); // a Future<String>
 * tx.send("done");
 * String s = await(rx);
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The receiver completes with the sent value (which may be {@code null}), or throws the
 *       exact {@link Throwable} given to {@link Sender#fail}.
 *   <li>A sender {@linkplain Sender#close() closed} without sending makes the receiver throw
 *       {@link ChannelClosedException}. Closing after a send does nothing, so a sender can live in
 *       a try-with-resources block.
 *   <li>{@link Receiver#close()} and {@link Receiver#cancel()} mean "no longer interested": a
 *       later {@code send} returns {@code false}; a value sent but not yet received is discarded
 *       (there is nobody else to give it to).
 *   <li>The sender and the receiver may be used from different threads. The receiver, like any
 *       future, is polled by one thread at a time.
 * </ul>
 *
 * <p>Creating a oneshot allocates three objects; send and receive allocate nothing.
 *
 * @param <T> the type of the value
 */
public final class Oneshot<T> {
  private final OneshotCell<T> cell = new OneshotCell<>();
  private final OneshotSender<T> sender = new OneshotSender<>(cell);

  private Oneshot() {}

  /** A new oneshot channel. */
  public static <T> Oneshot<T> create() {
    return new Oneshot<>();
  }

  /** The sending end (the same object on every call). */
  public Sender<T> sender() {
    return sender;
  }

  /** The receiving end (the same object on every call). */
  public Receiver<T> receiver() {
    return cell;
  }

  /**
   * The sending end of a {@link Oneshot}: completes the receiver once.
   *
   * @param <T> the type of the value
   */
  public interface Sender<T> extends AutoCloseable {
    /**
     * Sends {@code value}; returns {@code false} if the receiver was closed first (the value is
     * then dropped).
     *
     * @throws IllegalStateException if a value, failure or close was already sent
     */
    boolean send(T value);

    /**
     * Makes the receiver throw {@code error}; returns {@code false} if the receiver was closed
     * first.
     *
     * @throws IllegalStateException if a value, failure or close was already sent
     */
    boolean fail(Throwable error);

    /**
     * Closes the sender: if nothing was sent, the receiver throws {@link ChannelClosedException}.
     * Does nothing once a value or failure was sent.
     */
    @Override
    void close();

    /** Whether the receiver was closed or cancelled, so that sending is pointless. */
    boolean isReceiverClosed();
  }

  /**
   * The receiving end of a {@link Oneshot}: a future of the value.
   *
   * @param <T> the type of the value
   */
  public interface Receiver<T> extends Future<T>, AutoCloseable {
    /** Stops waiting: a later {@link Sender#send} returns {@code false}. Same as {@link #cancel}. */
    @Override
    void close();
  }
}
