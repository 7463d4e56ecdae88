package dev.machina.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.MachinaRuntime;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On one worker thread, a task looping on awaits of {@code @Async} calls that never suspend
 * yields to the task that ends its loop: each loop that awaits charges the cooperative budget
 * once per iteration (before it did, this hung).
 */
// A separate thread: without the fix the worker never lets blockOn or close return.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FairnessTest {
  private static long spinUntilStopped(Function<AtomicBoolean, Future<Long>> spin) {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().daemon(true).threadNamePrefix("fairness").build()) {
      AtomicBoolean stop = new AtomicBoolean();
      JoinHandle<Long> spinning = rt.spawn(spin.apply(stop));
      JoinHandle<Void> stopper =
          rt.spawn(
              cx -> {
                stop.set(true);
                return null;
              });
      long iterations = rt.blockOn(spinning);
      rt.blockOn(stopper);
      return iterations;
    }
  }

  @Test
  void aLoopOfDirectlySteppedCallsYields() {
    long n = spinUntilStopped(FairnessAsync::spinOnDirectCalls);
    assertTrue(n > 0, "the loop ran until the other task stopped it: " + n);
  }

  @Test
  void aLoopOfVirtualCallsYields() {
    Fairness f = new Fairness();
    long n = spinUntilStopped(flag -> FairnessAsync.spinOnVirtualCalls(f, flag));
    assertTrue(n > 0, "the loop ran until the other task stopped it: " + n);
  }

  @Test
  void aSpinningLoopIsCancelledAtItsLoopHeadAndRunsItsFinally() throws Exception {
    try (MachinaRuntime rt =
        MachinaRuntime.builder().singleThread().daemon(true).threadNamePrefix("fairness").build()) {
      AtomicBoolean cleanedUp = new AtomicBoolean();
      JoinHandle<Long> spinning =
          rt.spawn(FairnessAsync.spinUntilCancelled(new AtomicBoolean(), cleanedUp));
      Thread.sleep(20); // let it spin through a few budget yields
      spinning.cancel();
      assertThrows(CancellationException.class, () -> rt.blockOn(spinning));
      assertTrue(cleanedUp.get(), "the finally block ran");
    }
  }
}
