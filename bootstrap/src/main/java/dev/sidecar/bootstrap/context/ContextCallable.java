package dev.sidecar.bootstrap.context;

import dev.sidecar.bootstrap.SpanRecord;
import java.util.concurrent.Callable;

/** A task with a result that runs in the span current where it was handed over. */
final class ContextCallable<T> implements Callable<T> {
  private final Callable<T> task;
  private final SpanRecord span;

  ContextCallable(Callable<T> task, SpanRecord span) {
    this.task = task;
    this.span = span;
  }

  @Override
  public T call() throws Exception {
    Object token = TaskContexts.makeCurrent(span);
    try {
      return task.call();
    } finally {
      TaskContexts.exit(token);
    }
  }

  @Override
  public String toString() {
    return task.toString();
  }
}
