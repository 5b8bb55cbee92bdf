package dev.sidecar.testing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every HTTP client instrumentation must produce, stated once. A library's test only says
 * how to send a GET with the real client. The requests go to a real local server
 * ({@link ClientTestServer}) that records the trace headers it received.
 *
 * <p>Redirects and retries follow OpenTelemetry's rules for HTTP client spans: a library that lets
 * the agent see each send over the wire makes a span per send, the second and later ones with
 * {@code http.request.resend_count}; one that hides its resends makes one span for the call, with
 * the URL first asked for. A library's test says which by {@link #redirects()} and
 * {@link #retriesUnavailable()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractHttpClientTest {
  private ClientTestServer server;
  private long agentErrorsBefore;
  private int port;

  /** Sends a GET with the library under test and returns the status code; failures propagate. */
  protected abstract int get(URI uri) throws Exception;

  protected abstract String scopeName();

  /** The exception type the library throws when the connection is refused. */
  protected abstract Class<? extends Throwable> connectionRefusedException();

  /** How the client, as the test builds it, handles a 302. */
  protected Redirects redirects() {
    return Redirects.NOT_FOLLOWED;
  }

  /** Whether the client accepts a URL with user info ({@code user:password@}); Apache HttpClient 5 refuses one. */
  protected boolean sendsUserInfo() {
    return true;
  }

  /** Whether the client, as the test builds it, sends again after a 503 with {@code Retry-After: 0}. */
  protected boolean retriesUnavailable() {
    return false;
  }

  /** The exception the library throws for a host name that does not resolve; null to assert no type. */
  protected Class<? extends Throwable> unknownHostException() {
    return null;
  }

  /**
   * Sends a GET that gives up when no response came within {@code timeout}. Libraries whose test
   * implements it also name {@link #timeoutException()}; the others skip the timeout test.
   */
  protected int get(URI uri, Duration timeout) throws Exception {
    throw new UnsupportedOperationException();
  }

  /** The exception the library throws when the response does not come in time; null: not tested. */
  protected Class<? extends Throwable> timeoutException() {
    return null;
  }

  @BeforeAll
  void startAll() throws IOException {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    server = new ClientTestServer(this::get);
    port = server.port();
  }

  @AfterAll
  void stopAll() {
    server.stop();
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void clientSpanCarriesItsContextToTheServer() throws Exception {
    String id = UUID.randomUUID().toString();
    URI uri = uri("/success?id=" + id);
    assertEquals(200, get(uri));

    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals("GET", client.name());
    assertEquals("", client.parentSpanId());
    assertEquals(scopeName(), client.scope().getName());
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, client.span().getStatus().getCode());
    assertEquals(Map.of(
        "http.request.method", "GET",
        "url.full", uri.toString(),
        "server.address", "127.0.0.1",
        "server.port", String.valueOf(port),
        "network.protocol.version", "1.1",
        "http.response.status_code", "200"), client.attributesBesideThread());
    assertEquals("00-" + client.traceId() + "-" + client.spanId() + "-01", server.traceparent(id));
    List<ReceivedSpan> trace = InstrumentedJvm.awaitTrace(client.traceId(), 2);
    ReceivedSpan serverSpan = trace.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
    assertEquals(client.spanId(), serverSpan.parentSpanId());
  }

  @Test
  void clientErrorIsAnError() throws Exception {
    URI uri = uri("/missing?id=" + UUID.randomUUID());
    assertEquals(404, get(uri));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals("404", client.attribute("error.type"));
    assertEquals("404", client.attribute("http.response.status_code"));
  }

  @Test
  void serverErrorIsAnError() throws Exception {
    URI uri = uri("/error?id=" + UUID.randomUUID());
    assertEquals(500, get(uri));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals("500", client.attribute("error.type"));
  }

  @Test
  void refusedConnectionReachesTheApplicationAndFailsTheSpan() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/refused?id=" + UUID.randomUUID());
    Throwable thrown = assertThrows(Throwable.class, () -> get(uri));
    assertEquals(connectionRefusedException(), rootType(thrown));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals(connectionRefusedException().getName(), client.attribute("error.type"));
    assertNull(client.attribute("http.response.status_code"));
  }

  @Test
  void callInsideAServerSpanIsItsChild() throws Exception {
    String id = UUID.randomUUID().toString();
    String traceId = AbstractHttpServerTest.newTraceId();
    assertEquals(200, PlainHttp.send(port, "GET", "/proxy?id=" + id,
        Map.of("traceparent", AbstractHttpServerTest.traceparent(traceId))));

    List<ReceivedSpan> trace = InstrumentedJvm.awaitTrace(traceId, 3);
    ReceivedSpan outer = only(trace, Span.SpanKind.SPAN_KIND_SERVER, "/proxy");
    ReceivedSpan client = trace.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT).findFirst().orElseThrow();
    ReceivedSpan inner = only(trace, Span.SpanKind.SPAN_KIND_SERVER, "/success");
    assertEquals(outer.spanId(), client.parentSpanId());
    assertEquals(client.spanId(), inner.parentSpanId());
    assertEquals(3, trace.size(), String.valueOf(trace));
  }

  @Test
  void unsampledTraceStillPropagates() throws Exception {
    String id = UUID.randomUUID().toString();
    String traceId = AbstractHttpServerTest.newTraceId();
    assertEquals(200, PlainHttp.send(port, "GET", "/proxy?id=" + id,
        Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00")));
    String sent = server.traceparent(id + "-inner");
    assertEquals("00-" + traceId + "-", sent.substring(0, 36));
    assertEquals("-00", sent.substring(52));
    // A later sampled call's spans arriving proves the unsampled ones were never sent.
    URI later = uri("/success?id=" + UUID.randomUUID());
    get(later);
    awaitClientSpan(later);
    assertEquals(List.of(), InstrumentedJvm.spansOf(traceId));
  }

  @Test
  void credentialsAndSignaturesInTheUrlAreRedacted() throws Exception {
    String id = UUID.randomUUID().toString();
    String userInfo = sendsUserInfo() ? "user:secret@" : "";
    URI uri = URI.create("http://" + userInfo + "127.0.0.1:" + port + "/success?id=" + id + "&sig=signature");
    assertEquals(200, get(uri));
    String redacted = "http://" + (sendsUserInfo() ? "REDACTED:REDACTED@" : "") + "127.0.0.1:" + port
        + "/success?id=" + id + "&sig=REDACTED";
    ReceivedSpan client = InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && redacted.equals(s.attribute("url.full")), "client span for " + redacted);
    assertEquals("127.0.0.1", client.attribute("server.address"));
  }

  @Test
  void redirectIsFollowedAsOpenTelemetrySays() throws Exception {
    String id = UUID.randomUUID().toString();
    URI redirect = uri("/redirect?id=" + id);
    URI target = uri("/success?id=" + id + "-redirected");
    int status = get(redirect);

    ReceivedSpan first = awaitClientSpan(redirect);
    assertNull(first.attribute("http.request.resend_count"));
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, first.span().getStatus().getCode());
    switch (redirects()) {
      case NOT_FOLLOWED:
        assertEquals(302, status);
        assertEquals("302", first.attribute("http.response.status_code"));
        break;
      case ONE_SPAN:
        // The span covers the call: the URL first asked for, the status finally answered.
        assertEquals(200, status);
        assertEquals("200", first.attribute("http.response.status_code"));
        assertEquals("00-" + first.traceId() + "-" + first.spanId() + "-01", server.traceparent(id + "-redirected"));
        break;
      case SPAN_PER_SEND:
        assertEquals(200, status);
        assertEquals("302", first.attribute("http.response.status_code"));
        ReceivedSpan second = awaitClientSpan(target);
        assertEquals("1", second.attribute("http.request.resend_count"));
        assertEquals("200", second.attribute("http.response.status_code"));
        assertEquals("00-" + first.traceId() + "-" + first.spanId() + "-01", server.traceparent(id));
        assertEquals("00-" + second.traceId() + "-" + second.spanId() + "-01", server.traceparent(id + "-redirected"));
        break;
      default:
        throw new AssertionError(redirects());
    }
  }

  @Test
  void retryAfterServiceUnavailableIsASendOfItsOwn() throws Exception {
    URI uri = uri("/unavailable-once?id=" + UUID.randomUUID());
    int status = get(uri);
    if (!retriesUnavailable()) {
      assertEquals(503, status);
      ReceivedSpan only = awaitClientSpan(uri);
      assertEquals("503", only.attribute("error.type"));
      assertNull(only.attribute("http.request.resend_count"));
      return;
    }
    assertEquals(200, status);
    List<ReceivedSpan> sends = Poll.until(InstrumentedJvm.TIMEOUT, () -> clientSpans(uri), spans -> spans.size() >= 2,
        "two client spans for " + uri);
    assertEquals(2, sends.size(), String.valueOf(sends));
    ReceivedSpan first = sends.get(0);
    ReceivedSpan retry = sends.get(1);
    assertEquals("503", first.attribute("http.response.status_code"));
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, first.span().getStatus().getCode());
    assertNull(first.attribute("http.request.resend_count"));
    assertEquals("200", retry.attribute("http.response.status_code"));
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, retry.span().getStatus().getCode());
    assertEquals("1", retry.attribute("http.request.resend_count"));
  }

  @Test
  void unknownHostReachesTheApplicationAndFailsTheSpan() throws Exception {
    // .invalid never resolves (RFC 6761).
    URI uri = URI.create("http://sidecar-client-test.invalid/unknown?id=" + UUID.randomUUID());
    Throwable thrown = assertThrows(Throwable.class, () -> get(uri));
    if (unknownHostException() != null) {
      assertEquals(unknownHostException(), rootType(thrown));
    }
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals(rootType(thrown).getName(), client.attribute("error.type"));
    assertEquals("sidecar-client-test.invalid", client.attribute("server.address"));
    assertNull(client.attribute("http.response.status_code"));
  }

  @Test
  void timeoutReachesTheApplicationAndFailsTheSpan() throws Exception {
    assumeTrue(timeoutException() != null, "the test does not set a timeout on this client");
    URI uri = uri("/slow?id=" + UUID.randomUUID());
    Throwable thrown = assertThrows(Throwable.class, () -> get(uri, Duration.ofMillis(300)));
    assertEquals(timeoutException(), rootType(thrown));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals(timeoutException().getName(), client.attribute("error.type"));
    assertNull(client.attribute("http.response.status_code"));
  }

  @Test
  void agentsOwnExportsMakeNoSpans() throws Exception {
    OtlpReceiver receiver = InstrumentedJvm.receiver();
    // Each span is awaited before the next call, so each arrived in an export of its own.
    for (int i = 0; i < 3; i++) {
      URI uri = uri("/success?id=" + UUID.randomUUID());
      assertEquals(200, get(uri));
      awaitClientSpan(uri);
    }
    assertTrue(receiver.requests().size() >= 3, "exports received: " + receiver.requests().size());
    String port = String.valueOf(receiver.httpPort());
    List<ReceivedSpan> own = receiver.spans().stream()
        .filter(s -> port.equals(s.attribute("server.port")) || String.valueOf(s.attribute("url.full")).contains(":" + port + "/"))
        .collect(Collectors.toList());
    assertEquals(List.of(), own, "spans of the agent's own exports to port " + port);
  }

  private List<ReceivedSpan> clientSpans(URI uri) {
    return InstrumentedJvm.receiver().spans().stream()
        .filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT && uri.toString().equals(s.attribute("url.full")))
        .sorted(Comparator.comparingLong(s -> s.span().getStartTimeUnixNano()))
        .collect(Collectors.toList());
  }

  private ReceivedSpan awaitClientSpan(URI uri) {
    return InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && uri.toString().equals(s.attribute("url.full")), "client span for " + uri);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, Span.SpanKind kind, String path) {
    return spans.stream().filter(s -> s.kind() == kind && path.equals(s.attribute("url.path"))).findFirst().orElseThrow();
  }

  private URI uri(String pathAndQuery) {
    return server.uri(pathAndQuery);
  }

  private static Class<?> rootType(Throwable thrown) {
    Throwable t = thrown;
    while (!(t instanceof IOException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass();
  }

  /** How a client shows a redirect it is sent. */
  public enum Redirects {
    /** It answers the 302 to the application: one span, status 302. */
    NOT_FOLLOWED,
    /** It follows, hiding the second send from the agent: one span for the call, the first URL, the final status. */
    ONE_SPAN,
    /** It follows, and each send is a span: the 302, then the target's with {@code http.request.resend_count} 1. */
    SPAN_PER_SEND
  }
}
