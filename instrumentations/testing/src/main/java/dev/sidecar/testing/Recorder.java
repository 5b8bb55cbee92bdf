package dev.sidecar.testing;

import com.google.protobuf.InvalidProtocolBufferException;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything both servers accepted, in arrival order. One lock guards all lists so that a
 * snapshot never shows a request without its spans or the other way round. A counting recorder
 * keeps nothing but the counts, so that a benchmark can send it millions of spans.
 */
final class Recorder {

  private final Object lock = new Object();
  private final boolean keep;
  private final List<ExportRequest> requests = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedLog> logs = new ArrayList<>();
  private final AtomicLong spanCount = new AtomicLong();
  private final AtomicLong logCount = new AtomicLong();

  Recorder() {
    this(true);
  }

  /** {@code keep} false: only count spans and log records, keep no request, span or record. */
  Recorder(boolean keep) {
    this.keep = keep;
  }

  /**
   * An export's bytes, as OTLP/HTTP delivers them: a counting recorder counts the spans on the wire
   * (a load test's receiver must stay cheap), a keeping one parses and keeps them.
   */
  void traces(ExportRequest request, byte[] export) throws InvalidProtocolBufferException {
    if (keep) {
      traces(request, ExportTraceServiceRequest.parseFrom(export));
    } else {
      spanCount.addAndGet(RecordCounts.spans(export));
    }
  }

  /** As {@link #traces(ExportRequest, byte[])}, for log records. */
  void logs(ExportRequest request, byte[] export) throws InvalidProtocolBufferException {
    if (keep) {
      logs(request, ExportLogsServiceRequest.parseFrom(export));
    } else {
      logCount.addAndGet(RecordCounts.logs(export));
    }
  }

  void traces(ExportRequest request, ExportTraceServiceRequest export) {
    if (!keep) {
      long count = 0;
      for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          count += scopeSpans.getSpansCount();
        }
      }
      spanCount.addAndGet(count);
      return;
    }
    synchronized (lock) {
      requests.add(request);
      for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(
                new ReceivedSpan(
                    resourceSpans.getResource(), scopeSpans.getScope(), span, request.protocol()));
            spanCount.incrementAndGet();
          }
        }
      }
    }
  }

  void logs(ExportRequest request, ExportLogsServiceRequest export) {
    if (!keep) {
      long count = 0;
      for (ResourceLogs resourceLogs : export.getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          count += scopeLogs.getLogRecordsCount();
        }
      }
      logCount.addAndGet(count);
      return;
    }
    synchronized (lock) {
      requests.add(request);
      for (ResourceLogs resourceLogs : export.getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          for (LogRecord log : scopeLogs.getLogRecordsList()) {
            logs.add(
                new ReceivedLog(
                    resourceLogs.getResource(), scopeLogs.getScope(), log, request.protocol()));
            logCount.incrementAndGet();
          }
        }
      }
    }
  }

  /** Metrics are accepted so that an exporter sending them does not fail, but only the call is kept. */
  void metrics(ExportRequest request, ExportMetricsServiceRequest export) {
    if (!keep) {
      return;
    }
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

  /** Spans received since the start or the last reset, kept or not. */
  long spanCount() {
    return spanCount.get();
  }

  long logCount() {
    return logCount.get();
  }

  void reset() {
    synchronized (lock) {
      requests.clear();
      spans.clear();
      logs.clear();
      spanCount.set(0);
      logCount.set(0);
    }
  }
}
