package dev.sidecar.testing;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything both servers accepted, in arrival order. One lock guards all lists so that a
 * snapshot never shows a request without its spans or the other way round.
 */
final class Recorder {

  private final Object lock = new Object();
  private final List<ExportRequest> requests = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedLog> logs = new ArrayList<>();

  void traces(ExportRequest request, ExportTraceServiceRequest export) {
    synchronized (lock) {
      requests.add(request);
      for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(
                new ReceivedSpan(
                    resourceSpans.getResource(), scopeSpans.getScope(), span, request.protocol()));
          }
        }
      }
    }
  }

  void logs(ExportRequest request, ExportLogsServiceRequest export) {
    synchronized (lock) {
      requests.add(request);
      for (ResourceLogs resourceLogs : export.getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          for (LogRecord log : scopeLogs.getLogRecordsList()) {
            logs.add(
                new ReceivedLog(
                    resourceLogs.getResource(), scopeLogs.getScope(), log, request.protocol()));
          }
        }
      }
    }
  }

  /** Metrics are accepted so that an exporter sending them does not fail, but only the call is kept. */
  void metrics(ExportRequest request, ExportMetricsServiceRequest export) {
    synchronized (lock) {
      requests.add(request);
    }
  }

  List<ExportRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  List<ReceivedLog> logs() {
    synchronized (lock) {
      return List.copyOf(logs);
    }
  }

  void reset() {
    synchronized (lock) {
      requests.clear();
      spans.clear();
      logs.clear();
    }
  }
}
