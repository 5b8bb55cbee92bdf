package dev.sidecar.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.PrintStream;
import java.util.Collection;

/** {@code otel.logs.exporter=console}: one human-readable line per log record on stdout. */
final class ConsoleLogRecordExporter implements LogRecordExporter {
  private final PrintStream out;

  ConsoleLogRecordExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    StringBuilder lines = new StringBuilder();
    for (LogRecordData log : logs) {
      lines.append("[sidecar] log ").append(log.getSeverityText())
          .append(" '").append(log.getBodyValue() == null ? "" : log.getBodyValue().asString()).append("'")
          .append(" logger=").append(log.getInstrumentationScopeInfo().getName())
          .append(" trace=").append(log.getSpanContext().isValid() ? log.getSpanContext().getTraceId() : "-")
          .append(" span=").append(log.getSpanContext().isValid() ? log.getSpanContext().getSpanId() : "-")
          .append(" thread=").append(log.getAttributes().get(AttributeKey.stringKey("thread.name")));
      String exception = log.getAttributes().get(AttributeKey.stringKey("exception.type"));
      if (exception != null) {
        lines.append(" exception=").append(exception);
      }
      lines.append(System.lineSeparator());
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
