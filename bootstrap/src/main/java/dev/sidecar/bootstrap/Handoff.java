package dev.sidecar.bootstrap;

import dev.sidecar.bootstrap.logs.LogEvent;

/** Where ended spans and log events wait for the sidecar. The sidecar sizes the queues once, at start. */
public final class Handoff {
  private static volatile HandoffQueue<SpanRecord> spans = new HandoffQueue<>(2048, 512);
  private static volatile HandoffQueue<LogEvent> logs = new HandoffQueue<>(2048, 512);

  private Handoff() {}

  public static HandoffQueue<SpanRecord> spans() {
    return spans;
  }

  public static void configure(int capacity, int batchSize) {
    spans = new HandoffQueue<>(capacity, batchSize);
  }

  public static HandoffQueue<LogEvent> logs() {
    return logs;
  }

  public static void configureLogs(int capacity, int batchSize) {
    logs = new HandoffQueue<>(capacity, batchSize);
  }
}
