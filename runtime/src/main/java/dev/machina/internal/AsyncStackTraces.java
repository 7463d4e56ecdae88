package dev.machina.internal;

/**
 * Adds the awaiting side to the stack trace of a failure that crosses from one task or thread to
 * another, so that a trace shows who awaited the failed work and not only where it failed.
 *
 * <p>A failure thrown while a task polls its futures already has the whole chain of awaiting
 * machines on its stack: polling goes from the task through every machine down to the leaf. What
 * a trace loses is the hop between tasks and threads: a {@code JoinHandle} rethrows the failure of
 * another task, a blocking call's future the failure of a pool thread, an awaited {@code
 * CompletionStage} one of whatever thread completed it. At such a hop {@link #rethrown} appends a
 * marker frame ({@value #MARKER_CLASS}) and then the frames of the thread that awaits, as .NET and
 * Kotlin's stack-trace recovery do. The failure keeps its identity (the same object is rethrown,
 * its suppressed exceptions untouched); only its stack trace grows, by at most {@value #MAX_HOPS}
 * hops, so a failure awaited again and again (a failed stage awaited in a loop) stays bounded.
 *
 * <p>It costs a stack walk per hop, on the failure path only; {@code
 * -Dmachina.asyncStackTraces=false} turns it off.
 */
public final class AsyncStackTraces {
  /** The class name of the marker frame between a failure's own frames and its awaiter's. */
  public static final String MARKER_CLASS = "machina.async";

  private static final String PROPERTY = "machina.asyncStackTraces";
  private static final int MAX_HOPS = 8;

  private AsyncStackTraces() {}

  /**
   * Appends a marker and the caller's stack to {@code failure}'s stack trace, and returns {@code
   * failure} for the caller to throw. Nothing changes for a failure without a stack trace (one
   * created without a writable one), one that already crossed {@value #MAX_HOPS} hops, or when
   * the property turns this off.
   */
  public static Throwable rethrown(Throwable failure) {
    if ("false".equals(System.getProperty(PROPERTY))) {
      return failure;
    }
    StackTraceElement[] own = failure.getStackTrace();
    if (own.length == 0 || hops(own) >= MAX_HOPS) {
      return failure;
    }
    StackTraceElement[] here = new Throwable().getStackTrace();
    int skip = 1; // this method's own frame
    StackTraceElement[] trace = new StackTraceElement[own.length + 1 + here.length - skip];
    System.arraycopy(own, 0, trace, 0, own.length);
    trace[own.length] =
        new StackTraceElement(MARKER_CLASS, "await", "rethrown below, where it was awaited", -1);
    System.arraycopy(here, skip, trace, own.length + 1, here.length - skip);
    failure.setStackTrace(trace);
    return failure;
  }

  private static int hops(StackTraceElement[] trace) {
    int n = 0;
    for (StackTraceElement e : trace) {
      if (MARKER_CLASS.equals(e.getClassName())) {
        n++;
      }
    }
    return n;
  }
}
