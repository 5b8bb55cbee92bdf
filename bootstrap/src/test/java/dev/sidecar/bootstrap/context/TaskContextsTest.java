package dev.sidecar.bootstrap.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskContextsTest {
  private final SpanRecord request = SpanRecord.startCurrent("s", SpanKind.SERVER, "GET", null, null, null);
  private final SpanRecord other = SpanRecord.startCurrent("s", SpanKind.SERVER, "POST", null, null, null);

  @BeforeEach
  @AfterEach
  void clear() {
    CurrentSpan.set(null);
  }

  @Test
  void aCapturedTaskRunsInTheSpanCurrentAtHandOverAndTheThreadGetsItsOwnBack() {
    AtomicReference<SpanRecord> seen = new AtomicReference<>();
    Runnable task = () -> seen.set(CurrentSpan.get());
    CurrentSpan.set(request);
    TaskContexts.capture(task);

    CurrentSpan.set(other);
    TaskContexts.run(task);
    assertSame(request, seen.get());
    assertSame(other, CurrentSpan.get());
  }

  @Test
  void theFirstHandOverWinsOverALaterOneFromAnotherRequest() {
    AtomicReference<SpanRecord> seen = new AtomicReference<>();
    Runnable queued = () -> seen.set(CurrentSpan.get());
    CurrentSpan.set(request);
    TaskContexts.capture(queued);
    // A library's queue passes the task on to a pool from a thread serving another request.
    CurrentSpan.set(other);
    TaskContexts.capture(queued);
    CurrentSpan.set(null);

    TaskContexts.run(queued);
    assertSame(request, seen.get());
  }

  @Test
  void aWorkerGoingBackForItsNextTaskLeavesTheLastTasksSpanBehind() {
    AtomicReference<SpanRecord> seen = new AtomicReference<>(request);
    Runnable handedOverOutsideAnySpan = () -> seen.set(CurrentSpan.get());
    TaskContexts.capture(handedOverOutsideAnySpan);
    Runnable handedOverInARequest = () -> { };
    CurrentSpan.set(request);
    TaskContexts.capture(handedOverInARequest);
    CurrentSpan.set(null);

    // As ThreadPoolExecutor.runWorker does: getTask, then run, for each task.
    TaskContexts.betweenTasks();
    TaskContexts.next(handedOverInARequest);
    assertSame(request, CurrentSpan.get());
    TaskContexts.run(handedOverInARequest);
    assertSame(request, CurrentSpan.get(), "until the worker goes back for another task");
    TaskContexts.betweenTasks();
    TaskContexts.next(handedOverOutsideAnySpan);
    TaskContexts.run(handedOverOutsideAnySpan);
    assertNull(seen.get());
  }

  @Test
  void theThreadsSpanComesBackWhenTheTaskThrows() {
    Runnable task = () -> {
      throw new IllegalStateException("task failed");
    };
    CurrentSpan.set(request);
    TaskContexts.capture(task);
    CurrentSpan.set(null);

    assertEquals("task failed", assertThrows(IllegalStateException.class, () -> TaskContexts.run(task)).getMessage());
    assertNull(CurrentSpan.get());
  }

  @Test
  void aHandOverIsUsedOnceButAPeriodicTaskKeepsItsSpanForEveryRun() {
    List<SpanRecord> seen = new ArrayList<>();
    Runnable once = () -> seen.add(CurrentSpan.get());
    Periodic periodic = new Periodic(() -> seen.add(CurrentSpan.get()));
    CurrentSpan.set(request);
    TaskContexts.capture(once);
    TaskContexts.capture(periodic);
    CurrentSpan.set(null);

    TaskContexts.run(once);
    TaskContexts.run(once);
    TaskContexts.run(periodic);
    TaskContexts.run(periodic);
    // The second run of a one-off task has no hand-over left to use.
    assertEquals(Arrays.asList(request, null, request, request), seen);
  }

  @Test
  void aForkJoinTaskWithoutAHandOverLeavesTheRunningThreadsSpanAlone() {
    AtomicReference<SpanRecord> seen = new AtomicReference<>();
    RecursiveAction task = new RecursiveAction() {
      @Override
      protected void compute() {
        seen.set(CurrentSpan.get());
      }
    };
    CurrentSpan.set(other);
    Object token = TaskContexts.enter(task);
    task.invoke();
    TaskContexts.exit(token);
    assertSame(other, seen.get(), "a task invoked where it was made keeps its maker's span");
    assertSame(other, CurrentSpan.get());
  }

  @Test
  void wrappedTasksCarryTheSpanToWhereverTheyRun() throws Exception {
    AtomicReference<SpanRecord> seen = new AtomicReference<>();
    CurrentSpan.set(request);
    Runnable runnable = TaskContexts.wrap(() -> seen.set(CurrentSpan.get()));
    Callable<SpanRecord> callable = TaskContexts.wrap(CurrentSpan::get);
    @SuppressWarnings("unchecked")
    Collection<Callable<SpanRecord>> all = TaskContexts.wrapAll(List.of(callable, (Callable<SpanRecord>) CurrentSpan::get));
    CurrentSpan.set(null);

    Thread thread = new Thread(runnable);
    thread.start();
    thread.join();
    assertSame(request, seen.get());
    assertSame(request, callable.call());
    for (Callable<SpanRecord> each : all) {
      assertSame(request, each.call());
    }
    assertNull(CurrentSpan.get());
  }

  @Test
  void nothingIsWrappedOrRememberedOutsideASpan() {
    Runnable runnable = () -> { };
    Callable<String> callable = () -> "";
    List<Callable<String>> all = List.of(callable);
    int pending = TaskContexts.pending();
    assertSame(runnable, TaskContexts.wrap(runnable));
    assertSame(callable, TaskContexts.wrap(callable));
    assertSame(all, TaskContexts.wrapAll(all));
    TaskContexts.capture(new FutureTask<>(callable));
    assertEquals(pending, TaskContexts.pending());
  }

  /** A periodic task, as a scheduled pool hands to its workers. */
  private static final class Periodic extends FutureTask<Void> implements RunnableScheduledFuture<Void> {
    private final Runnable body;

    Periodic(Runnable body) {
      super(body, null);
      this.body = body;
    }

    @Override
    public void run() {
      body.run();
    }

    @Override
    public boolean isPeriodic() {
      return true;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return 0;
    }
  }
}
