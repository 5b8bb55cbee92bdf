package dev.sidecar.instrumentation.apachehttpclient5;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Inlined into {@code ConnectExec.execute}: the span of one send covers connecting, writing the
 * request and reading the response head. By then {@code ProtocolExec} has given the request its
 * scheme and authority, from which, with its path, the span's URL is put together.
 */
final class SendAdvice {
  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) ClassicHttpRequest request, @Advice.Argument(1) ExecChain.Scope scope)
      throws Exception {
    SpanRecord span = HttpClientSpans.startSend("dev.sidecar.apache-httpclient", request.getMethod());
    if (span == null) {
      return null;
    }
    try {
      // The target is read for a sampled span only, and from the request's parts: the client's copy
      // of the request made for this send would build a new URI if asked for one.
      if (span.sampled()) {
        URIAuthority authority = request.getAuthority();
        if (authority != null) {
          HttpClientSpans.requestTarget(span, request.getScheme(), authority.getHostName(), authority.getPort(),
              request.getPath());
        } else {
          HttpHost target = scope.route.getTargetHost();
          HttpClientSpans.target(span, request.getUri(), target.getSchemeName(), target.getHostName(),
              target.getPort());
        }
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
  static void exit(@Advice.Enter SpanRecord span,
      @Advice.Return ClassicHttpResponse response, @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    if (response == null) {
      HttpClientSpans.end(span, 0, null, thrown);
      return;
    }
    ProtocolVersion version = response.getVersion();
    HttpClientSpans.end(span, response.getCode(),
        version == null ? null : HttpClientSpans.protocolVersion(version.getMajor(), version.getMinor()), thrown);
  }
}
