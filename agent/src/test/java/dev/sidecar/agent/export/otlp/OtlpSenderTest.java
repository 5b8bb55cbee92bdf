package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

/** The SDK inside the agent jar keeps each OTLP exporter's transport where the sender looks for it. */
class OtlpSenderTest {
  @Test
  void everyOtlpExporterOfTheSdkHasItsTransportFound() {
    OtlpHttpSpanExporter httpSpans = OtlpHttpSpanExporter.getDefault();
    OtlpGrpcSpanExporter grpcSpans = OtlpGrpcSpanExporter.getDefault();
    OtlpHttpLogRecordExporter httpLogs = OtlpHttpLogRecordExporter.getDefault();
    OtlpGrpcLogRecordExporter grpcLogs = OtlpGrpcLogRecordExporter.getDefault();
    try {
      assertNotNull(OtlpSender.of(httpSpans));
      assertNotNull(OtlpSender.of(grpcSpans));
      assertNotNull(OtlpSender.of(httpLogs));
      assertNotNull(OtlpSender.of(grpcLogs));
    } finally {
      httpSpans.shutdown();
      grpcSpans.shutdown();
      httpLogs.shutdown();
      grpcLogs.shutdown();
    }
  }

  @Test
  void anyOtherExporterHasNone() {
    // Several exporters at once (OTLP and the console in debug mode) are one composite exporter.
    SpanExporter composite = SpanExporter.composite(OtlpHttpSpanExporter.getDefault(), OtlpGrpcSpanExporter.getDefault());
    try {
      assertNull(OtlpSender.of(composite));
    } finally {
      composite.shutdown();
    }
    assertNull(OtlpSender.of("not an exporter"));
  }
}
