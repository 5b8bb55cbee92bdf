package dev.sidecar.instrumentation.jdkhttpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Filter;
import dev.sidecar.testing.http.AbstractHttpServerTest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the advice reads from an exchange: a span's attributes for a sampled request only. The
 * exchange makes a new object of the protocol and the peer's address at each call, which an
 * unsampled request (its trace decided elsewhere) is spared.
 */
class AdviceReadsTest {
  /** What the server span's attributes are read from, and nothing else asks for. */
  private static final Set<String> ATTRIBUTE_READS = Set.of("getRequestURI", "getProtocol", "getRemoteAddress");

  @Test
  void anUnsampledRequestIsReadForPropagationOnly() throws Exception {
    List<String> reads = serve(traceparent("00"));

    assertTrue(reads.containsAll(List.of("getRequestHeaders", "getRequestMethod")), reads.toString());
    assertEquals(List.of(), reads.stream().filter(ATTRIBUTE_READS::contains).toList());
  }

  @Test
  void aSampledRequestIsReadForItsAttributes() throws Exception {
    List<String> reads = serve(traceparent("01"));

    assertTrue(reads.containsAll(ATTRIBUTE_READS), "every attribute's source: " + reads);
  }

  /** The getters a GET request with {@code traceparent} had called, served through a filter chain. */
  private static List<String> serve(String traceparent) throws IOException {
    StubExchange exchange = new StubExchange("/reads").header("traceparent", traceparent);
    new Filter.Chain(List.of(), ignored -> {}).doFilter(exchange);
    return exchange.reads();
  }

  /** A traceparent of a new trace, sampled or not as {@code flags} say. */
  private static String traceparent(String flags) {
    return "00-" + AbstractHttpServerTest.newTraceId() + "-00f067aa0ba902b7-" + flags;
  }
}
