package shapes;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.Machine;
import java.util.Iterator;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * State machines for the {@code @Async} methods of {@link Shapes}; call these factories instead of the methods.
 */
@Generated("dev.machina.processor.AsyncProcessor")
public final class ShapesAsync {
  private ShapesAsync() {
  }

  /**
   * Describes a machine of {@code method} for its {@code toString}: completed, or what line {@code state}
   * of {@code states} says (not started, or the await it is suspended at).
   */
  private static String describe(String method, boolean done, int state, String states) {
    if (done) {
      return method + " (completed)";
    }
    String[] lines = states.split("\n", -1);
    String s = state >= 0 && state < lines.length ? lines[state] : "";
    return method + (!s.isEmpty() ? s : " at state " + state);
  }

  /**
   * Returns the lazy future of {@link Shapes#straight}: nothing of the body runs until it is polled.
   */
  public static Future<String> straight(Future<String> name, Future<Integer> age) {
    return new Straight(name, age);
  }

  /**
   * Returns the lazy future of {@link Shapes#loop}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> loop(List<Future<Integer>> parts) {
    return new Loop(parts);
  }

  /**
   * Returns the lazy future of {@link Shapes#guarded}: nothing of the body runs until it is polled.
   */
  public static Future<String> guarded(Future<String> body, List<String> log) {
    return new Guarded(body, log);
  }

  /**
   * Returns the lazy future of {@link Shapes#depth}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> depth(int n) {
    return new Depth(n);
  }

  /**
   * The state machine of {@link Shapes#straight}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Straight extends Machine<String> {
    private static final int START = 0;

    private static final int AWAIT_NAME = 1;

    private static final int AWAIT_AGE = 2;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + " suspended at AWAIT_NAME (Shapes.java:12: await(name))\n"
        + " suspended at AWAIT_AGE (Shapes.java:13: await(age))";

    private Future<String> name;

    private Future<Integer> age;

    private String n;

    Straight(Future<String> name, Future<Integer> age) {
      this.name = name;
      this.age = age;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START: {
            // Shapes.java:12: await(name)
            awaiting = name;
            state = AWAIT_NAME;
            // not read again: cleared for the garbage collector
            name = null;
          }
          case AWAIT_NAME: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            n = (String) r;
            // Shapes.java:13: await(age)
            awaiting = age;
            state = AWAIT_AGE;
            // not read again: cleared for the garbage collector
            age = null;
          }
          case AWAIT_AGE: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            int a = (Integer) r;
            return n + " is " + a;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Shapes.straight", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Shapes#loop}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Loop extends Machine<Integer> {
    private static final int START = 0;

    private static final int FOR_EACH = 1;

    private static final int AWAIT_PART = 2;

    private static final int FOR_EACH_END = 3;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + "\n"
        + " suspended at AWAIT_PART (Shapes.java:21: await(part))";

    private List<Future<Integer>> parts;

    private int total;

    private Iterator<? extends Future<Integer>> iterator;

    Loop(List<Future<Integer>> parts) {
      this.parts = parts;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START: {
            total = 0;
            iterator = parts.iterator();
          }
          case FOR_EACH: {
            if (loopYields(cx)) { state = FOR_EACH; return SUSPENDED; } // cooperative budget
            if (!iterator.hasNext()) { state = FOR_EACH_END; continue; }
            Future<Integer> part = iterator.next();
            // Shapes.java:21: await(part)
            awaiting = part;
            state = AWAIT_PART;
            // not read again: cleared for the garbage collector
            parts = null;
          }
          case AWAIT_PART: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            total += (Integer) r;
            state = FOR_EACH;
            continue;
          }
          case FOR_EACH_END: {
            return total;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Shapes.loop", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Shapes#guarded}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Guarded extends Machine<String> {
    private static final int START = 0;

    private static final int TRY = 1;

    private static final int AWAIT_BODY = 2;

    private static final int FINALLY = 3;

    private static final int RETURN_VALUE = 4;

    /**
     * The continuation of a finally block that rethrows its pending exception.
     */
    private static final int RETHROW = -1;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + "\n"
        + " suspended at AWAIT_BODY (Shapes.java:29: await(body))";

    private Future<String> body;

    private List<String> log;

    private int afterFinally;

    private Throwable pending;

    private String result;

    Guarded(Future<String> body, List<String> log) {
      this.body = body;
      this.log = log;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        try {
          switch (state) {
            case START: {
              state = TRY;
            }
            case TRY: {
              // Shapes.java:29: await(body)
              awaiting = body;
              state = AWAIT_BODY;
              // not read again: cleared for the garbage collector
              body = null;
            }
            case AWAIT_BODY: {
              if ((r = awaited(cx, depth)) == SUSPENDED) {
                return SUSPENDED;
              }
              result = ((String) r).trim();
              afterFinally = RETURN_VALUE;
              state = FINALLY;
              continue;
            }
            case FINALLY: {
              log.add("done");
              if (afterFinally == RETHROW) { throw pending; }
              state = afterFinally;
              continue;
            }
            case RETURN_VALUE: {
              return result;
            }
            default:
              throw new IllegalStateException(this + ": no state " + state);
          }
        } catch (Throwable t) {
          switch (state) {
            case TRY, AWAIT_BODY -> {
              afterFinally = RETHROW;
              pending = t;
              state = FINALLY;
              continue;
            }
            default -> throw t;
          }
        }
      }
    }

    @Override
    public String toString() {
      return describe("Shapes.guarded", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Shapes#depth}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Depth extends Machine<Integer> {
    private static final int START = 0;

    private static final int AWAIT_DEPTH = 1;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + " suspended at AWAIT_DEPTH (Shapes.java:40: await(depth(n - 1)))";

    private int n;

    Depth(int n) {
      this.n = n;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      int value = stepInt(cx, depth);
      return awaiting != null ? SUSPENDED : (Integer) value;
    }

    /**
     * Runs the body as {@link #step} does, returning its value unboxed; when it suspends it returns 0
     * and leaves {@code awaiting} set, which its callers test.
     */
    private int stepInt(Context cx, int depth) throws Throwable {
      Object r;
      int rInt = 0;
      for (;;) {
        switch (state) {
          case START: {
            if (n == 0) {
              return 0;
            }
            // Shapes.java:40: await(depth(n - 1))
            Depth depth2 = (Depth) ShapesAsync.depth(n - 1);
            state = AWAIT_DEPTH;
            if (depth >= MAX_NESTED) {
              awaiting = depth2;
              return 0;
            }
            rInt = nest(depth2).stepInt(cx, depth + 1);
            if (suspended(depth2)) {
              suspendOn(depth2);
              return 0;
            }
          }
          case AWAIT_DEPTH: {
            if (awaiting != null) {
              if ((r = awaited(cx, depth)) == SUSPENDED) {
                return 0;
              }
              rInt = (Integer) r;
            }
            return 1 + rInt;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Shapes.depth", isDone(), state, STATES);
    }
  }
}
