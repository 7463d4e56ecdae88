package dev.machina.bench.machina;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.sync.Channel;
import dev.machina.sync.Receiver;
import dev.machina.sync.Sender;

/** B3, Machina's side: two tasks pass a number back and forth over two channels of capacity 1. */
public final class PingPong {
  private PingPong() {}

  /** Answers each of {@code n} pings with the number plus one. */
  @Async
  static Future<Void> echo(Receiver<Integer> ping, Sender<Integer> pong, int n) {
    for (int i = 0; i < n; i++) {
      int v = await(ping.recv());
      await(pong.send(v + 1));
    }
    return Future.ready(null);
  }

  /** Sends {@code n} pings, each after the previous pong, and sums the pongs. */
  @Async
  static Future<Long> drive(Sender<Integer> ping, Receiver<Integer> pong, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      await(ping.send(i));
      sum += await(pong.recv());
    }
    return Future.ready(sum);
  }

  /** {@code n} round trips between this task and a spawned echo task. */
  @Async
  public static Future<Long> pingPong(int n) {
    Channel<Integer> ping = Channel.bounded(1);
    Channel<Integer> pong = Channel.bounded(1);
    JoinHandle<Void> echo = Machina.spawn(echo(ping.receiver(), pong.sender(), n));
    long sum = await(drive(ping.sender(), pong.receiver(), n));
    await(echo);
    return Future.ready(sum);
  }
}
