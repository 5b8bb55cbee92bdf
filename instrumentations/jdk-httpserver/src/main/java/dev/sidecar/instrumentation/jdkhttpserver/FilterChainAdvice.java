package dev.sidecar.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpHeaderCapture;
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
      HttpServerSpans.forwarded(span, headers.getFirst("Forwarded"), headers.getFirst("X-Forwarded-For"),
          headers.getFirst("X-Forwarded-Proto"), headers.getFirst("X-Forwarded-Host"));
      String[] captured = HttpHeaderCapture.requestHeaders();
      for (int i = 0; i < captured.length; i++) {
        HttpServerSpans.requestHeader(span, i, headers.getFirst(captured[i]));
      }
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Argument(0) HttpExchange exchange, @Advice.Enter SpanRecord span,
      @Advice.Thrown Throwable thrown) {
    if (span != null) {
      String[] captured = HttpHeaderCapture.responseHeaders();
      for (int i = 0; i < captured.length; i++) {
        HttpServerSpans.responseHeader(span, i, exchange.getResponseHeaders().getFirst(captured[i]));
      }
      HttpServerSpans.end(span, exchange.getResponseCode(), thrown);
    }
  }
}
