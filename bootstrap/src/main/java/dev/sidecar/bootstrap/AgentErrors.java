package dev.sidecar.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts errors that the agent swallowed so the application never saw them: an exception inside
 * an advice, or in the sidecar. A test harness asserts the count stayed zero, so a silent breakage
 * cannot pass a test.
 */
public final class AgentErrors {
  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile Throwable last;

  private AgentErrors() {}

  /** Called by every advice's exception handler, in place of rethrowing. */
  public static void record(Throwable error) {
    COUNT.incrementAndGet();
    last = error;
  }

  public static long count() {
    return COUNT.get();
  }

  public static Throwable last() {
    return last;
  }
}
