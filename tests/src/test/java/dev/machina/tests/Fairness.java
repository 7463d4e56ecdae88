package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loops whose only awaits are of {@code @Async} methods that complete without suspending: the
 * cooperative budget must still make them yield, or another task on the same thread never runs.
 */
public class Fairness {
  /** A same-file static callee: the processor steps it directly. */
  @Async
  static Future<Boolean> isSet(AtomicBoolean flag) {
    return Future.ready(flag.get());
  }

  /** An overridable callee: awaited through the generic path. */
  @Async
  Future<Boolean> check(AtomicBoolean flag) {
    return Future.ready(flag.get());
  }

  @Async
  static Future<Long> spinOnDirectCalls(AtomicBoolean flag) {
    long n = 0;
    while (!await(isSet(flag))) {
      n++;
    }
    return Future.ready(n);
  }

  @Async
  Future<Long> spinOnVirtualCalls(AtomicBoolean flag) {
    long n = 0;
    do {
      n++;
    } while (!await(check(flag)));
    return Future.ready(n);
  }

  /** Spins until cancelled; {@code cleanedUp} is set by its finally block. */
  @Async
  static Future<Long> spinUntilCancelled(AtomicBoolean never, AtomicBoolean cleanedUp) {
    long n = 0;
    try {
      for (;;) {
        if (await(isSet(never))) {
          return Future.ready(n);
        }
        n++;
      }
    } finally {
      cleanedUp.set(true);
    }
  }
}
