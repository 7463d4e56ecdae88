package dev.machina.bench.machina;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.MachinaRuntime;
import dev.machina.Waker;
import dev.machina.sync.Channel;

/**
 * B3 taken apart: the two halves of a {@link PingPong} round trip measured alone, so that the
 * README can say where its time goes.
 *
 * <ul>
 *   <li>{@link #channelsOnly}: the channel operations of {@code n} round trips (two receives that
 *       wait, two sends that hand over, two receives that take), driven by hand on one thread with
 *       a no-op waker: no executor, no state machine.
 *   <li>{@link #executorOnly}: two spawned tasks that pass a turn back and forth through their
 *       wakers, {@code n} round trips: two wakes and two task polls per round trip, as in B3, but
 *       no channel and no state machine.
 * </ul>
 */
public final class PingPongParts {
  private PingPongParts() {}

  /** {@code n} round trips of channel operations on the calling thread; the sum of the pongs. */
  public static long channelsOnly(int n) {
    Context cx = Context.of(Waker.noop());
    Channel<Integer> ping = Channel.bounded(1);
    Channel<Integer> pong = Channel.bounded(1);
    long sum = 0;
    try {
      for (int i = 0; i < n; i++) {
        cx.resetBudget();
        Future<Integer> echoRecv = ping.receiver().recv();
        expectPending(echoRecv.poll(cx));
        ping.sender().send(i).poll(cx);
        Future<Integer> driveRecv = pong.receiver().recv();
        expectPending(driveRecv.poll(cx));
        int v = (Integer) echoRecv.poll(cx);
        pong.sender().send(v + 1).poll(cx);
        sum += (Integer) driveRecv.poll(cx);
      }
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    return sum;
  }

  private static void expectPending(Object r) {
    if (r != Future.PENDING) {
      throw new IllegalStateException("the receive should wait: " + r);
    }
  }

  /** {@code n} round trips of a turn passed between two tasks of {@code rt} by their wakers. */
  public static long executorOnly(MachinaRuntime rt, int n) {
    Turn turn = new Turn();
    JoinHandle<Long> a = rt.spawn(new Player(turn, 0, n));
    JoinHandle<Long> b = rt.spawn(new Player(turn, 1, n));
    return rt.blockOn(a) + rt.blockOn(b);
  }

  /** Whose turn it is, and each player's latest waker. */
  private static final class Turn {
    volatile int holder;
    volatile Waker waker0;
    volatile Waker waker1;
  }

  /**
   * Takes the turn {@code rounds} times, each time handing it to the other player and waking it.
   * A player stores its waker and then re-reads the turn; the passer writes the turn and then
   * reads the other's waker (all volatile), so no pass is missed.
   */
  private static final class Player implements Future<Long> {
    private final Turn turn;
    private final int me;
    private final int rounds;
    private long taken;

    Player(Turn turn, int me, int rounds) {
      this.turn = turn;
      this.me = me;
      this.rounds = rounds;
    }

    @Override
    public Object poll(Context cx) {
      for (;;) {
        if (turn.holder == me) {
          boolean last = taken == rounds;
          if (!last) {
            taken++;
          }
          turn.holder = 1 - me;
          Waker other = me == 0 ? turn.waker1 : turn.waker0;
          if (other != null) {
            other.wake();
          }
          if (last) {
            return taken;
          }
        }
        if (me == 0) {
          turn.waker0 = cx.waker();
        } else {
          turn.waker1 = cx.waker();
        }
        if (turn.holder != me) {
          return PENDING;
        }
      }
    }
  }
}
