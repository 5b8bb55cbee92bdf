package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OTLP/gRPC side against the SDK's own OTLP/gRPC exporters. */
class GrpcExportTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static OtlpReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @BeforeEach
  void reset() {
    receiver.reset();
  }

  @Test
  void receivesGzipCompressedSpans() {
    SpanContext[] sent =
        SdkTelemetry.exportTrace(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint(receiver.grpcEndpoint())
                .setCompression("gzip")
                .addHeader("x-sidecar-token", "secret-2")
                .build());

    List<ReceivedSpan> spans = receiver.awaitSpans(2, TIMEOUT);
    // The simple processor exports each span in its own concurrent request, so order may vary.
    assertEquals(2, spans.size());
    ReceivedSpan child = SdkTelemetry.named(spans, "SELECT orders");
    ReceivedSpan parent = SdkTelemetry.named(spans, "GET /orders");
    assertEquals("SELECT orders", child.name());
    assertEquals(sent[1].getSpanId(), child.spanId());
    assertEquals(sent[0].getSpanId(), child.parentSpanId());
    assertEquals("GET /orders", parent.name());
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, parent.kind());
    assertEquals(sent[0].getTraceId(), parent.traceId());
    assertEquals(Map.of("http.request.method", "GET", "http.response.status_code", "200"),
        parent.attributes());
    assertEquals("checkout", parent.serviceName());
    assertEquals("grpc", parent.protocol());

    List<ExportRequest> requests = receiver.requests();
    assertEquals(2, requests.size());
    for (ExportRequest request : requests) {
      assertEquals("grpc", request.protocol());
      assertEquals("opentelemetry.proto.collector.trace.v1.TraceService/Export", request.path());
      assertTrue(request.gzip());
      assertEquals("secret-2", request.header("x-sidecar-token"));
      assertEquals("gzip", request.header("grpc-encoding"));
      assertEquals("application/grpc", request.header("content-type"));
    }
  }

  @Test
  void receivesLogRecords() {
    SdkTelemetry.exportLog(
        OtlpGrpcLogRecordExporter.builder().setEndpoint(receiver.grpcEndpoint()).build());

    ReceivedLog log = receiver.awaitLogs(1, TIMEOUT).get(0);
    assertEquals("order placed", log.body());
    assertEquals("INFO", log.severityText());
    assertEquals(SdkTelemetry.LOG_TRACE_ID, log.traceId());
    assertEquals(SdkTelemetry.LOG_SPAN_ID, log.spanId());
    assertEquals("42", log.attribute("order.id"));
    assertEquals("checkout", log.serviceName());
    assertEquals("grpc", log.protocol());
    ExportRequest request = receiver.requests().get(0);
    assertEquals("opentelemetry.proto.collector.logs.v1.LogsService/Export", request.path());
    assertEquals(false, request.gzip());
  }
}
