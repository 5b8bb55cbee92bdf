package dev.sidecar.testing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every HTTP server instrumentation must produce, stated once. A library's test only starts
 * its real server with these routes: {@code /success} answers 200 "ok" with a response header
 * {@code X-Response-Id: r1}, its handler noted in {@link HandlingThreads}, {@code /error} answers 500,
 * {@code /exception} throws {@code IllegalStateException("boom")} from the handler, anything else
 * answers 404. Requests come from {@link PlainHttp}, which the agent does not trace, so each test
 * sends exactly the {@code traceparent} it means to, or none. The agent runs with
 * {@code X-Request-Id} and {@code X-Response-Id} configured for header capture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractHttpServerTest {
  private long agentErrorsBefore;
  protected int port;

  /** Starts the server on an ephemeral port and returns the port. */
  protected abstract int startServer() throws Exception;

  protected abstract void stopServer() throws Exception;

  /** The instrumentation scope the library's spans carry. */
  protected abstract String scopeName();

  /** The status code the library answers when the handler throws; 0 if it sends no response. */
  protected abstract int statusForHandlerException();

  /**
   * The route the server itself matches for every request of the suite (its handler's context
   * path, its servlet's mapping), which names the span after the method: {@code GET /*}.
   */
  protected abstract String route();

  @BeforeAll
  void startAll() throws Exception {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    port = startServer();
  }

  @AfterAll
  void stopAll() throws Exception {
    stopServer();
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void successfulRequestMakesOneServerSpan() throws Exception {
    String traceId = newTraceId();
    String parentId = "00f067aa0ba902b7";
    String traceparent = "00-" + traceId + "-" + parentId + "-01";
    int status = send("GET", "/success?x=1", traceparent, "conformance-test");
    assertEquals(200, status);

    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals("GET " + route(), span.name());
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.kind());
    assertEquals(parentId, span.parentSpanId());
    assertEquals(scopeName(), span.scope().getName());
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.span().getStatus().getCode());
    Map<String, String> expected = new TreeMap<>(Map.of(
        "http.request.method", "GET",
        "url.scheme", "http",
        "url.path", "/success",
        "url.query", "x=1",
        "server.address", "127.0.0.1",
        "server.port", String.valueOf(port),
        "network.protocol.version", "1.1",
        "user_agent.original", "conformance-test",
        "client.address", "127.0.0.1",
        "http.response.status_code", "200"));
    expected.put("http.route", route());
    expected.put("http.response.header.x-response-id", "[r1]");
    expected.put("network.peer.address", "127.0.0.1");
    expected.put("network.peer.port", span.attribute("network.peer.port"));
    assertEquals(expected, span.attributesBesideThread());
    assertTrue(Integer.parseInt(span.attribute("network.peer.port")) > 0);
    // The thread that started the span is the one that ran the handler.
    Thread handler = HandlingThreads.of(traceparent);
    assertEquals(String.valueOf(handler.getId()), span.attribute("thread.id"));
    assertEquals(handler.getName(), span.attribute("thread.name"));
  }

  @Test
  void proxyHeadersNameTheClientAndTheHostItAskedFor() throws Exception {
    String traceId = newTraceId();
    assertEquals(200, PlainHttp.send(port, "GET", "/success", Map.of("traceparent", traceparent(traceId),
        "X-Forwarded-For", "192.0.2.7, 10.0.0.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example:8443",
        "X-Request-Id", "req-42")));
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals("192.0.2.7", span.attribute("client.address"));
    assertEquals("127.0.0.1", span.attribute("network.peer.address"));
    assertEquals("https", span.attribute("url.scheme"));
    assertEquals("shop.example", span.attribute("server.address"));
    assertEquals("8443", span.attribute("server.port"));
    assertEquals("[req-42]", span.attribute("http.request.header.x-request-id"));
  }

  @Test
  void rootRequestStartsATrace() throws Exception {
    String id = UUID.randomUUID().toString();
    assertEquals(200, send("GET", "/success?id=" + id, null, "conformance-test"));
    ReceivedSpan span = InstrumentedJvm.awaitSpan(s -> ("id=" + id).equals(s.attribute("url.query")), "span of " + id);
    assertEquals("", span.parentSpanId());
    assertEquals(32, span.traceId().length());
  }

  @Test
  void malformedTraceparentStartsANewTrace() throws Exception {
    String id = UUID.randomUUID().toString();
    String malformed = "00-" + newTraceId().toUpperCase() + "-00F067AA0BA902B7-01";
    assertEquals(200, send("GET", "/success?id=" + id, malformed, "conformance-test"));
    ReceivedSpan span = InstrumentedJvm.awaitSpan(s -> ("id=" + id).equals(s.attribute("url.query")), "span of " + id);
    assertEquals("", span.parentSpanId());
    assertNotEquals(malformed.substring(3, 35).toLowerCase(), span.traceId());
  }

  @Test
  void serverErrorIsAnError() throws Exception {
    String traceId = newTraceId();
    assertEquals(500, send("GET", "/error", traceparent(traceId), null));
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.span().getStatus().getCode());
    assertEquals("500", span.attribute("error.type"));
    assertEquals("500", span.attribute("http.response.status_code"));
  }

  @Test
  void notFoundIsNotAnError() throws Exception {
    String traceId = newTraceId();
    assertEquals(404, send("GET", "/missing", traceparent(traceId), null));
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.span().getStatus().getCode());
    assertNull(span.attribute("error.type"));
    assertEquals("404", span.attribute("http.response.status_code"));
  }

  @Test
  void unknownMethodIsOther() throws Exception {
    String traceId = newTraceId();
    send("FOO", "/success", traceparent(traceId), null);
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals("HTTP " + route(), span.name());
    assertEquals("_OTHER", span.attribute("http.request.method"));
    assertEquals("FOO", span.attribute("http.request.method_original"));
  }

  @Test
  void handlerExceptionIsRecorded() throws Exception {
    String traceId = newTraceId();
    int status = sendIgnoringFailure("/exception", traceparent(traceId));
    assertEquals(statusForHandlerException(), status);
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.span().getStatus().getCode());
    assertEquals("java.lang.IllegalStateException", span.attribute("error.type"));
    List<Span.Event> events = span.span().getEventsList();
    assertEquals(1, events.size());
    assertEquals("exception", events.get(0).getName());
    Map<String, String> eventAttributes = new TreeMap<>();
    events.get(0).getAttributesList().forEach(a -> eventAttributes.put(a.getKey(), a.getValue().getStringValue()));
    assertEquals("java.lang.IllegalStateException", eventAttributes.get("exception.type"));
    assertEquals("boom", eventAttributes.get("exception.message"));
    assertTrue(eventAttributes.get("exception.stacktrace").startsWith("java.lang.IllegalStateException: boom"));
  }

  @Test
  void unsampledParentMakesNoSpan() throws Exception {
    String unsampled = newTraceId();
    assertEquals(200, send("GET", "/success", "00-" + unsampled + "-00f067aa0ba902b7-00", null));
    // Spans leave in the order they ended: once a later span arrived, an earlier one would have too.
    String later = newTraceId();
    assertEquals(200, send("GET", "/success", traceparent(later), null));
    onlySpanOf(later);
    assertEquals(List.of(), InstrumentedJvm.spansOf(unsampled));
  }

  /** Waits for the trace's span, then proves no second one follows by waiting for a later request's span. */
  protected ReceivedSpan onlySpanOf(String traceId) throws Exception {
    ReceivedSpan span = InstrumentedJvm.awaitTrace(traceId, 1).get(0);
    String sentinel = newTraceId();
    send("GET", "/success", traceparent(sentinel), null);
    InstrumentedJvm.awaitTrace(sentinel, 1);
    assertEquals(List.of(span), InstrumentedJvm.spansOf(traceId), "spans of trace " + traceId);
    return span;
  }

  protected int send(String method, String pathAndQuery, String traceparent, String userAgent) throws Exception {
    Map<String, String> headers = new TreeMap<>();
    if (traceparent != null) {
      headers.put("traceparent", traceparent);
    }
    if (userAgent != null) {
      headers.put("User-Agent", userAgent);
    }
    return PlainHttp.send(port, method, pathAndQuery, headers);
  }

  private int sendIgnoringFailure(String path, String traceparent) {
    try {
      return send("GET", path, traceparent, null);
    } catch (Exception e) {
      return 0;
    }
  }

  /** A trace id no other test uses, as 32 hex digits. */
  public static String newTraceId() {
    return String.format("%016x%016x", ThreadLocalRandom.current().nextLong() | 1, ThreadLocalRandom.current().nextLong() | 1);
  }

  protected static String traceparent(String traceId) {
    return "00-" + traceId + "-00f067aa0ba902b7-01";
  }
}
