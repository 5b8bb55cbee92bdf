package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.HTTP_PROTOBUF;
import static dev.sidecar.smoke.Spans.TIMEOUT;
import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code -Dotel.javaagent.enabled=false} turns the agent off: no spans, no propagation, the app unchanged. */
@DisplayName("otel.javaagent.enabled=false")
class DisabledAgentSmokeTest {

  private static final String DISABLED = "disabled-app";
  private static final String ENABLED = "enabled-app";

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a disabled agent exports nothing and propagates nothing")
  void disabledAgentDoesNothing(JavaHome jdk) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess enabled = AppProcess.builder(ENABLED, jdk)
            .agentExportingTo(ENABLED, HTTP_PROTOBUF, receiver.httpEndpoint())
            .jar(Artifacts.demoAppJar(), "serve", "0")
            .start();
        AppProcess disabled = AppProcess.builder(DISABLED, jdk)
            .agentExportingTo(DISABLED, HTTP_PROTOBUF, receiver.httpEndpoint())
            .property("otel.javaagent.enabled", false)
            .jar(Artifacts.demoAppJar(), "serve", "0", enabled.baseUrl())
            .start()) {
      // The disabled app serves normally, and calls the enabled one.
      TraceParent caller = TraceParent.random();
      HttpResponse<String> response = Http.get(disabled, "/hello?name=off", "traceparent", caller.header());
      assertEquals(200, response.statusCode(), () -> AppProcess.outputs(disabled, enabled));
      assertEquals("hello, off\n", response.body(), () -> AppProcess.outputs(disabled, enabled));

      // Then a request of the enabled app's own: once its span and the earlier one have arrived, the disabled
      // app, exporting every 100 ms too if it exported at all, has had as long. (Both are awaited: with several
      // exports in flight, two batches may arrive in either order.)
      String barrier = "name=barrier-" + caller.spanId();
      assertEquals(200, Http.get(enabled, "/greeting?" + barrier).statusCode(), enabled::output);
      List<ReceivedSpan> received = Spans.await(receiver, TIMEOUT, "the enabled app's spans for name=off and " + barrier,
          spans -> spans.stream().anyMatch(server(ENABLED, "/greeting", barrier))
              && spans.stream().anyMatch(server(ENABLED, "/greeting", "name=off")), enabled, disabled);

      ReceivedSpan called = Spans.only(received, "the enabled app's span for the disabled app's call",
          server(ENABLED, "/greeting", "name=off"), enabled, disabled);
      Supplier<String> context = () -> Spans.describe(received) + AppProcess.outputs(disabled, enabled);
      assertAll("spans with one app's agent disabled",
          () -> assertTrue(received.stream().noneMatch(Spans.ofService(DISABLED)), context),
          () -> assertTrue(Spans.inTrace(received, caller.traceId()).isEmpty(), context),
          // The disabled app's HttpClient sent no traceparent: the enabled app's span starts a trace.
          () -> assertEquals("", called.parentSpanId(), context),
          () -> assertNotEquals(caller.traceId(), called.traceId(), context),
          () -> assertEquals(
              Spans.serverAttributes(called, enabled.port(), "/greeting", "name=off",
                  jdk.httpClientUserAgent(), 200, "/"),
              called.attributesBesideThread(), context),
          () -> assertEquals(2, received.size(), context));
    }
  }
}
