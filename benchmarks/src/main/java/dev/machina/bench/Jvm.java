package dev.machina.bench;

/**
 * JVM options every benchmark fork gets, so that each peer runs on two worker threads as Machina
 * does: the virtual-thread scheduler and Kotlin's Dispatchers.Default are sized by properties.
 */
public final class Jvm {
  /** Carrier threads of the virtual-thread scheduler (JDK 21+; ignored by older JDKs). */
  public static final String VT_PARALLELISM = "-Djdk.virtualThreadScheduler.parallelism=2";

  /** Worker threads of kotlinx.coroutines' Dispatchers.Default. */
  public static final String KOTLIN_DEFAULT_POOL = "-Dkotlinx.coroutines.scheduler.core.pool.size=2";

  /** A heap large enough that a million tasks of any peer fit without a full GC per invocation. */
  public static final String HEAP = "-Xmx3g";

  /** Worker threads of every peer and of Machina's runtime. */
  public static final int WORKERS = 2;

  private Jvm() {}
}
