package dev.sidecar.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for an asynchronous outcome without fixed sleeps, failing with a message that shows what was seen. */
public final class Poll {

  private static final long INTERVAL_MILLIS = 20;

  private Poll() {}

  /**
   * Polls {@code value} every 20 ms until {@code done} accepts it and returns that value.
   *
   * @throws AssertionError on timeout (naming {@code description} and the last value seen) or on interrupt
   */
  public static <T> T until(
      Duration timeout, Supplier<T> value, Predicate<T> done, String description) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(done, "done");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T current = value.get();
      if (done.test(current)) {
        return current;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "Timed out after " + timeout + " waiting for " + description + "; last value: " + current);
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + description, e);
      }
    }
  }
}
