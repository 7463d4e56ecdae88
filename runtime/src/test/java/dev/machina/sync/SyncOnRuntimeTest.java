package dev.machina.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.machina.Context;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.internal.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The primitives used by tasks on the default runtime, through hand-written state machines shaped
 * like the generated ones (so {@code JoinHandle.cancel()} reaches the pending leaf future the way
 * it does in users' code).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyncOnRuntimeTest {
  @Test
  void pingPongBetweenTwoTasks() {
    int rounds = 100_000;
    Channel<Integer> ping = Channel.bounded(1);
    Channel<Integer> pong = Channel.bounded(1);
    assertTrue(ping.sender().trySend(0));
    JoinHandle<Integer> a = Machina.spawn(new Relay(ping.receiver(), pong.sender(), rounds));
    JoinHandle<Integer> b = Machina.spawn(new Relay(pong.receiver(), ping.sender(), rounds));
    assertEquals(rounds, Machina.blockOn(a));
    assertEquals(rounds, Machina.blockOn(b));
    assertEquals(2 * rounds, ping.receiver().tryRecv());
  }

  @Test
  void producerAndConsumerTasksDeliverEverythingOnce() {
    int producers = 4;
    int consumers = 4;
    long perProducer = 50_000;
    Channel<Long> ch = Channel.bounded(16);
    List<JoinHandle<long[]>> drains = new ArrayList<>();
    for (int c = 0; c < consumers; c++) {
      drains.add(Machina.spawn(new Drain(ch.receiver())));
    }
    Sender<Long> first = ch.sender();
    List<JoinHandle<Void>> produced = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      Sender<Long> tx = p == producers - 1 ? first : first.clone();
      produced.add(Machina.spawn(new Produce(tx, p * perProducer, (p + 1) * perProducer)));
    }
    for (JoinHandle<Void> h : produced) {
      Machina.blockOn(h);
    }
    long count = 0;
    long sum = 0;
    for (JoinHandle<long[]> h : drains) {
      long[] r = Machina.blockOn(h);
      count += r[0];
      sum += r[1];
    }
    long n = producers * perProducer;
    assertEquals(n, count);
    assertEquals(n * (n - 1) / 2, sum);
  }

  @Test
  void fourProducerTasksQuarterMillionEachKeepTheirOrder() {
    int producers = 4;
    long perProducer = 250_000;
    Channel<Long> ch = Channel.bounded(64);
    JoinHandle<long[]> consumer = Machina.spawn(new InOrder(ch.receiver(), producers, perProducer));
    Sender<Long> first = ch.sender();
    List<JoinHandle<Void>> produced = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      Sender<Long> tx = p == producers - 1 ? first : first.clone();
      produced.add(Machina.spawn(new Produce(tx, p * perProducer, (p + 1) * perProducer)));
    }
    for (JoinHandle<Void> h : produced) {
      Machina.blockOn(h);
    }
    long[] next = Machina.blockOn(consumer);
    for (int p = 0; p < producers; p++) {
      assertEquals((p + 1) * perProducer, next[p], "producer " + p + " lost messages");
    }
  }

  @Test
  void cancellingTasksWaitingToReceiveLosesNoMessage() throws Throwable {
    int cancelledTasks = 0;
    for (int iteration = 0; iteration < 20; iteration++) {
      int tasks = 200;
      Channel<Integer> ch = Channel.unbounded();
      ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
      List<JoinHandle<Integer>> handles = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        handles.add(Machina.spawn(new ReceiveOne(ch.receiver(), received)));
      }
      Thread sender =
          new Thread(
              () -> {
                for (int i = 0; i < tasks; i++) {
                  ch.sender().trySend(i);
                }
              });
      sender.start();
      for (int i = 0; i < tasks; i += 2) {
        handles.get(i).cancel();
      }
      sender.join();
      int completed = 0;
      for (int i = 0; i < tasks; i++) {
        try {
          Machina.blockOn(handles.get(i));
          completed++;
        } catch (CancellationException e) {
          assertEquals(0, i % 2, "only cancelled tasks end with CancellationException");
          cancelledTasks++;
        }
      }
      List<Integer> all = new ArrayList<>(received);
      for (Integer m; (m = ch.receiver().tryRecv()) != null; ) {
        all.add(m);
      }
      all.sort(null);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        expected.add(i);
      }
      assertEquals(expected, all, "every message received once or still buffered");
      assertEquals(completed, received.size());
    }
    assertTrue(cancelledTasks > 0, "the test must cancel waiting tasks");
  }

  @Test
  void cancellingTasksWaitingForPermitsLosesNoPermit() throws Throwable {
    int cancelledTasks = 0;
    for (int iteration = 0; iteration < 20; iteration++) {
      int tasks = 200;
      Semaphore sem = new Semaphore(0);
      List<JoinHandle<Integer>> handles = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        handles.add(Machina.spawn(new AcquireAndRelease(sem)));
      }
      Thread releaser = new Thread(() -> sem.release(5));
      releaser.start();
      for (int i = 0; i < tasks; i += 2) {
        handles.get(i).cancel();
      }
      releaser.join();
      for (int i = 0; i < tasks; i++) {
        try {
          assertEquals(1, Machina.blockOn(handles.get(i)));
        } catch (CancellationException e) {
          assertEquals(0, i % 2);
          cancelledTasks++;
        }
      }
      assertEquals(5, sem.availablePermits(), "a cancelled waiter kept or lost permits");
    }
    assertTrue(cancelledTasks > 0, "the test must cancel waiting tasks");
  }

  @Test
  void mutexHeldAcrossAwaitsExcludesOtherTasks() {
    int tasks = 50;
    int times = 400;
    Mutex<long[]> mutex = new Mutex<>(new long[1]);
    AtomicInteger inside = new AtomicInteger();
    List<JoinHandle<Void>> handles = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      handles.add(Machina.spawn(new Increment(mutex, times, inside)));
    }
    for (JoinHandle<Void> h : handles) {
      Machina.blockOn(h);
    }
    assertEquals((long) tasks * times, mutex.tryLock().get()[0]);
  }

  /** Hand-written form of: n times { m = await(in.recv()); await(out.send(m + 1)); } return n. */
  static final class Relay extends Machine<Integer> {
    private final Receiver<Integer> in;
    private final Sender<Integer> out;
    private final int rounds;
    private int done;

    Relay(Receiver<Integer> in, Sender<Integer> out, int rounds) {
      this.in = in;
      this.out = out;
      this.rounds = rounds;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        switch (state) {
          case 0:
            if (done == rounds) {
              return done;
            }
            awaiting = in.recv();
            state = 1;
            // fall through
          case 1:
            {
              Object r = awaited(cx, nested);
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              awaiting = out.send((Integer) r + 1);
              state = 2;
            }
            // fall through
          case 2:
            {
              if (awaited(cx, nested) == SUSPENDED) {
                return SUSPENDED;
              }
              done++;
              state = 0;
              continue;
            }
          default:
            throw new IllegalStateException("state " + state);
        }
      }
    }
  }

  /** Hand-written form of: for (m; (m = await(rx.recv())) != null; ) { n++; sum += m; } */
  static final class Drain extends Machine<long[]> {
    private final Receiver<Long> rx;
    private long count;
    private long sum;

    Drain(Receiver<Long> rx) {
      this.rx = rx;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          awaiting = rx.recv();
          state = 1;
        }
        Object r = awaited(cx, nested);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        state = 0;
        if (r == null) {
          return new long[] {count, sum};
        }
        count++;
        sum += (Long) r;
      }
    }
  }

  /**
   * Hand-written form of a loop receiving until the end and checking that the messages of each
   * producer (message / perProducer) arrive in order, exactly once; returns the next expected.
   */
  static final class InOrder extends Machine<long[]> {
    private final Receiver<Long> rx;
    private final long perProducer;
    private final long[] next;

    InOrder(Receiver<Long> rx, int producers, long perProducer) {
      this.rx = rx;
      this.perProducer = perProducer;
      this.next = new long[producers];
      for (int p = 0; p < producers; p++) {
        next[p] = p * perProducer;
      }
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          awaiting = rx.recv();
          state = 1;
        }
        Object r = awaited(cx, nested);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        state = 0;
        if (r == null) {
          return next;
        }
        long m = (Long) r;
        int p = (int) (m / perProducer);
        if (m != next[p]) {
          throw new AssertionError("producer " + p + ": expected " + next[p] + ", got " + m);
        }
        next[p]++;
      }
    }
  }

  /** Hand-written form of: for (i = from; i < to; i++) await(tx.send(i)); tx.close(); */
  static final class Produce extends Machine<Void> {
    private final Sender<Long> tx;
    private final long to;
    private long next;

    Produce(Sender<Long> tx, long from, long to) {
      this.tx = tx;
      this.next = from;
      this.to = to;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        if (state == 0) {
          if (next == to) {
            tx.close();
            return null;
          }
          awaiting = tx.send(next);
          state = 1;
        }
        if (awaited(cx, nested) == SUSPENDED) {
          return SUSPENDED;
        }
        next++;
        state = 0;
      }
    }
  }

  /** Hand-written form of: Integer m = await(rx.recv()); received.add(m); return m; */
  static final class ReceiveOne extends Machine<Integer> {
    private final Receiver<Integer> rx;
    private final ConcurrentLinkedQueue<Integer> received;

    ReceiveOne(Receiver<Integer> rx, ConcurrentLinkedQueue<Integer> received) {
      this.rx = rx;
      this.received = received;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      if (state == 0) {
        awaiting = rx.recv();
        state = 1;
      }
      Object r = awaited(cx, nested);
      if (r == SUSPENDED) {
        return SUSPENDED;
      }
      received.add((Integer) r);
      return r;
    }
  }

  /** Hand-written form of: try (Permit p = await(sem.acquire())) { return 1; } */
  static final class AcquireAndRelease extends Machine<Integer> {
    private final Semaphore sem;

    AcquireAndRelease(Semaphore sem) {
      this.sem = sem;
    }

    @Override
    protected Object step(Context cx, int nested) throws Throwable {
      if (state == 0) {
        awaiting = sem.acquire();
        state = 1;
      }
      Object r = awaited(cx, nested);
      if (r == SUSPENDED) {
        return SUSPENDED;
      }
      ((Semaphore.Permit) r).close();
      return 1;
    }
  }

  /**
   * Hand-written form of: times times { try (g = await(m.lock())) { v = g.get()[0];
   * await(yieldNow()); g.get()[0] = v + 1; } }, checking that nobody else is inside.
   */
  static final class Increment extends Machine<Void> {
    private final Mutex<long[]> mutex;
    private final int times;
    private final AtomicInteger inside;
    private int done;
    private Mutex.Guard<long[]> guard;
    private long before;

    Increment(Mutex<long[]> mutex, int times, AtomicInteger inside) {
      this.mutex = mutex;
      this.times = times;
      this.inside = inside;
    }

    @Override
    @SuppressWarnings({"unchecked", "fallthrough"})
    protected Object step(Context cx, int nested) throws Throwable {
      for (;;) {
        switch (state) {
          case 0:
            if (done == times) {
              return null;
            }
            awaiting = mutex.lock();
            state = 1;
            // fall through
          case 1:
            {
              Object r = awaited(cx, nested);
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              guard = (Mutex.Guard<long[]>) r;
              if (inside.incrementAndGet() != 1) {
                throw new AssertionError("two tasks hold the mutex");
              }
              before = guard.get()[0];
              awaiting = Machina.yieldNow();
              state = 2;
            }
            // fall through
          case 2:
            {
              if (awaited(cx, nested) == SUSPENDED) {
                return SUSPENDED;
              }
              guard.get()[0] = before + 1;
              inside.decrementAndGet();
              guard.close();
              guard = null;
              done++;
              state = 0;
              continue;
            }
          default:
            throw new IllegalStateException("state " + state);
        }
      }
    }
  }
}
