package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.HTTP_PROTOBUF;
import static dev.sidecar.smoke.Spans.TIMEOUT;
import static dev.sidecar.smoke.Spans.inTrace;
import static dev.sidecar.smoke.Spans.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three services call each other with three client libraries, A with the JDK's HttpClient, B with the
 * OkHttp it bundles, C with HttpURLConnection (back to A): one trace, every span the child of the one
 * before it.
 */
@DisplayName("One trace across three services and three client libraries")
class ThreeServicesSmokeTest {

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("A -(JDK HttpClient)-> B -(OkHttp)-> C -(HttpURLConnection)-> A")
  void oneTraceThroughThreeClientLibraries(JavaHome jdk) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess a = start("service-a", jdk, receiver);
        AppProcess b = start("service-b", jdk, receiver);
        AppProcess c = start("service-c", jdk, receiver)) {
      String back = a.baseUrl() + "/pong";
      String toC = c.baseUrl() + "/relay?via=urlconnection&to=" + encode(back);
      String toB = b.baseUrl() + "/relay?via=okhttp&to=" + encode(toC);
      TraceParent caller = TraceParent.random();

      HttpResponse<String> response = Http.get(a, "/relay?via=jdk&to=" + encode(toB), "traceparent", caller.header());
      assertEquals(200, response.statusCode(), () -> AppProcess.outputs(a, b, c));
      assertEquals("jdk -> 200 okhttp -> 200 urlconnection -> 200 pong\n", response.body(), () -> AppProcess.outputs(a, b, c));

      List<ReceivedSpan> trace = inTrace(Spans.await(receiver, TIMEOUT, "7 spans of trace " + caller.traceId(),
          spans -> inTrace(spans, caller.traceId()).size() >= 7, a, b, c), caller.traceId());
      Supplier<String> context = () -> Spans.describe(trace) + AppProcess.outputs(a, b, c);
      assertEquals(7, trace.size(), context);
      ReceivedSpan aServer = span(trace, "service-a", SpanKind.SPAN_KIND_SERVER, s -> "/relay".equals(s.attribute("url.path")), a, b, c);
      ReceivedSpan aClient = span(trace, "service-a", SpanKind.SPAN_KIND_CLIENT, s -> true, a, b, c);
      ReceivedSpan bServer = span(trace, "service-b", SpanKind.SPAN_KIND_SERVER, s -> true, a, b, c);
      ReceivedSpan bClient = span(trace, "service-b", SpanKind.SPAN_KIND_CLIENT, s -> true, a, b, c);
      ReceivedSpan cServer = span(trace, "service-c", SpanKind.SPAN_KIND_SERVER, s -> true, a, b, c);
      ReceivedSpan cClient = span(trace, "service-c", SpanKind.SPAN_KIND_CLIENT, s -> true, a, b, c);
      ReceivedSpan aPong = span(trace, "service-a", SpanKind.SPAN_KIND_SERVER, s -> "/pong".equals(s.attribute("url.path")), a, b, c);

      assertEquals(caller.spanId(), aServer.parentSpanId(), context);
      assertEquals(aServer.spanId(), aClient.parentSpanId(), context);
      assertEquals(aClient.spanId(), bServer.parentSpanId(), context);
      assertEquals(bServer.spanId(), bClient.parentSpanId(), context);
      assertEquals(bClient.spanId(), cServer.parentSpanId(), context);
      assertEquals(cServer.spanId(), cClient.parentSpanId(), context);
      assertEquals(cClient.spanId(), aPong.parentSpanId(), context);
      assertEquals("dev.sidecar.java-http-client", aClient.scope().getName(), context);
      assertEquals("dev.sidecar.okhttp", bClient.scope().getName(), context);
      assertEquals("dev.sidecar.http-url-connection", cClient.scope().getName(), context);
      assertEquals(toB, aClient.attribute("url.full"), context);
      assertEquals(toC, bClient.attribute("url.full"), context);
      assertEquals(back, cClient.attribute("url.full"), context);
      for (ReceivedSpan client : List.of(aClient, bClient, cClient)) {
        assertEquals("GET", client.name(), context);
        assertEquals("200", client.attribute("http.response.status_code"), context);
      }
    }
  }

  private static AppProcess start(String service, JavaHome jdk, OtlpReceiver receiver) {
    return AppProcess.builder(service, jdk)
        .agentExportingTo(service, HTTP_PROTOBUF, receiver.httpEndpoint())
        .jar(Artifacts.isolationAppJar(), "serve", "0")
        .start();
  }

  private static ReceivedSpan span(List<ReceivedSpan> trace, String service, SpanKind kind,
      Predicate<ReceivedSpan> more, AppProcess... apps) {
    return only(trace, kind + " of " + service,
        s -> s.kind() == kind && service.equals(s.serviceName()) && more.test(s), apps);
  }

  private static String encode(String url) {
    return URLEncoder.encode(url, StandardCharsets.UTF_8);
  }
}
