package dev.machina.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.MachinaRuntime;
import dev.machina.Waker;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tracked runtime's task dump shows a stuck task as its chain of generated machines, each with
 * the await it is suspended at and that await's source line, down to the leaf it waits for.
 */
@Timeout(30)
class TaskDumpsTest {
  /** A leaf that pends until {@link #open} is called, and names itself in the dump. */
  private static final class Gate implements Future<String> {
    private final AtomicReference<Waker> waker = new AtomicReference<>();
    private volatile boolean open;

    @Override
    public Object poll(Context cx) {
      if (open) {
        return "q";
      }
      waker.set(cx.waker());
      return open ? "q" : PENDING;
    }

    void open() {
      open = true;
      Waker w = waker.get();
      if (w != null) {
        w.wake();
      }
    }

    @Override
    public String toString() {
      return "Gate(closed=" + !open + ")";
    }
  }

  @Test
  void aStuckTaskShowsEveryMachineOfItsChainWithTheAwaitsSourceLine() throws Exception {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().workerThreads(2).threadNamePrefix("dumps").trackTasks(true)
            .build()) {
      Gate gate = new Gate();
      JoinHandle<Integer> h = rt.spawn(TaskDumpsAsync.order(gate, 7));
      String dump = rt.dumpTasks();
      for (int i = 0; i < 2000 && !dump.contains("Gate"); i++) {
        Thread.sleep(5);
        dump = rt.dumpTasks();
      }
      String expected =
          "  TaskDumps.order suspended at AWAIT_PRICE (TaskDumps.java:14: await(price(gate, id)))\n"
              + "  TaskDumps.price suspended at AWAIT_QUOTE (TaskDumps.java:20: await(quote(gate, id)))\n"
              + "  TaskDumps.quote suspended at AWAIT_GATE (TaskDumps.java:26: await(gate))\n"
              + "  awaiting Gate(closed=true)\n";
      assertTrue(dump.contains("0 blockOns, 1 task\ntask #1 Task@"), dump);
      assertTrue(dump.endsWith(expected), dump);

      gate.open();
      assertEquals(1 + 7 + 1 + 1, rt.blockOn(h));
    }
  }
}
