package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A counting receiver counts what the SDK's exporters send and keeps none of it. */
class CountingReceiverTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void countsSpansAndLogRecordsWithoutKeepingThem() {
    try (OtlpReceiver receiver = OtlpReceiver.startCounting()) {
      SdkTelemetry.exportTrace(
          OtlpHttpSpanExporter.builder().setEndpoint(receiver.httpEndpoint() + "/v1/traces").build());
      SdkTelemetry.exportLog(
          OtlpHttpLogRecordExporter.builder().setEndpoint(receiver.httpEndpoint() + "/v1/logs").build());

      Poll.until(TIMEOUT, receiver::spanCount, count -> count == 2, "2 spans counted");
      Poll.until(TIMEOUT, receiver::logCount, count -> count == 1, "1 log record counted");
      assertTrue(receiver.spans().isEmpty());
      assertTrue(receiver.logs().isEmpty());
      assertTrue(receiver.requests().isEmpty());

      receiver.reset();
      assertEquals(0, receiver.spanCount());
      assertEquals(0, receiver.logCount());
    }
  }

  @Test
  void aKeepingReceiverCountsWhatItKeeps() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      SdkTelemetry.exportTrace(
          OtlpHttpSpanExporter.builder().setEndpoint(receiver.httpEndpoint() + "/v1/traces").build());

      receiver.awaitSpans(2, TIMEOUT);
      assertEquals(2, receiver.spanCount());
      assertEquals(0, receiver.logCount());
    }
  }
}
