package dev.machina.internal;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.Waker;
import java.util.concurrent.CancellationException;

/**
 * Base class of the state machines the processor generates for {@code @Async} methods; its
 * {@link #poll} drives a whole chain of awaiting machines without growing the Java stack beyond a
 * fixed bound.
 *
 * <p>Generated code implements {@link #step}, which runs the body from {@link #state} until it
 * returns the method's value, throws its failure, or returns {@link #SUSPENDED} at an await. An
 * await stores the future in {@link #awaiting}, sets the state to resume at, and falls into that
 * state, where {@link #awaited} either yields the outcome or reports {@code SUSPENDED}.
 *
 * <h2>Chains</h2>
 *
 * Machines awaiting machines form a chain (Kotlin's continuation chain, upside down). The root
 * (the machine polled by a task or a combinator) runs a trampoline. An await of a machine that
 * has never run steps it at once from {@link #awaited}, as a plain call would, up to
 * {@value #MAX_NESTED} machines deep below the machine the trampoline stepped. Deeper, or when the
 * callee cannot be run at once, {@code awaited} reports {@code SUSPENDED} and the trampoline
 * descends into the callee instead, and a callee that completes there hands its outcome to its
 * caller in the same loop. Recursion a million deep therefore uses bounded Java stack, and the
 * root remembers the innermost suspended machine so that a wake-up resumes it directly, at a cost
 * that does not depend on the depth of the chain.
 *
 * <p>Generated code may do that step itself: for an await of a call to an {@code @Async} method
 * whose machine class the processor knows (one of the same generated file that no override can
 * replace), it creates the machine and, unless its own {@code depth} has reached
 * {@value #MAX_NESTED} (then it stores the callee in {@link #awaiting} and suspends, so that the
 * trampoline descends into it), marks it with {@link #nest} and calls its {@code step} directly:
 * a call site of one class, which the JIT can inline and where it can often avoid allocating the
 * callee. If that step returns {@link #SUSPENDED}, {@link #suspendOn} links the callee below this
 * machine as its awaited future; otherwise the result is the value. The resume point then calls
 * {@link #awaited} only if {@link #awaiting} is set (a resume after the callee suspended). The
 * callee is stored in {@link #awaiting} only if it suspends or is too deep to step; a completed
 * one was never seen by anyone else.
 *
 * <p>A machine whose value is a primitive (every {@code return} of its body gives one) and that
 * generated code steps directly runs its body in a second method that returns the value unboxed;
 * its {@link #step} boxes it. That method
 * cannot return {@link #SUSPENDED}, so it tells suspension apart by this invariant of every step:
 * <b>a step that suspends leaves {@link #awaiting} set; one that returns a value leaves it
 * {@code null}</b> (each resume clears it as it takes the outcome). A caller stepping such a machine
 * directly asks {@link #suspended} after the call, as it would compare the result with
 * {@code SUSPENDED}; B1's recursion then passes its values without boxing them.
 *
 * <p>Why the generated code takes these branches itself, through methods without branches: the
 * JIT profiles a branch per method, not per caller, so a branch inside a {@code Machine} method
 * that the generated code calls is shared by every machine class. Where it is ever taken (a
 * chain deeper than the bound, a callee that suspends), the JIT compiles its store of the callee
 * into {@link #awaiting} in every machine, and the callee then counts as escaping and is
 * allocated: B1's recursion of ready calls ran 40% slower with B5's deep chains loaded. In the
 * generated code the branches are the class's own.
 *
 * <p>The bound counts machines of one chain: {@link #step}'s {@code depth} is 0 for the machine
 * the trampoline steps and one more for each machine stepped below it on the Java stack, passed
 * down as an argument (a register, where the JIT compiles the chain; it was a marker object in
 * {@link #link}, whose loads and type check cost B1 about a tenth of a call). A machine stepped
 * at depth d that polls another machine as a root (a combinator such as {@code join} does) starts
 * a new count there, so each such level of combinators adds at most {@value #MAX_NESTED} more
 * machines to the Java stack.
 *
 * <p>Leaf awaits (futures that are not machines) charge the cooperative budget, as in tokio: a
 * machine awaiting a machine is a call, and a chain of calls yields when one of its leaves does.
 * The head of each loop that awaits charges one unit per iteration too ({@link #loopYields}), so
 * a loop of calls that never reach a leaf yields as well; recursion pays nothing.
 *
 * <h2>The link field</h2>
 *
 * One field, {@link #link}, serves each phase of a machine's life (a root has no caller, a callee
 * needs no resume point, and a completed machine needs neither):
 *
 * <ul>
 *   <li>{@code null}: never stepped, not linked (NEW); {@link #state} is then 0.
 *   <li>{@link #NESTED}: this machine is being stepped on its caller's stack (from its
 *       {@code awaited}, or directly by generated code).
 *   <li>a machine {@code p} with {@code p.awaiting == this}: this machine runs, or is suspended,
 *       as the callee of {@code p}.
 *   <li>any other machine {@code a}: this machine is a root that has been polled and is pending;
 *       {@code a} (possibly {@code this}) is the innermost machine of its chain, to resume first.
 *   <li>once {@link #state} is {@link #DONE}: the outcome (a value or a {@link Failure}) not yet
 *       taken by the caller, or {@link #NOTHING} once taken. A machine completed by a nested
 *       step keeps {@link #NESTED} instead, which means the same (a store saved per call).
 * </ul>
 *
 * The two machine cases cannot be confused: the innermost machine of a chain sits below the root,
 * so its {@code awaiting} is a leaf future or an unlinked machine, never the root.
 *
 * <p>Not thread-safe: a machine is polled by one thread at a time, as every future is.
 */
