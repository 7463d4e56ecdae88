package dev.machina.bench;

import java.lang.management.ManagementFactory;

/** Reads the live heap after full collections, for the memory figures that JMH does not give. */
public final class Heap {
  private Heap() {}

  /** Bytes of heap in use after several full collections have settled. */
  public static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
