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
import java.util.Map;
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

  /** Every setting the agent reads itself, each with a value it cannot use. */
  private static final Map<String, String> EVERY_SETTING_INVALID = Map.ofEntries(
      Map.entry("otel.javaagent.enabled", "maybe"),
      Map.entry("otel.javaagent.debug", "loud"),
      Map.entry("otel.instrumentation.common.default-enabled", "perhaps"),
      Map.entry("otel.instrumentation.java-http-server.enabled", "sometimes"),
      // Valid, so that its argument is read.
      Map.entry("otel.traces.sampler", "parentbased_traceidratio"),
      Map.entry("otel.traces.sampler.arg", "2.5"),
      Map.entry("otel.propagators", "smoke-signals"),
      Map.entry("otel.traces.exporter", "pigeon"),
      Map.entry("otel.logs.exporter", "raven"),
      Map.entry("otel.bsp.schedule.delay", "soon"),
      Map.entry("otel.bsp.max.queue.size", "-5"),
      Map.entry("otel.bsp.max.export.batch.size", "big"),
      Map.entry("otel.bsp.export.timeout", "never"),
      Map.entry("otel.blrp.schedule.delay", "later"),
      Map.entry("otel.blrp.max.queue.size", "0"),
      Map.entry("otel.blrp.max.export.batch.size", "huge"),
      Map.entry("otel.blrp.export.timeout", "eventually"),
      Map.entry("otel.attribute.count.limit", "-1"),
      Map.entry("otel.attribute.value.length.limit", "long"),
      Map.entry("otel.span.attribute.count.limit", "many"),
      Map.entry("otel.span.attribute.value.length.limit", "-7"),
      Map.entry("otel.logrecord.attribute.count.limit", "lots"),
      Map.entry("otel.logrecord.attribute.value.length.limit", "endless"),
      Map.entry("sidecar.logs.body.length.limit", "-3"),
      Map.entry("sidecar.logs.minimum-severity", "LOUD"),
      Map.entry("sidecar.shutdown.timeout", "forever"),
      Map.entry("otel.exporter.otlp.protocol", "carrier-pigeon"),
      Map.entry("otel.exporter.otlp.compression", "zip"),
      Map.entry("otel.exporter.otlp.timeout", "whenever"),
      Map.entry("otel.exporter.otlp.traces.protocol", "semaphore"),
      Map.entry("otel.exporter.otlp.traces.endpoint", "ftp://nowhere"),
      Map.entry("otel.exporter.otlp.logs.timeout", "sometime"));

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("are reported, one line each naming the setting, its value and the default, for every setting")
  void everySettingTheAgentReads(JavaHome jdk) {
    AppProcess.Builder builder = AppProcess.builder(SERVICE, jdk).javaagent(Artifacts.agentJar())
        .property("otel.service.name", SERVICE);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      builder.property("otel.exporter.otlp.endpoint", receiver.httpEndpoint());
      EVERY_SETTING_INVALID.forEach(builder::property);
      try (AppProcess app = builder.jar(Artifacts.demoAppJar(), "serve", "0").start()) {
        assertEquals(200, Http.get(app, "/hello").statusCode(), app::output);
        // Every default applies: otlp over http/protobuf to the general endpoint, all instrumentations on.
        Spans.await(receiver, TIMEOUT, "the /hello server span",
            spans -> spans.stream().anyMatch(server(SERVICE, "/hello", null)), app);
        List<String> warnings = app.lines().stream().filter(line -> line.startsWith("[sidecar] WARN")).toList();
        Supplier<String> context = app::output;
        assertAll("one warning per setting", EVERY_SETTING_INVALID.entrySet().stream()
            .filter(setting -> !setting.getKey().equals("otel.traces.sampler")).map(setting -> () -> {
          List<String> about = warnings.stream().filter(line -> line.contains(setting.getKey() + ": '"
              + setting.getValue() + "'") || line.contains(setting.getKey() + ": " + setting.getValue())).toList();
          assertEquals(1, about.size(), () -> setting + " " + about + context.get());
          assertTrue(about.get(0).contains("default"), () -> about.get(0) + context.get());
        }));
        // otel.traces.sampler is valid here (its argument is not); every other setting gives its one line.
        assertEquals(EVERY_SETTING_INVALID.size() - 1, warnings.size(), context);
      }
    }
  }

  /** How many lines contain every one of {@code parts}. */
  private static long count(List<String> lines, String... parts) {
    return lines.stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
  }
}
