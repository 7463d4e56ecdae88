package dev.machina;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Shared machinery of the combinators that poll several child futures at once: each child gets
 * its own context and waker (a {@link Branch}), and a wake only queues that child, so a poll of
 * the combinator re-polls just the children that were woken, not all of them.
 *
 * <p>Woken branches form a lock-free stack ({@link #woken}). A branch is pushed at most once
 * until it is popped ({@link Branch#queued}), and its {@code queued} flag is cleared before its
 * child is polled, so a wake that arrives during that poll pushes it again. Every push is
 * followed by a wake of the latest parent waker, which the poll stores before it takes the stack.
 *
 * <p>Each branch has its own cooperative budget, refilled before each poll of its child: one
 * poll of the combinator can do up to one budget of work per child polled.
 */
abstract class Branches<T> implements Future<T> {
  private static final VarHandle WOKEN;

  static {
    try {
      WOKEN = MethodHandles.lookup().findVarHandle(Branches.class, "woken", Branch.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The children still running; an entry is cleared once its child completes or is cancelled. */
  private final Future<?>[] children;

  private final Branch[] branches;
  private volatile Waker parent;
  private volatile Branch woken;
  private boolean started;
  private boolean done;

  Branches(List<? extends Future<?>> futures) {
    int n = futures.size();
    children = new Future<?>[n];
    branches = new Branch[n];
    for (int i = 0; i < n; i++) {
      children[i] = java.util.Objects.requireNonNull(futures.get(i), "future");
    }
  }

  final int size() {
    return children.length;
  }

  /**
   * The children still running, described for a {@code toString} (the first three, then a
   * count): a task dump then shows what a combinator waits for.
   */
  final String pendingChildren() {
    StringBuilder b = new StringBuilder("[");
    int shown = 0;
    int more = 0;
    for (Future<?> c : children) {
      if (c == null) {
        continue;
      }
      if (shown == 3) {
        more++;
        continue;
      }
      b.append(shown++ == 0 ? "" : ", ").append(c);
    }
    if (more > 0) {
      b.append(", ").append(more).append(" more");
    }
    return b.append(']').toString();
  }

  /**
   * A child completed with {@code value}: returns the combinator's value, or {@link #PENDING} to
   * go on.
   */
  abstract Object onValue(int index, Object value) throws Throwable;

  /** A child failed: returns the combinator's value, or {@code PENDING}, or throws. */
  abstract Object onFailure(int index, Throwable error) throws Throwable;

  /** What an empty combinator completes with. */
  abstract Object whenEmpty() throws Throwable;

  @Override
  public final Object poll(Context cx) throws Throwable {
    if (done) {
      throw new IllegalStateException(this + " was polled after it completed");
    }
    Waker w = cx.waker();
    if (parent != w) {
      parent = w;
    }
    if (!started) {
      started = true;
      if (children.length == 0) {
        done = true;
        return whenEmpty();
      }
      for (int i = 0; i < children.length; i++) {
        Object r = pollChild(i, cx);
        if (r != PENDING) {
          return r;
        }
      }
      return PENDING;
    }
    Branch b = (Branch) WOKEN.getAndSet(this, null);
    while (b != null) {
      Branch next = b.next;
      b.next = null;
      b.queued = false;
      if (!done) {
        Object r = pollChild(b.index, cx);
        if (r != PENDING) {
          return r;
        }
      }
      b = next;
    }
    return PENDING;
  }

  private Object pollChild(int i, Context parentCx) throws Throwable {
    Future<?> child = children[i];
    if (child == null) {
      return PENDING;
    }
    Branch branch = branches[i];
    Object r;
    try {
      if (branch == null && child instanceof JoinHandle<?> h && h.isDone()) {
        // A finished task's handle returns its outcome without keeping the waker: no branch.
        r = child.poll(parentCx);
      } else {
        if (branch == null) {
          branch = branches[i] = new Branch(this, i);
        }
        branch.resetBudget();
        r = child.poll(branch);
      }
    } catch (Throwable e) {
      children[i] = null;
      return finish(onFailure(i, e));
    }
    if (r == PENDING) {
      return PENDING;
    }
    children[i] = null;
    return finish(onValue(i, r));
  }

  private Object finish(Object r) {
    if (r != PENDING) {
      done = true;
    }
    return r;
  }

  /** Cancels every child still running (in order). */
  final void cancelChildren() {
    for (int i = 0; i < children.length; i++) {
      Future<?> child = children[i];
      if (child != null) {
        children[i] = null;
        try {
          child.cancel();
        } catch (Throwable e) {
          // A failing cancel() must not hide the outcome being delivered; nothing else to do.
        }
      }
    }
  }

  /** Cancels the combinator: every child still running is cancelled. */
  @Override
  public final void cancel() {
    if (!done) {
      done = true;
      cancelChildren();
    }
  }

  private void push(Branch b) {
    Branch head = woken;
    for (;;) {
      b.next = head;
      Branch witness = (Branch) WOKEN.compareAndExchange(this, head, b);
      if (witness == head) {
        break;
      }
      head = witness;
    }
    Waker w = parent;
    if (w != null) {
      w.wake();
    }
  }

  /** One child's context and waker. */
  private static final class Branch extends Context implements Waker {
    private static final VarHandle QUEUED;

    static {
      try {
        QUEUED = MethodHandles.lookup().findVarHandle(Branch.class, "queued", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final Branches<?> owner;
    final int index;
    volatile boolean queued;
    Branch next;

    Branch(Branches<?> owner, int index) {
      this.owner = owner;
      this.index = index;
    }

    @Override
    public Waker waker() {
      return this;
    }

    @Override
    public void wake() {
      if (!queued && QUEUED.compareAndSet(this, false, true)) {
        owner.push(this);
      }
    }
  }
}
