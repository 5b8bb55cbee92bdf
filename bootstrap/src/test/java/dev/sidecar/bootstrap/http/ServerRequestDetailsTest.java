package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proxy headers, routes, captured headers and dispatch ownership on server spans. */
class ServerRequestDetailsTest {
  @BeforeEach
  void freshQueue() {
    Handoff.configure(16, 4);
  }

  @AfterEach
  void reset() {
    CurrentSpan.set(null);
    HttpHeaderCapture.configure(new String[0], new String[0]);
  }

  private static SpanRecord request(String method) {
    SpanRecord span = HttpServerSpans.start("test", method, null, null, null);
    HttpServerSpans.request(span, "http", "/p", null, "127.0.0.1:8080", "HTTP/1.1", null, null);
    HttpServerSpans.peer(span, "10.0.0.9", 40000);
    return span;
  }

  @Test
  void forwardedHeaderWinsOverTheConnection() {
    SpanRecord span = request("GET");
    HttpServerSpans.forwarded(span, "for=\"[2001:db8::1]:4711\";proto=https;host=shop.example:8443, for=10.1.1.1",
        "192.0.2.1", "http", "ignored.example");
    assertEquals("2001:db8::1", span.attribute(HttpAttributes.CLIENT_ADDRESS));
    assertEquals("10.0.0.9", span.attribute(HttpAttributes.NETWORK_PEER_ADDRESS));
    assertEquals("https", span.attribute(HttpAttributes.URL_SCHEME));
    assertEquals("shop.example", span.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(8443, span.attribute(HttpAttributes.SERVER_PORT));
  }

  @Test
  void xForwardedHeadersWhenNoForwarded() {
    SpanRecord span = request("GET");
    HttpServerSpans.forwarded(span, null, "192.0.2.1, 10.0.0.1", "https", "shop.example");
    assertEquals("192.0.2.1", span.attribute(HttpAttributes.CLIENT_ADDRESS));
    assertEquals("https", span.attribute(HttpAttributes.URL_SCHEME));
    assertEquals("shop.example", span.attribute(HttpAttributes.SERVER_ADDRESS));
    assertNull(span.attribute(HttpAttributes.SERVER_PORT), "the forwarded host named no port");
  }

  @Test
  void noProxyHeadersChangeNothing() {
    SpanRecord span = request("GET");
    HttpServerSpans.forwarded(span, null, null, null, null);
    assertEquals("10.0.0.9", span.attribute(HttpAttributes.CLIENT_ADDRESS));
    assertEquals("127.0.0.1", span.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(8080, span.attribute(HttpAttributes.SERVER_PORT));
  }

  @Test
  void routeNamesTheCurrentServerSpanOnce() {
    SpanRecord span = request("GET");
    HttpServerSpans.route("/owners/{ownerId}");
    HttpServerSpans.route("/owners/{ownerId}/pets");
    assertEquals("GET /owners/{ownerId}/pets", span.name());
    assertEquals("/owners/{ownerId}/pets", span.attribute(HttpAttributes.HTTP_ROUTE));
    int routes = 0;
    for (int i = 0; i < span.attributeSlots(); i += 2) {
      routes += span.attributeKey(i).equals(HttpAttributes.HTTP_ROUTE) ? 1 : 0;
    }
    assertEquals(1, routes);
  }

  @Test
  void routeOfAnUnknownMethodKeepsHttp() {
    SpanRecord span = request("FOO");
    HttpServerSpans.route("/x");
    assertEquals("HTTP /x", span.name());
  }

  @Test
  void capturedHeadersAreArraysUnderTheirConventionalKeys() {
    HttpHeaderCapture.configure(new String[] {"X-Request-Id"}, new String[] {"Content-Type"});
    SpanRecord span = request("GET");
    assertArrayEquals(new String[] {"x-request-id"}, HttpHeaderCapture.requestHeaders());
    HttpServerSpans.requestHeader(span, 0, "abc");
    HttpServerSpans.responseHeader(span, 0, "text/plain");
    assertArrayEquals(new String[] {"abc"}, (String[]) span.attribute("http.request.header.x-request-id"));
    assertArrayEquals(new String[] {"text/plain"}, (String[]) span.attribute("http.response.header.content-type"));
  }

  @Test
  void resumeOwnsALaterDispatchButNotANestedCall() {
    SpanRecord span = request("GET");
    assertNull(HttpServerSpans.resume(span), "already current here: a nested call");
    span.closeScope();
    assertSame(span, HttpServerSpans.resume(span), "a later dispatch takes the span over");
    assertSame(span, CurrentSpan.get());
    HttpServerSpans.end(span, 200, null);
    assertNull(HttpServerSpans.resume(span), "an ended span is not resumed");
    assertNull(HttpServerSpans.resume("not a span"));
  }

  @Test
  void onlyTheFirstEndRecords() {
    SpanRecord span = request("GET");
    HttpServerSpans.end(span, 200, null);
    HttpServerSpans.end(span, 500, new IllegalStateException());
    assertEquals(200, span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertFalse(span.error());
    assertEquals(1, Handoff.spans().size());
    assertTrue(span.isEnding());
  }
}
