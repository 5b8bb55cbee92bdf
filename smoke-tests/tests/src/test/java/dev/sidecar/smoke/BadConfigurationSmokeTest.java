package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.HTTP_PROTOBUF;
import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.ExportRequest;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid settings cost one warning each and fall back to the defaults; the app and the export carry on. */
@DisplayName("Invalid configuration values")
class BadConfigurationSmokeTest {

  private static final String SERVICE = "bad-config";
  private static final String WARNING = "[sidecar] WARN invalid value for ";
  /** The batch delay falls back to its default (5 s), so the export comes later than in the other tests. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("are warned about once each, and the defaults apply")
  void invalidValuesFallBackToDefaults(JavaHome jdk) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .javaagent(Artifacts.agentJar())
            .property("otel.service.name", SERVICE)
            .property("otel.exporter.otlp.endpoint", receiver.httpEndpoint())
            .property("otel.bsp.schedule.delay", "soon")
            .property("otel.exporter.otlp.protocol", "carrier-pigeon")
            .jar(Artifacts.demoAppJar(), "serve", "0")
            .start()) {
      HttpResponse<String> response = Http.get(app, "/hello");
      assertEquals(200, response.statusCode(), app::output);
      assertEquals("hello\n", response.body(), app::output);

      // The protocol falls back to http/protobuf, the default, against the same endpoint.
      List<ReceivedSpan> received = Spans.await(receiver, TIMEOUT, "the /hello server span",
          spans -> spans.stream().anyMatch(server(SERVICE, "/hello", null)), app);
      ReceivedSpan span = Spans.only(received, "the /hello span", server(SERVICE, "/hello", null), app);
      List<ExportRequest> requests = receiver.requests();
      // Read after the export: by then the agent has read (and complained about) every setting it uses.
      List<String> lines = app.lines();
      List<String> warnings = lines.stream().filter(line -> line.contains(WARNING)).toList();
      Supplier<String> context = () -> Spans.describe(received) + "export requests: " + requests + app.output();
      assertAll("the app with invalid settings",
          () -> assertEquals(HTTP_PROTOBUF, span.protocol(), context),
          () -> assertTrue(requests.stream().allMatch(request -> request.protocol().equals(HTTP_PROTOBUF)
              && request.path().equals("/v1/traces")), context),
          () -> assertEquals(1, count(lines, "otel.exporter.otlp.protocol", "carrier-pigeon"), context),
          () -> assertEquals(1, count(lines, "otel.bsp.schedule.delay", "soon"), context),
          () -> assertEquals(1, count(warnings, WARNING + "otel.exporter.otlp.protocol: 'carrier-pigeon'"), context),
          () -> assertEquals(1, count(warnings, WARNING + "otel.bsp.schedule.delay: 'soon'"), context),
          () -> assertEquals(2, warnings.size(), context));
    }
  }

  /** How many lines contain every one of {@code parts}. */
  private static long count(List<String> lines, String... parts) {
    return lines.stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
  }
}