public abstract class Machine<T> implements Future<T> {
  /** Returned by {@link #step} and {@link #awaited} while the awaited future has not completed. */
  protected static final Object SUSPENDED = new Marker("SUSPENDED");

  /** What a machine that yielded at a loop head ({@link #loopYields}) awaits: nothing pending. */
  private static final Future<Object> LOOP_YIELD = cx -> null;

  /** {@link #link} of a completed machine whose outcome has been taken. */
  private static final Object NOTHING = new Marker("NOTHING");

  /** {@link #link} of a machine stepped on its caller's stack (see the class comment). */
  private static final Object NESTED = new Marker("NESTED");

  /** Machines stepped on the Java stack below one stepped by the trampoline, at most. */
  protected static final int MAX_NESTED = 32;

  /** {@link #state} once the body has returned or thrown (generated states are non-negative). */
  private static final int DONE = Integer.MIN_VALUE;

  /**
   * Where the body resumes: 0 before the first step, then the constant of the await it is
   * suspended at, or of the block it runs next; {@link #DONE} once complete. Generated code names
   * the values.
   */
  protected int state;

  /** The future the body waits on at {@link #state}, or {@code null}. */
  protected Future<?> awaiting;

  /** Caller, resume point, or outcome, depending on the phase: see the class comment. */
  private Object link;

  protected Machine() {}

  /**
   * The future the body waits on now, or {@code null}: for task dumps, which read it from another
   * thread without synchronization (a snapshot that may be stale while the machine runs).
   */
  public final Future<?> awaitedFuture() {
    return awaiting;
  }

  /**
   * Runs the body from {@link #state}: returns the method's value, throws its failure, or returns
   * {@link #SUSPENDED} when the future in {@link #awaiting} has not completed. {@code depth} is
   * how many machines below the one the trampoline stepped this one runs (0 for that one); the
   * body passes it on to {@link #awaited(Context, int)}, compares it with {@link #MAX_NESTED}
   * and steps the machines it calls directly at {@code depth + 1}.
   */
  protected abstract Object step(Context cx, int depth) throws Throwable;

