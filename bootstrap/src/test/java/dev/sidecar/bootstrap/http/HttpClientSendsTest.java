package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanRecord;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans per send: {@code http.request.resend_count}, targets held apart from the request, protocol names. */
class HttpClientSendsTest {
  @BeforeEach
  void freshState() {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
  }

  @AfterEach
  void restore() {
    CurrentSpan.set(null);
  }

  @Test
  void resendsWithinALogicalRequestAreNumbered() {
    int outer = HttpClientSpans.openResends();
    assertEquals(0, outer);
    assertNull(send().attribute(Resends.RESEND_COUNT), "the first send is no resend");
    assertEquals(1, send().attribute(Resends.RESEND_COUNT));
    assertEquals(2, send().attribute(Resends.RESEND_COUNT));
    HttpClientSpans.closeResends(outer);
    assertNull(send().attribute(Resends.RESEND_COUNT), "outside a logical request nothing is counted");
  }

  @Test
  void aNestedLogicalRequestCountsOnItsOwnAndRestoresTheOuter() {
    int none = HttpClientSpans.openResends();
    send();
    int outer = HttpClientSpans.openResends();
    assertNull(send().attribute(Resends.RESEND_COUNT));
    assertEquals(1, send().attribute(Resends.RESEND_COUNT));
    HttpClientSpans.closeResends(outer);
    assertEquals(1, send().attribute(Resends.RESEND_COUNT), "the outer request's second send");
    HttpClientSpans.closeResends(none);
  }

  @Test
  void advisedCloseWithoutOpenLeavesNothingOpen() {
    // An enter advice that failed hands 0 to the exit advice.
    HttpClientSpans.openResends();
    HttpClientSpans.closeResends(0);
    send();
    assertNull(send().attribute(Resends.RESEND_COUNT));
  }

  @Test
  void absoluteUriIsTheUrl() {
    SpanRecord span = HttpClientSpans.startSend("a", "GET");
    HttpClientSpans.target(span, URI.create("https://example.com/x?y=1"), "http", "other", 8080);
    assertEquals("https://example.com/x?y=1", span.attribute(HttpAttributes.URL_FULL));
    assertEquals("example.com", span.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(443, span.attribute(HttpAttributes.SERVER_PORT));
  }

  @Test
  void relativeUriIsCompletedFromTheTarget() {
    SpanRecord span = HttpClientSpans.startSend("a", "GET");
    HttpClientSpans.target(span, URI.create("/x?y=1"), "http", "example.com", 8080);
    assertEquals("http://example.com:8080/x?y=1", span.attribute(HttpAttributes.URL_FULL));
    assertEquals(8080, span.attribute(HttpAttributes.SERVER_PORT));
    span.closeScope();

    SpanRecord defaultPort = HttpClientSpans.startSend("a", "GET");
    HttpClientSpans.target(defaultPort, URI.create(""), "https", "::1", 443);
    assertEquals("https://[::1]/", defaultPort.attribute(HttpAttributes.URL_FULL));
    assertEquals("::1", defaultPort.attribute(HttpAttributes.SERVER_ADDRESS));
  }

  @Test
  void anUnsampledSendKeepsNoTarget() {
    // The parent's flags 00: the send is not sampled, and its target is not recorded.
    Sampler.install(Sampler.parentBased(1.0));
    SpanRecord parent = HttpServerSpans.start("s", "GET", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        null, null);
    SpanRecord span = HttpClientSpans.startSend("a", "GET");
    HttpClientSpans.target(span, URI.create("https://example.com/x?y=1"), "http", "other", 8080);
    assertFalse(span.sampled());
    assertEquals(0, span.attributeSlots());
    HttpClientSpans.end(span, 200, "1.1", null);
    HttpServerSpans.end(parent, 200, null);
  }

  @Test
  void nestedSendMakesNoSpan() {
    SpanRecord outer = HttpClientSpans.startSend("a", "GET");
    assertNull(HttpClientSpans.startSend("b", "GET"));
    assertSame(outer, CurrentSpan.get());
  }

  @Test
  void protocolNames() {
    assertEquals("1.1", HttpClientSpans.protocolVersionOfAlpn("http/1.1"));
    assertEquals("1.0", HttpClientSpans.protocolVersionOfAlpn("http/1.0"));
    assertEquals("2", HttpClientSpans.protocolVersionOfAlpn("h2"));
    assertEquals("2", HttpClientSpans.protocolVersionOfAlpn("h2_prior_knowledge"));
    assertNull(HttpClientSpans.protocolVersionOfAlpn("quic"));
    assertNull(HttpClientSpans.protocolVersionOfAlpn(null));
    assertEquals("1.1", HttpClientSpans.protocolVersion(1, 1));
    assertEquals("1.0", HttpClientSpans.protocolVersion(1, 0));
    assertEquals("2", HttpClientSpans.protocolVersion(2, 0));
    assertNull(HttpClientSpans.protocolVersion(0, 9));
  }

  private static SpanRecord send() {
    SpanRecord span = HttpClientSpans.startSend("okhttp", "GET");
    HttpClientSpans.end(span, 200, "1.1", null);
    return span;
  }
}
