package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.sync.Drive.ParkingWaker;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channels under real contention: nothing lost, nothing duplicated, per-producer order kept. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChannelStressTest {
  /** Encodes a producer and its sequence number in one message. */
  private static long message(int producer, int seq) {
    return ((long) producer << 32) | seq;
  }

  @Test
  void fourProducersQuarterMillionEachThroughABoundedChannel() throws Throwable {
    int producers = 4;
    int perProducer = 250_000;
    Channel<Long> ch = Channel.bounded(64);
    Sender<Long> first = ch.sender();
    Sender<Long>[] senders = senders(first, producers);
    Workers work =
        new Workers()
            .start(
                "producer",
                producers,
                p -> {
                  try (Sender<Long> tx = senders[p]) {
                    for (int i = 0; i < perProducer; i++) {
                      Drive.blockOn(tx.send(message(p, i)));
                    }
                  }
                });
    int[] next = new int[producers];
    long received = 0;
    for (Long m; (m = Drive.blockOn(ch.receiver().recv())) != null; ) {
      int p = (int) (m >>> 32);
      int seq = (int) (long) m;
      assertEquals(next[p], seq, "producer " + p + " out of order, lost or duplicated");
      next[p]++;
      received++;
    }
    work.join();
    assertEquals((long) producers * perProducer, received);
    for (int p = 0; p < producers; p++) {
      assertEquals(perProducer, next[p]);
    }
  }

  @Test
  void manyProducersAndConsumersWithCancelledWaitersLoseNothing() throws Throwable {
    // Whether a send ever waits (and so can be withdrawn) depends on how the threads interleave:
    // on a loaded machine one round may see none. Each round checks that nothing is lost; more
    // rounds run (at most five) until both kinds of cancellation were exercised.
    long cancelled = 0;
    long withdrawn = 0;
    for (int round = 0; round < 5 && (cancelled == 0 || withdrawn == 0); round++) {
      long[] counts = cancellingRound();
      cancelled += counts[0];
      withdrawn += counts[1];
    }
    assertTrue(cancelled > 0, "the test must exercise cancelled receives");
    assertTrue(withdrawn > 0, "the test must exercise withdrawn sends");
  }

  /**
   * One round of four producers and four consumers that cancel one wait in four: asserts that
   * every message arrived exactly once; returns the cancelled receives and withdrawn sends.
   */
  private static long[] cancellingRound() throws Throwable {
    int producers = 4;
    int consumers = 4;
    int perProducer = 25_000;
    Channel<Long> ch = Channel.bounded(8);
    Sender<Long>[] senders = senders(ch.sender(), producers);
    BitSet[] seen = new BitSet[producers];
    for (int p = 0; p < producers; p++) {
      seen[p] = new BitSet(perProducer);
    }
    long[] cancelledReceives = new long[consumers];
    long[] withdrawnSends = new long[producers];
    Workers work = new Workers();
    work.start(
        "producer",
        producers,
        p -> {
          try (Sender<Long> tx = senders[p]) {
            for (int i = 0; i < perProducer; ) {
              SendFuture send = tx.send(message(p, i));
              if (driveOrCancel(send)) {
                i++;
              } else if (send.isSent()) {
                i++; // cancelled too late: the channel had already accepted it
              } else {
                withdrawnSends[p]++; // withdrawn: send the same message again
              }
            }
          }
        });
    work.start(
        "consumer",
        consumers,
        c -> {
          for (;;) {
            Future<Long> recv = ch.receiver().recv();
            Holder<Long> got = new Holder<>();
            if (!driveOrCancel(recv, got)) {
              cancelledReceives[c]++;
              continue;
            }
            Long m = got.value;
            if (m == null) {
              return;
            }
            int p = (int) (m >>> 32);
            int seq = (int) (long) m;
            synchronized (seen[p]) {
              assertFalse(seen[p].get(seq), "duplicate " + p + "/" + seq);
              seen[p].set(seq);
            }
          }
        });
    work.join();
    for (int p = 0; p < producers; p++) {
      assertEquals(perProducer, seen[p].cardinality(), "messages of producer " + p + " lost");
    }
    return new long[] {
      java.util.Arrays.stream(cancelledReceives).sum(), java.util.Arrays.stream(withdrawnSends).sum()
    };
  }

  @Test
  void unboundedChannelWithManyConsumersDeliversEachMessageOnceAndInOrderPerConsumer() throws Throwable {
    int producers = 3;
    int consumers = 3;
    int perProducer = 50_000;
    Channel<Long> ch = Channel.unbounded();
    Sender<Long>[] senders = senders(ch.sender(), producers);
    BitSet[] seen = new BitSet[producers];
    for (int p = 0; p < producers; p++) {
      seen[p] = new BitSet(perProducer);
    }
    new Workers()
        .start(
            "producer",
            producers,
            p -> {
              try (Sender<Long> tx = senders[p]) {
                for (int i = 0; i < perProducer; i++) {
                  assertTrue(tx.trySend(message(p, i)));
                }
              }
            })
        .start(
            "consumer",
            consumers,
            c -> {
              int[] lastSeq = new int[producers];
              java.util.Arrays.fill(lastSeq, -1);
              for (Long m; (m = Drive.blockOn(ch.receiver().recv())) != null; ) {
                int p = (int) (m >>> 32);
                int seq = (int) (long) m;
                assertTrue(seq > lastSeq[p], "a consumer saw producer " + p + " go backwards");
                lastSeq[p] = seq;
                synchronized (seen[p]) {
                  assertFalse(seen[p].get(seq), "duplicate");
                  seen[p].set(seq);
                }
              }
            })
        .join();
    for (int p = 0; p < producers; p++) {
      assertEquals(perProducer, seen[p].cardinality());
    }
    assertTrue(ch.receiver().isEnded());
  }

  @Test
  void singleConsumerKeepsPerProducerOrderThroughCancelledReceives() throws Throwable {
    int producers = 3;
    int perProducer = 30_000;
    Channel<Long> ch = Channel.bounded(4);
    Sender<Long>[] senders = senders(ch.sender(), producers);
    Workers work =
        new Workers()
            .start(
                "producer",
                producers,
                p -> {
                  try (Sender<Long> tx = senders[p]) {
                    for (int i = 0; i < perProducer; i++) {
                      Drive.blockOn(tx.send(message(p, i)));
                    }
                  }
                });
    int[] next = new int[producers];
    long cancelled = 0;
    for (;;) {
      Holder<Long> got = new Holder<>();
      if (!driveOrCancel(ch.receiver().recv(), got)) {
        cancelled++;
        continue;
      }
      if (got.value == null) {
        break;
      }
      int p = (int) (got.value >>> 32);
      assertEquals(next[p], (int) (long) got.value, "producer " + p + " out of order");
      next[p]++;
    }
    work.join();
    for (int p = 0; p < producers; p++) {
      assertEquals(perProducer, next[p]);
    }
    assertTrue(cancelled > 0, "the test must exercise cancelled receives");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Sender<Long>[] senders(Sender<Long> first, int n) {
    Sender<Long>[] senders = new Sender[n];
    senders[0] = first;
    for (int i = 1; i < n; i++) {
      senders[i] = first.clone();
    }
    return senders;
  }

  /** Where {@link #driveOrCancel(Future, Holder)} puts the value. */
  static final class Holder<T> {
    T value;
  }

  static boolean driveOrCancel(Future<Void> f) throws Throwable {
    return driveOrCancel(f, new Holder<>());
  }

  /**
   * Polls {@code f} on this thread; while it is pending, either waits for its wake-up or (one
   * time in four, after a short random wait) cancels it. Returns whether it completed.
   */
  @SuppressWarnings("unchecked")
  static <T> boolean driveOrCancel(Future<T> f, Holder<T> out) throws Throwable {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    ParkingWaker waker = new ParkingWaker(Thread.currentThread());
    Context cx = Context.of(waker);
    for (;;) {
      cx.resetBudget();
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        out.value = (T) r;
        return true;
      }
      if (rnd.nextInt(4) == 0) {
        waker.awaitWake(rnd.nextInt(20_000));
        f.cancel();
        return false;
      }
      waker.awaitWake();
    }
  }
}
