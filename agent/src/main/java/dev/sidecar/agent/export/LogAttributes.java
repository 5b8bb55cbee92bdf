package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.logs.LogEvent;

/** A log event's attributes: the thread, the captured MDC or context data, the throwable. */
public final class LogAttributes {
  private LogAttributes() {}

  public static void collect(LogEvent event, AttributeSink into) {
    into.put("thread.name", event.threadName()).put("thread.id", event.threadId());
    String[] context = event.contextAttributes();
    if (context != null) {
      for (int i = 0; i + 1 < context.length; i += 2) {
        into.put(context[i], context[i + 1]);
      }
    }
    if (event.thrown() != null) {
      ExceptionAttributes.collect(event.thrown(), into);
    }
  }
}
