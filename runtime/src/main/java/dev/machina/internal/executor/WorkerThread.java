package dev.machina.internal.executor;

/**
 * A thread that runs one worker of a {@link WorkStealingScheduler}; its type lets the runtime
 * recognise its own workers without a thread-local lookup.
 */
public final class WorkerThread extends Thread {
  final Worker worker;

  WorkerThread(Worker worker, String name, boolean daemon) {
    super(null, worker, name);
    this.worker = worker;
    setDaemon(daemon);
  }

  /** The scheduler this thread works for. */
  public WorkStealingScheduler scheduler() {
    return worker.scheduler;
  }

  /** The scheduler the calling thread works for, or null if it is not a worker thread. */
  public static WorkStealingScheduler currentScheduler() {
    return Thread.currentThread() instanceof WorkerThread w ? w.worker.scheduler : null;
  }
}
