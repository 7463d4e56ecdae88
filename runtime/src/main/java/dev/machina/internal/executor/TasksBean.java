package dev.machina.internal.executor;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers a tracking runtime's {@link TasksMXBean} with the platform MBean server, under a name
 * made unique by an {@code id} when runtimes share a thread name prefix, and unregisters it when
 * the runtime shuts down.
 *
 * <p>A JVM without the {@code java.management} module (a trimmed jlink image) or with a security
 * policy refusing registration simply has no bean: task dumps stay available in code.
 */
public final class TasksBean implements TasksMXBean {
  static final String DOMAIN = "dev.machina";

  private final LiveTasks tasks;
  private final Supplier<String> runtime;
  private volatile ObjectName registeredAs;

  private TasksBean(LiveTasks tasks, Supplier<String> runtime) {
    this.tasks = tasks;
    this.runtime = runtime;
  }

  /**
   * Registers the bean of {@code tasks} for the runtime whose threads are named {@code prefix} and
   * whose description {@code runtime} gives; returns it, or {@code null} if JMX is unavailable.
   */
  public static TasksBean register(LiveTasks tasks, String prefix, Supplier<String> runtime) {
    TasksBean bean = new TasksBean(tasks, runtime);
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      String base = DOMAIN + ":type=Runtime,name=" + ObjectName.quote(prefix);
      for (int id = 1; ; id++) {
        ObjectName name = new ObjectName(id == 1 ? base : base + ",id=" + id);
        try {
          server.registerMBean(bean, name);
          bean.registeredAs = name;
          return bean;
        } catch (InstanceAlreadyExistsException taken) {
          // another runtime with this prefix: try the next id
        }
      }
    } catch (JMException | LinkageError | SecurityException unavailable) {
      return null;
    }
  }

  /** The name the bean is registered under. */
  public ObjectName name() {
    return registeredAs;
  }

  /** Removes the bean from the platform MBean server; idempotent. */
  public void unregister() {
    ObjectName name = registeredAs;
    registeredAs = null;
    if (name == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException | LinkageError | SecurityException gone) {
      // already unregistered by someone else: nothing to undo
    }
  }

  @Override
  public String getRuntime() {
    return runtime.get();
  }

  @Override
  public int getLiveTasks() {
    return tasks.taskCount();
  }

  @Override
  public int getBlockOns() {
    return tasks.blockOnCount();
  }

  @Override
  public String dumpTasks() {
    return tasks.dump(runtime.get());
  }
}
