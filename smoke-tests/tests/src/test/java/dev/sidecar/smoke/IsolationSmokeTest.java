package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.HTTP_PROTOBUF;
import static dev.sidecar.smoke.Spans.SERVER_SCOPE;
import static dev.sidecar.smoke.Spans.TIMEOUT;
import static dev.sidecar.smoke.Spans.server;
import static dev.sidecar.smoke.Spans.status;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The isolation app bundles its own OpenTelemetry SDK and OkHttp, unrelocated, at other versions than the
 * agent's hidden copies: with the agent attached it must still see exactly its own, and none of the agent's.
 */
@DisplayName("Class-loader isolation: an app with its own OpenTelemetry SDK and OkHttp")
class IsolationSmokeTest {

  private static final String SERVICE = "isolation-app";

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("the app sees only its own libraries, and its requests are still traced")
  void appKeepsItsOwnLibraries(JavaHome jdk) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, HTTP_PROTOBUF, receiver.httpEndpoint())
            .jar(Artifacts.isolationAppJar(), "serve", "0")
            .start()) {
      HttpResponse<String> response = Http.get(app, "/versions");
      assertEquals(200, response.statusCode(), () -> response.body() + app.output());

      String jar = realPath(Artifacts.isolationAppJar());
      Map<String, String> expected = new TreeMap<>();
      expected.put("pong", "200 pong");
      expected.put("app.span.valid", "true");
      expected.put("opentelemetry.sdk.version", Artifacts.appOpenTelemetryVersion());
      expected.put("okhttp.version", Artifacts.appOkHttpVersion());
      expected.put("class.net.bytebuddy.ByteBuddy", "not found");
      expected.put("class.dev.sidecar.agent.Sidecar", "not found");
      expected.put("location.io.opentelemetry.sdk.OpenTelemetrySdk", jar);
      expected.put("location.io.opentelemetry.api.trace.Span", jar);
      expected.put("location.okhttp3.OkHttpClient", jar);
      assertEquals(expected, new TreeMap<>(parse(response.body())), app::output);

      // The request is traced all the same; the app's own /pong call through OkHttp too.
      List<ReceivedSpan> received = Spans.await(receiver, TIMEOUT, "the /versions and /pong server spans",
          spans -> spans.stream().anyMatch(server(SERVICE, "/versions", null))
              && spans.stream().anyMatch(server(SERVICE, "/pong", null)),
          app);
      ReceivedSpan versions = Spans.only(received, "the /versions span", server(SERVICE, "/versions", null), app);
      ReceivedSpan pong = Spans.only(received, "the /pong span", server(SERVICE, "/pong", null), app);
      Supplier<String> context = () -> Spans.describe(received) + app.output();
      assertAll("spans of the isolation app",
          () -> assertEquals("GET /", versions.name(), context),
          () -> assertEquals(SERVER_SCOPE, versions.scope().getName(), context),
          () -> assertEquals(HTTP_PROTOBUF, versions.protocol(), context),
          () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(versions), context),
          () -> assertEquals(
              Spans.serverAttributes(versions, app.port(), "/versions", null, Http.userAgent(), 200, "/"),
              versions.attributesBesideThread(), context),
          () -> assertEquals("GET /", pong.name(), context),
          () -> assertEquals("okhttp/" + Artifacts.appOkHttpVersion(), pong.attribute("user_agent.original"),
              context),
          () -> assertEquals("200", pong.attribute("http.response.status_code"), context),
          // The span the app made with its own SDK stays in the app (it ended before /versions did).
          () -> assertTrue(received.stream().noneMatch(span -> span.name().equals("isolation-app-work")),
              context));
    }
  }

  /** The app's {@code key=value} lines, in order; a repeated key fails. */
  private static Map<String, String> parse(String body) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      int equals = line.indexOf('=');
      if (equals <= 0 || values.put(line.substring(0, equals), line.substring(equals + 1)) != null) {
        throw new AssertionError("Unexpected line '" + line + "' in the /versions answer:\n" + body);
      }
    }
    return values;
  }

  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
