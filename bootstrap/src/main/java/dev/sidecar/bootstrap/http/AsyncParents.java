package dev.sidecar.bootstrap.http;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.WeakIdentityMap;

/**
 * Carries the current span from the thread that queues a library's call (OkHttp's
 * {@code Call.enqueue}) to the library's own thread that later runs it, keyed by the call object:
 * so an asynchronous call made inside a server span is that span's child, as a synchronous one is.
 */
public final class AsyncParents {
  // Calls queued and not yet run; past this many, a queued call's span starts a trace of its own.
  private static final WeakIdentityMap<SpanRecord> QUEUED = new WeakIdentityMap<>(8192);

  private AsyncParents() {}

  /** On queueing {@code call}: remembers the span current now, if any. */
  public static void capture(Object call) {
    SpanRecord current = CurrentSpan.get();
    if (current != null) {
      QUEUED.putIfRoom(call, current);
    }
  }

  /**
   * On running {@code call}: makes the span current at its queueing current again and returns it,
   * or returns null when nothing was remembered or another span is current here already.
   */
  public static SpanRecord resume(Object call) {
    if (CurrentSpan.get() != null) {
      return null;
    }
    SpanRecord parent = QUEUED.remove(call);
    if (parent != null) {
      CurrentSpan.set(parent);
    }
    return parent;
  }

  /** When the call has run: leaves the thread as {@link #resume} found it. */
  public static void release(SpanRecord parent) {
    if (CurrentSpan.get() == parent) {
      CurrentSpan.set(null);
    }
  }
}
