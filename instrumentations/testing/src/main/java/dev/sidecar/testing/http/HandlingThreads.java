package dev.sidecar.testing.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thread that handled each request, by the request's {@code traceparent}: a test server's
 * handler records itself, and the test compares the span's {@code thread.id} and
 * {@code thread.name} with it.
 */
public final class HandlingThreads {
  private static final Map<String, Thread> BY_TRACEPARENT = new ConcurrentHashMap<>();

  private HandlingThreads() {}

  /** Called by a handler on the thread that runs it; a request without a traceparent is not kept. */
  public static void record(String traceparent) {
    if (traceparent != null) {
      BY_TRACEPARENT.put(traceparent, Thread.currentThread());
    }
  }

  /** The thread that handled the request sent with {@code traceparent}, or null. */
  public static Thread of(String traceparent) {
    return BY_TRACEPARENT.get(traceparent);
  }
}
