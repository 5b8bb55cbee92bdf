package dev.sidecar.agent.export;

import dev.sidecar.agent.config.AgentConfig;
import java.time.Duration;

/** The batching settings, under OpenTelemetry's {@code otel.bsp.*} and {@code otel.blrp.*} names and defaults. */
public final class BatchSettings {
  private final Duration scheduleDelay;
  private final int maxQueueSize;
  private final int maxExportBatchSize;
  private final Duration exportTimeout;

  private BatchSettings(Duration scheduleDelay, int maxQueueSize, int maxExportBatchSize, Duration exportTimeout) {
    this.scheduleDelay = scheduleDelay;
    this.maxQueueSize = maxQueueSize;
    this.maxExportBatchSize = maxExportBatchSize;
    this.exportTimeout = exportTimeout;
  }

  /** Spans: {@code otel.bsp.*}. */
  public static BatchSettings from(AgentConfig config) {
    return from(config, "otel.bsp.", Duration.ofMillis(5000));
  }

  /** Log records: {@code otel.blrp.*}, whose schedule delay defaults to one second. */
  public static BatchSettings forLogs(AgentConfig config) {
    return from(config, "otel.blrp.", Duration.ofMillis(1000));
  }

  private static BatchSettings from(AgentConfig config, String prefix, Duration defaultDelay) {
    Duration delay = config.getDuration(prefix + "schedule.delay", defaultDelay);
    int queueSize = config.getInt(prefix + "max.queue.size", 2048, 1, 1 << 24);
    int batchSize = config.getInt(prefix + "max.export.batch.size", 512, 1, 1 << 24);
    Duration timeout = config.getDuration(prefix + "export.timeout", Duration.ofMillis(30000));
    // As in the OpenTelemetry SDK, a batch never exceeds the queue.
    return new BatchSettings(delay.isZero() ? Duration.ofMillis(1) : delay, queueSize,
        Math.min(batchSize, queueSize), timeout);
  }

  public Duration scheduleDelay() {
    return scheduleDelay;
  }

  public int maxQueueSize() {
    return maxQueueSize;
  }

  public int maxExportBatchSize() {
    return maxExportBatchSize;
  }

  public Duration exportTimeout() {
    return exportTimeout;
  }
}
