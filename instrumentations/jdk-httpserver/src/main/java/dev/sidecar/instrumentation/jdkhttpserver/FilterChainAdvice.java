package dev.sidecar.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import java.net.URI;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Filter.Chain.doFilter}: reads the exchange, hands plain values to bootstrap. */
final class FilterChainAdvice {
  private FilterChainAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) HttpExchange exchange) {
    if (!HttpServerSpans.wanted()) {
      return null;
    }
    Headers headers = exchange.getRequestHeaders();
    // The scope name is a literal: inlined advice cannot read constants of its own class.
    SpanRecord span = HttpServerSpans.start("dev.sidecar.java-http-server", exchange.getRequestMethod(),
        headers.getFirst("traceparent"), headers.getFirst("tracestate"), headers.getFirst("baggage"));
    if (span != null) {
      URI uri = exchange.getRequestURI();
      HttpServerSpans.request(span, exchange instanceof HttpsExchange ? "https" : "http",
          uri.getRawPath(), uri.getRawQuery(), headers.getFirst("Host"), exchange.getProtocol(),
          headers.getFirst("User-Agent"), exchange.getRemoteAddress());
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Argument(0) HttpExchange exchange, @Advice.Enter SpanRecord span,
      @Advice.Thrown Throwable thrown) {
    if (span != null) {
      HttpServerSpans.end(span, exchange.getResponseCode(), thrown);
    }
  }
}
