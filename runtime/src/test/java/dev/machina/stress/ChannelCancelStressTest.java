package dev.machina.stress;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.JoinHandle;
import dev.machina.internal.Machine;
import dev.machina.sync.Channel;
import dev.machina.sync.Receiver;
import dev.machina.sync.SendFuture;
import dev.machina.sync.Sender;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producer and consumer tasks on bounded and unbounded channels, where random sends and receives
 * are given up (cancelled while waiting) and whole producer and consumer tasks are cancelled from
 * another thread: the messages received are exactly the messages the channel accepted, each once.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ChannelCancelStressTest {
  private final Tally tally = new Tally();

  @Test
  void producersAndConsumersWithCancelledSendsReceivesAndTasks() {
    String name = "producersAndConsumersWithCancelledSendsReceivesAndTasks";
    int rounds = StressRounds.run(name, 1200, 30, this::round);
    tally.report(name, rounds, "send withdrawn", "send cancelled after it was accepted",
        "receive given up", "producer task cancelled", "consumer task cancelled",
        "bounded", "unbounded");
  }

  private void round(SplittableRandom random) throws Throwable {
    boolean unbounded = random.nextInt(3) == 0;
    int capacity = 1 + random.nextInt(8);
    Channel<Long> ch = unbounded ? Channel.unbounded() : Channel.bounded(capacity);
    int producers = 1 + random.nextInt(5);
    int consumers = 1 + random.nextInt(5);
    int perProducer = 50 + random.nextInt(600);
    int impatientPercent = random.nextInt(60);
    ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
    String shape = (unbounded ? "unbounded" : "bounded(" + capacity + ")") + ", " + producers
        + " producers x " + perProducer + ", " + consumers + " consumers";
    tally.add(unbounded ? "unbounded" : "bounded");
    try (StressRounds.Rt rt = new StressRounds.Rt("chan-stress", 1 + random.nextInt(3))) {
      List<JoinHandle<Integer>> consumed = new ArrayList<>();
      List<Object> machines = new ArrayList<>();
      for (int c = 0; c < consumers; c++) {
        Consume m =
            new Consume(ch.receiver(), received, random.split(), impatientPercent, tally);
        machines.add(m);
        consumed.add(rt.runtime.spawn(m));
      }
      // Clone every handle before any producer runs: one that finishes closes its own.
      Sender<Long> first = ch.sender();
      List<Sender<Long>> senders = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        senders.add(p == 0 ? first : first.clone());
      }
      List<JoinHandle<Integer>> produced = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        Produce m = new Produce(senders.get(p), p, perProducer, accepted, random.split(),
            impatientPercent, tally);
        machines.add(m);
        produced.add(rt.runtime.spawn(m));
      }
      StressRounds.describeWith(() -> shape + "\nchannel core: " + core(ch) + "\nproducers: "
          + produced.stream().map(h -> h.isDone() + " ").toList() + "\nconsumers: "
          + consumed.stream().map(h -> h.isDone() + " ").toList() + "\naccepted " + accepted.size()
          + ", received " + received.size() + "\nmachines:\n" + machines.stream()
          .map(m -> StressRounds.fields(m) + (m instanceof Produce pm && pm.inFlight != null
              ? " sending " + StressRounds.fields(pm.inFlight) : "")).toList());
      // Cancel some whole tasks while they run; consumer 0 is kept, so the stream is drained.
      Chaos chaos = new Chaos();
      SplittableRandom forCanceller = random.split();
      int killProducers = random.nextInt(producers + 1);
      int killConsumers = random.nextInt(consumers);
      chaos.add("canceller", () -> {
        int[] order = Chaos.shuffled(producers, forCanceller);
        for (int k = 0; k < killProducers; k++) {
          StressRounds.spin(forCanceller.nextInt(5000));
          produced.get(order[k]).cancel();
        }
        int[] corder = Chaos.shuffled(consumers - 1, forCanceller);
        for (int k = 0; k < killConsumers; k++) {
          StressRounds.spin(forCanceller.nextInt(5000));
          consumed.get(1 + corder[k]).cancel();
        }
      });
      chaos.start();
      for (int p = 0; p < producers; p++) {
        if (!joinOrCancelled(rt, produced.get(p))) {
          tally.add("producer task cancelled");
          // A task cancelled before its first poll never ran its body, finally included (as a
          // method that never started): close its sender here (closing twice does nothing).
          senders.get(p).close();
        }
      }
      int consumerCancelled = 0;
      for (JoinHandle<Integer> h : consumed) {
        consumerCancelled += joinOrCancelled(rt, h) ? 0 : 1;
      }
      chaos.join();
      assertTrue(consumerCancelled <= killConsumers, shape);
      tally.add("consumer task cancelled", consumerCancelled);
      assertTrue(ch.receiver().isEnded(), "every sender closed and the stream drained: " + shape);
      assertNull(ch.receiver().tryRecv(), shape);
      List<Long> got = new ArrayList<>(received);
      Set<Long> distinct = new HashSet<>(got);
      assertEquals(got.size(), distinct.size(), "a message was received twice: " + shape);
      Set<Long> sent = new HashSet<>(accepted);
      assertEquals(accepted.size(), sent.size(), "a message was accepted twice: " + shape);
      Set<Long> lost = new HashSet<>(sent);
      lost.removeAll(distinct);
      Set<Long> extra = new HashSet<>(distinct);
      extra.removeAll(sent);
      assertTrue(lost.isEmpty() && extra.isEmpty(),
          shape + ": lost " + lost.size() + " " + sample(lost) + ", received but never accepted "
              + extra.size() + " " + sample(extra));
      if (killProducers == 0) {
        assertEquals((long) producers * perProducer, (long) sent.size()
            + withdrawnAndSkipped(produced, rt), shape);
      }
    }
  }

  /** Messages the producers gave up on for good (only when none was cancelled: all values). */
  private static long withdrawnAndSkipped(List<JoinHandle<Integer>> produced, StressRounds.Rt rt) {
    long skipped = 0;
    for (JoinHandle<Integer> h : produced) {
      skipped += h.toCompletableFuture().join();
    }
    return skipped;
  }

  private static String core(Channel<Long> ch) {
    try {
      java.lang.reflect.Field f = Receiver.class.getDeclaredField("core");
      f.setAccessible(true);
      Object core = f.get(ch.receiver());
      synchronized (core) {
        return StressRounds.fields(core);
      }
    } catch (ReflectiveOperationException e) {
      return e.toString();
    }
  }

  private static String sample(Set<Long> ids) {
    return ids.stream().limit(5).map(m -> (m >>> 32) + "/" + (int) (long) m).toList().toString();
  }

  private static boolean joinOrCancelled(StressRounds.Rt rt, JoinHandle<Integer> h) {
    try {
      rt.runtime.blockOn(h);
      return true;
    } catch (CancellationException e) {
      return false;
    }
  }

  /**
   * Hand-written form of: {@code try { for (i...) { SendFuture s = tx.send(m); r =
   * await(impatient(s)); record accepted or withdrawn } } catch (Throwable e) { if (s.isSent())
   * record accepted; throw e; } finally { tx.close(); }} returning the messages skipped for good.
   */
  static final class Produce extends Machine<Integer> {
    private final Sender<Long> tx;
    private final long producer;
    private final int count;
    private final ConcurrentLinkedQueue<Long> accepted;
    private final SplittableRandom random;
    private final int impatientPercent;
    private final Tally tally;
    private int next;
    private int skipped;
    private SendFuture inFlight;

    Produce(Sender<Long> tx, int producer, int count, ConcurrentLinkedQueue<Long> accepted,
        SplittableRandom random, int impatientPercent, Tally tally) {
      this.tx = tx;
      this.tally = tally;
      this.producer = producer;
      this.count = count;
      this.accepted = accepted;
      this.random = random;
      this.impatientPercent = impatientPercent;
    }

    private long message(int i) {
      return producer << 32 | i;
    }

    @Override
    protected Object step(Context cx) throws Throwable {
      try {
        for (;;) {
          if (state == 0) {
            if (next == count) {
              tx.close();
              return skipped;
            }
            inFlight = tx.send(message(next));
            awaiting = Impatient.of(inFlight, random, impatientPercent);
            state = 1;
          }
          Object r = awaited(cx);
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          state = 0;
          SendFuture s = inFlight;
          inFlight = null;
          if (r == Impatient.GAVE_UP) {
            tally.add(s.isSent() ? "send cancelled after it was accepted" : "send withdrawn");
          }
          if (r == Impatient.GAVE_UP && !s.isSent()) {
            if (random.nextBoolean()) { // withdrawn: skip it for good, or else send it again
              skipped++;
              next++;
            }
            continue;
          }
          accepted.add(message(next));
          next++;
        }
      } catch (Throwable e) {
        if (inFlight != null && inFlight.isSent()) {
          accepted.add(message(next)); // cancelled too late: the channel has it
        }
        tx.close();
        throw e;
      }
    }
  }

  /**
   * Hand-written form of: {@code for (;;) { r = await(impatient(rx.recv())); if (r == GAVE_UP)
   * continue; if (r == null) return n; received.add(r); n++; }}.
   */
  static final class Consume extends Machine<Integer> {
    private final Receiver<Long> rx;
    private final ConcurrentLinkedQueue<Long> received;
    private final SplittableRandom random;
    private final int impatientPercent;
    private final Tally tally;
    private int n;

    Consume(Receiver<Long> rx, ConcurrentLinkedQueue<Long> received, SplittableRandom random,
        int impatientPercent, Tally tally) {
      this.rx = rx;
      this.tally = tally;
      this.received = received;
      this.random = random;
      this.impatientPercent = impatientPercent;
    }

    @Override
    protected Object step(Context cx) throws Throwable {
      for (;;) {
        if (state == 0) {
          awaiting = Impatient.of(rx.recv(), random, impatientPercent);
          state = 1;
        }
        Object r = awaited(cx);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        state = 0;
        if (r == Impatient.GAVE_UP) {
          tally.add("receive given up");
          continue;
        }
        if (r == null) {
          return n;
        }
        received.add((Long) r);
        n++;
      }
    }
  }
}
