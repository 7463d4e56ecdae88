package shapes;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.Machine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Scanner;
import javax.annotation.processing.Generated;

/**
 * State machines for the {@code @Async} methods of {@link Layout}; call these factories instead of the methods.
 */
@Generated("dev.machina.processor.AsyncProcessor")
public final class LayoutAsync {
  private LayoutAsync() {
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
   * Returns the lazy future of {@link Layout#lines}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> lines(List<Future<String>> in) {
    return new Lines(in);
  }

  /**
   * Returns the lazy future of {@link Layout#sorted}: nothing of the body runs until it is polled.
   */
  public static Future<List<String>> sorted(Future<List<String>> words) {
    return new Sorted(words);
  }

  /**
   * Returns the lazy future of {@link Layout#drain}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> drain(List<Future<Integer>> in) {
    return new Drain(in);
  }

  /**
   * Returns the lazy future of {@link Layout#orElse}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> orElse(Future<Integer> value, Integer fallback) {
    return new OrElse(value, fallback);
  }

  /**
   * Returns the lazy future of {@link Layout#closing}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> closing(Scanner numbers, Future<Integer> offset) {
    return new Closing(numbers, offset);
  }

  /**
   * Returns the lazy future of {@link Layout#choose}: nothing of the body runs until it is polled.
   */
  public static Future<Integer> choose(boolean big, Future<Integer> value) {
    return new Choose(big, value);
  }

  /**
   * Returns the lazy future of {@link Layout#total}: nothing of the body runs until it is polled.
   */
  public static Future<Double> total(List<Future<Double>> in, double limit) {
    return new Total(in, limit);
  }

  /**
   * The state machine of {@link Layout#lines}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Lines extends Machine<Integer> {
    private static final int START = 0;

    private static final int LOOP = 1;

    private static final int AWAIT_IN_GET = 2;

    private static final int END_AND = 3;

    private static final int AWAIT_IN_GET_2 = 4;

    private static final int LOOP_END = 5;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + "\n"
        + " suspended at AWAIT_IN_GET (Layout.java:17: await(in.get(n)))\n"
        + "\n"
        + " suspended at AWAIT_IN_GET_2 (Layout.java:18: await(in.get(n)))";

    private List<Future<String>> in;

    private int n;

    private String line;

    Lines(List<Future<String>> in) {
      this.in = in;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      boolean both = false;
      for (;;) {
        switch (state) {
          case START: {
            n = 0;
          }
          case LOOP: {
            if (loopYields(cx)) { state = LOOP; return SUSPENDED; } // cooperative budget
            both = n < in.size();
            if (!both) { state = END_AND; continue; }
            // Layout.java:17: await(in.get(n))
            awaiting = in.get(n);
            state = AWAIT_IN_GET;
          }
          case AWAIT_IN_GET: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            both = !(line = (String) r).equals("end");
          }
          case END_AND: {
            if (!both) { state = LOOP_END; continue; }
            // Layout.java:18: await(in.get(n))
            awaiting = in.get(n);
            state = AWAIT_IN_GET_2;
          }
          case AWAIT_IN_GET_2: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            if (((String) r).isEmpty()) {
              return -n
                  - 1;
            }
            n += line.length();
            state = LOOP;
            continue;
          }
          case LOOP_END: {
            return n;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.lines", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Layout#sorted}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Sorted extends Machine<List<String>> {
    private static final int START = 0;

    private static final int AWAIT_WORDS = 1;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + " suspended at AWAIT_WORDS (Layout.java:29: await(words))";

    private Future<List<String>> words;

    Sorted(Future<List<String>> words) {
      this.words = words;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START: {
            // Layout.java:29: await(words)
            awaiting = words;
            state = AWAIT_WORDS;
            // not read again: cleared for the garbage collector
            words = null;
          }
          case AWAIT_WORDS: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            List<String> out = new ArrayList<>((List<String>) r);
            out.sort(new Comparator<String>() {
              @Override
              public int compare(String a, String b) {
                return a.length() - b.length();
              }
            });
            return out;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.sorted", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Layout#drain}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Drain extends Machine<Integer> {
    private static final int START = 0;

    private static final int LOOP = 1;

    private static final int AWAIT_IN_REMOVE = 2;

    private static final int LOOP_END = 3;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + "\n"
        + " suspended at AWAIT_IN_REMOVE (Layout.java:42: await(in.remove(0)))";

    private List<Future<Integer>> in;

    Drain(List<Future<Integer>> in) {
      this.in = in;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START:
          case LOOP: {
            if (loopYields(cx)) { state = LOOP; return SUSPENDED; } // cooperative budget
            if (in.isEmpty()) { state = LOOP_END; continue; }
            // Layout.java:42: await(in.remove(0))
            awaiting = in.remove(0);
            state = AWAIT_IN_REMOVE;
          }
          case AWAIT_IN_REMOVE: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            if ((Integer) r < 0) {
              state = LOOP_END;
              continue;
            }
            state = LOOP;
            continue;
          }
          case LOOP_END: {
            return in.size();
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.drain", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Layout#orElse}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class OrElse extends Machine<Integer> {
    private static final int START = 0;

    private static final int AWAIT_VALUE = 1;

    private static final int END_IF = 2;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + " suspended at AWAIT_VALUE (Layout.java:52: await(value))";

    private Future<Integer> value;

    private Integer fallback;

    OrElse(Future<Integer> value, Integer fallback) {
      this.value = value;
      this.fallback = fallback;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START: {
            if (fallback != null) { state = END_IF; continue; }
            // Layout.java:52: await(value)
            awaiting = value;
            state = AWAIT_VALUE;
            // not read again: cleared for the garbage collector
            fallback = null;
            value = null;
          }
          case AWAIT_VALUE: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            return (Integer) r;
          }
          case END_IF: {
            return fallback;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.orElse", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Layout#closing}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Closing extends Machine<Integer> {
    private static final int START = 0;

    private static final int TRY = 1;

    private static final int AWAIT_OFFSET = 2;

    private static final int CLOSE_NUMBERS_RESOURCE = 3;

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
        + " suspended at AWAIT_OFFSET (Layout.java:60: await(offset))";

    private Scanner numbers;

    private Future<Integer> offset;

    private Scanner numbersResource;

    private int afterFinally;

    private Throwable pending;

    private Integer result;

    Closing(Scanner numbers, Future<Integer> offset) {
      this.numbers = numbers;
      this.offset = offset;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        try {
          switch (state) {
            case START: {
              numbersResource = numbers;
              state = TRY;
            }
            case TRY: {
              // Layout.java:60: await(offset)
              awaiting = offset;
              state = AWAIT_OFFSET;
              // not read again: cleared for the garbage collector
              offset = null;
            }
            case AWAIT_OFFSET: {
              if ((r = awaited(cx, depth)) == SUSPENDED) {
                return SUSPENDED;
              }
              result = (Integer) r + numbers.nextInt();
              afterFinally = RETURN_VALUE;
              state = CLOSE_NUMBERS_RESOURCE;
              continue;
            }
            case CLOSE_NUMBERS_RESOURCE: {
              if (numbersResource != null) {
                if (afterFinally == RETHROW) {
                  try {
                    numbersResource.close();
                  } catch (Throwable suppressed) {
                    pending.addSuppressed(suppressed);
                  }
                } else {
                  numbersResource.close();
                }
              }
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
            case TRY, AWAIT_OFFSET -> {
              afterFinally = RETHROW;
              pending = t;
              state = CLOSE_NUMBERS_RESOURCE;
              continue;
            }
            default -> throw t;
          }
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.closing", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Layout#choose}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Choose extends Machine<Integer> {
    private static final int START = 0;

    private static final int AWAIT_VALUE = 1;

    private static final int ELSE = 2;

    private static final int END_CHOICE = 3;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + " suspended at AWAIT_VALUE (Layout.java:66: await(value))";

    private boolean big;

    private Future<Integer> value;

    Choose(boolean big, Future<Integer> value) {
      this.big = big;
      this.value = value;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      Integer choice = null;
      for (;;) {
        switch (state) {
          case START: {
            if (!big) { state = ELSE; continue; }
            // Layout.java:66: await(value)
            awaiting = value;
            state = AWAIT_VALUE;
            // not read again: cleared for the garbage collector
            value = null;
          }
          case AWAIT_VALUE: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            choice = (Integer) r;
            state = END_CHOICE;
            continue;
          }
          case ELSE: {
            choice = 0;
          }
          case END_CHOICE: {
            return choice;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.choose", isDone(), state, STATES);
    }
  }

  /**
   * The state machine of {@link Layout#total}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Total extends Machine<Double> {
    private static final int START = 0;

    private static final int FOR = 1;

    private static final int AWAIT_IN_GET = 2;

    private static final int FOR_UPDATE = 3;

    private static final int FOR_END = 4;

    private static final int LOOP = 5;

    private static final int AWAIT_IN_GET_2 = 6;

    private static final int LOOP_END = 7;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + "\n"
        + " suspended at AWAIT_IN_GET (Layout.java:73: await(in.get(i)))\n"
        + "\n"
        + "\n"
        + "\n"
        + " suspended at AWAIT_IN_GET_2 (Layout.java:76: await(in.get(0)))";

    private List<Future<Double>> in;

    private double limit;

    private double total;

    private int i;

    Total(List<Future<Double>> in, double limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START: {
            total = 0;
            i = 0;
          }
          case FOR: {
            if (loopYields(cx)) { state = FOR; return SUSPENDED; } // cooperative budget
            if (i >= in.size()) { state = FOR_END; continue; }
            // Layout.java:73: await(in.get(i))
            awaiting = in.get(i);
            state = AWAIT_IN_GET;
          }
          case AWAIT_IN_GET: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            total += (Double) r;
          }
          case FOR_UPDATE: {
            i++;
            state = FOR;
            continue;
          }
          case FOR_END:
          case LOOP: {
            if (loopYields(cx)) { state = LOOP; return SUSPENDED; } // cooperative budget
            if (!(total < limit)) { state = LOOP_END; continue; }
            // Layout.java:76: await(in.get(0))
            awaiting = in.get(0);
            state = AWAIT_IN_GET_2;
          }
          case AWAIT_IN_GET_2: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            total += (Double) r;
            state = LOOP;
            continue;
          }
          case LOOP_END: {
            return total;
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Layout.total", isDone(), state, STATES);
    }
  }
}
