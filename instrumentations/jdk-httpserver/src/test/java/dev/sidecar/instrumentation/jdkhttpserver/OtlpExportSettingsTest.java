package dev.sidecar.instrumentation.jdkhttpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.ExportRequest;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.http.PlainHttp;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exporter settings this module's JVM runs with (see instrumentations/pom.xml): spans reach the
 * per-signal endpoint {@code otel.exporter.otlp.traces.endpoint}, gzip-compressed, carrying the
 * {@code otel.exporter.otlp.headers} header, and the exporter's own calls make no spans.
 */
class OtlpExportSettingsTest {
  @Test
  void exportsUseTheConfiguredEndpointCompressionAndHeaders() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      InstrumentedJvm.receiver();
      PlainHttp.send(server.getAddress().getPort(), "GET", "/export-settings", Map.of());
      InstrumentedJvm.awaitSpan(s -> "/export-settings".equals(s.attribute("url.path")), "the span of /export-settings");
    } finally {
      server.stop(0);
    }
    List<ExportRequest> exports = Poll.until(InstrumentedJvm.TIMEOUT, () -> InstrumentedJvm.receiver().requests(),
        r -> !r.isEmpty(), "an export");
    for (ExportRequest export : exports) {
      assertEquals("http/protobuf", export.protocol(), export.toString());
      assertEquals("/v1/traces", export.path(), export.toString());
      assertTrue(export.gzip(), export.toString());
      assertEquals("test-secret", export.header("x-api-key"), export.toString());
    }
    String receiverPort = String.valueOf(InstrumentedJvm.receiver().httpPort());
    assertFalse(InstrumentedJvm.receiver().spans().stream().anyMatch(s -> receiverPort.equals(s.attribute("server.port"))),
        "the exporter's own requests must make no spans");
  }
}
