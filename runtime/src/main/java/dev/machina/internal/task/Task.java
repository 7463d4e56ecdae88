package dev.machina.internal.task;

import dev.machina.Context;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Waker;
import dev.machina.internal.AsyncStackTraces;
import dev.machina.internal.Machine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A spawned future together with everything needed to run it: the one object allocated per
 * spawn (32 bytes with compressed oops). It is the future's {@link Waker}, and the
 * {@link JoinHandle} its spawner holds.
 *
 * <h2>The state word</h2>
 *
 * All scheduling decisions go through one {@code int} changed by compare-and-set:
 *
 * <ul>
 *   <li>{@link #SCHEDULED}: the task belongs to its {@link Scheduler}: it sits in exactly one
 *       queue or LIFO slot, or a thread is polling it. Set by the one wake (or cancel, or the
 *       spawn) that finds it clear, which then hands the task to the scheduler; cleared only by
 *       the polling thread, when a poll returns {@code PENDING} and no wake came meanwhile. Only
 *       the thread running {@link #run} touches the future in {@link #cell}.
 *   <li>{@link #NOTIFIED}: a wake came while the task was {@code SCHEDULED}. The thread that
 *       runs it clears the bit before its poll (that poll serves the wake) or, if the wake came
 *       during the poll, requeues the task once when the poll ends. Set while already set, it
 *       changes nothing: repeated wakes merge.
 *   <li>{@link #COMPLETE}: the outcome has replaced the future in {@link #cell}; terminal. Wakes
 *       do nothing.
 *   <li>{@link #CANCELLED}: {@link #cancel()} was requested; it also woke the task so that it
 *       runs soon and can see it.
 *   <li>{@link #CANCEL_DELIVERED}: the running thread has called the future's {@code cancel()};
 *       written only by it. From then on the outcome is a CancellationException.
 *   <li>{@link #JOIN_INTEREST}: someone polled this handle or asked for its CompletableFuture
 *       view; a failure is then theirs to handle and is not reported as unhandled.
 * </ul>
 *
 * <p>Why one bit for "queued" and "polling": a hand-off from the worker that wakes a task to the
 * poll of that task then costs one atomic instruction (the wake's CAS), not two (a wake setting
 * {@code NOTIFIED}, then the runner moving it to a separate {@code RUNNING} bit): the runner
 * owns the task from the moment it takes it from a queue, and only reads the word before
 * polling. Why no wake is lost: a wake either finds the task unscheduled (and schedules it), or
 * finds it {@code SCHEDULED} and leaves {@code NOTIFIED}, which the runner reads either before
 * its poll (the poll then sees what the waker wrote before its CAS) or by the CAS that ends the
 * poll (and then requeues it). Why no two polls overlap: the task is handed to a scheduler only
 * by the single transition that set {@code SCHEDULED}, and only the runner clears it, after its
 * poll.
 *
 * <h2>Joining</h2>
 *
 * The outcome is written before {@code COMPLETE} is set (a volatile CAS) and read after seeing
 * it. A joiner writes its waker and then re-reads the state; the completing thread sets
 * {@code COMPLETE} and then reads the waker. One of them always sees the other (all these
 * accesses are sequentially consistent), so the joiner is woken or sees the outcome. A spurious
 * wake may result; wakes tolerate that.
 *
 * <p>One slot, {@link #joiner}, keeps both the joiner's waker and the CompletableFuture view, so
 * that a task nobody views costs no field for it: it holds {@code null}, then the waker of the
 * last joiner still waiting; once {@link #toCompletableFuture} has run it holds the view for good
 * (installed by CAS, carrying the waker over), and the joiner's waker moves into the view's
 * {@link TaskCompletableFuture#joinWaker}. Joiners change the slot only by CAS, so none can
 * overwrite the view; the completing thread reads the slot after setting {@code COMPLETE} and then
 * either wakes the waker or completes the view (and wakes the view's waker). Whoever installs the
 * view re-reads the state afterwards and completes the view itself if the task has completed.
 *
 * <h2>Unhandled failures</h2>
 *
 * A task that fails with anything other than {@link CancellationException} while
 * {@code JOIN_INTEREST} is clear (nobody polled the handle and nobody took its CompletableFuture
 * view before it failed) hands its failure to {@link Scheduler#reportUnlessJoined}, which reports
 * it unless the handle is joined soon after. The failure is kept either way, so a late joiner
 * sees it too.
 *
 * @param <T> the type of the task's value
 */
public final class Task<T> implements Waker, JoinHandle<T> {
  /** The scheduler owns the task: it is queued, in a LIFO slot, or being polled. */
  public static final int SCHEDULED = 1;
  /** Woken while {@code SCHEDULED}: it must be polled once more after the poll in progress. */
  public static final int NOTIFIED = 1 << 1;
  /** The outcome is stored; terminal. */
  public static final int COMPLETE = 1 << 2;
  /** Cancellation was requested. */
  public static final int CANCELLED = 1 << 3;
  /** The future's {@code cancel()} has been called by the running thread. */
  public static final int CANCEL_DELIVERED = 1 << 4;
  /** Someone joins the task: a poll of the handle, or its CompletableFuture view. */
  public static final int JOIN_INTEREST = 1 << 5;

  private static final VarHandle STATE;
  private static final VarHandle JOINER;
  private static final VarHandle QUEUE_NEXT;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      STATE = l.findVarHandle(Task.class, "state", int.class);
      JOINER = l.findVarHandle(Task.class, "joiner", Object.class);
      QUEUE_NEXT = l.findVarHandle(Task.class, "queueNext", Task.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The state word. Its first value is written with a plain store in the constructor: a volatile
   * initializer costs a full fence per spawn, and the task reaches other threads only through a
   * queue's release store or a volatile read of whatever handle or waker publishes it.
   */
  private volatile int state;

  /**
   * The spawned future until the task completes, then its outcome (the value, or a
   * {@link Failure}): one field, as the two never live together. The future is touched only by
   * the thread running the task; the outcome is written before {@code COMPLETE} is set
   * and read only after seeing it.
   */
  private Object cell;

  private final Scheduler scheduler;


  /**
   * {@code null}, the {@link Waker} of the last joiner still waiting, or (from its creation on)
   * the {@link TaskCompletableFuture} view, which then holds that waker; see "Joining" above.
   */
  private volatile Object joiner;

  /** Link used by intrusive queues (the executor's injector); owned by the queue holding it. */
  private Task<?> queueNext;

  /** Creates a task in the {@code SCHEDULED} state; the caller must then schedule it once. */
  public Task(Future<T> future, Scheduler scheduler) {
    this.cell = future;
    this.scheduler = scheduler;
    STATE.set(this, SCHEDULED);
  }

  /**
   * Sets {@code JOIN_INTEREST} before the task is first scheduled (so before any other thread can
   * see it, and a plain store suffices): its outcome has a taker.
   */
  public void markJoined() {
    STATE.set(this, (int) STATE.get(this) | JOIN_INTEREST);
  }

  /** Whether someone polled the handle or took its CompletableFuture view. */
  public boolean isJoined() {
    return (state & JOIN_INTEREST) != 0;
  }

  /** The current state word, for tests and diagnostics. */
  public int state() {
    return state;
  }

  /**
   * The spawned future while the task has not completed, else {@code null}. A racy read from
   * any thread, for task dumps: the future may be mid-poll on its worker.
   */
  public Future<?> futureIfPending() {
    if ((state & COMPLETE) != 0) {
      return null;
    }
    return cell instanceof Future<?> f ? f : null;
  }

  /** The next task in an intrusive queue. */
  public Task<?> queueNext() {
    return queueNext;
  }

  /** Links the next task in an intrusive queue. */
  public void setQueueNext(Task<?> next) {
    queueNext = next;
  }

  /** The next task in an intrusive queue, read with acquire semantics. */
  public Task<?> queueNextAcquire() {
    return (Task<?>) QUEUE_NEXT.getAcquire(this);
  }

  /** Links the next task with release semantics, publishing it (and what it links) to readers. */
  public void setQueueNextRelease(Task<?> next) {
    QUEUE_NEXT.setRelease(this, next);
  }

  // ---------------------------------------------------------------------------------------------
  // Waker

  @Override
  public void wake() {
    wake(false);
  }

  /**
   * Wakes this task because a task it joins has completed: as {@link #wake()}, but the scheduler
   * may queue it behind work already queued ({@link Scheduler#scheduleJoiner}).
   */
  private void wakeJoiner() {
    wake(true);
  }

  private void wake(boolean joiner) {
    int s = state;
    for (;;) {
      if ((s & (COMPLETE | NOTIFIED)) != 0) {
        return;
      }
      // Unscheduled: this wake schedules it. Scheduled: it is polled once more.
      int next = (s & SCHEDULED) == 0 ? s | SCHEDULED : s | NOTIFIED;
      int witness = (int) STATE.compareAndExchange(this, s, next);
      if (witness == s) {
        if ((s & SCHEDULED) == 0) {
          if (joiner) {
            scheduler.scheduleJoiner(this);
          } else {
            scheduler.schedule(this);
          }
        }
        return;
      }
      s = witness;
    }
  }

  /** Wakes {@code w}, the waker of a joiner of this (now complete) task. */
  private static void wakeJoiner(Waker w) {
    if (w instanceof Task<?> t) {
      t.wakeJoiner();
    } else {
      w.wake();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /**
   * Polls the future once on the calling thread with {@code cx}, a context whose
   * {@link Context#waker()} is this task (the executor's per-thread context; its budget is reset
   * here); the caller owns the task's pending run (its scheduler handed it over). Afterwards the
   * task is complete, idle, or requeued through {@link Scheduler#reschedule} because it was woken
   * during the poll. Never throws what the future throws.
   */
  public void run(Context cx) {
    int s = takeRun();
    if (s < 0) {
      return;
    }
    @SuppressWarnings("unchecked")
    Future<T> f = (Future<T>) cell;
    boolean delivered = (s & CANCEL_DELIVERED) != 0;
    Object r;
    try {
      if ((s & CANCELLED) != 0 && !delivered) {
        STATE.getAndBitwiseOr(this, CANCEL_DELIVERED);
        delivered = true;
        f.cancel();
        if (!(f instanceof Machine)) {
          // A leaf future is abandoned by cancel(); only a state machine has cleanup to run.
          complete(new Failure(cancelled(null)), CANCEL_DELIVERED);
          return;
        }
      }
      cx.resetBudget();
      // Machine.poll is final: calling it through the class keeps this call site a direct call
      // when many machine classes run (through the interface it turns megamorphic).
      r = f instanceof Machine<T> m ? m.poll(cx) : f.poll(cx);
    } catch (Throwable e) {
      complete(new Failure(delivered ? cancelled(e) : e), delivered ? CANCEL_DELIVERED : 0);
      return;
    }
    if (r != Future.PENDING) {
      complete(delivered ? new Failure(cancelled(null)) : r, delivered ? CANCEL_DELIVERED : 0);
      return;
    }
    s = state;
    for (;;) {
      // Woken during the poll: keep it scheduled and queue it again. Otherwise give it up.
      int next = (s & NOTIFIED) != 0 ? s & ~NOTIFIED : s & ~SCHEDULED;
      int witness = (int) STATE.compareAndExchange(this, s, next);
      if (witness == s) {
        break;
      }
      s = witness;
    }
    if ((s & NOTIFIED) != 0) {
      scheduler.reschedule(this);
    }
  }

  /**
   * Completes the task with a CancellationException without polling it further: for a runtime
   * that shuts down. The caller owns the task's pending run, as for {@link #run(Context)}.
   */
  public void abort() {
    int s = takeRun();
    if (s < 0) {
      return;
    }
    @SuppressWarnings("unchecked")
    Future<T> f = (Future<T>) cell;
    Throwable suppressed = null;
    if ((s & CANCEL_DELIVERED) == 0) {
      try {
        f.cancel();
      } catch (Throwable e) {
        suppressed = e;
      }
    }
    CancellationException c = new CancellationException("the runtime shut down");
    if (suppressed != null) {
      c.addSuppressed(suppressed);
    }
    complete(new Failure(c), CANCEL_DELIVERED);
  }

  /**
   * The runner's start: returns the state word, or -1 if the task is already complete. A
   * {@code NOTIFIED} bit set while the task waited in its queue is cleared (the coming poll
   * serves that wake); usually it is clear and this is a plain read.
   */
  private int takeRun() {
    int s = state;
    for (;;) {
      if ((s & COMPLETE) != 0) {
        return -1;
      }
      if ((s & SCHEDULED) == 0) {
        throw new IllegalStateException("task run without being scheduled: state " + s);
      }
      if ((s & NOTIFIED) == 0) {
        return s;
      }
      int witness = (int) STATE.compareAndExchange(this, s, s & ~NOTIFIED);
      if (witness == s) {
        return s & ~NOTIFIED;
      }
      s = witness;
    }
  }

  private static CancellationException cancelled(Throwable cleanupFailure) {
    CancellationException c = new CancellationException("task cancelled");
    if (cleanupFailure != null && !(cleanupFailure instanceof CancellationException)) {
      c.addSuppressed(cleanupFailure);
    }
    return c;
  }

  private void complete(Object result, int extraBits) {
    cell = result;
    int s = state;
    for (;;) {
      int next = (s | COMPLETE | extraBits) & ~(SCHEDULED | NOTIFIED);
      int witness = (int) STATE.compareAndExchange(this, s, next);
      if (witness == s) {
        break;
      }
      s = witness;
    }
    Object j = joiner;
    if (j instanceof TaskCompletableFuture<?> view) {
      // The view first: a joiner woken by the waker then finds the view complete too.
      @SuppressWarnings("unchecked")
      CompletableFuture<T> v = (CompletableFuture<T>) view;
      deliver(v);
      Waker w = view.joinWaker;
      if (w != null) {
        view.joinWaker = null;
        wakeJoiner(w);
      }
    } else if (j != null) {
      // Cleared by CAS: a view installed meanwhile must stay (its installer completes it).
      JOINER.compareAndSet(this, j, null);
      wakeJoiner((Waker) j);
    }
    if (result instanceof Failure failure
        && !(failure.error instanceof CancellationException)
        && (s & JOIN_INTEREST) == 0) {
      scheduler.reportUnlessJoined(this, failure.error);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // JoinHandle

  @Override
  public Object poll(Context cx) throws Throwable {
    int s = state;
    if ((s & COMPLETE) == 0) {
      if ((s & JOIN_INTEREST) == 0) {
        STATE.getAndBitwiseOr(this, JOIN_INTEREST);
      }
      registerJoiner(cx.waker());
      if ((state & COMPLETE) == 0) {
        return PENDING;
      }
    }
    Object o = cell;
    if (o instanceof Failure failure) {
      if ((s & JOIN_INTEREST) == 0) {
        STATE.getAndBitwiseOr(this, JOIN_INTEREST); // joined after it failed: not unhandled
      }
      throw AsyncStackTraces.rethrown(failure.error); // the task's failure, in its joiner
    }
    return o;
  }

  /** Makes {@code w} the waker to wake on completion (in the slot, or in the view if one exists). */
  private void registerJoiner(Waker w) {
    Object j = joiner;
    for (;;) {
      if (j instanceof TaskCompletableFuture<?> view) {
        if (view.joinWaker != w) {
          view.joinWaker = w;
        }
        return;
      }
      if (j == w) {
        return;
      }
      Object witness = JOINER.compareAndExchange(this, j, w);
      if (witness == j) {
        return;
      }
      j = witness;
    }
  }

  @Override
  public void cancel() {
    int s = state;
    for (;;) {
      if ((s & (COMPLETE | CANCELLED)) != 0) {
        return;
      }
      int next = (s & SCHEDULED) == 0 ? s | CANCELLED | SCHEDULED : s | CANCELLED | NOTIFIED;
      int witness = (int) STATE.compareAndExchange(this, s, next);
      if (witness == s) {
        if ((s & SCHEDULED) == 0) {
          scheduler.schedule(this);
        }
        return;
      }
      s = witness;
    }
  }

  @Override
  public boolean isDone() {
    return (state & COMPLETE) != 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<T> toCompletableFuture() {
    Object j = joiner;
    CompletableFuture<T> v;
    if (j instanceof TaskCompletableFuture<?> existing) {
      v = (CompletableFuture<T>) existing;
    } else {
      if ((state & JOIN_INTEREST) == 0) {
        STATE.getAndBitwiseOr(this, JOIN_INTEREST);
      }
      TaskCompletableFuture<T> created = new TaskCompletableFuture<>(this);
      for (;;) {
        created.joinWaker = (Waker) j;
        Object witness = JOINER.compareAndExchange(this, j, created);
        if (witness == j) {
          v = created;
          break;
        }
        if (witness instanceof TaskCompletableFuture<?> other) {
          v = (CompletableFuture<T>) other;
          break;
        }
        j = witness;
      }
    }
    if ((state & COMPLETE) != 0) {
      deliver(v);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private void deliver(CompletableFuture<T> v) {
    Object o = cell;
    if (o instanceof Failure failure) {
      v.completeExceptionally(failure.error);
    } else {
      v.complete((T) o);
    }
  }

  @Override
  public String toString() {
    int s = state;
    StringBuilder b = new StringBuilder("Task@").append(Integer.toHexString(hashCode())).append('[');
    if ((s & SCHEDULED) != 0) b.append("scheduled ");
    if ((s & NOTIFIED) != 0) b.append("notified ");
    if ((s & COMPLETE) != 0) b.append("complete ");
    if ((s & CANCELLED) != 0) b.append("cancelled ");
    if ((s & JOIN_INTEREST) != 0) b.append("joined ");
    if (b.charAt(b.length() - 1) == '[') {
      b.setLength(b.length() - 1); // no flags: suspended, or never run
      return b.toString();
    }
    b.setLength(b.length() - 1);
    return b.append(']').toString();
  }

  /** A failed outcome; never a user value, as the class is private to the task machinery. */
  private static final class Failure {
    final Throwable error;

    Failure(Throwable error) {
      this.error = error;
    }
  }
}
