package dev.sidecar.agent.export;

import dev.sidecar.agent.export.otlp.EncodingRecordExporter;
import dev.sidecar.agent.export.otlp.LogRequestEncoder;
import dev.sidecar.agent.export.otlp.SpanRequestEncoder;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * What each export thread hands its batches to. For OTLP, the usual case, records are encoded
 * straight to protobuf and sent by the SDK exporter's own transport; for any other exporter
 * (console, or several at once) they become SDK data first.
 */
public final class RecordExporters {
  private RecordExporters() {}

  /** Null when there is no exporter ({@code otel.traces.exporter=none}). */
  public static RecordExporter<SpanRecord> forSpans(SpanExporter exporter, Resource resource, String agentVersion,
      AttributeLimits limits) {
    if (exporter == null) {
      return null;
    }
    RecordExporter<SpanRecord> direct = EncodingRecordExporter.wrapping(exporter,
        () -> new SpanRequestEncoder(resource, agentVersion, limits)::encode, exporter::shutdown);
    return direct != null ? direct : SpanRecordExporter.of(exporter, new SpanConverter(resource, agentVersion, limits));
  }

  /** Null when there is no exporter ({@code otel.logs.exporter=none}). */
  public static RecordExporter<LogEvent> forLogs(LogRecordExporter exporter, Resource resource, AttributeLimits limits) {
    if (exporter == null) {
      return null;
    }
    RecordExporter<LogEvent> direct = EncodingRecordExporter.wrapping(exporter,
        () -> new LogRequestEncoder(resource, limits)::encode, exporter::shutdown);
    return direct != null ? direct : LogEventExporter.of(exporter, new LogConverter(resource, limits));
  }
}
