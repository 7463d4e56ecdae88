package dev.machina.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Test-only: runs bodies on plain threads and rethrows the first failure when joined. */
final class Workers {
  /** A body that may throw. */
  interface Body {
    void run(int index) throws Throwable;
  }

  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  Workers start(String name, int count, Body body) {
    for (int i = 0; i < count; i++) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run(index);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              name + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return this;
  }

  /** Waits for every thread; rethrows the first failure of any. */
  void join() throws Throwable {
    for (Thread t : threads) {
      t.join();
    }
    Throwable e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
