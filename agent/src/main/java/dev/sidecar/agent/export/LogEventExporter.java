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
  private List<LogRecordData> batch = new ArrayList<>();

  private LogEventExporter(LogRecordExporter exporter, LogConverter converter) {
    this.exporter = exporter;
    this.converter = converter;
  }

  /** Null when there is no exporter ({@code otel.logs.exporter=none}). */
  public static LogEventExporter of(LogRecordExporter exporter, LogConverter converter) {
    return exporter == null ? null : new LogEventExporter(exporter, converter);
  }

  @Override
  public void add(List<LogEvent> events) {
    // Converted aside first: when one fails, none of them is in the batch.
    List<LogRecordData> converted = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      converted.add(converter.convert(event));
    }
    batch.addAll(converted);
  }

  @Override
  public CompletableResultCode export() {
    List<LogRecordData> full = batch;
    batch = new ArrayList<>();
    return exporter.export(full);
  }

  @Override
  public void clear() {
    batch = new ArrayList<>();
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown();
  }
}
