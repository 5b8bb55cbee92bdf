package dev.sidecar.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpHeaderCapture;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import dev.sidecar.bootstrap.http.ServerRequestHeaders;
import dev.sidecar.bootstrap.http.ServerRoutes;
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
    String method = exchange.getRequestMethod();
    // One pass over the headers: each getFirst would copy the name it looks up.
    ServerRequestHeaders found = ServerRequestHeaders.scan(headers);
    // The span starts on what sampling and propagation need. The rest is read for a sampled span
    // only: the exchange makes a new object of the protocol and the peer's address at each call.
    // The scope name is a literal: inlined advice cannot read constants of its own class.
    SpanRecord span = HttpServerSpans.start("dev.sidecar.java-http-server", method,
        found.traceparent(), found.tracestate(), found.baggage());
    if (span == null || !span.sampled()) {
      return span;
    }
    try {
      URI uri = exchange.getRequestURI();
      String scheme = exchange instanceof HttpsExchange ? "https" : "http";
      HttpServerSpans.request(span, scheme, uri.getRawPath(), uri.getRawQuery(), found.host(),
          exchange.getProtocol(), found.userAgent(), exchange.getRemoteAddress());
      HttpServerSpans.forwarded(span, found.forwarded(), found.forwardedFor(), found.forwardedProto(),
          found.forwardedHost());
      // The path the handler's context was created with is the request's route.
      HttpContext context = exchange.getHttpContext();
      if (context != null) {
        HttpServerSpans.serverRoute(span, ServerRoutes.context(context.getPath()));
      }
      String[] captured = HttpHeaderCapture.requestHeaders();
      for (int i = 0; i < captured.length; i++) {
        HttpServerSpans.requestHeader(span, i, headers.getFirst(captured[i]));
      }
    } catch (Throwable t) {
      // A faulty exchange: the span is given up and nothing is left current on this thread; the
      // advice's suppression counts the failure.
      span.closeScope();
      throw t;
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
