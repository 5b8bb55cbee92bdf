package dev.sidecar.instrumentation.apachehttpclient4;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import java.net.URI;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.ProtocolVersion;
import org.apache.http.StatusLine;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.conn.routing.HttpRoute;

/**
 * Inlined into {@code ProtocolExec.execute} and {@code MinimalClientExec.execute}: the span of one
 * send covers connecting, writing the request and reading the response head. The URL is the
 * application's request's (or the redirect's), which the wrapper's URI no longer is after a first
 * send made it relative; a relative one is completed from the route's target.
 */
final class SendAdvice {
  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) HttpRoute route, @Advice.Argument(1) HttpRequestWrapper request) {
    SpanRecord span = HttpClientSpans.startSend("dev.sidecar.apache-httpclient", request.getMethod());
    if (span == null) {
      return null;
    }
    try {
      // The target is read for a sampled span only, as in the other client libraries' advice.
      if (span.sampled()) {
        HttpRequest original = request.getOriginal();
        URI uri = original instanceof HttpUriRequest ? ((HttpUriRequest) original).getURI() : request.getURI();
        HttpHost target = route.getTargetHost();
        HttpClientSpans.target(span, uri, target.getSchemeName(), target.getHostName(), target.getPort());
      }
      String traceparent = HttpClientSpans.traceparent(span);
      if (traceparent != null) {
        request.setHeader("traceparent", traceparent);
        String tracestate = HttpClientSpans.tracestate(span);
        if (tracestate != null) {
          request.setHeader("tracestate", tracestate);
        } else {
          request.removeHeaders("tracestate");
        }
      }
      String baggage = HttpClientSpans.baggage(span);
      // Baggage the application set itself wins over what came in with the request.
      if (baggage != null && !request.containsHeader("baggage")) {
        request.setHeader("baggage", baggage);
      }
    } catch (Throwable t) {
      // A faulty request: the span is given up and nothing is left current on this thread; the
      // advice's suppression counts the failure.
      span.closeScope();
      throw t;
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter SpanRecord span, @Advice.Return CloseableHttpResponse response,
      @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    if (response == null) {
      HttpClientSpans.end(span, 0, null, thrown);
      return;
    }
    StatusLine status = response.getStatusLine();
    ProtocolVersion version = status.getProtocolVersion();
    HttpClientSpans.end(span, status.getStatusCode(),
        version == null ? null : HttpClientSpans.protocolVersion(version.getMajor(), version.getMinor()), thrown);
  }
}
