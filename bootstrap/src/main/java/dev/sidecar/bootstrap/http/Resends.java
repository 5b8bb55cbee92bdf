package dev.sidecar.bootstrap.http;

/**
 * Counts the sends of the logical request in progress on each thread, for
 * {@code http.request.resend_count}: a client library that follows a redirect or retries sends its
 * request again within one call, and OpenTelemetry gives every send a span of its own, the second
 * and later ones numbered. One {@code int[1]} per thread that ever opens a request.
 */
final class Resends {
  static final String RESEND_COUNT = "http.request.resend_count";

  // 0 while no logical request is open on the thread; otherwise 1 + the sends it made so far.
  private static final ThreadLocal<int[]> SENDS = new ThreadLocal<int[]>() {
    @Override
    protected int[] initialValue() {
      return new int[1];
    }
  };

  private Resends() {}

  /** Opens a logical request; returns the state of the one it is nested in, for {@link #close}. */
  static int open() {
    int[] sends = SENDS.get();
    int outer = sends[0];
    sends[0] = 1;
    return outer;
  }

  static void close(int outer) {
    SENDS.get()[0] = outer;
  }

  /** Counts one send: 0 for the first of the open request (or when none is open), then 1, 2, ... */
  static int next() {
    int[] sends = SENDS.get();
    return sends[0] == 0 ? 0 : sends[0]++ - 1;
  }
}
