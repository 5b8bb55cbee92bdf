package dev.sidecar.bootstrap;

/**
 * The sampling decision, made once per span on the application thread. Mirrors OpenTelemetry's
 * {@code always_on}, {@code always_off}, {@code traceidratio} and their {@code parentbased_}
 * forms, so the same trace id is sampled the same way by Sidecar and by the OpenTelemetry SDK.
 */
public final class Sampler {
  private static volatile Sampler current = parentBased(1.0);

  private final boolean followParent;
  private final long idUpperBound;
  private final String description;

  private Sampler(boolean followParent, double ratio, String description) {
    this.followParent = followParent;
    // The same bound as OpenTelemetry's TraceIdRatioBasedSampler, so decisions agree across agents.
    if (ratio <= 0.0) {
      this.idUpperBound = Long.MIN_VALUE;
    } else if (ratio >= 1.0) {
      this.idUpperBound = Long.MAX_VALUE;
    } else {
      this.idUpperBound = (long) (ratio * Long.MAX_VALUE);
    }
    this.description = description;
  }

  /** Root spans sampled at {@code ratio} (1 = always, 0 = never); ignores the parent's decision. */
  public static Sampler ratio(double ratio) {
    return new Sampler(false, ratio, "traceidratio(" + ratio + ")");
  }

  /** Follows the parent's decision; root spans sampled at {@code ratio}. */
  public static Sampler parentBased(double ratio) {
    return new Sampler(true, ratio, "parentbased(traceidratio(" + ratio + "))");
  }

  public static Sampler current() {
    return current;
  }

  public static void install(Sampler sampler) {
    current = sampler;
  }

  public boolean sampleRoot(long traceIdLow) {
    if (idUpperBound == Long.MAX_VALUE) {
      return true;
    }
    return Math.abs(traceIdLow) < idUpperBound;
  }

  public boolean sampleChild(boolean parentSampled, long traceIdLow) {
    return followParent ? parentSampled : sampleRoot(traceIdLow);
  }

  @Override
  public String toString() {
    return description;
  }
}
