package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.SpanRecord;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;

/** Span records to the OpenTelemetry SDK's span exporter. Used by one export thread only. */
public final class SpanRecordExporter implements RecordExporter<SpanRecord> {
  private final SpanExporter exporter;
  private final SpanConverter converter;

  private SpanRecordExporter(SpanExporter exporter, SpanConverter converter) {
    this.exporter = exporter;
    this.converter = converter;
  }

  /** Null when there is no exporter ({@code otel.traces.exporter=none}). */
  public static SpanRecordExporter of(SpanExporter exporter, SpanConverter converter) {
    return exporter == null ? null : new SpanRecordExporter(exporter, converter);
  }

  @Override
  public CompletableResultCode export(List<SpanRecord> records) {
    List<SpanData> batch = new ArrayList<>(records.size());
    for (SpanRecord record : records) {
      batch.add(converter.convert(record));
    }
    return exporter.export(batch);
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown();
  }
}
