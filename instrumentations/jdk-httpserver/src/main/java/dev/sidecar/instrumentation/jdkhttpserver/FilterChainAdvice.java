package dev.sidecar.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpHeaderCapture;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import dev.sidecar.bootstrap.http.ServerRequestHeaders;
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
    // Everything is read from the exchange before the span starts: should a read throw, the
    // exception is suppressed with no span left current on this thread.
    Headers headers = exchange.getRequestHeaders();
    String method = exchange.getRequestMethod();
    URI uri = exchange.getRequestURI();
    String protocol = exchange.getProtocol();
    Object peer = exchange.getRemoteAddress();
    String scheme = exchange instanceof HttpsExchange ? "https" : "http";
    // One pass over the headers: each getFirst would copy the name it looks up.
    ServerRequestHeaders found = ServerRequestHeaders.scan(headers);
    // The scope name is a literal: inlined advice cannot read constants of its own class.
    SpanRecord span = HttpServerSpans.start("dev.sidecar.java-http-server", method,
        found.traceparent(), found.tracestate(), found.baggage());
    if (span != null) {
      HttpServerSpans.request(span, scheme, uri.getRawPath(), uri.getRawQuery(), found.host(), protocol,
          found.userAgent(), peer);
      HttpServerSpans.forwarded(span, found.forwarded(), found.forwardedFor(), found.forwardedProto(),
          found.forwardedHost());
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
      int status = 0;
      try {
        String[] captured = HttpHeaderCapture.responseHeaders();
        for (int i = 0; i < captured.length; i++) {
          HttpServerSpans.responseHeader(span, i, exchange.getResponseHeaders().getFirst(captured[i]));
        }
        status = exchange.getResponseCode();
      } finally {
        // Ends the span (and its scope on this thread) even if reading the exchange threw.
        HttpServerSpans.end(span, status, thrown);
      }
    }
  }
}
