package dev.sidecar.bootstrap;

/**
 * Wall-clock time in nanoseconds with {@code System.nanoTime()} precision: an epoch anchor plus
 * elapsed monotonic time. The sidecar re-anchors it now and then so it follows the system clock.
 */
public final class EpochClock {
  private static volatile Anchor anchor = Anchor.now();

  private EpochClock() {}

  public static long nowNanos() {
    Anchor a = anchor;
    return a.epochNanos + (System.nanoTime() - a.monotonicNanos);
  }

  public static void reanchor() {
    anchor = Anchor.now();
  }

  private static final class Anchor {
    final long epochNanos;
    final long monotonicNanos;

    private Anchor(long epochNanos, long monotonicNanos) {
      this.epochNanos = epochNanos;
      this.monotonicNanos = monotonicNanos;
    }

    static Anchor now() {
      java.time.Instant instant = java.time.Instant.now();
      return new Anchor(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), System.nanoTime());
    }
  }
}
