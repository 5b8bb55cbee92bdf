package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.ExportRequest;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the agent must never do: print credentials, capture what was not asked for, listen on a port. */
@DisplayName("Security")
class SecuritySmokeTest {

  private static final String SERVICE = "security";
  private static final String API_KEY = "k3y-9f8e7d6c5b4a";

  @Test
  @DisplayName("the exporter's header values appear in no output, debug on, yet are sent to the collector")
  void headerValuesAreNeverPrinted() {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .property("otel.javaagent.debug", true)
            .property("otel.exporter.otlp.headers", "api-key=" + API_KEY)
            .property("otel.exporter.otlp.logs.headers", "malformed-" + API_KEY)
            .testMain(ReliabilityApp.class)
            .start()) {
      assertEquals(200, Http.get(app, "/hello").statusCode(), app::output);
      Spans.awaitOne(receiver, "the /hello span", server(SERVICE, "/hello", null), app);
      List<ExportRequest> traces = receiver.requests().stream()
          .filter(request -> request.path().equals("/v1/traces")).toList();
      assertAll("the API key",
          () -> assertTrue(traces.stream().allMatch(request -> List.of(API_KEY).equals(request.headers().get("api-key"))),
              traces::toString),
          () -> assertTrue(app.lines().stream().anyMatch(line -> line.contains("[sidecar] DEBUG")), app::output),
          () -> assertTrue(app.lines().stream().anyMatch(line -> line.contains("otel.exporter.otlp.logs.headers")),
              app::output),
          () -> assertTrue(app.lines().stream().noneMatch(line -> line.contains(API_KEY)), app::output));
    }
  }

  @Test
  @DisplayName("no header, query value or body is captured unless configured; url.query is kept as OpenTelemetry does")
  void nothingIsCapturedUnlessConfigured() {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .testMain(ReliabilityApp.class)
            .start()) {
      assertEquals(200, Http.get(app, "/account?page=2", "Authorization", "Bearer " + API_KEY,
          "X-Session", API_KEY, "Cookie", "session=" + API_KEY).statusCode(), app::output);
      ReceivedSpan span = Spans.awaitOne(receiver, "the /account span", server(SERVICE, "/account", "page=2"), app);
      assertAll("the /account span",
          () -> assertTrue(span.attributes().keySet().stream().noneMatch(key -> key.startsWith("http.request.header.")
              || key.startsWith("http.response.header.")), span.attributes()::toString),
          () -> assertFalse(span.attributes().values().stream().anyMatch(value -> value.contains(API_KEY)),
              span.attributes()::toString));
    }
  }

  @Test
  @DisplayName("the agent opens no listening socket")
  void noListeningSocket() {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess plain = AppProcess.builder("no-agent", jdk).testMain(ReliabilityApp.class).start();
        AppProcess agent = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .property("otel.exporter.otlp.logs.protocol", "grpc")
            .property("otel.exporter.otlp.logs.endpoint", receiver.grpcEndpoint())
            .testMain(ReliabilityApp.class)
            .start()) {
      assertEquals(200, Http.get(plain, "/hello").statusCode(), plain::output);
      assertEquals(200, Http.get(agent, "/hello").statusCode(), agent::output);
      // By now both exporters (OTLP/HTTP spans, OTLP/gRPC logs) are built and have sent.
      Spans.awaitOne(receiver, "the /hello span", server(SERVICE, "/hello", null), agent);
      receiver.awaitLogs(1, Spans.TIMEOUT);
      assertEquals(Set.of(plain.port()), listeningPorts(plain.pid()), plain::output);
      assertEquals(Set.of(agent.port()), listeningPorts(agent.pid()), agent::output);
    }
  }

  /** The local ports of the process's sockets in state LISTEN, from /proc (Linux). */
  private static Set<Integer> listeningPorts(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // The descriptor closed while we looked.
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table))) {
          String[] fields = line.trim().split("\\s+");
          // sl local_address rem_address st ... inode: state 0A is LISTEN.
          if (fields.length > 9 && fields[3].equals("0A") && inodes.contains(fields[9])) {
            ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ports;
  }
}
