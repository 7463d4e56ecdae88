package dev.machina.internal;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.util.concurrent.CancellationException;

/**
 * Base class of the state machines the processor generates for {@code @Async} methods; its
 * {@link #poll} drives a whole chain of awaiting machines without growing the Java stack.
 *
 * <p>Generated code implements {@link #step}, which runs the body from {@link #state} until it
 * returns the method's value, throws its failure, or returns {@link #SUSPENDED} at an await. An
 * await stores the future in {@link #awaiting}, sets the state to resume at, and falls into that
 * state, where {@link #awaited} either yields the outcome or reports {@code SUSPENDED}.
 *
 * <p>Machines awaiting machines form a chain (Kotlin's continuation chain, upside down). The root
 * (the machine polled by a task or a combinator) runs a trampoline: awaiting a machine descends
 * into it instead of calling its {@code poll}, and a callee that completes hands its outcome to its
 * caller in the same loop. Recursion a million deep therefore uses constant Java stack, and the
 * root remembers the innermost suspended machine ({@code active}) so that a wake-up resumes it
 * directly, at a cost that does not depend on the depth of the chain.
 *
 * <p>Not thread-safe: a machine is polled by one thread at a time, as every future is.
 */
public abstract class Machine<T> implements Future<T> {
  /** Returned by {@link #step} and {@link #awaited} while the awaited future has not completed. */
  protected static final Object SUSPENDED = new Marker("SUSPENDED");

  /** {@link #outcome} when no callee has delivered one. */
  private static final Object NOTHING = new Marker("NOTHING");

  private static final byte NEW = 0;
  private static final byte RUNNING = 1;
  private static final byte DONE = 2;

  /**
   * Where the body resumes: 0 before the first step, then the constant of the await it is
   * suspended at, or of the block it runs next. Generated code names the values.
   */
  protected int state;

  /** The future the body waits on at {@link #state}, or {@code null}. */
  protected Future<?> awaiting;

  /**
   * The outcome a completed callee delivered ({@code NOTHING} if none): its value, or a
   * {@link Failure}. After completion by {@link #cancel()}, the root's own final outcome.
   */
  private Object outcome = NOTHING;

  /** While this machine runs as a callee: the machine awaiting it. */
  private Machine<?> caller;

  /** While this machine is a root whose chain is suspended below it: the innermost machine. */
  private Machine<?> active;

  private byte phase = NEW;

  protected Machine() {}

  /**
   * Runs the body from {@link #state}: returns the method's value, throws its failure, or returns
   * {@link #SUSPENDED} when the future in {@link #awaiting} has not completed.
   */
  protected abstract Object step(Context cx) throws Throwable;

  /**
   * The outcome of the future in {@link #awaiting}: its value, or {@link #SUSPENDED} if it has
   * not completed (the waker is then registered, or the driver is about to run the awaited
   * machine); throws its failure. Each completed await charges the cooperative budget; when the
   * budget is spent the machine yields once before polling.
   */
  protected final Object awaited(Context cx) throws Throwable {
    Object o = outcome;
    if (o != NOTHING) {
      outcome = NOTHING;
      awaiting = null;
      if (o instanceof Failure) {
        throw ((Failure) o).error;
      }
      return o;
    }
    Future<?> f = awaiting;
    if (f instanceof Machine) {
      return SUSPENDED;
    }
    if (!cx.consumeBudget()) {
      cx.waker().wake();
      return SUSPENDED;
    }
    Object r;
    try {
      r = f.poll(cx);
    } catch (Throwable e) {
      awaiting = null;
      throw e;
    }
    if (r == PENDING) {
      return SUSPENDED;
    }
    awaiting = null;
    return r;
  }

  /** Drives this machine and the machines it awaits, as the root of their chain. */
  @Override
  public final Object poll(Context cx) throws Throwable {
    if (phase == DONE) {
      return finalOutcome();
    }
    Machine<?> m = active != null ? active : this;
    active = null;
    for (;;) {
      Object r;
      m.phase = RUNNING;
      try {
        r = m.step(cx);
      } catch (Throwable e) {
        m.phase = DONE;
        if (m == this) {
          throw e;
        }
        m = m.handBack(new Failure(e));
        continue;
      }
      if (r != SUSPENDED) {
        m.phase = DONE;
        if (m == this) {
          return r;
        }
        m = m.handBack(r);
        continue;
      }
      if (m.awaiting instanceof Machine<?> callee) {
        if (!cx.consumeBudget()) {
          cx.waker().wake();
          active = m == this ? null : m;
          return PENDING;
        }
        m = m.descendInto(callee);
        continue;
      }
      active = m == this ? null : m;
      return PENDING;
    }
  }

  /** Passes this completed callee's outcome to its caller and returns the caller. */
  private Machine<?> handBack(Object result) {
    Machine<?> up = caller;
    caller = null;
    up.outcome = result;
    return up;
  }

  /** Links {@code callee} below this machine and returns the machine to run next. */
  private Machine<?> descendInto(Machine<?> callee) {
    if (callee.phase == DONE || callee.caller != null) {
      awaiting = null;
      outcome =
          new Failure(
              new IllegalStateException(
                  callee + " is already awaited elsewhere or has completed; a future can be "
                      + "awaited once"));
      return this;
    }
    callee.caller = this;
    Machine<?> inner = callee.active;
    if (inner != null) {
      callee.active = null;
      return inner;
    }
    return callee;
  }

  /**
   * Cancels the machine: the await its chain is suspended at throws
   * {@link CancellationException} (the awaited future is cancelled first), and the machine runs
   * its handlers and {@code finally} blocks as far as they go without suspending. Polling it
   * further lets cleanup that awaits finish. A machine never polled completes with
   * {@code CancellationException} without running any of its body.
   */
  @Override
  public final void cancel() {
    if (phase == DONE) {
      return;
    }
    CancellationException cancelled = new CancellationException("cancelled");
    if (phase == NEW) {
      phase = DONE;
      outcome = new Failure(cancelled);
      return;
    }
    Machine<?> m = active != null ? active : this;
    Future<?> f = m.awaiting;
    if (f != null) {
      m.awaiting = null;
      f.cancel();
    }
    m.outcome = new Failure(cancelled);
    Object result;
    try {
      result = poll(Context.of(Waker.noop()));
    } catch (Throwable e) {
      result = new Failure(e);
    }
    if (phase == DONE) {
      outcome = result;
    }
  }

  /** The outcome recorded when {@link #cancel()} completed the machine; a second poll is a bug. */
  private Object finalOutcome() throws Throwable {
    Object o = outcome;
    if (o == NOTHING) {
      throw new IllegalStateException(this + " was polled after it completed");
    }
    outcome = NOTHING;
    if (o instanceof Failure) {
      throw ((Failure) o).error;
    }
    return o;
  }

  /** Whether the body has returned or thrown. */
  protected final boolean isDone() {
    return phase == DONE;
  }

  /** A failure travelling from a callee to its caller. */
  private static final class Failure {
    final Throwable error;

    Failure(Throwable error) {
      this.error = error;
    }
  }

  /** A marker object with a name for debuggers. */
  private static final class Marker {
    private final String name;

    Marker(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
