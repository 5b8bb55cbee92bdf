package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and oversized input reaches the instrumented JDK HttpServer and java.util.logging
 * exactly as a hostile client would send it (raw bytes on a socket): every request is answered,
 * the spans and log records that come out are well-formed and bounded.
 */
@DisplayName("Bad input")
class BadInputSmokeTest {

  private static final String SERVICE = "bad-input";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
  private static final int VALUE_LIMIT = 1024;
  private static final int BODY_LIMIT = 16384;

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("is answered, and what is recorded is bounded")
  void badInputIsAnsweredAndBounded(JavaHome jdk) throws IOException {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder(SERVICE, jdk)
            .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .property("otel.blrp.schedule.delay", 100)
            .property("otel.attribute.value.length.limit", VALUE_LIMIT)
            .testMain(ReliabilityApp.class)
            .start()) {
      StringBuilder manyMembers = new StringBuilder("m0=v");
      for (int i = 1; i < 40; i++) {
        manyMembers.append(",m").append(i).append("=v");
      }
      String longPath = "/long-" + "a".repeat(6000);
      List<Integer> statuses = List.of(
          send(app, "/bad-traceparent", "traceparent: 00-" + "z".repeat(32) + "-00f067aa0ba902b7-01",
              "tracestate: k=v"),
          send(app, "/huge-traceparent", "traceparent: " + TRACEPARENT + "-" + "x".repeat(7000)),
          send(app, "/many-members", "traceparent: " + TRACEPARENT, "tracestate: " + manyMembers,
              "baggage: " + "k=v,".repeat(2000) + "k=v"),
          send(app, "/invalid-utf8", "traceparent: " + TRACEPARENT, "tracestate: k=\u00c3\u0028",
              "baggage: k=\u00ff\u00fe", "User-Agent: \u00ff\u00fe\u00c3\u0028"),
          send(app, longPath + "?q=" + "b".repeat(6000)),
          send(app, "/log?chars=1000000"));
      assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses, app::output);

      List<ReceivedSpan> spans = Spans.await(receiver, Spans.TIMEOUT, "the six server spans",
          all -> all.stream().filter(span -> SERVICE.equals(span.serviceName())).count() >= 6, app);
      ReceivedSpan badParent = Spans.only(spans, "/bad-traceparent", server(SERVICE, "/bad-traceparent", null), app);
      ReceivedSpan hugeParent = Spans.only(spans, "/huge-traceparent", server(SERVICE, "/huge-traceparent", null), app);
      ReceivedSpan manyMembersSpan = Spans.only(spans, "/many-members", server(SERVICE, "/many-members", null), app);
      ReceivedSpan invalidUtf8 = Spans.only(spans, "/invalid-utf8", server(SERVICE, "/invalid-utf8", null), app);
      ReceivedSpan longUrl = spans.stream().filter(span -> span.attribute("url.path") != null
          && span.attribute("url.path").startsWith("/long-")).findFirst().orElseThrow();
      ReceivedLog bigLog = receiver.awaitLogs(logs -> logs.stream().anyMatch(log -> log.body().startsWith("xxx")),
          Spans.TIMEOUT).stream().filter(log -> log.body().startsWith("xxx")).findFirst().orElseThrow();
      assertAll("bad input",
          () -> assertEquals("", badParent.parentSpanId(), "a malformed traceparent starts a new trace"),
          () -> assertEquals("", badParent.span().getTraceState()),
          () -> assertEquals("", hugeParent.parentSpanId(), "a version-00 traceparent of the wrong length too"),
          () -> assertEquals(TRACE_ID, manyMembersSpan.traceId(), "the traceparent still counts"),
          () -> assertEquals("", manyMembersSpan.span().getTraceState(), "40 tracestate members are not passed on"),
          () -> assertEquals(TRACE_ID, invalidUtf8.traceId()),
          () -> assertEquals("", invalidUtf8.span().getTraceState(), "non-ASCII tracestate is not passed on"),
          () -> assertEquals(VALUE_LIMIT, longUrl.attribute("url.path").length(), "url.path is cut to the limit"),
          () -> assertEquals(VALUE_LIMIT, longUrl.attribute("url.query").length(), "url.query is cut to the limit"),
          () -> assertEquals(BODY_LIMIT, bigLog.body().length(), "a huge log body is cut to the body limit"),
          () -> assertTrue(app.lines().stream().noneMatch(line -> line.contains("xception")), app::output));
    }
  }

  /** Sends a GET as raw ISO-8859-1 bytes (so any byte can be sent) and returns the status code. */
  private static int send(AppProcess app, String pathAndQuery, String... headers) throws IOException {
    StringBuilder request = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(app.port()).append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ")) {
        throw new AssertionError("No HTTP answer to " + pathAndQuery.substring(0, Math.min(80, pathAndQuery.length()))
            + ": '" + text + "'" + app.output());
      }
      return Integer.parseInt(text.substring(9, 12));
    }
  }
}
