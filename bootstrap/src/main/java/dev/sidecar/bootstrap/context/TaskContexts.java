package dev.sidecar.bootstrap.context;

import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.WeakIdentityMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RunnableScheduledFuture;

/**
 * Carries the current span from the thread that hands work over to the thread that runs it.
 *
 * <p>Work handed to a JDK executor is remembered with the span current at hand-over, keyed by the
 * task object itself ({@link #capture}); where the JDK runs the task, that span is made current
 * for the run and the thread's own is restored after ({@link #enter}, {@link #exit},
 * {@link #run}). Keys are held weakly and by identity, so no field is added to any class and a
 * task that never runs costs nothing once collected. Where the executor never hands the task
 * object back to the application (a fork-join pool, a new thread), the task is wrapped instead.
 */
public final class TaskContexts {
  /** Live hand-overs at most; past it a task runs without its span rather than the map growing. */
  static final int CAPACITY = 1 << 16;

  private static final WeakIdentityMap<SpanRecord> CAPTURED = new WeakIdentityMap<>(CAPACITY);

  // What enter returns when the task runs with the span already current: exit leaves it.
  private static final Object UNCHANGED = new Object();
  // What enter returns when the thread had no span before the task's was made current.
  private static final Object NONE_BEFORE = new Object();

  private TaskContexts() {}

  /**
   * Remembers the span current now for {@code task}, to be made current where it runs. The first
   * hand-over wins: a library that queues work (OkHttp's dispatcher) may pass it to a pool later
   * from a thread serving another request, and the span that queued it is the one it belongs to.
   */
  public static void capture(Object task) {
    SpanRecord current = CurrentSpan.get();
    if (current != null && task != null) {
      CAPTURED.putIfAbsentIfRoom(task, current);
    }
  }

  /**
   * Before {@code task} runs: makes the span captured for it current, and returns what
   * {@link #exit} needs to restore the thread's own. A task handed over with no span runs with
   * the thread's current span untouched, since a fork-join task may be invoked by the very thread
   * that made it.
   */
  public static Object enter(Object task) {
    SpanRecord captured = CAPTURED.isEmpty() ? null : CAPTURED.remove(task);
    return captured == null ? UNCHANGED : makeCurrent(captured);
  }

  /** After the task: the thread's span from before {@link #enter} is current again. */
  public static void exit(Object token) {
    if (token != UNCHANGED) {
      CurrentSpan.set(token == NONE_BEFORE ? null : (SpanRecord) token);
    }
  }

  /**
   * A pool worker goes back for its next task ({@code ThreadPoolExecutor.getTask}): whatever span
   * its last task ran in is no longer current, so no task ever runs in another's.
   */
  public static void betweenTasks() {
    if (CurrentSpan.get() != null) {
      CurrentSpan.set(null);
    }
  }

  /**
   * A pool worker got its next task: the span captured for it is current until the worker goes
   * back for another. A method the worker calls for every task, so that workers already looping
   * when the agent attaches (whose loop keeps its old code) hand spans over from their next task on.
   */
  public static void next(Runnable task) {
    if (task == null || CAPTURED.isEmpty()) {
      return;
    }
    SpanRecord captured = periodic(task) ? CAPTURED.get(task) : CAPTURED.remove(task);
    if (captured != null) {
      CurrentSpan.set(captured);
    }
  }

  /**
   * Runs a task in the span captured for it, if one still is: a new worker's first task, which
   * reaches the worker without {@code getTask}. Called in place of {@code task.run()} inside
   * {@code ThreadPoolExecutor.runWorker}.
   */
  public static void run(Runnable task) {
    Object token = UNCHANGED;
    try {
      // Most tasks of most pools are handed over outside any span: nothing to look up.
      SpanRecord captured = CAPTURED.isEmpty() ? null : periodic(task) ? CAPTURED.get(task) : CAPTURED.remove(task);
      if (captured != null && captured != CurrentSpan.get()) {
        token = makeCurrent(captured);
      }
    } catch (Throwable t) {
      AgentErrors.record(t);
    }
    try {
      task.run();
    } finally {
      exit(token);
    }
  }

  /** For executors that never give the task back, such as a new thread: the task wrapped with the span. */
  public static Runnable wrap(Runnable task) {
    SpanRecord current = CurrentSpan.get();
    return current == null || task == null || task instanceof ContextRunnable ? task : new ContextRunnable(task, current);
  }

  /**
   * For a fork-join pool, which runs a fork-join task as it is (captured, found again where it
   * runs) and any other task inside an adapter of its own (wrapped).
   */
  public static Runnable wrapForForkJoin(Runnable task) {
    if (task instanceof ForkJoinTask) {
      capture(task);
      return task;
    }
    return wrap(task);
  }

  public static <T> Callable<T> wrap(Callable<T> task) {
    SpanRecord current = CurrentSpan.get();
    return current == null || task == null || task instanceof ContextCallable ? task : new ContextCallable<>(task, current);
  }

  /** {@code invokeAll} and {@code invokeAny} of a fork-join pool: each task wrapped, order kept. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Collection wrapAll(Collection tasks) {
    if (CurrentSpan.get() == null || tasks == null) {
      return tasks;
    }
    List<Callable<?>> wrapped = new ArrayList<>(tasks.size());
    for (Object task : tasks) {
      wrapped.add(wrap((Callable<?>) task));
    }
    return wrapped;
  }

  /** Hand-overs remembered and not yet run, for tests that prove the map does not grow. */
  public static int pending() {
    return CAPTURED.size();
  }

  static Object makeCurrent(SpanRecord span) {
    SpanRecord before = CurrentSpan.get();
    CurrentSpan.set(span);
    return before == null ? NONE_BEFORE : before;
  }

  private static boolean periodic(Runnable task) {
    return task instanceof RunnableScheduledFuture && ((RunnableScheduledFuture<?>) task).isPeriodic();
  }
}
