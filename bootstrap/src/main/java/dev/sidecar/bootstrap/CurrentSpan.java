package dev.sidecar.bootstrap;

/** The span current on each thread: the parent of whatever that thread starts next. */
public final class CurrentSpan {
  private static final ThreadLocal<SpanRecord> CURRENT = new ThreadLocal<>();

  private CurrentSpan() {}

  public static SpanRecord get() {
    return CURRENT.get();
  }

  public static void set(SpanRecord span) {
    if (span == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(span);
    }
  }
}
