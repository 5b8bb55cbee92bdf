package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.ArrayList;
import java.util.List;

/** Log events to the OpenTelemetry SDK's log record exporter. Used by one export thread only. */
public final class LogEventExporter implements RecordExporter<LogEvent> {
  private final LogRecordExporter exporter;
  private final LogConverter converter;

  private LogEventExporter(LogRecordExporter exporter, LogConverter converter) {
    this.exporter = exporter;
    this.converter = converter;
  }

  /** Null when there is no exporter ({@code otel.logs.exporter=none}). */
  public static LogEventExporter of(LogRecordExporter exporter, LogConverter converter) {
    return exporter == null ? null : new LogEventExporter(exporter, converter);
  }

  @Override
  public CompletableResultCode export(List<LogEvent> events) {
    List<LogRecordData> batch = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      batch.add(converter.convert(event));
    }
    return exporter.export(batch);
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown();
  }
}