  /**
   * The outcome of the future in {@link #awaiting}: its value, or {@link #SUSPENDED} if it has
   * not completed (the waker is then registered, or the trampoline is about to run the awaited
   * machine); throws its failure. Each leaf await charges the cooperative budget; when the
   * budget is spent the machine yields once before polling. {@code depth} is this machine's, as
   * {@link #step} received it: a machine awaited here that never ran is stepped one deeper.
   */
  protected final Object awaited(Context cx, int depth) throws Throwable {
    Future<?> f = awaiting;
    if (f instanceof Machine<?> callee) {
      if (callee.state == DONE) {
        return takeOutcome(callee);
      }
      if (callee.link != null || depth >= MAX_NESTED) {
        // Linked or running already (the trampoline sorts it out), or deep enough: descend there.
        return SUSPENDED;
      }
      return stepNested(callee, depth + 1, cx);
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

  /**
   * At the head of each loop that awaits, once per iteration: charges the cooperative budget, so
   * that a loop whose awaits all complete at once (calls of {@code @Async} methods that never
   * reach a leaf) still yields. Returns true when the machine must yield now: its waker has been
   * woken, and the generated code sets the loop head as its state and returns {@link #SUSPENDED}.
   * Back at the loop head after that yield it returns false, or throws the cancellation that
   * {@link #cancel()} injected meanwhile.
   */
  protected final boolean loopYields(Context cx) throws Throwable {
    Future<?> f = awaiting;
    if (f != null) {
      awaiting = null;
      if (f != LOOP_YIELD) {
        f.poll(cx); // the failure cancel() put here: it throws
      }
      return false;
    }
    if (cx.consumeBudget()) {
      return false;
    }
    awaiting = LOOP_YIELD;
    cx.waker().wake();
    return true;
  }

  /**
   * Marks {@code callee}, a never-run machine that generated code has just created and awaits,
   * as stepped on its caller's stack, as {@link #awaited} would, and returns it: the caller, whose
   * {@code depth} is below {@value #MAX_NESTED}, then calls its {@code step} at {@code depth + 1}.
   * A callee that completes there is left as it is: only that caller ever saw it.
   */
  protected static <M extends Machine<?>> M nest(M callee) {
    ((Machine<?>) callee).link = NESTED; // private: not a member of the type variable
    return callee;
  }

  /**
   * After the direct step of {@code callee} ({@link #nest}) returned {@link #SUSPENDED}: links the
   * suspended callee below this machine as its awaited future and returns {@link #SUSPENDED}.
   */
  protected final Object suspendOn(Machine<?> callee) {
    awaiting = callee;
    callee.link = this;
    return SUSPENDED;
  }

  /**
   * After the direct step of {@code callee} ({@link #nest}) through its primitive-valued step:
   * whether it suspended (then it awaits something) rather than returned its value.
   */
  protected static boolean suspended(Machine<?> callee) {
    return callee.awaiting != null;
  }

  /** Takes the outcome of the completed machine this one awaits. */
  private Object takeOutcome(Machine<?> callee) throws Throwable {
    Object o = callee.link;
    callee.link = NOTHING;
    awaiting = null;
    if (o instanceof Failure) {
      throw ((Failure) o).error;
    }
    if (o == NOTHING || o == NESTED) {
      throw new IllegalStateException(
          callee + " has completed and its outcome was taken; a future can be awaited once");
    }
    return o;
  }

  /**
   * Steps a never-run callee on this thread's stack, as a call would. If it completes, its
   * outcome is this await's; if it suspends, it is linked below this machine, and the trampoline
   * walks down to its pending await.
   */
  private Object stepNested(Machine<?> callee, int depth, Context cx) throws Throwable {
    callee.link = NESTED;
    Object r;
    try {
      r = callee.step(cx, depth);
    } catch (Throwable e) {
      callee.state = DONE; // its link stays NESTED: outcome taken
      awaiting = null;
      throw e;
    }
    if (r != SUSPENDED) {
      callee.state = DONE; // its link stays NESTED: outcome taken
      awaiting = null;
      return r;
    }
    callee.link = this;
    return SUSPENDED;
  }

  /** Drives this machine and the machines it awaits, as the root of their chain. */
  @Override
  public final Object poll(Context cx) throws Throwable {
    if (state == DONE) {
      return finalOutcome();
    }
    Object l = link;
    Machine<?> m = this;
    if (l != null) {
      if (!(l instanceof Machine<?> a) || (a != this && a.awaiting == this)) {
        throw new IllegalStateException(
            this + " is awaited by another machine, or running; it cannot be polled now");
      }
      m = a;
    }
    for (;;) {
      Object r;
      try {
        r = m.step(cx, 0);
      } catch (Throwable e) {
        if (m == this) {
          state = DONE;
          link = NOTHING;
          throw e;
        }
        m = m.handBack(new Failure(e));
        continue;
      }
      if (r != SUSPENDED) {
        if (m == this) {
          state = DONE;
          link = NOTHING;
          return r;
        }
        m = m.handBack(r);
        continue;
      }
      // m is suspended. Callees stepped from awaited() that suspended are linked below it
      // already: walk down to the machine whose await is actually pending.
      Machine<?> callee;
      for (;;) {
        if (!(m.awaiting instanceof Machine<?> c)) {
          link = m;
          return PENDING;
        }
        if (c.link != m) {
          callee = c;
          break;
        }
        m = c;
      }
      m = m.descendInto(callee);
    }
  }

  /** Completes this callee with {@code result}, hands it to its caller, and returns the caller. */
  private Machine<?> handBack(Object result) {
    Machine<?> up = (Machine<?>) link;
    state = DONE;
    link = result;
    return up;
  }

  /** Links {@code callee} below this machine and returns the machine to run next. */
  private Machine<?> descendInto(Machine<?> callee) {
    Object l = callee.link;
    if (callee.state == DONE
        || l == NESTED
        || (l instanceof Machine<?> p && p.awaiting == callee)) {
      awaiting =
          new Failure(
              new IllegalStateException(
                  callee + " is already awaited elsewhere or has completed; a future can be "
                      + "awaited once"));
      return this;
    }
    callee.link = this;
    // A machine polled before as a root resumes at its innermost machine.
    return l == null ? callee : (Machine<?>) l;
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
    if (state == DONE) {
      return;
    }
    CancellationException cancelled = new CancellationException("cancelled");
    Object l = link;
    if (l == null) {
      state = DONE;
      link = new Failure(cancelled);
      return;
    }
    if (!(l instanceof Machine<?> m)) {
      return; // running now (cancelled from its own body): nothing is pending to interrupt
    }
    Future<?> f = m.awaiting;
    if (f != null) {
      m.awaiting = null;
      f.cancel();
    }
    m.awaiting = new Failure(cancelled);
    Object result;
    try {
      result = poll(Context.of(Waker.noop()));
    } catch (Throwable e) {
      result = new Failure(e);
    }
    if (state == DONE) {
      link = result;
    }
  }

  /** The outcome recorded when {@link #cancel()} completed the machine; a second poll is a bug. */
  private Object finalOutcome() throws Throwable {
    Object o = link;
    if (o == NOTHING || o == NESTED) {
      throw new IllegalStateException(this + " was polled after it completed");
    }
    link = NOTHING;
    if (o instanceof Failure) {
      throw ((Failure) o).error;
    }
    return o;
  }

  /** Whether the body has returned or thrown. */
  protected final boolean isDone() {
    return state == DONE;
  }

  /**
   * A failure travelling from a callee to its caller; also the future injected at a pending await
   * to make it throw (cancellation, a machine awaited twice).
   */
  private static final class Failure implements Future<Object> {
    final Throwable error;

    Failure(Throwable error) {
      this.error = error;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      throw error;
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
