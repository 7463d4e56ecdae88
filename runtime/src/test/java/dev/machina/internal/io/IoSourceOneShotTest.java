package dev.machina.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.Waker;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One-shot interest of an {@link IoSource}, driven turn by turn on one {@link Reactor}. */
class IoSourceOneShotTest {
  private Reactor reactor;
  private Pipe pipe;
  private IoSource source;
  private final AtomicInteger wakes = new AtomicInteger();
  private final Waker counting = wakes::incrementAndGet;

  @BeforeEach
  void open() throws Exception {
    reactor = new Reactor();
    pipe = Pipe.open();
    source = reactor.register(pipe.source());
    assertEquals(true, reactor.tryAcquire());
  }

  @AfterEach
  void close() throws Exception {
    reactor.release();
    reactor.shutdown("test over");
    pipe.sink().close();
  }

  /** One non-waiting turn, as a busy worker takes between tasks. */
  private void turn() throws Exception {
    reactor.beginTurn();
    reactor.select(0);
    reactor.endTurn();
  }

  private void writeByte() throws Exception {
    pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
  }

  @Test
  void aFiredReadIsReportedOncePerWaitThoughTheBytesStayUnread() throws Exception {
    source.awaitReadable(counting);
    turn(); // registers the channel with read interest
    assertEquals(SelectionKey.OP_READ, source.key.interestOps());
    writeByte();
    turn();
    assertEquals(1, wakes.get());
    assertEquals(0, source.key.interestOps(), "the event clears the interest");

    // Nobody reads and nobody waits: however many turns run, nothing is reported again.
    for (int i = 0; i < 5; i++) {
      turn();
    }
    assertEquals(1, wakes.get());

    // The next wait re-arms on the key itself, and the unread byte is reported by the next turn.
    source.awaitReadable(counting);
    assertEquals(SelectionKey.OP_READ, source.key.interestOps());
    turn();
    assertEquals(2, wakes.get());
    assertEquals(0, source.key.interestOps());
  }

  @Test
  void aWaitOnInterestStillArmedOnlyStoresItsWaker() throws Exception {
    source.awaitReadable(counting);
    turn();
    Waker other = () -> wakes.addAndGet(100);
    source.awaitReadable(other); // armed, not fired: the new waker replaces the old one
    writeByte();
    turn();
    assertEquals(100, wakes.get(), "only the latest waiter is woken, once");
  }

  @Test
  void aCancelledWaitLeavesItsInterestToLapseWhenItFires() throws Exception {
    source.awaitReadable(counting);
    turn();
    source.clearWakers(true, false);
    writeByte();
    turn();
    assertEquals(0, wakes.get());
    assertEquals(0, source.key.interestOps(), "the interest lapsed with nobody to wake");
    byte[] got = new byte[4];
    assertEquals(1, pipe.source().read(ByteBuffer.wrap(got)), "no byte was consumed by the wait");
  }

  @Test
  void aWaitAfterTheChannelWasClosedFailsInsteadOfHanging() throws Exception {
    source.awaitReadable(counting);
    turn();
    source.close();
    assertThrows(ClosedChannelException.class, () -> source.awaitReadable(counting));
  }
}
