package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP framing that the OkHttp exporters do not exercise, spoken over raw sockets. */
class HttpProtocolTest {

  private OtlpReceiver receiver;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void servesSeveralRequestsOnOneConnection() throws IOException {
    byte[] trace = traceRequest("first").toByteArray();
    byte[] metrics = ExportMetricsServiceRequest.getDefaultInstance().toByteArray();
    try (RawHttpClient client = new RawHttpClient(receiver.httpPort())) {
      client.send(head("/v1/traces", "Content-Length: " + trace.length));
      client.send(trace);
      RawHttpClient.Response first = client.read();
      assertEquals(200, first.status());
      assertEquals("application/x-protobuf", first.headers().get("content-type"));
      assertEquals("0", first.headers().get("content-length"));
      client.send(head("/v1/metrics", "Content-Length: " + metrics.length));
      client.send(metrics);
      assertEquals(200, client.read().status());
    }
    assertEquals("first", receiver.spans().get(0).name());
    assertEquals("0102030405060708", receiver.spans().get(0).spanId());
    assertEquals(
        List.of("/v1/traces", "/v1/metrics"),
        receiver.requests().stream().map(ExportRequest::path).toList());
  }

  @Test
  void decodesGzippedChunksWithExtensionsAndTrailers() throws IOException {
    byte[] body = gzip(traceRequest("chunked").toByteArray());
    int half = body.length / 2;
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    chunked.writeBytes(ascii(Integer.toHexString(half) + ";note=x\r\n"));
    chunked.write(body, 0, half);
    chunked.writeBytes(ascii("\r\n" + Integer.toHexString(body.length - half) + "\r\n"));
    chunked.write(body, half, body.length - half);
    chunked.writeBytes(ascii("\r\n0\r\nX-Trailer: yes\r\n\r\n"));
    try (RawHttpClient client = new RawHttpClient(receiver.httpPort())) {
      client.send(head("/v1/traces", "Transfer-Encoding: chunked", "Content-Encoding: gzip"));
      client.send(chunked.toByteArray());
      assertEquals(200, client.read().status());
    }
    assertEquals("chunked", receiver.spans().get(0).name());
    assertTrue(receiver.requests().get(0).gzip());
  }

  @Test
  void answersExpectContinueBeforeTheBodyIsSent() throws IOException {
    byte[] trace = traceRequest("continued").toByteArray();
    try (RawHttpClient client = new RawHttpClient(receiver.httpPort())) {
      client.send(head("/v1/traces", "Content-Length: " + trace.length, "Expect: 100-continue"));
      assertEquals(100, client.read().status());
      client.send(trace);
      assertEquals(200, client.read().status());
    }
    assertEquals("continued", receiver.spans().get(0).name());
  }

  @Test
  void rejectsWhatIsNotAnOtlpProtobufExport() throws IOException {
    try (RawHttpClient client = new RawHttpClient(receiver.httpPort())) {
      client.send("GET /v1/traces HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(404, client.read().status());
      client.send(head("/v1/profiles", "Content-Length: 0"));
      assertEquals(404, client.read().status());
      client.send(
          "POST /v1/traces HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      assertEquals(415, client.read().status());
      client.send(head("/v1/logs", "Content-Length: 3"));
      client.send(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
      assertEquals(400, client.read().status());
      client.send("NONSENSE\r\n\r\n");
      assertEquals(400, client.read().status());
      assertTrue(client.closedByServer());
    }
    assertEquals(0, receiver.requests().size());
  }

  @Test
  void bindsFixedPortsAndStopsPromptlyWithIdleConnectionsOpen() throws IOException {
    int httpPort = freePort();
    int grpcPort = freePort();
    OtlpReceiver fixed = OtlpReceiver.start(httpPort, grpcPort);
    assertEquals("http://127.0.0.1:" + httpPort, fixed.httpEndpoint());
    assertEquals("http://127.0.0.1:" + grpcPort, fixed.grpcEndpoint());
    try (RawHttpClient idle = new RawHttpClient(httpPort)) {
      long started = System.nanoTime();
      fixed.close();
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_000);
      assertTrue(idle.closedByServer());
    }
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", httpPort).close());
  }

  private static String head(String path, String... headers) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/x-protobuf\r\n"
        + String.join("\r\n", headers) + "\r\n\r\n";
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static ExportTraceServiceRequest traceRequest(String name) {
    Span span =
        Span.newBuilder()
            .setName(name)
            .setTraceId(ByteString.copyFrom(new byte[16]))
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
