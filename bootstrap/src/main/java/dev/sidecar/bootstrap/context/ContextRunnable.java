package dev.sidecar.bootstrap.context;

import dev.sidecar.bootstrap.SpanRecord;

/** A task that runs in the span current where it was handed over. */
final class ContextRunnable implements Runnable {
  private final Runnable task;
  private final SpanRecord span;

  ContextRunnable(Runnable task, SpanRecord span) {
    this.task = task;
    this.span = span;
  }

  @Override
  public void run() {
    Object token = TaskContexts.makeCurrent(span);
    try {
      task.run();
    } finally {
      TaskContexts.exit(token);
    }
  }

  @Override
  public String toString() {
    return task.toString();
  }
}
