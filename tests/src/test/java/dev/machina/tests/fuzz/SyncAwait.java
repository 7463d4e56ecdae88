package dev.machina.tests.fuzz;

import dev.machina.Future;

/** The reference {@code await}: resolves the future in place, blocking this thread. */
public final class SyncAwait {
  private SyncAwait() {}

  public static <T> T await(Future<T> f) {
    try {
      return Env.block(f);
    } catch (Throwable e) {
      throw SyncAwait.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
