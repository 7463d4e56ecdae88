package dev.machina.tests.fuzz;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * What a generated program sees as {@code e}: its futures, whose timing and failure are decided by
 * the seed for each await site and occurrence, and the trace of side effects in order.
 *
 * <p>The async and the reference run of a program each get a fresh {@code Env} with the same seed;
 * as long as both run the same sequence of calls, each call gets the same future kind, so the
 * traces and outcomes must be equal.
 */
public final class Env {
  /** How an awaited future completes. */
  enum Kind {
    READY,
    /** Pending once; wakes its own waker inside poll (a yield). */
    SELF,
    /** Pending once; the driving thread completes it after the poll returns. */
    LATER,
    /** Pending once; another thread completes it. */
    THREAD
  }

  private static final ExecutorService COMPLETER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fuzz-completer");
            t.setDaemon(true);
            return t;
          });

  /** Completions the driving thread runs after a poll returns pending ({@link Kind#LATER}). */
  private static final ThreadLocal<ArrayDeque<Runnable>> DEFERRED =
      ThreadLocal.withInitial(ArrayDeque::new);

  private final long seed;
  private final int failPermille;
  private final boolean onRuntime;
  private final int[] occurrences = new int[8192];
  private final List<String> trace = new ArrayList<>();

  public Env(long seed, int failPermille) {
    this(seed, failPermille, false);
  }

  /**
   * An environment for a run on Machina's runtime when {@code onRuntime}: nobody drains the
   * driving thread's queue there, so {@link Kind#LATER} futures are completed by another thread.
   */
  public Env(long seed, int failPermille, boolean onRuntime) {
    this.seed = seed;
    this.failPermille = failPermille;
    this.onRuntime = onRuntime;
  }

  /** A RuntimeException a program or a future fails with. */
  public static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1;

    public Boom(String message) {
      super(message, null, false, false);
    }
  }

  /** A checked exception a future fails with (only {@code catch (Exception x)} catches it). */
  public static final class CheckedBoom extends Exception {
    private static final long serialVersionUID = 1;

    public CheckedBoom(String message) {
      super(message, null, false, false);
    }
  }

  /** A resource that logs when it is opened and closed and may fail when closed. */
  public final class Res implements AutoCloseable {
    private final String name;
    private final boolean failOnClose;

    Res(String name, boolean failOnClose) {
      this.name = name;
      this.failOnClose = failOnClose;
      trace.add("open " + name);
    }

    public String name() {
      return name;
    }

    @Override
    public void close() {
      trace.add("close " + name);
      if (failOnClose) {
        throw new Boom("close " + name);
      }
    }
  }

  /** The future awaited at {@code site}, completing with {@code v} or failing, by the seed. */
  public <T> Future<T> f(int site, T v) {
    int n = occurrences[site]++;
    long h = mix(seed ^ (site * 0x9E3779B97F4A7C15L) ^ (n * 0xC2B2AE3D27D4EB4FL));
    Kind kind = Kind.values()[(int) Math.floorMod(h, 4)];
    if (onRuntime && kind == Kind.LATER) {
      kind = Kind.THREAD;
    }
    boolean fails = Math.floorMod(h >>> 8, 1000) < failPermille;
    Throwable error = null;
    if (fails) {
      String msg = "f" + site + "#" + n;
      error = ((h >>> 20) & 3) == 0 ? new CheckedBoom(msg) : new Boom(msg);
    }
    trace.add("f" + site + "=" + show(v) + (fails ? "!" : ""));
    return make(kind, v, error);
  }

  private static <T> Future<T> make(Kind kind, T v, Throwable error) {
    if (kind == Kind.READY) {
      return error == null ? Future.ready(v) : Future.failed(error);
    }
    return new Leaf<>(kind, v, error);
  }

  /** Records {@code label} with {@code v} and returns {@code v}. */
  public <T> T t(String label, T v) {
    trace.add(label + "=" + show(v));
    return v;
  }

  /** Records {@code label} with {@code v}. */
  public void log(String label, Object v) {
    trace.add(label + "=" + show(v));
  }

  /** A pure function of two ints, for method calls in expressions. */
  public int h(int a, int b) {
    return a * 31 + b;
  }

  /** Overloads by argument type: which one javac picks shows in the result. */
  public String ov(byte v) {
    return "B" + v;
  }

  public String ov(short v) {
    return "S" + v;
  }

  public String ov(char v) {
    return "C" + v;
  }

  public String ov(int v) {
    return "I" + v;
  }

  public String ov(long v) {
    return "J" + v;
  }

  public String ov(double v) {
    return "D" + v;
  }

  public String ov(Object v) {
    return "O" + show(v);
  }

  /** A String for even {@code i}, an Integer for odd: food for instanceof patterns. */
  public Object obj(int i) {
    return (i & 1) == 0 ? "s" + i : (Object) i;
  }

  /** A {@code List<Integer>} for {@code i} divisible by three, else {@link #obj}. */
  public Object objs(int i) {
    return i % 3 == 0 ? List.of(i, i + 1) : obj(i);
  }

  /** An enum for switches over enums ({@code S} is also the name of the programs' subclass). */
  public enum Dir {
    N,
    E,
    S,
    W
  }

  /** The {@link Dir} of {@code i}: one in nine is {@code null}. */
  public Dir dir(int i) {
    int k = Math.floorMod(i, 9);
    return k == 8 ? null : Dir.values()[k % 4];
  }

  /** {@code a} if {@code c}, else {@code b}: a generic method whose type argument javac infers. */
  public static <T> T pick(boolean c, T a, T b) {
    return c ? a : b;
  }

  /** Shapes for Java 21's pattern switches and record patterns ({@link #shape}). */
  public sealed interface Shape permits Circ, Sq, Seg {}

  public record Circ(int r) implements Shape {}

  public record Sq(int s, String tag) implements Shape {}

  public record Pt(int x, int y) {}

  public record Seg(Pt a, Pt b) implements Shape {}

  /** A shape made from {@code i}: one in seven is {@code null}. */
  public Shape shape(int i) {
    return switch (Math.floorMod(i, 7)) {
      case 0, 4 -> new Circ(i);
      case 1, 5 -> new Sq(i % 5, "t" + i);
      case 2, 6 -> new Seg(new Pt(i, i + 1), new Pt(i * 2, 3));
      default -> null;
    };
  }

  /** The first four chars of {@code cs} at most: a for-each over them stays short. */
  public char[] few(char[] cs) {
    return cs.length <= 4 ? cs : Arrays.copyOf(cs, 4);
  }

  /** Calls {@code s}: a lambda capturing locals of the body. */
  public int call(IntSupplier s) {
    return s.getAsInt();
  }

  public Res res(String name, boolean failOnClose) {
    return new Res(name, failOnClose);
  }

  /** A stable description of a caught exception: its class, and its message where stable. */
  public String describe(Throwable x) {
    return Outcome.describe(x);
  }

  public RuntimeException boom(String label) {
    return new Boom(label);
  }

  /** The final result of a program: its variables, shown. */
  public String end(Object... vs) {
    StringBuilder sb = new StringBuilder();
    for (Object v : vs) {
      sb.append(show(v)).append(';');
    }
    return sb.toString();
  }

  /** The final result of a program returning an {@code int}: its variables go to the trace. */
  public int endCode(Object... vs) {
    String end = end(vs);
    trace.add("end " + end);
    return end.hashCode();
  }

  public List<String> trace() {
    return trace;
  }

  /**
   * {@code v} as text; the boxes of the narrow types and of {@code long} and {@code double} are
   * tagged, so a value that changed type (say {@code byte} to {@code int}) shows.
   */
  static String show(Object v) {
    if (v instanceof int[]) {
      return Arrays.toString((int[]) v);
    }
    if (v instanceof Object[]) {
      return Arrays.deepToString((Object[]) v);
    }
    if (v instanceof long[]) {
      return Arrays.toString((long[]) v);
    }
    if (v instanceof Long) {
      return v + "L";
    }
    if (v instanceof char[]) {
      return Arrays.toString((char[]) v);
    }
    if (v instanceof Byte) {
      return v + "b";
    }
    if (v instanceof Short) {
      return v + "s";
    }
    if (v instanceof Character) {
      return "'" + v + "'";
    }
    if (v instanceof Double) {
      return v + "d";
    }
    if (v instanceof Float) {
      return v + "f";
    }
    return String.valueOf(v);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Polls {@code f} to completion on this thread, running {@link Kind#LATER} completions after
   * each pending poll and parking for the others; returns the value or throws the failure.
   */
  @SuppressWarnings("unchecked")
  public static <T> T block(Future<T> f) throws Throwable {
    Thread me = Thread.currentThread();
    boolean[] woken = new boolean[1];
    Waker w =
        () -> {
          synchronized (woken) {
            woken[0] = true;
          }
          LockSupport.unpark(me);
        };
    Context cx = Context.of(w);
    ArrayDeque<Runnable> deferred = DEFERRED.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (;;) {
      synchronized (woken) {
        woken[0] = false;
      }
      cx.resetBudget();
      Object r = f.poll(cx);
      if (r != Future.PENDING) {
        return (T) r;
      }
      Runnable job;
      while ((job = deferred.poll()) != null) {
        job.run();
      }
      for (;;) {
        synchronized (woken) {
          if (woken[0]) {
            break;
          }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("lost wake-up: pending future never woke " + f);
        }
      }
    }
  }

  /** A leaf future that is pending on its first poll and completes as its kind says. */
  private static final class Leaf<T> implements Future<T> {
    private final Kind kind;
    private final T value;
    private final Throwable error;
    private volatile boolean complete;
    private volatile Waker waker;
    private boolean polled;

    Leaf(Kind kind, T value, Throwable error) {
      this.kind = kind;
      this.value = value;
      this.error = error;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      waker = cx.waker();
      if (complete) {
        if (error != null) {
          throw error;
        }
        return value;
      }
      if (!polled) {
        polled = true;
        switch (kind) {
          case SELF:
            complete = true;
            cx.waker().wake();
            break;
          case LATER:
            DEFERRED.get().add(this::finish);
            break;
          default:
            COMPLETER.execute(this::finish);
        }
      }
      return PENDING;
    }

    private void finish() {
      complete = true;
      Waker w = waker;
      if (w != null) {
        w.wake();
      }
    }
  }
}
