package dev.machina.internal.executor;

/**
 * The JMX view of a runtime that tracks its tasks, registered as {@code
 * dev.machina:type=Runtime,name=<thread name prefix>}: jconsole, VisualVM or any JMX client can
 * take a task dump of a running program without changing it.
 */
public interface TasksMXBean {
  /** The runtime's description, as its {@code toString}. */
  String getRuntime();

  /** How many tasks have not completed yet. */
  int getLiveTasks();

  /** How many threads are inside {@code blockOn} on the runtime. */
  int getBlockOns();

  /** The text of {@code MachinaRuntime.dumpTasks()}. */
  String dumpTasks();
}
