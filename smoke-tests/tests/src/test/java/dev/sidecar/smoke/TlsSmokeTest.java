package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.TestCertificates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OTLP over HTTPS to a collector whose certificate a private CA signed, with a client certificate
 * (mutual TLS), configured by OpenTelemetry's own settings; the CA and certificates are made for
 * this run.
 */
@DisplayName("TLS to the collector")
class TlsSmokeTest {

  private static final String SERVICE = "tls";
  private static TestCertificates certificates;

  @BeforeAll
  static void makeCertificates() {
    certificates = TestCertificates.create();
  }

  @AfterAll
  static void removeCertificates() {
    certificates.close();
  }

  @Test
  @DisplayName("spans arrive over mutual TLS with a custom CA")
  void exportsOverMutualTls() {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.startTls(certificates.serverContext());
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .property("otel.exporter.otlp.certificate", certificates.caCertificate())
            .property("otel.exporter.otlp.client.key", certificates.clientKey())
            .property("otel.exporter.otlp.client.certificate", certificates.clientCertificate())
            .testMain(ReliabilityApp.class)
            .start()) {
      assertTrue(receiver.httpEndpoint().startsWith("https://"));
      assertEquals(200, Http.get(app, "/over-tls").statusCode(), app::output);
      ReceivedSpan span = Spans.awaitOne(receiver, "the /over-tls span", server(SERVICE, "/over-tls", null), app);
      assertEquals(Spans.HTTP_PROTOBUF, span.protocol());
    }
  }

  @Test
  @DisplayName("without the client certificate the collector refuses, and the app is unaffected")
  void withoutTheClientCertificateNothingIsAccepted() {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.startTls(certificates.serverContext());
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .property("otel.exporter.otlp.certificate", certificates.caCertificate())
            .testMain(ReliabilityApp.class)
            .start()) {
      assertEquals(200, Http.get(app, "/refused").statusCode(), app::output);
      List<String> lost = Poll.until(Duration.ofSeconds(30), () -> app.lines().stream()
          .filter(line -> line.startsWith("[sidecar] WARN spans lost: 1 failed")).toList(),
          lines -> !lines.isEmpty(), "the line reporting the refused export");
      assertEquals(List.of(), receiver.spans(), app::output);
      assertEquals(200, Http.get(app, "/still-serving").statusCode(), app::output);
      assertEquals(1, lost.size(), app::output);
    }
  }
}
