package dev.sidecar.bootstrap;

/** Where ended spans wait for the sidecar. The sidecar sizes the queue once, at start. */
public final class Handoff {
  private static volatile HandoffQueue<SpanRecord> spans = new HandoffQueue<>(2048, 512);

  private Handoff() {}

  public static HandoffQueue<SpanRecord> spans() {
    return spans;
  }

  public static void configure(int capacity, int batchSize) {
    spans = new HandoffQueue<>(capacity, batchSize);
  }
}
