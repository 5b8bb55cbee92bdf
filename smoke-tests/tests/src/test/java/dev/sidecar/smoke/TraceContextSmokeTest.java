package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.CLIENT_SCOPE;
import static dev.sidecar.smoke.Spans.GRPC;
import static dev.sidecar.smoke.Spans.HTTP_PROTOBUF;
import static dev.sidecar.smoke.Spans.SERVER_SCOPE;
import static dev.sidecar.smoke.Spans.TIMEOUT;
import static dev.sidecar.smoke.Spans.inTrace;
import static dev.sidecar.smoke.Spans.only;
import static dev.sidecar.smoke.Spans.server;
import static dev.sidecar.smoke.Spans.status;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two demo apps with the agent, A calling B: trace context across processes and both OTLP protocols, the
 * malformed-{@code traceparent} rule, and which status codes make error spans.
 *
 * <p>Per JDK, one receiver and the two apps serve every test of this class (started on first use, stopped after
 * the class). Tests tell their spans apart by trace id or by a query string of their own.
 */
@DisplayName("Trace context and span shape, demo apps A -> B")
class TraceContextSmokeTest {

  private static final String SERVICE_A = "service-a";
  private static final String SERVICE_B = "service-b";
  private static final Map<JavaHome, Services> SERVICES = new ConcurrentHashMap<>();

