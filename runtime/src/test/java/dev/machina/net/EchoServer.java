package dev.machina.net;

import dev.machina.Context;
import dev.machina.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A TCP echo server written as hand-made futures (the runtime module has no {@code @Async}
 * compiler): an accept loop that spawns one {@link Connection} per client.
 */
final class EchoServer implements Future<Void> {
  final TcpListener listener;
  final Consumer<Future<Void>> spawner;
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger finished = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  private Future<TcpStream> accept;

  EchoServer(TcpListener listener, Consumer<Future<Void>> spawner) {
    this.listener = listener;
    this.spawner = spawner;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    while (true) {
      if (accept == null) {
        accept = listener.accept();
      }
      Object r = accept.poll(cx);
      if (r == PENDING) {
        return PENDING;
      }
      accept = null;
      accepted.incrementAndGet();
      spawner.accept(new Connection((TcpStream) r));
    }
  }

  @Override
  public void cancel() {
    if (accept != null) {
      accept.cancel();
    }
  }

  /** Reads what the client sends and writes it back until end of stream, then closes. */
  final class Connection implements Future<Void> {
    private final TcpStream stream;
    private final ByteBuffer buf = ByteBuffer.allocate(4096);
    private Future<?> pending;
    private boolean writing;

    Connection(TcpStream stream) {
      this.stream = stream;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      try {
        while (true) {
          if (pending == null) {
            pending = writing ? stream.writeAll(buf) : stream.read(buf);
          }
          Object r = pending.poll(cx);
          if (r == PENDING) {
            return PENDING;
          }
          pending = null;
          if (writing) {
            buf.clear();
            writing = false;
          } else if ((Integer) r < 0) {
            stream.close();
            finished.incrementAndGet();
            return null;
          } else {
            buf.flip();
            writing = true;
          }
        }
      } catch (IOException e) {
        failed.incrementAndGet();
        stream.close();
        throw e;
      }
    }
  }
}
