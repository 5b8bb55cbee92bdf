package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Propagators;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SidecarThread;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.TraceParent;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientSpansTest {
  private static final String REMOTE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @BeforeEach
  void freshState() {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
  }

  @AfterEach
  void restore() {
    Sampler.install(Sampler.parentBased(1.0));
    Propagators.configure(true, true);
    CurrentSpan.set(null);
  }

  @Test
  void startsARootClientSpan() {
    SpanRecord span = HttpClientSpans.start("okhttp", "POST");
    assertNotNull(span);
    assertSame(span, CurrentSpan.get());
    assertEquals(SpanKind.CLIENT, span.kind());
    assertEquals("POST", span.name());
    assertEquals("POST", span.attribute(HttpAttributes.REQUEST_METHOD));
    assertEquals(0, span.parentSpanId());
  }

  @Test
  void unknownMethodIsOther() {
    SpanRecord span = HttpClientSpans.start("okhttp", "PROPFIND");
    assertEquals("HTTP", span.name());
    assertEquals("_OTHER", span.attribute(HttpAttributes.REQUEST_METHOD));
    assertEquals("PROPFIND", span.attribute(HttpAttributes.REQUEST_METHOD_ORIGINAL));
  }

  @Test
  void nestedClientStartReturnsNull() {
    SpanRecord outer = HttpClientSpans.start("okhttp", "GET");
    assertNull(HttpClientSpans.start("jdk", "GET"));
    assertSame(outer, CurrentSpan.get());
  }

  @Test
  void startOnSidecarThreadReturnsNull() throws Exception {
    AtomicReference<Object> result = new AtomicReference<>("not run");
    SidecarThread thread = new SidecarThread(() -> result.set(HttpClientSpans.start("x", "GET")), "sc");
    thread.start();
    thread.join(5_000);
    assertFalse(thread.isAlive());
    assertNull(result.get());
  }

  @Test
  void clientUnderServerIsAChildAndInheritsBaggage() {
    SpanRecord server = HttpServerSpans.start("srv", "GET", REMOTE, "k=v", "user=alice");
    SpanRecord client = HttpClientSpans.start("okhttp", "GET");
    assertNotNull(client);
    assertEquals(server.traceIdHigh(), client.traceIdHigh());
    assertEquals(server.traceIdLow(), client.traceIdLow());
    assertEquals(server.spanId(), client.parentSpanId());
    assertFalse(client.parentRemote());
    assertEquals("user=alice", client.baggage());
    assertEquals("user=alice", HttpClientSpans.baggage(client));
    assertEquals("k=v", HttpClientSpans.tracestate(client));

    TraceParent sent = TraceParent.parse(HttpClientSpans.traceparent(client), null);
    assertEquals(client.traceIdLow(), sent.traceIdLow());
    assertEquals(client.spanId(), sent.spanId());
    assertTrue(sent.sampled());

    HttpClientSpans.end(client, 200, "1.1", null);
    assertSame(server, CurrentSpan.get());
  }

  @Test
  void disabledPropagatorsSendNoHeaders() {
    HttpServerSpans.start("srv", "GET", REMOTE, "k=v", "user=alice");
    SpanRecord client = HttpClientSpans.start("okhttp", "GET");
    Propagators.configure(false, false);
    assertNull(HttpClientSpans.traceparent(client));
    assertNull(HttpClientSpans.tracestate(client));
    assertNull(HttpClientSpans.baggage(client));
  }

  @Test
  void currentForInjectionMatchesOnlyTheSameScope() {
    assertNull(HttpClientSpans.currentForInjection("okhttp"), "nothing current");
    SpanRecord server = HttpServerSpans.start("srv", "GET", null, null, null);
    assertNull(HttpClientSpans.currentForInjection("srv"), "a server span is not injected");
    SpanRecord client = HttpClientSpans.start("okhttp", "GET");
    assertSame(client, HttpClientSpans.currentForInjection("okhttp"));
    assertNull(HttpClientSpans.currentForInjection("jdk"));
    HttpClientSpans.end(client, 200, null, null);
    assertNull(HttpClientSpans.currentForInjection("okhttp"), "an ended span is no longer current");
    assertSame(server, CurrentSpan.get());
  }

  @Test
  void requestUsesExplicitPort() {
    SpanRecord span = HttpClientSpans.start("okhttp", "GET");
    HttpClientSpans.request(span, "http://example.com:8080/x", "http", "example.com", 8080);
    assertEquals("http://example.com:8080/x", span.attribute(HttpAttributes.URL_FULL));
    assertEquals("example.com", span.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(Integer.valueOf(8080), span.attribute(HttpAttributes.SERVER_PORT));
  }

  @Test
  void requestFallsBackToDefaultPorts() {
    SpanRecord http = HttpClientSpans.start("a", "GET");
    HttpClientSpans.request(http, "http://example.com/", "http", "example.com", -1);
    assertEquals(Integer.valueOf(80), http.attribute(HttpAttributes.SERVER_PORT));
    http.closeScope();

    SpanRecord https = HttpClientSpans.start("a", "GET");
    HttpClientSpans.request(https, "https://example.com/", "https", "example.com", 0);
    assertEquals(Integer.valueOf(443), https.attribute(HttpAttributes.SERVER_PORT));
    https.closeScope();

    SpanRecord other = HttpClientSpans.start("a", "GET");
    HttpClientSpans.request(other, "ws://example.com/", "ws", "example.com", 0);
    assertNull(other.attribute(HttpAttributes.SERVER_PORT));
  }

  @Test
  void notFoundIsAClientError() {
    SpanRecord span = HttpClientSpans.start("okhttp", "GET");
    HttpClientSpans.end(span, 404, "2", null);
    assertTrue(span.error());
    assertEquals("404", span.attribute(HttpAttributes.ERROR_TYPE));
    assertEquals(Integer.valueOf(404), span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertEquals("2", span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
    assertNull(span.exception());
    assertEquals(1, Handoff.spans().size());
  }

  @Test
  void successIsNotAnError() {
    SpanRecord span = HttpClientSpans.start("okhttp", "GET");
    HttpClientSpans.end(span, 399, "1.0", null);
    assertFalse(span.error());
    assertNull(span.attribute(HttpAttributes.ERROR_TYPE));
    assertEquals("1.0", span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
  }

  @Test
  void thrownExceptionWithoutResponse() {
    SpanRecord span = HttpClientSpans.start("okhttp", "GET");
    SocketTimeoutException thrown = new SocketTimeoutException("read timed out");
    HttpClientSpans.end(span, -1, null, thrown);
    assertTrue(span.error());
    assertSame(thrown, span.exception());
    assertEquals("java.net.SocketTimeoutException", span.attribute(HttpAttributes.ERROR_TYPE));
    assertNull(span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertNull(span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
    assertNull(CurrentSpan.get());
  }

  @Test
  void unsampledClientSpanIsNotHandedOff() {
    Sampler.install(Sampler.ratio(0));
    SpanRecord span = HttpClientSpans.start("okhttp", "GET");
    HttpClientSpans.request(span, "http://example.com/", "http", "example.com", 80);
    assertTrue(HttpClientSpans.traceparent(span).endsWith("-00"));
    HttpClientSpans.end(span, 500, "1.1", null);
    assertEquals(0, span.attributeSlots());
    assertEquals(0, Handoff.spans().size());
  }
}
