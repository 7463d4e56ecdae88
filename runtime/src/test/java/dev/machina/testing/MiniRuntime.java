package dev.machina.testing;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import dev.machina.internal.driver.Driver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-thread executor for testing the OS drivers on their own: it polls spawned futures when
 * their wakers fire, with a {@link Driver} that is current on its thread.
 */
public final class MiniRuntime implements AutoCloseable {
  private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Driver driver;
  private final Thread worker;
  private volatile boolean stopped;

  public MiniRuntime(String name) {
    this(name, 8, 1_000);
  }

  public MiniRuntime(String name, int maxBlocking, long keepAliveMillis) {
    driver = new Driver(name, maxBlocking, keepAliveMillis);
    worker = new Thread(this::run, name + "-worker");
    worker.setDaemon(true);
    worker.start();
  }

  public Driver driver() {
    return driver;
  }

  /** Polls {@code f} on the worker until it completes; the stage carries its outcome. */
  public <T> CompletableFuture<T> spawn(Future<T> f) {
    Task<T> t = new Task<>(f);
    t.wake();
    return t.result;
  }

  /** Runs {@code f} and waits (up to 60 s) for its outcome, rethrowing its failure as is. */
  public <T> T blockOn(Future<T> f) throws Throwable {
    try {
      return spawn(f).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private void run() {
    Driver.enter(driver);
    while (!stopped) {
      Task<?> t;
      try {
        t = queue.take();
      } catch (InterruptedException e) {
        continue;
      }
      t.runOnce();
    }
  }

  @Override
  public void close() throws InterruptedException {
    driver.shutdown(5_000);
    stopped = true;
    worker.interrupt();
    worker.join(5_000);
    // Futures still queued or pending are abandoned, as a runtime shut down abandons its tasks.
    for (Task<?> t; (t = queue.poll()) != null; ) {
      t.abandon();
    }
  }

  private final class Task<T> extends Context implements Waker {
    private final Future<T> future;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Task(Future<T> future) {
      this.future = future;
    }

    @Override
    public Waker waker() {
      return this;
    }

    @Override
    public void wake() {
      if (!result.isDone() && !scheduled.getAndSet(true)) {
        queue.add(this);
      }
    }

    @SuppressWarnings("unchecked")
    void runOnce() {
      scheduled.set(false);
      if (result.isDone()) {
        return;
      }
      resetBudget();
      try {
        Object r = future.poll(this);
        if (r != Future.PENDING) {
          result.complete((T) r);
        }
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }

    void abandon() {
      future.cancel();
      result.cancel(false);
    }
  }
}
