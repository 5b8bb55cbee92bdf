package dev.sidecar.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code otel.traces.exporter=console}: one human-readable line per span on stdout. */
final class ConsoleSpanExporter implements SpanExporter {
  private final PrintStream out;

  ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder lines = new StringBuilder();
    for (SpanData span : spans) {
      Map<String, Object> attributes = new TreeMap<>();
      span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
      lines.append("[sidecar] span '").append(span.getName()).append("' ")
          .append(span.getKind())
          .append(" trace=").append(span.getTraceId())
          .append(" span=").append(span.getSpanId())
          .append(" parent=").append(span.getParentSpanContext().isValid() ? span.getParentSpanId() : "-")
          .append(String.format(Locale.ROOT, " %.3fms", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6))
          .append(" status=").append(span.getStatus().getStatusCode())
          .append(" service=").append(span.getResource().getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")))
          .append(' ').append(attributes)
          .append(System.lineSeparator());
    }
    out.print(lines);
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
