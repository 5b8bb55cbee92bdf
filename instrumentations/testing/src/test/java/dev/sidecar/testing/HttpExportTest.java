package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OTLP/HTTP side against the SDK's own OTLP/HTTP exporters. */
class HttpExportTest {

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
  void receivesSpansExactlyAsExported() {
    SpanContext[] sent =
        SdkTelemetry.exportTrace(
            OtlpHttpSpanExporter.builder()
                .setEndpoint(receiver.httpEndpoint() + "/v1/traces")
                .build());

    List<ReceivedSpan> spans = receiver.awaitSpans(2, TIMEOUT);
    // The simple processor exports each span in its own concurrent request, so order may vary.
    assertEquals(2, spans.size());
    ReceivedSpan child = SdkTelemetry.named(spans, "SELECT orders");
    ReceivedSpan parent = SdkTelemetry.named(spans, "GET /orders");
    assertEquals("SELECT orders", child.name());
    assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, child.kind());
    assertEquals(sent[1].getTraceId(), child.traceId());
    assertEquals(sent[1].getSpanId(), child.spanId());
    assertEquals(sent[0].getSpanId(), child.parentSpanId());
    assertEquals(Map.of("db.cached", "true", "db.latency", "1.5"), child.attributes());

    assertEquals("GET /orders", parent.name());
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, parent.kind());
    assertEquals(sent[0].getTraceId(), parent.traceId());
    assertEquals(sent[0].getSpanId(), parent.spanId());
    assertEquals("", parent.parentSpanId());
    assertEquals("GET", parent.attribute("http.request.method"));
    assertEquals("200", parent.attribute("http.response.status_code"));
    assertEquals(null, parent.attribute("absent"));
    assertEquals(
        List.of("http.request.method", "http.response.status_code"),
        List.copyOf(parent.attributes().keySet()));

    for (ReceivedSpan span : spans) {
      assertEquals("checkout", span.serviceName());
      assertEquals("java", span.resourceAttribute("telemetry.sdk.language"));
      assertEquals(SdkTelemetry.SCOPE, span.scope().getName());
      assertEquals(SdkTelemetry.SCOPE_VERSION, span.scope().getVersion());
      assertEquals("http/protobuf", span.protocol());
    }
    List<ExportRequest> requests = receiver.requests();
    assertEquals(2, requests.size());
    for (ExportRequest request : requests) {
      assertEquals("http/protobuf", request.protocol());
      assertEquals("/v1/traces", request.path());
      assertFalse(request.gzip());
      assertEquals("application/x-protobuf", request.header("Content-Type"));
      assertTrue(request.header("user-agent").startsWith("OTel-OTLP-Exporter-Java/"));
      // Uncompressed bodies go out with a Content-Length rather than chunked.
      assertTrue(Integer.parseInt(request.header("content-length")) > 0);
      assertEquals(null, request.header("transfer-encoding"));
    }
  }

  @Test
  void decodesGzipAndRecordsCustomHeaders() {
    SdkTelemetry.exportTrace(
        OtlpHttpSpanExporter.builder()
            .setEndpoint(receiver.httpEndpoint() + "/v1/traces")
            .setCompression("gzip")
            .setHeaders(() -> Map.of("X-Sidecar-Token", "secret-1"))
            .build());

    List<ReceivedSpan> spans =
        receiver.awaitSpans(
            received -> received.stream().map(ReceivedSpan::name).distinct().count() == 2, TIMEOUT);
    assertEquals(
        Set.of("SELECT orders", "GET /orders"),
        spans.stream().map(ReceivedSpan::name).collect(Collectors.toSet()));
    assertEquals(2, receiver.requests().size());
    for (ExportRequest request : receiver.requests()) {
      assertTrue(request.gzip());
      assertEquals("gzip", request.header("content-encoding"));
      assertEquals("secret-1", request.headers().get("x-sidecar-token").get(0));
      // OkHttp streams a compressed body, so this path also proves chunked decoding.
      assertEquals("chunked", request.header("transfer-encoding"));
    }
  }

  @Test
  void receivesLogRecords() {
    SdkTelemetry.exportLog(
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(receiver.httpEndpoint() + "/v1/logs")
            .build());

    ReceivedLog log = receiver.awaitLogs(1, TIMEOUT).get(0);
    assertEquals("order placed", log.body());
    assertEquals("INFO", log.severityText());
    assertEquals(SdkTelemetry.LOG_TRACE_ID, log.traceId());
    assertEquals(SdkTelemetry.LOG_SPAN_ID, log.spanId());
    assertEquals("42", log.attribute("order.id"));
    assertEquals(Map.of("order.id", "42"), log.attributes());
    assertEquals("checkout", log.serviceName());
    assertEquals(SdkTelemetry.SCOPE, log.scope().getName());
    assertEquals("http/protobuf", log.protocol());
    assertEquals("/v1/logs", receiver.requests().get(0).path());
    assertTrue(receiver.spans().isEmpty());
  }
}
