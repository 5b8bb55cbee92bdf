package dev.sidecar.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.ExportRequest;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code otel.exporter.otlp.compression=gzip}: the requests the agent encodes itself are compressed by
 * the OpenTelemetry exporter's transport, over either protocol, and arrive whole.
 */
@DisplayName("gzip compression to the collector")
class CompressionSmokeTest {
  private static final String SERVICE = "gzip-app";

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {Spans.HTTP_PROTOBUF, Spans.GRPC})
  @DisplayName("spans and log records arrive gzip-compressed and intact")
  void gzip(String protocol) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder(SERVICE, JavaHome.all().findFirst().orElseThrow())
            .agentExportingTo(SERVICE, protocol,
                protocol.equals(Spans.GRPC) ? receiver.grpcEndpoint() : receiver.httpEndpoint())
            .property("otel.exporter.otlp.compression", "gzip")
            .jar(Artifacts.demoAppJar(), "serve", "0")
            .start()) {
      assertEquals(200, Http.get(app, "/greeting?name=zipped").statusCode(), app::output);
      List<ReceivedSpan> spans = Spans.await(receiver, Spans.TIMEOUT, "the server span",
          received -> received.stream().anyMatch(Spans.server(SERVICE, "/greeting", "name=zipped")), app);
      List<ReceivedLog> logs = receiver.awaitLogs(
          received -> received.stream().anyMatch(log -> log.body().equals("greeting zipped")), Spans.TIMEOUT);
      List<ExportRequest> requests = receiver.requests();
      Supplier<String> context = () -> Spans.describe(spans) + requests + app.output();
      assertAll("exports with gzip over " + protocol,
          () -> assertEquals(1, spans.size(), context),
          () -> assertEquals(SERVICE, logs.get(0).serviceName(), context),
          () -> assertEquals(spans.get(0).traceId(), logs.stream()
              .filter(log -> log.body().equals("greeting zipped")).findFirst().orElseThrow().traceId(), context),
          () -> assertFalse(requests.isEmpty(), context),
          () -> assertTrue(requests.stream().allMatch(ExportRequest::gzip), context),
          () -> assertTrue(requests.stream().allMatch(request -> request.protocol().equals(protocol)), context));
    }
  }
}
