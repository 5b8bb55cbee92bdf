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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerSpansTest {
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

  private static SpanRecord startGet() {
    return HttpServerSpans.start("test", "GET", null, null, null);
  }

  @Test
  void knownMethodNamesTheSpan() {
    SpanRecord span = startGet();
    assertNotNull(span);
    assertSame(span, CurrentSpan.get());
    assertEquals(SpanKind.SERVER, span.kind());
    assertEquals("GET", span.name());
    assertEquals("GET", span.attribute(HttpAttributes.REQUEST_METHOD));
    assertNull(span.attribute(HttpAttributes.REQUEST_METHOD_ORIGINAL));
  }

  @Test
  void unknownMethodIsOther() {
    SpanRecord span = HttpServerSpans.start("test", "FOO", null, null, null);
    assertEquals("HTTP", span.name());
    assertEquals("_OTHER", span.attribute(HttpAttributes.REQUEST_METHOD));
    assertEquals("FOO", span.attribute(HttpAttributes.REQUEST_METHOD_ORIGINAL));
  }

  @Test
  void methodsAreCaseSensitive() {
    SpanRecord span = HttpServerSpans.start("test", "get", null, null, null);
    assertEquals("HTTP", span.name());
    assertEquals("_OTHER", span.attribute(HttpAttributes.REQUEST_METHOD));
    assertEquals("get", span.attribute(HttpAttributes.REQUEST_METHOD_ORIGINAL));
  }

  @Test
  void nestedStartInsideServerSpanReturnsNull() {
    SpanRecord outer = startGet();
    assertNull(HttpServerSpans.start("other", "POST", REMOTE, null, null));
    assertSame(outer, CurrentSpan.get());
  }

  @Test
  void startOnSidecarThreadReturnsNull() throws Exception {
    AtomicReference<Object> result = new AtomicReference<>("not run");
    SidecarThread thread = new SidecarThread(() -> result.set(startGet()), "sidecar-test");
    thread.start();
    thread.join(5_000);
    assertFalse(thread.isAlive());
    assertNull(result.get());
  }

  @Test
  void validTraceparentContinuesTheTrace() {
    SpanRecord span = HttpServerSpans.start("test", "GET", REMOTE, "k=v", "user=alice");
    assertTrue(span.parentRemote());
    assertEquals(0x4bf92f3577b34da6L, span.traceIdHigh());
    assertEquals(0xa3ce929d0e0e4736L, span.traceIdLow());
    assertEquals(0x00f067aa0ba902b7L, span.parentSpanId());
    assertEquals("k=v", span.traceState());
    assertEquals("user=alice", span.baggage());
  }

  @Test
  void malformedTraceparentStartsANewTrace() {
    SpanRecord span = HttpServerSpans.start("test", "GET", REMOTE.toUpperCase(), "k=v", null);
    assertNotNull(span);
    assertEquals(0, span.parentSpanId());
    assertFalse(span.parentRemote());
    assertFalse(span.traceIdLow() == 0xa3ce929d0e0e4736L);
    assertNull(span.traceState());
  }

  @Test
  void baggageBeyondW3cLimitsOrWithNonAsciiIsNotPassedOn() {
    StringBuilder members = new StringBuilder("k0=v");
    for (int i = 1; i < 180; i++) {
      members.append(",k").append(i).append("=v");
    }
    assertEquals(members.toString(), baggageOf(members.toString()));
    assertNull(baggageOf(members + ",k180=v"), "181 members");
    assertNull(baggageOf("k=" + "v".repeat(8191)), "8193 bytes");
    assertNull(baggageOf("k=v\r\nX-Injected: 1"), "a line break");
    assertNull(baggageOf("k=\u00c3\u0028"), "invalid UTF-8 as the server decoded it");
  }

  private static String baggageOf(String header) {
    SpanRecord span = HttpServerSpans.start("test", "GET", REMOTE, null, header);
    try {
      return span.baggage();
    } finally {
      span.closeScope();
    }
  }

  @Test
  void disabledPropagatorsIgnoreIncomingHeaders() {
    Propagators.configure(false, false);
    SpanRecord span = HttpServerSpans.start("test", "GET", REMOTE, "k=v", "user=alice");
    assertEquals(0, span.parentSpanId());
    assertFalse(span.parentRemote());
    assertNull(span.baggage());
  }

  private static void assertHost(String host, String address, Integer port) {
    SpanRecord span = startGet();
    HttpServerSpans.request(span, "http", "/", null, host, null, null, null);
    assertEquals(address, span.attribute(HttpAttributes.SERVER_ADDRESS), host);
    assertEquals(port, span.attribute(HttpAttributes.SERVER_PORT), host);
    span.closeScope();
  }

  @Test
  void hostHeaderParsing() {
    assertHost("example.com:8080", "example.com", 8080);
    assertHost("[::1]:9090", "::1", 9090);
    assertHost("[2001:db8::1]", "2001:db8::1", null);
    assertHost("example.com", "example.com", null);
    assertHost("example.com:65535", "example.com", 65535);
    assertHost(null, null, null);
    assertHost("", null, null);
    assertHost("[::1", null, null);
  }

  @Test
  void garbagePortsAreNotRecorded() {
    for (String port : new String[] {"80a", "", "65536", "123456", "0", "-1", " 80"}) {
      assertHost("example.com:" + port, "example.com", null);
    }
    assertHost("[::1]:x", "::1", null);
  }

  @Test
  void requestAttributes() {
    SpanRecord span = startGet();
    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5555);
    HttpServerSpans.request(span, "https", "/a/b", "x=1", null, "HTTP/1.1", "curl/8", peer);
    assertEquals("https", span.attribute(HttpAttributes.URL_SCHEME));
    assertEquals("/a/b", span.attribute(HttpAttributes.URL_PATH));
    assertEquals("x=1", span.attribute(HttpAttributes.URL_QUERY));
    assertEquals("1.1", span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
    assertEquals("curl/8", span.attribute(HttpAttributes.USER_AGENT_ORIGINAL));
    assertSame(peer, span.attribute(HttpAttributes.NETWORK_PEER_ADDRESS));
    assertNull(span.attribute(HttpAttributes.CLIENT_ADDRESS), "derived from the peer by the sidecar");
    assertNull(span.attribute(HttpAttributes.SERVER_ADDRESS));
  }

  @Test
  void serverErrorStatusFailsTheSpan() {
    SpanRecord span = startGet();
    HttpServerSpans.end(span, 500, null);
    assertNull(CurrentSpan.get());
    assertTrue(span.error());
    assertEquals("500", span.attribute(HttpAttributes.ERROR_TYPE));
    assertEquals(Integer.valueOf(500), span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    List<SpanRecord> handed = new ArrayList<>();
    assertEquals(1, Handoff.spans().drainTo(handed, 10));
    assertSame(span, handed.get(0));
  }

  @Test
  void clientErrorStatusIsNotAServerError() {
    SpanRecord span = startGet();
    HttpServerSpans.end(span, 404, null);
    assertFalse(span.error());
    assertNull(span.attribute(HttpAttributes.ERROR_TYPE));
    assertEquals(Integer.valueOf(404), span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
  }

  @Test
  void thrownExceptionFailsTheSpan() {
    SpanRecord span = startGet();
    IOException thrown = new IOException("broken pipe");
    HttpServerSpans.end(span, 0, thrown);
    assertTrue(span.error());
    assertSame(thrown, span.exception());
    assertEquals("java.io.IOException", span.attribute(HttpAttributes.ERROR_TYPE));
    assertNull(span.attribute(HttpAttributes.RESPONSE_STATUS_CODE), "no status below 100");
  }

  @Test
  void unsampledServerSpanRecordsNothing() {
    Sampler.install(Sampler.ratio(0));
    SpanRecord span = HttpServerSpans.start("test", "GET", REMOTE, null, null);
    assertFalse(span.sampled());
    HttpServerSpans.request(span, "http", "/", null, "example.com:80", "HTTP/1.1", null, null);
    HttpServerSpans.end(span, 500, null);
    assertEquals(0, span.attributeSlots());
    assertTrue(span.traceparent().endsWith("-00"));
    assertEquals(0, Handoff.spans().size());
  }

  @Test
  void closeScopeRestoresTheOuterSpanEvenWithARemoteParent() {
    SpanRecord outer = SpanRecord.startCurrent("app", SpanKind.INTERNAL, "outer", null, null, null);
    SpanRecord server = HttpServerSpans.start("test", "GET", REMOTE, null, null);
    assertTrue(server.parentRemote());
    HttpServerSpans.end(server, 200, null);
    assertSame(outer, CurrentSpan.get());
  }

  @Test
  void statusAndServerPortAreBoxedOnceNotPerRequest() {
    SpanRecord first = startGet();
    HttpServerSpans.request(first, "http", "/", null, "shop.example:8080", "HTTP/1.1", null, null);
    HttpServerSpans.end(first, 200, null);
    SpanRecord second = startGet();
    HttpServerSpans.request(second, "http", "/", null, "shop.example:8080", "HTTP/1.1", null, null);
    HttpServerSpans.end(second, 200, null);
    assertEquals(8080, second.attribute(HttpAttributes.SERVER_PORT));
    assertEquals(200, second.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertSame(first.attribute(HttpAttributes.SERVER_PORT), second.attribute(HttpAttributes.SERVER_PORT));
    assertSame(first.attribute(HttpAttributes.RESPONSE_STATUS_CODE),
        second.attribute(HttpAttributes.RESPONSE_STATUS_CODE));

    SpanRecord third = startGet();
    HttpServerSpans.request(third, "http", "/", null, "shop.example:9090", "HTTP/1.1", null, null);
    HttpServerSpans.end(third, 599, null);
    assertEquals(9090, third.attribute(HttpAttributes.SERVER_PORT), "another port, boxed anew");
    assertEquals(599, third.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
  }

  @Test
  void aClientPortIsBoxedOncePerConnectionNotPerRequest() {
    SpanRecord first = startGet();
    HttpServerSpans.peer(first, "10.0.0.7", 51234);
    HttpServerSpans.end(first, 200, null);
    SpanRecord other = startGet();
    HttpServerSpans.peer(other, "10.0.0.8", 51235);
    HttpServerSpans.end(other, 200, null);
    SpanRecord again = startGet();
    HttpServerSpans.peer(again, "10.0.0.7", 51234);
    HttpServerSpans.end(again, 200, null);
    assertEquals(51234, again.attribute(HttpAttributes.NETWORK_PEER_PORT));
    assertEquals(51235, other.attribute(HttpAttributes.NETWORK_PEER_PORT));
    assertSame(first.attribute(HttpAttributes.NETWORK_PEER_PORT), again.attribute(HttpAttributes.NETWORK_PEER_PORT));

    // 51234 + 256 takes the same slot: its own value, never the port that was there.
    SpanRecord sameSlot = startGet();
    HttpServerSpans.peer(sameSlot, "10.0.0.9", 51490);
    HttpServerSpans.end(sameSlot, 200, null);
    assertEquals(51490, sameSlot.attribute(HttpAttributes.NETWORK_PEER_PORT));
    SpanRecord back = startGet();
    HttpServerSpans.peer(back, "10.0.0.7", 51234);
    HttpServerSpans.end(back, 200, null);
    assertEquals(51234, back.attribute(HttpAttributes.NETWORK_PEER_PORT));
  }

  @Test
  void aKnownMethodIsKeptAsOneConstantNotTheRequestsOwnString() {
    // As a server parses it: a new string from each request line.
    SpanRecord span = HttpServerSpans.start("test", new String("GET".toCharArray()), null, null, null);
    assertSame("GET", span.name());
    assertSame("GET", span.attribute(HttpAttributes.REQUEST_METHOD));
    HttpServerSpans.end(span, 200, null);

    SpanRecord other = HttpServerSpans.start("test", new String("PROPFIND".toCharArray()), null, null, null);
    assertEquals("HTTP", other.name());
    assertEquals("_OTHER", other.attribute(HttpAttributes.REQUEST_METHOD));
    assertEquals("PROPFIND", other.attribute(HttpAttributes.REQUEST_METHOD_ORIGINAL));
    HttpServerSpans.end(other, 405, null);
  }

  @Test
  void aRepeatedHostHeaderIsParsedOnce() {
    SpanRecord first = startGet();
    HttpServerSpans.request(first, "http", "/", null, new String("shop.example:8443".toCharArray()), "HTTP/1.1",
        null, null);
    HttpServerSpans.end(first, 200, null);
    SpanRecord second = startGet();
    HttpServerSpans.request(second, "http", "/", null, new String("shop.example:8443".toCharArray()), "HTTP/1.1",
        null, null);
    HttpServerSpans.end(second, 200, null);
    assertEquals("shop.example", second.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(8443, second.attribute(HttpAttributes.SERVER_PORT));
    assertSame(first.attribute(HttpAttributes.SERVER_ADDRESS), second.attribute(HttpAttributes.SERVER_ADDRESS));

    // Another host, one that names none, then the first again: each span gets its own header's values.
    SpanRecord v6 = startGet();
    HttpServerSpans.request(v6, "http", "/", null, "[::1]:8080", "HTTP/1.1", null, null);
    HttpServerSpans.end(v6, 200, null);
    assertEquals("::1", v6.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(8080, v6.attribute(HttpAttributes.SERVER_PORT));
    SpanRecord broken = startGet();
    HttpServerSpans.request(broken, "http", "/", null, "[::1", "HTTP/1.1", null, null);
    HttpServerSpans.end(broken, 200, null);
    assertNull(broken.attribute(HttpAttributes.SERVER_ADDRESS));
    assertNull(broken.attribute(HttpAttributes.SERVER_PORT));
    SpanRecord noPort = startGet();
    HttpServerSpans.request(noPort, "http", "/", null, "shop.example", "HTTP/1.1", null, null);
    HttpServerSpans.end(noPort, 200, null);
    assertEquals("shop.example", noPort.attribute(HttpAttributes.SERVER_ADDRESS));
    assertNull(noPort.attribute(HttpAttributes.SERVER_PORT));
  }
}
