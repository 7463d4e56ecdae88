package dev.machina.net;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.io.Registration;
import dev.machina.internal.time.SleepFuture;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP connection: reads and writes are futures that suspend the task, never the thread.
 *
 * <pre>{@code
 * TcpStream s = await(TcpStream.connect(new InetSocketAddress("127.0.0.1", 8080)));
 * await(s.writeAll("ping\n".getBytes(UTF_8)));
 * byte[] reply = await(s.readExactly(5));
 * }</pre>
 *
 * <p><b>End of stream.</b> {@link #read} completes with {@code -1} once the peer has closed its
 * side (half-close included) and every byte was read; {@link #readExactly} fails with
 * {@link EOFException} if the stream ends first. <b>Errors.</b> A reset connection, a broken pipe
 * or a closed socket fail the awaited future with the {@link IOException} the JDK reports, which
 * the task catches around {@code await}. When the runtime shuts down, pending operations fail with
 * an IOException saying so, and the socket is closed.
 *
 * <p><b>Cancellation.</b> {@link #read}, {@link #readExactly} and {@link #write} are safe to cancel
 * (when they lose a {@code select}, or time out): a cancelled read has consumed no byte (bytes that
 * {@code readExactly} had already gathered are put back and returned by the next read), and a
 * cancelled {@code write} has written nothing. {@link #writeAll} is not: when cancelled, some
 * prefix may have been sent; the buffer's position says how much. {@link #connect} cancelled
 * closes the half-open socket.
 *
 * <p><b>Backpressure.</b> A write completes only once the bytes are in the kernel's send buffer;
 * when the peer reads slowly, {@code writeAll} waits, and no memory grows on the writer's side.
 *
 * <p>One task may read while another writes; two concurrent reads (or writes) are not supported.
 */
public final class TcpStream implements Closeable {
  private final SocketChannel channel;
  private final Registration registration;
  /**
   * Bytes received but not yet consumed (in read mode: position..limit), served before the
   * socket: what {@link #readLine} read past a line end, and what a cancelled {@code readExactly}
   * gave back. Touched by the reading task only; null or empty when nothing is buffered.
   */
  private ByteBuffer unread;
  /**
   * The last read from the socket filled less than it asked for, so the socket is most likely
   * empty: the next {@link #read} waits for readiness before it tries (saving a read that would
   * return nothing), once. Touched by the reading task only.
   */
  private boolean drained;

  private TcpStream(SocketChannel channel) throws IOException {
    this.channel = channel;
    this.registration = new Registration(channel);
  }

  static TcpStream adopt(SocketChannel channel) throws IOException {
    try {
      return new TcpStream(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A future connecting to {@code address}; fails with the JDK's IOException (say, refused). */
  public static Future<TcpStream> connect(SocketAddress address) {
    return new Connect(Objects.requireNonNull(address, "address"), -1, null);
  }

  /**
   * A future connecting to {@code host} (a name or a literal address) on {@code port}; a name is
   * resolved on the runtime's blocking pool. See {@link #connect(String, int, Duration)}.
   */
  public static Future<TcpStream> connect(String host, int port) {
    return new Resolve(Objects.requireNonNull(host, "host"), port, -1, null);
  }

  /**
   * A future connecting to {@code host} (a name or a literal address) on {@code port}, giving up
   * with {@link SocketTimeoutException} after {@code timeout}. A name is resolved on the
   * runtime's blocking pool (name lookups block), so the worker thread never waits on DNS; an
   * unknown name fails with {@link java.net.UnknownHostException}.
   */
  public static Future<TcpStream> connect(String host, int port, Duration timeout) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    long nanos = Math.max(0, Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
    long deadline = System.nanoTime() + nanos;
    return new Resolve(host, port, deadline, timeout);
  }

  /**
   * A future connecting to {@code address} that fails with {@link SocketTimeoutException} (an
   * IOException) if the connection is not established within {@code timeout}.
   */
  public static Future<TcpStream> connect(SocketAddress address, Duration timeout) {
    Objects.requireNonNull(address, "address");
    long nanos = Math.max(0, Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
    return new Connect(address, System.nanoTime() + nanos, timeout);
  }

  /**
   * A future reading at least one byte into {@code dst} (as much as is available and fits),
   * completing with the count, {@code -1} at end of stream, or {@code 0} if {@code dst} is full.
   */
  public Future<Integer> read(ByteBuffer dst) {
    return new Read(Objects.requireNonNull(dst, "dst"));
  }

  /** Like {@link #read(ByteBuffer)}, into {@code dst[offset .. offset+length)}. */
  public Future<Integer> read(byte[] dst, int offset, int length) {
    return read(ByteBuffer.wrap(dst, offset, length));
  }

  /**
   * A future of the next line, decoded as UTF-8 without its terminator ({@code \n} or
   * {@code \r\n}); at end of stream, the last unterminated line, then {@code null}. Fails with
   * an IOException if no line end comes within {@code maxLength} bytes, so a peer cannot make the
   * reader buffer without bound. Safe to cancel: bytes read ahead stay buffered in the stream and
   * are returned by the next read, whichever kind.
   */
  public Future<String> readLine(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
    }
    return new ReadLine(maxLength);
  }

  /** Like {@link #read(ByteBuffer)}, into the whole of {@code dst}. */
  public Future<Integer> read(byte[] dst) {
    return read(ByteBuffer.wrap(dst));
  }

  /**
   * A future of exactly {@code n} bytes; fails with {@link EOFException} if the stream ends first.
   * Safe to cancel: bytes already gathered go back to the stream.
   */
  public Future<byte[]> readExactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative length: " + n);
    }
    return new ReadExactly(n);
  }

  /**
   * A future writing at least one byte of {@code src} (as much as the send buffer takes),
   * completing with the count ({@code 0} only if {@code src} is empty). Safe to cancel.
   */
  public Future<Integer> write(ByteBuffer src) {
    return cast(new Write(Objects.requireNonNull(src, "src"), false));
  }

  /** A future writing every remaining byte of {@code src}, waiting while the peer is slow. */
  public Future<Void> writeAll(ByteBuffer src) {
    return cast(new Write(Objects.requireNonNull(src, "src"), true));
  }

  /** A future writing all of {@code src}. */
  public Future<Void> writeAll(byte[] src) {
    return writeAll(ByteBuffer.wrap(src));
  }

  /** Sends end-of-stream to the peer (a half-close); reading stays possible. */
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  /** Sets {@code TCP_NODELAY} (disables Nagle's algorithm, for request/response protocols). */
  public TcpStream setNoDelay(boolean on) throws IOException {
    channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
    return this;
  }

  /** The local address of the connection. */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** The peer's address. */
  public InetSocketAddress remoteAddress() throws IOException {
    return (InetSocketAddress) channel.getRemoteAddress();
  }

  /** Whether the socket is open. */
  public boolean isOpen() {
    return channel.isOpen();
  }

  /** Closes the connection; pending operations fail with a closed-channel IOException. */
  @Override
  public void close() throws IOException {
    registration.close();
  }

  @Override
  public String toString() {
    try {
      return "TcpStream(" + channel.getLocalAddress() + " -> " + channel.getRemoteAddress() + ")";
    } catch (IOException e) {
      return "TcpStream(closed)";
    }
  }

  /** Reads what is available into {@code dst}: the count, -1 at end, or 0 if it would block. */
  private int readNow(ByteBuffer dst) throws IOException {
    ByteBuffer u = unread;
    if (u != null) {
      int n = Math.min(u.remaining(), dst.remaining());
      ByteBuffer slice = u.slice();
      slice.limit(n);
      dst.put(slice);
      u.position(u.position() + n);
      if (n > 0 || !dst.hasRemaining()) {
        return n;
      }
    }
    registration.checkUsable();
    return channel.read(dst);
  }

  /** Puts {@code bytes} (flipped) back in front of the stream. */
  private void unread(ByteBuffer bytes) {
    if (!bytes.hasRemaining()) {
      return;
    }
    ByteBuffer u = unread;
    if (u == null || !u.hasRemaining()) {
      unread = bytes;
    } else {
      ByteBuffer both = ByteBuffer.allocate(bytes.remaining() + u.remaining());
      both.put(bytes).put(u).flip();
      unread = both;
    }
  }

  private final class Read implements Future<Integer> {
    private final ByteBuffer dst;

    Read(ByteBuffer dst) {
      this.dst = dst;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (drained) {
        drained = false;
        ByteBuffer u = unread;
        if (u == null || !u.hasRemaining()) {
          // After a short read the socket is most likely empty: wait for readiness without trying
          // it (level-triggered, so bytes already there are reported by the next select).
          registration.source().awaitReadable(cx.waker());
          return PENDING;
        }
      }
      int wanted = dst.remaining();
      ByteBuffer u = unread;
      boolean fromSocket = u == null || !u.hasRemaining();
      int n = readNow(dst);
      if (n != 0) {
        drained = fromSocket && n > 0 && n < wanted;
        return n;
      }
      registration.source().awaitReadable(cx.waker());
      return PENDING;
    }

    @Override
    public void cancel() {
      registration.cancelWait(true, false);
    }

    @Override
    public String toString() {
      return "read() on " + TcpStream.this;
    }
  }

  /** Scans the buffered bytes for a line end, reading more from the socket as needed. */
  private final class ReadLine implements Future<String> {
    private final int maxLength;
    /** How many buffered bytes are known to hold no line end. */
    private int scanned;

    ReadLine(int maxLength) {
      this.maxLength = maxLength;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      while (true) {
        ByteBuffer u = unread;
        if (u != null) {
          int start = u.position();
          for (int i = start + scanned; i < u.limit(); i++) {
            if (u.get(i) == '\n') {
              int end = i > start && u.get(i - 1) == '\r' ? i - 1 : i;
              String line = decode(u, start, end);
              u.position(i + 1);
              scanned = 0;
              return line;
            }
          }
          scanned = u.remaining();
          if (scanned > maxLength) {
            throw new IOException("no line end within " + maxLength + " bytes");
          }
        }
        int n = fill();
        if (n < 0) {
          u = unread;
          if (u == null || !u.hasRemaining()) {
            return null;
          }
          String last = decode(u, u.position(), u.limit());
          u.position(u.limit());
          scanned = 0;
          return last;
        }
        if (n == 0) {
          registration.source().awaitReadable(cx.waker());
          return PENDING;
        }
      }
    }

    /** Reads from the socket onto the end of the buffered bytes: the count, -1, or 0. */
    private int fill() throws IOException {
      ByteBuffer u = unread;
      if (u == null) {
        u = ByteBuffer.allocate(Math.min(8192, maxLength + 2));
        u.flip();
      }
      if (u.capacity() - u.remaining() < 512 && u.capacity() < maxLength + 2) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(u.capacity() * 2, maxLength + 2));
        bigger.put(u).flip();
        u = bigger;
      }
      unread = u;
      if (u.remaining() == u.capacity()) {
        return 1; // full: let the scan report the over-long line
      }
      registration.checkUsable();
      u.compact();
      try {
        return channel.read(u);
      } finally {
        u.flip();
      }
    }

    @Override
    public void cancel() {
      registration.cancelWait(true, false);
    }

    @Override
    public String toString() {
      return "readLine() on " + TcpStream.this;
    }
  }

  private static String decode(ByteBuffer b, int from, int to) {
    byte[] bytes = new byte[to - from];
    b.get(from, bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  private final class ReadExactly implements Future<byte[]> {
    private final ByteBuffer buf;
    private boolean done;

    ReadExactly(int n) {
      this.buf = ByteBuffer.allocate(n);
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      while (buf.hasRemaining()) {
        int n = readNow(buf);
        if (n < 0) {
          done = true;
          throw new EOFException(
              "end of stream after " + buf.position() + " of " + buf.capacity() + " bytes");
        }
        if (n == 0) {
          registration.source().awaitReadable(cx.waker());
          return PENDING;
        }
      }
      done = true;
      return buf.array();
    }

    @Override
    public void cancel() {
      registration.cancelWait(true, false);
      if (!done) {
        done = true;
        buf.flip();
        unread(buf);
      }
    }

    @Override
    public String toString() {
      return "readExactly(" + buf.capacity() + ", " + buf.position() + " read) on " + TcpStream.this;
    }
  }

  private final class Write implements Future<Object> {
    private final ByteBuffer src;
    private final boolean all;
    private int written;

    Write(ByteBuffer src, boolean all) {
      this.src = src;
      this.all = all;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      registration.checkUsable();
      while (src.hasRemaining()) {
        int n = channel.write(src);
        if (n == 0) {
          registration.source().awaitWritable(cx.waker());
          return PENDING;
        }
        written += n;
        if (!all) {
          return written;
        }
      }
      return all ? null : (Object) written;
    }

    @Override
    public void cancel() {
      registration.cancelWait(false, true);
    }

    @Override
    public String toString() {
      return (all ? "writeAll() on " : "write() on ") + TcpStream.this;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T> cast(Future<?> f) {
    return (Future<T>) f;
  }

  /** Resolves a host name off the worker threads, then connects with the remaining time. */
  private static final class Resolve implements Future<TcpStream> {
    private final String host;
    private final int port;
    private final long deadlineNanos;
    private final Duration timeout;
    private Future<java.net.InetAddress> lookup;
    private Future<TcpStream> connect;

    Resolve(String host, int port, long deadlineNanos, Duration timeout) {
      this.host = host;
      this.port = port;
      this.deadlineNanos = deadlineNanos;
      this.timeout = timeout;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      if (connect == null) {
        if (lookup == null) {
          lookup = isLiteralOrLocal(host)
              ? Future.ready(java.net.InetAddress.getByName(host))
              : dev.machina.Machina.spawnBlocking(() -> java.net.InetAddress.getByName(host));
          if (timeout != null) {
            lookup = dev.machina.time.Time.timeout(lookup, Duration.ofNanos(
                Math.max(0, deadlineNanos - System.nanoTime())));
          }
        }
        Object a;
        try {
          a = lookup.poll(cx);
        } catch (java.util.concurrent.TimeoutException e) {
          throw new SocketTimeoutException(
              "resolving " + host + " timed out after " + timeout.toMillis() + " ms");
        }
        if (a == PENDING) {
          return PENDING;
        }
        connect = new Connect(
            new InetSocketAddress((java.net.InetAddress) a, port), deadlineNanos, timeout);
      }
      return connect.poll(cx);
    }

    @Override
    public void cancel() {
      if (connect != null) {
        connect.cancel();
      } else if (lookup != null) {
        lookup.cancel();
      }
    }

    private static boolean isLiteralOrLocal(String host) {
      if (host.equalsIgnoreCase("localhost") || host.indexOf(':') >= 0) {
        return true;
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c != '.' && (c < '0' || c > '9')) {
          return false;
        }
      }
      return !host.isEmpty();
    }
  }

  /** Opens, connects (waiting for OP_CONNECT), and fails on the deadline if there is one. */
  private static final class Connect implements Future<TcpStream> {
    private final SocketAddress address;
    private final long deadlineNanos;
    private final Duration timeout;
    private SocketChannel channel;
    private Registration registration;
    private SleepFuture timer;
    private boolean done;

    Connect(SocketAddress address, long deadlineNanos, Duration timeout) {
      this.address = address;
      this.deadlineNanos = deadlineNanos;
      this.timeout = timeout;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      try {
        if (channel == null) {
          if (address instanceof InetSocketAddress isa && isa.isUnresolved()) {
            throw new java.net.UnknownHostException(isa.getHostString());
          }
          channel = SocketChannel.open();
          registration = new Registration(channel);
          if (channel.connect(address)) {
            return finish();
          }
        } else if (channel.finishConnect()) {
          return finish();
        }
        registration.source().awaitConnectable(cx.waker());
        if (timeout != null) {
          if (timer == null) {
            timer = new SleepFuture(deadlineNanos);
          }
          if (timer.poll(cx) != PENDING) {
            throw new SocketTimeoutException(
                "connect to " + address + " timed out after " + timeout.toMillis() + " ms");
          }
        }
        return PENDING;
      } catch (Throwable e) {
        abandon();
        throw e;
      }
    }

    private TcpStream finish() throws IOException {
      done = true;
      if (timer != null) {
        timer.cancel();
      }
      return new TcpStream(channel, registration);
    }

    private void abandon() {
      done = true;
      if (timer != null) {
        timer.cancel();
      }
      if (registration != null) {
        try {
          registration.close();
        } catch (IOException e) {
          // Nothing to report: the connect failed or was abandoned anyway.
        }
      }
    }

    @Override
    public void cancel() {
      if (!done) {
        abandon();
      }
    }

    @Override
    public String toString() {
      return "connect(" + address + ", timeout " + timeout + ")";
    }
  }

  private TcpStream(SocketChannel channel, Registration registration) {
    this.channel = channel;
    this.registration = registration;
  }
}
