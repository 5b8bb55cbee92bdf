package dev.sidecar.bootstrap;

/** The span current on each thread: the parent of whatever that thread starts next. */
public final class CurrentSpan {
  private static final ThreadLocal<SpanRecord> CURRENT = new ThreadLocal<>();

  private CurrentSpan() {}

  public static SpanRecord get() {
    return CURRENT.get();
  }

  /**
   * Null is stored, not removed: the thread's entry stays, so the next {@link #get} finds it instead
   * of allocating a new one, as it would after a removal. A null entry holds nothing alive.
   */
  public static void set(SpanRecord span) {
    CURRENT.set(span);
  }
}
