package dev.machina.sync;

/**
 * A multi-producer, multi-consumer FIFO channel, bounded (senders wait while it is full) or
 * unbounded, whose stream ends once the last sender handle is closed.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * Sender<String> tx = ch.sender();        // the first sender handle
 * Sender<String> tx2 = tx.clone();        // one more handle per producer
 * Receiver<String> rx = ch.receiver();    // shared by every consumer
 *
 * await(tx.send("hello"));                // waits while 16 messages are buffered
 * tx.close(); tx2.close();                // the stream ends once both are closed...
 * String m = await(rx.recv());            // "hello"
 * String end = await(rx.recv());          // ...and drained: null
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Each message is received exactly once, by one receive, unless the receiving side is
 *       {@linkplain Receiver#close() closed} before it is taken (then it stays buffered, still
 *       receivable). Waiting receives and waiting sends are served first come, first served.
 *   <li>Order: with one consumer, each producer's messages are received in the order sent, even
 *       when receives are cancelled. With several consumers, each consumer sees each producer's
 *       messages in order as long as no receive is cancelled; a message returned by a cancelled
 *       receive goes to whichever receive comes next, possibly after later messages already
 *       went to other consumers.
 *   <li>Cancelling a waiting receive loses no message (see {@link Receiver#recv()}); cancelling a
 *       waiting send withdraws its message unless it was already accepted (see
 *       {@link SendFuture}).
 *   <li>{@code null} messages are rejected; {@code recv()} completes with {@code null} at the end.
 *   <li>All handles are thread-safe. A wake-up after a message arrives is never lost: the channel's
 *       state and the waiters' wakers are guarded by one lock, and waiters are woken after it is
 *       released (see {@code ChannelCore} for the invariants).
 * </ul>
 *
 * <p>Cost: a send that finds a waiting receiver or room allocates nothing; a receive allocates
 * its future (32 bytes, which doubles as its queue node while it waits). Handing a message to a
 * waiting receive costs one atomic instruction for the channel's lock, and the receive takes it
 * with one more, without the lock.
 *
 * @param <T> the type of the messages
 */
public final class Channel<T> {
  private final Sender<T> sender;
  private final Receiver<T> receiver;

  private Channel(int capacity) {
    ChannelCore<T> core = new ChannelCore<>(capacity);
    this.sender = new Sender<>(core);
    this.receiver = new Receiver<>(core);
  }

  /** A channel buffering at most {@code capacity} messages; senders wait while it is full. */
  public static <T> Channel<T> bounded(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    return new Channel<>(capacity);
  }

  /** A channel whose buffer grows as needed: sends never wait. */
  public static <T> Channel<T> unbounded() {
    return new Channel<>(Integer.MAX_VALUE);
  }

  /** The first sender handle, created with the channel (the same object on every call). */
  public Sender<T> sender() {
    return sender;
  }

  /** The receiving side (the same object on every call). */
  public Receiver<T> receiver() {
    return receiver;
  }
}