  @AfterAll
  static void stopServices() {
    SERVICES.values().forEach(Services::close);
    SERVICES.clear();
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a request through A and B makes one trace of three spans, continuing the caller's")
  void oneTraceAcrossTwoServices(JavaHome jdk) {
    Services services = services(jdk);
    OtlpReceiver receiver = services.receiver;
    TraceParent caller = TraceParent.random();

    HttpResponse<String> response =
        Http.get(services.a, "/hello?name=smoke", "traceparent", caller.header());
    assertEquals(200, response.statusCode(), services::outputs);
    assertEquals("hello, smoke\n", response.body(), services::outputs);

    List<ReceivedSpan> received = Spans.await(receiver, TIMEOUT, "3 spans of trace " + caller.traceId(),
        spans -> inTrace(spans, caller.traceId()).size() >= 3, services.a, services.b);
    List<ReceivedSpan> trace = inTrace(received, caller.traceId());
    Supplier<String> context = () -> Spans.describe(receiver.spans()) + services.outputs();
    assertEquals(3, trace.size(), context);
    // No JVM warning (JDK 24+ warns about sun.misc.Unsafe; a grown bootstrap class path about
    // class-data sharing), no agent warning.
    for (AppProcess app : List.of(services.a, services.b)) {
      assertEquals(List.of(), app.lines().stream()
          .filter(line -> line.contains("WARN") || line.contains("VM warning"))
          .toList(), context);
    }
    ReceivedSpan aServer = only(trace, "A's SERVER span",
        span -> span.kind() == SpanKind.SPAN_KIND_SERVER && SERVICE_A.equals(span.serviceName()));
    ReceivedSpan aClient = only(trace, "A's CLIENT span",
        span -> span.kind() == SpanKind.SPAN_KIND_CLIENT && SERVICE_A.equals(span.serviceName()));
    ReceivedSpan bServer = only(trace, "B's SERVER span",
        span -> span.kind() == SpanKind.SPAN_KIND_SERVER && SERVICE_B.equals(span.serviceName()));

    int aPort = services.a.port();
    int bPort = services.b.port();
    assertAll("the trace " + caller.traceId(),
        // Parent links: caller -> A server -> A client -> B server.
        () -> assertEquals(caller.spanId(), aServer.parentSpanId(), context),
        () -> assertEquals(aServer.spanId(), aClient.parentSpanId(), context),
        () -> assertEquals(aClient.spanId(), bServer.parentSpanId(), context),
        () -> assertEquals(3, trace.stream().map(ReceivedSpan::spanId).distinct().count(), context),
        () -> assertTrue(trace.stream().noneMatch(span -> span.spanId().equals(caller.spanId())), context),
        // Names, kinds and scopes.
        () -> assertEquals("GET /", aServer.name(), context),
        () -> assertEquals("GET", aClient.name(), context),
        () -> assertEquals("GET /", bServer.name(), context),
        () -> assertEquals(SERVER_SCOPE, aServer.scope().getName(), context),
        () -> assertEquals(CLIENT_SCOPE, aClient.scope().getName(), context),
        () -> assertEquals(SERVER_SCOPE, bServer.scope().getName(), context),
        // Each service exports over its own protocol, with its own resource.
        () -> assertEquals(HTTP_PROTOBUF, aServer.protocol(), context),
        () -> assertEquals(HTTP_PROTOBUF, aClient.protocol(), context),
        () -> assertEquals(GRPC, bServer.protocol(), context),
        () -> assertEquals("sidecar", aServer.resourceAttribute("telemetry.distro.name"), context),
        () -> assertEquals("sidecar", aClient.resourceAttribute("telemetry.distro.name"), context),
        () -> assertEquals("sidecar", bServer.resourceAttribute("telemetry.distro.name"), context),
        // Status: nothing failed.
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(aServer), context),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(aClient), context),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(bServer), context),
        // The client call happens inside A's request.
        () -> assertTrue(aServer.span().getStartTimeUnixNano() <= aClient.span().getStartTimeUnixNano()
            && aClient.span().getEndTimeUnixNano() <= aServer.span().getEndTimeUnixNano(), context),
        // Exact attributes.
        () -> assertEquals(
            Spans.serverAttributes(aServer, aPort, "/hello", "name=smoke", Http.userAgent(), 200, "/"),
            aServer.attributesBesideThread(), context),
        () -> assertEquals(
            Spans.clientAttributes("http://127.0.0.1:" + bPort + "/greeting?name=smoke", "127.0.0.1", bPort, 200),
            aClient.attributesBesideThread(), context),
        () -> assertEquals(
            Spans.serverAttributes(bServer, bPort, "/greeting", "name=smoke", jdk.httpClientUserAgent(), 200, "/"),
            bServer.attributesBesideThread(), context));

    // No fourth span of the trace comes later: each app exports its spans in the order they end, so once the
    // spans of a later request through both apps have arrived, anything of this trace would have too.
    String marker = "marker-" + caller.spanId();
    assertEquals(200, Http.get(services.a, "/hello?name=" + marker).statusCode(), services::outputs);
    List<ReceivedSpan> afterMarker = Spans.await(receiver, TIMEOUT, "the spans of the marker request " + marker,
        spans -> spans.stream().anyMatch(server(SERVICE_A, "/hello", "name=" + marker))
            && spans.stream().anyMatch(server(SERVICE_B, "/greeting", "name=" + marker)),
        services.a, services.b);
    assertEquals(trace, inTrace(afterMarker, caller.traceId()), context);

    // A asks B from a thread of its own pool: what that thread logs is tied to A's server span, as the
    // client span it makes is A's server span's child (above).
    ReceivedLog asking = Poll.until(TIMEOUT, () -> receiver.logs().stream()
            .filter(log -> log.body().equals("asking downstream for smoke") && log.traceId().equals(caller.traceId()))
            .collect(Collectors.toList()),
        logs -> !logs.isEmpty(), "the log record of A's pool thread in trace " + caller.traceId()).get(0);
    assertAll("A's log record from its pool thread",
        () -> assertEquals(aServer.spanId(), asking.spanId(), context),
        () -> assertEquals("demo-calls", asking.attribute("thread.name"), context),
        () -> assertEquals(SERVICE_A, asking.resourceAttribute("service.name"), context));

    // B logs "greeting smoke" through java.util.logging while serving: the record arrives over B's
    // protocol, tied to B's server span.
    ReceivedLog greeting = Poll.until(TIMEOUT, () -> receiver.logs().stream()
            .filter(log -> log.body().equals("greeting smoke") && log.traceId().equals(caller.traceId()))
            .collect(Collectors.toList()),
        logs -> !logs.isEmpty(), "the log record of B's greeting in trace " + caller.traceId()).get(0);
    assertAll("B's log record",
        () -> assertEquals(bServer.spanId(), greeting.spanId(), context),
        () -> assertEquals("INFO", greeting.severityText(), context),
        () -> assertEquals("dev.sidecar.demo.DemoApp", greeting.scope().getName(), context),
        () -> assertEquals(SERVICE_B, greeting.resourceAttribute("service.name"), context),
        () -> assertEquals(GRPC, greeting.protocol(), context));
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a malformed (upper-case) traceparent is ignored: the server span starts a new trace")
  void malformedTraceparentStartsANewTrace(JavaHome jdk) {
    Services services = services(jdk);
    TraceParent caller = TraceParent.random();
    String query = "name=malformed-" + caller.spanId();

    HttpResponse<String> response =
        Http.get(services.b, "/greeting?" + query, "traceparent", caller.upperCaseHeader());
    assertEquals(200, response.statusCode(), services::outputs);
    assertEquals("hello, malformed-" + caller.spanId(), response.body(), services::outputs);

    ReceivedSpan span = Spans.awaitOne(services.receiver, "B's server span for " + query,
        server(SERVICE_B, "/greeting", query), services.b);
    Supplier<String> context = () -> Spans.describe(services.receiver.spans()) + services.outputs();
    assertAll("the span for a request with traceparent " + caller.upperCaseHeader(),
        () -> assertEquals("", span.parentSpanId(), context),
        () -> assertNotEquals(caller.traceId(), span.traceId(), context),
        () -> assertTrue(span.traceId().matches("[0-9a-f]{32}") && !span.traceId().matches("0+"), context),
        () -> assertTrue(Spans.inTrace(services.receiver.spans(), caller.traceId()).isEmpty(), context),
        () -> assertEquals("GET /", span.name(), context),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(span), context),
        () -> assertEquals(
            Spans.serverAttributes(span, services.b.port(), "/greeting", query, Http.userAgent(), 200, "/"),
            span.attributesBesideThread(), context));
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a 500 makes an error server span with error.type; a 404 does not")
  void onlyServerErrorsMakeErrorServerSpans(JavaHome jdk) {
    Services services = services(jdk);
    String query = "case=" + TraceParent.random().spanId();

    assertEquals(500, Http.get(services.b, "/fail?" + query).statusCode(), services::outputs);
    assertEquals(404, Http.get(services.b, "/missing?" + query).statusCode(), services::outputs);

    List<ReceivedSpan> received = Spans.await(services.receiver, TIMEOUT, "the /fail and /missing spans",
        spans -> spans.stream().anyMatch(server(SERVICE_B, "/fail", query))
            && spans.stream().anyMatch(server(SERVICE_B, "/missing", query)),
        services.b);
    ReceivedSpan fail = only(received, "the /fail span", server(SERVICE_B, "/fail", query), services.b);
    ReceivedSpan missing = only(received, "the /missing span", server(SERVICE_B, "/missing", query), services.b);
    Supplier<String> context = () -> Spans.describe(received) + services.outputs();
    int port = services.b.port();
    assertAll("status rules",
        () -> assertEquals("GET /", fail.name(), context),
        () -> assertEquals(StatusCode.STATUS_CODE_ERROR, status(fail), context),
        () -> assertEquals("500", fail.attribute("error.type"), context),
        () -> assertEquals(Spans.serverAttributes(fail, port, "/fail", query, Http.userAgent(), 500, "/"),
            fail.attributesBesideThread(), context),
        () -> assertEquals("GET /", missing.name(), context),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(missing), context),
        () -> assertNull(missing.attribute("error.type"), context),
        () -> assertEquals(Spans.serverAttributes(missing, port, "/missing", query, Http.userAgent(), 404, "/"),
            missing.attributesBesideThread(), context));
  }

  private static Services services(JavaHome jdk) {
    return SERVICES.computeIfAbsent(jdk, Services::start);
  }

  /** The receiver, B (exporting over gRPC) and A (calling B, exporting over HTTP/protobuf) on one JDK. */
  private static final class Services implements AutoCloseable {
    final OtlpReceiver receiver;
    final AppProcess a;
    final AppProcess b;

    private Services(OtlpReceiver receiver, AppProcess a, AppProcess b) {
      this.receiver = receiver;
      this.a = a;
      this.b = b;
    }

    static Services start(JavaHome jdk) {
      OtlpReceiver receiver = OtlpReceiver.start();
      AppProcess b = null;
      try {
        b = AppProcess.builder(SERVICE_B, jdk)
            .agentExportingTo(SERVICE_B, GRPC, receiver.grpcEndpoint())
            .jar(Artifacts.demoAppJar(), "serve", "0")
            .start();
        AppProcess a = AppProcess.builder(SERVICE_A, jdk)
            .agentExportingTo(SERVICE_A, HTTP_PROTOBUF, receiver.httpEndpoint())
            .jar(Artifacts.demoAppJar(), "serve", "0", b.baseUrl())
            .start();
        return new Services(receiver, a, b);
      } catch (RuntimeException | Error e) {
        if (b != null) {
          b.close();
        }
        receiver.close();
        throw e;
      }
    }

    String outputs() {
      return AppProcess.outputs(a, b);
    }

    @Override
    public void close() {
      try {
        a.close();
      } finally {
        try {
          b.close();
        } finally {
          receiver.close();
        }
      }
    }
  }
}
