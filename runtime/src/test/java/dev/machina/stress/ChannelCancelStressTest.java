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

  @Test
  void consumersSelectingOverTwoChannelsLoseNoMessageToTheLosingReceive() {
    String name = "consumersSelectingOverTwoChannelsLoseNoMessageToTheLosingReceive";
    Tally selectTally = new Tally();
    int rounds = StressRounds.run(name, 1200, 30, random -> selectRound(random, selectTally));
    selectTally.report(name, rounds, "received through select", "consumer task cancelled");
  }

  /**
   * Producers feed two channels; consumers {@code select} over a receive of each (the losing
   * receive is cancelled, and must give back a message it was just handed), then drain whichever
   * channel is left once the other ended.
   */
  private void selectRound(SplittableRandom random, Tally selectTally) throws Throwable {
    List<Channel<Long>> channels = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      channels.add(random.nextInt(3) == 0 ? Channel.unbounded()
          : Channel.bounded(1 + random.nextInt(4)));
    }
    int producers = 2 + random.nextInt(4);
    int consumers = 1 + random.nextInt(4);
    int perProducer = 50 + random.nextInt(400);
    int impatientPercent = random.nextInt(30);
    ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
    try (StressRounds.Rt rt = new StressRounds.Rt("select-chan", 1 + random.nextInt(3))) {
      List<JoinHandle<Integer>> consumed = new ArrayList<>();
      for (int c = 0; c < consumers; c++) {
        consumed.add(rt.runtime.spawn(new SelectConsume(channels, received)));
      }
      List<Sender<Long>> senders = new ArrayList<>();
      List<Sender<Long>> firsts = List.of(channels.get(0).sender(), channels.get(1).sender());
      for (int p = 0; p < producers; p++) {
        Sender<Long> first = firsts.get(p % 2);
        senders.add(p < 2 ? first : first.clone());
      }
      List<JoinHandle<Integer>> produced = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        produced.add(rt.runtime.spawn(new Produce(senders.get(p), p, perProducer, accepted,
            random.split(), impatientPercent, new Tally())));
      }
      SplittableRandom forCanceller = random.split();
      int kills = random.nextInt(consumers);
      Chaos chaos = new Chaos().add("canceller", () -> {
        int[] order = Chaos.shuffled(consumers - 1, forCanceller);
        for (int k = 0; k < kills; k++) {
          StressRounds.spin(forCanceller.nextInt(5000));
          consumed.get(1 + order[k]).cancel();
        }
      });
      chaos.start();
      for (JoinHandle<Integer> h : produced) {
        assertTrue(joinOrCancelled(rt, h), "no producer is cancelled here");
      }
      for (JoinHandle<Integer> h : consumed) {
        if (!joinOrCancelled(rt, h)) {
          selectTally.add("consumer task cancelled");
        }
      }
      chaos.join();
      List<Long> got = new ArrayList<>(received);
      selectTally.add("received through select", got.size());
      Set<Long> distinct = new HashSet<>(got);
      assertEquals(got.size(), distinct.size(), "a message was received twice");
      assertEquals(new HashSet<>(accepted), distinct, "received differs from accepted");
      assertEquals(accepted.size(), got.size());
    }
  }

  /** {@code inner}'s outcome as {@code {tag, value}}; cancelling it cancels {@code inner}. */
  static final class Tagged implements dev.machina.Future<Object[]> {
    private final dev.machina.Future<?> inner;
    private final int tag;

    Tagged(dev.machina.Future<?> inner, int tag) {
      this.inner = inner;
      this.tag = tag;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      Object r = inner.poll(cx);
      return r == PENDING ? PENDING : new Object[] {tag, r};
    }

    @Override
    public void cancel() {
      inner.cancel();
    }
  }

  /**
   * Hand-written form of: {@code while (!(ended[0] && ended[1])) { r = await(open both ?
   * select(tag(a.recv()), tag(b.recv())) : tag(theOpenOne.recv())); if (r.value == null)
   * ended[r.tag] = true; else received.add(r.value); }}.
   */
  static final class SelectConsume extends Machine<Integer> {
    private final List<Channel<Long>> channels;
    private final ConcurrentLinkedQueue<Long> received;
    private final boolean[] ended = new boolean[2];
    private int n;

    SelectConsume(List<Channel<Long>> channels, ConcurrentLinkedQueue<Long> received) {
      this.channels = channels;
      this.received = received;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          if (ended[0] && ended[1]) {
            return n;
          }
          if (ended[0] || ended[1]) {
            int open = ended[0] ? 1 : 0;
            awaiting = new Tagged(channels.get(open).receiver().recv(), open);
          } else {
            awaiting = dev.machina.Futures.select(
                new Tagged(channels.get(0).receiver().recv(), 0),
                new Tagged(channels.get(1).receiver().recv(), 1));
          }
          state = 1;
        }
        Object r = awaited(cx, nested);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        state = 0;
        Object[] tagged = (Object[]) r;
        if (tagged[1] == null) {
          ended[(Integer) tagged[0]] = true;
        } else {
          received.add((Long) tagged[1]);
          n++;
        }
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
      // Read without the channel's lock: a best-effort snapshot for the report of a hang.
      return StressRounds.fields(f.get(ch.receiver()));
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
    protected Object step(Context cx, int nested) throws Throwable {
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
          Object r = awaited(cx, nested);
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
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          awaiting = Impatient.of(rx.recv(), random, impatientPercent);
          state = 1;
        }
        Object r = awaited(cx, nested);
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
