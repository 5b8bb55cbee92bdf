package dev.sidecar.agent.export;

import dev.sidecar.agent.config.AgentConfig;
import java.time.Duration;

/** The batching settings, under OpenTelemetry's {@code otel.bsp.*} names and defaults. */
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

  public static BatchSettings from(AgentConfig config) {
    Duration delay = config.getDuration("otel.bsp.schedule.delay", Duration.ofMillis(5000));
    int queueSize = config.getInt("otel.bsp.max.queue.size", 2048, 1, 1 << 24);
    int batchSize = config.getInt("otel.bsp.max.export.batch.size", 512, 1, 1 << 24);
    Duration timeout = config.getDuration("otel.bsp.export.timeout", Duration.ofMillis(30000));
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
