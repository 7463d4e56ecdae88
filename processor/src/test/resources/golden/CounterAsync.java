package shapes;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.internal.AsyncFactory;
import dev.machina.internal.Machine;
import dev.machina.internal.Overrides;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import javax.annotation.processing.Generated;

/**
 * State machines for the {@code @Async} methods of {@link Counter}; call these factories instead of the methods.
 */
@Generated("dev.machina.processor.AsyncProcessor")
public final class CounterAsync {
  /**
   * The private field {@code Counter.count}.
   */
  private static final VarHandle COUNT_FIELD;

  /**
   * The private method {@code Counter.label}.
   */
  private static final MethodHandle LABEL_METHOD;

  /**
   * Where {@link #add} sends receivers of other classes than {@link Counter}.
   */
  private static final Overrides ADD_OVERRIDES = new Overrides(MethodHandles.lookup(), Counter.class, "add", new Class<?>[] {Future.class});

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Counter.class, MethodHandles.lookup());
      COUNT_FIELD = lookup.findVarHandle(Counter.class, "count", int.class);
      LABEL_METHOD = lookup.findVirtual(Counter.class, "label", MethodType.methodType(String.class, int.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private CounterAsync() {
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
   * Returns the lazy future of {@link Counter#add}: nothing of the body runs until it is polled.
   */
  @AsyncFactory
  @SuppressWarnings("unchecked")
  public static Future<String> add(Counter self, Future<Integer> delta) {
    MethodHandle override = ADD_OVERRIDES.of(self);
    if (override != null) {
      try {
        return (Future<String>) override.invokeExact(self, delta);
      } catch (Throwable t) {
        throw Overrides.rethrow(t);
      }
    }
    return new Add(self, delta);
  }

  /**
   * Returns the lazy future of {@link Counter#add} itself, as {@code super.add(..)} in an override runs it: unlike {@link #add}, it does not dispatch to the override of the receiver's class.
   */
  public static Future<String> add$super(Counter self, Future<Integer> delta) {
    return new Add(self, delta);
  }

  /**
   * The state machine of {@link Counter#add}.
   */
  @SuppressWarnings({"unchecked", "rawtypes", "cast", "fallthrough"})
  static final class Add extends Machine<String> {
    private static final int START = 0;

    private static final int AWAIT_DELTA = 1;

    /**
     * What each state is doing, one line per state, empty if it never suspends (for {@link #toString}).
     */
    private static final String STATES = " (not started)\n"
        + " suspended at AWAIT_DELTA (Counter.java:17: await(delta))";

    private final Counter self;

    private Future<Integer> delta;

    private int old;

    Add(Counter self, Future<Integer> delta) {
      this.self = self;
      this.delta = delta;
    }

    @Override
    protected Object step(Context cx, int depth) throws Throwable {
      Object r;
      for (;;) {
        switch (state) {
          case START: {
            old = (int) COUNT_FIELD.get(self);
            // Counter.java:17: await(delta)
            awaiting = delta;
            state = AWAIT_DELTA;
            // not read again: cleared for the garbage collector
            delta = null;
          }
          case AWAIT_DELTA: {
            if ((r = awaited(cx, depth)) == SUSPENDED) {
              return SUSPENDED;
            }
            COUNT_FIELD.set(self, (int) ((int) (old + (((Integer) r)))));
            return (String) LABEL_METHOD.invokeExact((Counter) self, (int) COUNT_FIELD.get(self));
          }
          default:
            throw new IllegalStateException(this + ": no state " + state);
        }
      }
    }

    @Override
    public String toString() {
      return describe("Counter.add", isDone(), state, STATES);
    }
  }
}
