package dev.sidecar.benchmarks.wholeprocess.apps;

/**
 * Work of a known length on the thread of each request, where an agent's advice runs: the
 * configuration {@code work-1us} starts an app with {@code -Dhello.work.nanos=1000}. Without the
 * property the apps spend nothing (the field is constant, and the JIT drops the call).
 */
public final class RequestWork {
  public static final String PROPERTY = "hello.work.nanos";

  private static final long NANOS = Long.getLong(PROPERTY, 0);

  private RequestWork() {}

  /** Spends this app's nanoseconds of CPU on the calling thread, if it was given any. */
  static void perRequest() {
    if (NANOS > 0) {
      spin(NANOS);
    }
  }

  /**
   * Spins on the clock for {@code nanos}, computing nothing else: on a CPU the thread has to itself,
   * that much CPU time. Returns the clock's reading at the end.
   */
  static long spin(long nanos) {
    long end = System.nanoTime() + nanos;
    long now;
    do {
      now = System.nanoTime();
    } while (now - end < 0);
    return now;
  }
}
