package dev.machina.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts virtual threads through a method handle, since this module compiles with
 * {@code --release 17} where {@code Thread.startVirtualThread} does not exist; on JDK 17 the
 * virtual-thread peers report themselves unavailable instead of running.
 */
public final class VirtualThreads {
  private static final MethodHandle START = find();

  private VirtualThreads() {}

  private static MethodHandle find() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              Thread.class,
              "startVirtualThread",
              MethodType.methodType(Thread.class, Runnable.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Whether this JVM has virtual threads (JDK 21 or newer). */
  public static boolean available() {
    return START != null;
  }

  /** Throws if this JVM has no virtual threads; benchmark setups call it so JMH skips them. */
  public static void require() {
    if (!available()) {
      throw new UnsupportedOperationException(
          "virtual threads need JDK 21+, this is " + System.getProperty("java.version"));
    }
  }

  /** Starts {@code task} in a new virtual thread. */
  public static Thread start(Runnable task) {
    require();
    try {
      return (Thread) START.invokeExact(task);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
