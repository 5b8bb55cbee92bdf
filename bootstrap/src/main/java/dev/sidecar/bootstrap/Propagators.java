package dev.sidecar.bootstrap;

/** Which W3C headers are read and written, from {@code otel.propagators}. */
public final class Propagators {
  private static volatile boolean traceContext = true;
  private static volatile boolean baggage = true;

  private Propagators() {}

  public static void configure(boolean traceContextEnabled, boolean baggageEnabled) {
    traceContext = traceContextEnabled;
    baggage = baggageEnabled;
  }

  public static boolean traceContext() {
    return traceContext;
  }

  public static boolean baggage() {
    return baggage;
  }
}
