package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link MachinaRuntime#dumpTasks}: what a tracked runtime lists, and what it forgets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskDumpTest {
  /** A leaf future that stays pending, named for the dump, counting down once it was polled. */
  private static final class Stuck implements Future<String> {
    private final String name;
    private final CountDownLatch polled;

    Stuck(String name, CountDownLatch polled) {
      this.name = name;
      this.polled = polled;
    }

    @Override
    public Object poll(Context cx) {
      polled.countDown();
      return PENDING;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static MachinaRuntime tracked(String prefix) {
    return MachinaRuntime.builder().workerThreads(2).threadNamePrefix(prefix).trackTasks(true)
        .build();
  }

  /** Polls the dump until {@code done} holds (tasks complete on workers, not on this thread). */
  private static String awaitDump(MachinaRuntime rt, java.util.function.Predicate<String> done)
      throws InterruptedException {
    String dump = rt.dumpTasks();
    for (int i = 0; i < 2000 && !done.test(dump); i++) {
      Thread.sleep(5);
      dump = rt.dumpTasks();
    }
    return dump;
  }

  @Test
  void aTrackingRuntimeOffersItsDumpOverJmxUntilItShutsDown() throws Exception {
    javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    javax.management.ObjectName first =
        new javax.management.ObjectName("dev.machina:type=Runtime,name=\"dump-jmx\"");
    javax.management.ObjectName second =
        new javax.management.ObjectName("dev.machina:type=Runtime,name=\"dump-jmx\",id=2");
    MachinaRuntime rt = tracked("dump-jmx");
    try (MachinaRuntime sameName = tracked("dump-jmx");
        MachinaRuntime untracked = MachinaRuntime.builder().threadNamePrefix("dump-jmx-off").build()) {
      CountDownLatch polled = new CountDownLatch(1);
      JoinHandle<String> stuck = rt.spawn(new Stuck("a leaf seen over JMX", polled));
      assertTrue(polled.await(10, TimeUnit.SECONDS));

      String dump = (String) server.invoke(first, "dumpTasks", new Object[0], new String[0]);
      assertTrue(dump.startsWith("MachinaRuntime[dump-jmx, 2 workers]: 0 blockOns, 1 task\n"), dump);
      assertTrue(dump.contains("  a leaf seen over JMX\n"), dump);
      assertEquals(1, server.getAttribute(first, "LiveTasks"));
      assertEquals(0, server.getAttribute(first, "BlockOns"));
      assertEquals(sameName.toString(), server.getAttribute(second, "Runtime"));
      assertTrue(server.queryNames(new javax.management.ObjectName("dev.machina:name=\"dump-jmx-off\",*"), null)
          .isEmpty(), "an untracked runtime registers no bean");
      stuck.cancel();
    } finally {
      rt.close();
    }
    assertFalse(server.isRegistered(first), "unregistered at shutdown");
    assertFalse(server.isRegistered(second), "unregistered at shutdown");
  }

  @Test
  void listsPendingTasksInSpawnOrderAndForgetsThemWhenTheyComplete() throws Exception {
    try (MachinaRuntime rt = tracked("dump-list")) {
      CountDownLatch polled = new CountDownLatch(2);
      JoinHandle<String> first = rt.spawn(new Stuck("first stuck leaf", polled));
      JoinHandle<String> second = rt.spawn(new Stuck("second stuck leaf", polled));
      List<JoinHandle<Integer>> quick = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        quick.add(rt.spawn(Future.ready(i)));
      }
      rt.blockOn(Futures.joinAll(quick));
      assertTrue(polled.await(10, TimeUnit.SECONDS));

      String dump = awaitDump(rt, d -> d.contains("0 blockOns, 2 tasks"));
      assertTrue(dump.contains("0 blockOns, 2 tasks"), dump);
      int one = dump.indexOf("  first stuck leaf");
      int two = dump.indexOf("  second stuck leaf");
      assertTrue(0 < one && one < two, dump);
      assertTrue(dump.startsWith("MachinaRuntime[dump-list, 2 workers]"), dump);

      first.cancel();
      second.cancel();
      dump = awaitDump(rt, d -> d.contains(" 0 tasks"));
      assertTrue(dump.endsWith("0 blockOns, 0 tasks\n"), dump);
    }
  }

  @Test
  void listsABlockOnWithItsThreadUntilItReturns() throws Exception {
    try (MachinaRuntime rt = tracked("dump-block")) {
      CountDownLatch blockerPolled = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      Thread blocker = new Thread(() -> rt.blockOn(new Future<String>() {
        @Override
        public Object poll(Context cx) {
          blockerPolled.countDown();
          if (finish.getCount() == 0) {
            return "finished";
          }
          Waker w = cx.waker();
          new Thread(() -> {
            try {
              finish.await();
            } catch (InterruptedException e) {
              return;
            }
            w.wake();
          }).start();
          return PENDING;
        }

        @Override
        public String toString() {
          return "the blocker's future";
        }
      }), "dump-blocker");
      blocker.start();
      assertTrue(blockerPolled.await(10, TimeUnit.SECONDS));
      String dump = rt.dumpTasks();
      assertTrue(dump.contains("1 blockOn, "), dump);
      assertTrue(dump.contains("blockOn on thread \"dump-blocker\"\n  the blocker's future\n"), dump);
      finish.countDown();
      blocker.join();
      String after = rt.dumpTasks();
      assertTrue(after.endsWith("0 blockOns, 0 tasks\n"), after);
    }
  }

  @Test
  void aLeafWhoseToStringThrowsIsNamedByItsClass() throws Exception {
    try (MachinaRuntime rt = tracked("dump-throw")) {
      CountDownLatch polled = new CountDownLatch(1);
      JoinHandle<Object> h = rt.spawn(new Future<Object>() {
        @Override
        public Object poll(Context cx) {
          polled.countDown();
          return PENDING;
        }

        @Override
        public String toString() {
          throw new IllegalStateException("broken toString");
        }
      });
      assertTrue(polled.await(10, TimeUnit.SECONDS));
      String dump = rt.dumpTasks();
      assertTrue(dump.contains("(toString threw java.lang.IllegalStateException: broken toString)"),
          dump);
      h.cancel();
    }
  }

  @Test
  void theRuntimesOwnLeavesSayWhatTheyWaitFor() throws Exception {
    try (MachinaRuntime rt = tracked("dump-leaves");
        dev.machina.net.TcpListener listener = dev.machina.net.TcpListener.bind("127.0.0.1", 0)) {
      dev.machina.sync.Channel<String> empty = dev.machina.sync.Channel.unbounded();
      dev.machina.sync.Channel<String> full = dev.machina.sync.Channel.bounded(1);
      full.sender().trySend("taken");
      dev.machina.sync.Mutex<String> mutex = new dev.machina.sync.Mutex<>("m");
      dev.machina.sync.Mutex.Guard<String> held = mutex.tryLock();
      List<JoinHandle<?>> waiting = new ArrayList<>();
      waiting.add(rt.spawn(dev.machina.time.Time.sleep(java.time.Duration.ofMinutes(10))));
      waiting.add(rt.spawn(empty.receiver().recv()));
      waiting.add(rt.spawn(full.sender().send("more")));
      waiting.add(rt.spawn(mutex.lock()));
      waiting.add(rt.spawn(new dev.machina.sync.Semaphore(0).acquire(2)));
      waiting.add(rt.spawn(new dev.machina.sync.Notify().notified()));
      waiting.add(rt.spawn(listener.accept()));
      waiting.add(rt.spawn(Futures.joinAll(List.of(
          dev.machina.time.Time.sleep(java.time.Duration.ofMinutes(10)), listener.accept()))));
      List<String> expected = List.of("  sleep(due in 59", "  recv() on channel@",
          "  send() on channel@", "  lock() on Mutex@", "  acquire(2) on a Semaphore",
          "  notified() on Notify@", "  accept() on TcpListener(/127.0.0.1:",
          "  Futures.joinAll(2 futures, 2 pending: [sleep(due in 59");
      String dump = awaitDump(rt, d -> expected.stream().allMatch(d::contains));
      for (String line : expected) {
        assertTrue(dump.contains(line), line + " in\n" + dump);
      }
      for (JoinHandle<?> h : waiting) {
        h.cancel();
      }
      held.close();
    }
  }

  @Test
  void anUntrackedRuntimeSaysHowToTrack() {
    try (MachinaRuntime rt = MachinaRuntime.builder().threadNamePrefix("dump-off").build()) {
      rt.spawn(Future.ready(1));
      String dump = rt.dumpTasks();
      assertTrue(dump.contains("tasks are not tracked; build the runtime with trackTasks(true)"),
          dump);
      assertTrue(dump.contains("-Dmachina.trackTasks=true"), dump);
    }
  }
}
