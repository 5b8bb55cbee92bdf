package dev.sidecar.instrumentation.apachehttpclient5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpAttributes;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import dev.sidecar.testing.http.AbstractHttpServerTest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;

/**
 * What the send advice reads from a request: its URI for a sampled span only. The client hands
 * each send a copy of the application's request, which builds a new {@code URI} when asked for one;
 * an unsampled send (its trace decided elsewhere) only needs its method to propagate the context.
 */
class AdviceReadsTest {
  private static final HttpHost TARGET = new HttpHost("http", "inventory.internal", 8080);

  @Test
  void anUnsampledSendBuildsNoUri() throws Exception {
    CountingRequest request = new CountingRequest();
    String traceId = AbstractHttpServerTest.newTraceId();

    SpanRecord span = sendInside("00-" + traceId + "-00f067aa0ba902b7-00", request);

    assertFalse(span.sampled());
    assertEquals(0, request.urisAsked);
    String sent = request.getFirstHeader("traceparent").getValue();
    assertTrue(sent.startsWith("00-" + traceId + "-") && sent.endsWith("-00"), sent);
  }

  @Test
  void aSampledSendRecordsItsTargetFromTheRequestsParts() throws Exception {
    CountingRequest request = new CountingRequest();

    SpanRecord span = sendInside(sampled(), request);

    assertTrue(span.sampled());
    assertEquals(0, request.urisAsked);
    assertEquals("http://inventory.internal:8080/items/42?view=full", span.attribute(HttpAttributes.URL_FULL));
    assertEquals("inventory.internal", span.attribute(HttpAttributes.SERVER_ADDRESS));
    assertEquals(8080, span.attribute(HttpAttributes.SERVER_PORT));
  }

  @Test
  void theUrlIsTheTextOfTheRequestsOwnUri() throws Exception {
    // The same text the client would build, but for the brackets an IPv6 address needs in a URL.
    String[][] cases = {
        {"https", "shop.example", "-1", "/cart", "https://shop.example/cart"},
        {"http", "shop.example", "80", "/", "http://shop.example:80/"},
        {null, "shop.example", "8080", "", "http://shop.example:8080/"},
        {"http", "::1", "8080", "/x?y=1", "http://[::1]:8080/x?y=1"},
    };
    for (String[] c : cases) {
      CountingRequest request = new CountingRequest(c[0], new HttpHost(c[0] == null ? "http" : c[0], c[1],
          Integer.parseInt(c[2])), c[3]);
      SpanRecord span = sendInside(sampled(), request);
      assertEquals(c[4], span.attribute(HttpAttributes.URL_FULL), String.join(" ", c[1], c[2], c[3]));
      if (!c[1].contains(":")) {
        assertEquals(c[4], request.getUri().toString(), "the client's own text");
      }
    }
  }

  @Test
  void aRequestWithoutAuthorityIsCompletedFromTheRoute() throws Exception {
    CountingRequest request = new CountingRequest(null, null, "/items/42");

    SpanRecord span = sendInside(sampled(), request);

    assertEquals(1, request.urisAsked);
    assertEquals("http://inventory.internal:8080/items/42", span.attribute(HttpAttributes.URL_FULL));
  }

  @Test
  void aRequestThatFailsToBeReadLeavesNoSpanCurrent() throws Exception {
    CountingRequest request = new CountingRequest() {
      @Override
      public String getPath() {
        throw new IllegalStateException("no path");
      }
    };
    SpanRecord server = HttpServerSpans.start("test", "GET", sampled(), null, null);
    try {
      assertThrows(IllegalStateException.class, () -> SendAdvice.enter(request, scope(request)));
      assertSame(server, CurrentSpan.get(), "the send's span was given up");
    } finally {
      HttpServerSpans.end(server, 200, null);
    }
  }

  private static String sampled() {
    return "00-" + AbstractHttpServerTest.newTraceId() + "-00f067aa0ba902b7-01";
  }

  /** The advice's send span inside a server span that came with {@code traceparent}; both ended. */
  private static SpanRecord sendInside(String traceparent, CountingRequest request) throws Exception {
    SpanRecord server = HttpServerSpans.start("test", "GET", traceparent, null, null);
    try {
      SpanRecord span = SendAdvice.enter(request, scope(request));
      SendAdvice.exit(span, null, null);
      return span;
    } finally {
      HttpServerSpans.end(server, 200, null);
    }
  }

  private static ExecChain.Scope scope(CountingRequest request) {
    ExecRuntime runtime = (ExecRuntime) Proxy.newProxyInstance(AdviceReadsTest.class.getClassLoader(),
        new Class<?>[] {ExecRuntime.class}, (proxy, method, args) -> null);
    return new ExecChain.Scope("ex-1", new HttpRoute(TARGET), request, runtime, HttpClientContext.create());
  }

  /** A request as the client's copy of it is at the send: absolute, its URI built when asked for. */
  private static class CountingRequest extends BasicClassicHttpRequest {
    int urisAsked;

    CountingRequest() {
      super("GET", TARGET, "/items/42?view=full");
    }

    /** With {@code host} null, a request that has no authority of its own. */
    CountingRequest(String scheme, HttpHost host, String path) {
      super("GET", host, path);
      setScheme(scheme);
    }

    @Override
    public URI getUri() throws URISyntaxException {
      urisAsked++;
      return super.getUri();
    }
  }
}
